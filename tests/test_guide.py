"""The guide end to end on the demo: the worked example's strategies, a team's thresholds,
`pcsm guide` for scripts, go/no-go decisions, moving on, and the portfolio's health."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.framework.customize import FrameworkCustomization
from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import Repository

from .conftest import git

TODAY = dt.date(2026, 11, 22)
NORTHWIND = "northwind-emea"
MAY = "engagements/northwind-emea/stakeholder-plan/2026-05.toml"


def _only_may(root: Path) -> None:
    """Leave the worked example's first month as the latest (the suggestions' month)."""
    for path in (root / "engagements" / NORTHWIND / "stakeholder-plan").glob("*.toml"):
        if path.name != "2026-05.toml":
            path.unlink()


def _groups(root: Path) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for s in Workspace(root, TODAY).strategy_suggestions(NORTHWIND):
        groups.setdefault(s.strategy, set()).add(s.role)
    return groups


def test_suggestions_reproduce_the_worked_example(demo_copy: Path) -> None:
    _only_may(demo_copy)
    assert _groups(demo_copy) == {
        "A": {"CFO", "Operations Management Team", "SPL (EMEA Director of Operations)"},
        "B": {"HR Manager", "Head of Security"},
        "C": {
            "EMEA Director of Finance",
            "VP for Global Operations",
            "EMEA Director of IT Systems",
            "Network Management Team",
        },
        "D": {"SPL (EMEA Director of Operations)", "Network Management Team"},
    }
    suggestions = Workspace(demo_copy, TODAY).strategy_suggestions(NORTHWIND)
    assert all(s.follows for s in suggestions), "the example month follows every suggestion"


def test_a_teams_threshold_in_framework_toml_changes_the_suggestions(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _only_may(demo_copy)
    (demo_copy / "framework.toml").write_text(
        "format_version = 1\n\n[strategy_rules]\nhigh_authority = 7\nhigh_interest = 7\n"
    )
    assert main(["guide", NORTHWIND, "--format", "json", "--repo", str(demo_copy)]) == 0
    suggestions = json.loads(capsys.readouterr().out)["suggestions"]
    closely = {s["stakeholder"] for s in suggestions if s["rule"] == "manage-closely"}
    assert closely == set()  # 8/6, 7/6 and 6/8 no longer reach 7 and 7
    spl = {s["rule"] for s in suggestions if s["stakeholder"] == "emea-operations-director"}
    assert spl == {"monitor-inform", "evangelist"}
    not_followed = [s for s in suggestions if not s["follows"]]
    assert {s["stakeholder"] for s in not_followed} == {
        "cfo",
        "operations-management-team",
        "emea-operations-director",
    }  # C (monitor and inform) now, which the month does not give them
    assert all(s["rule"] == "monitor-inform" for s in not_followed)


def test_an_unknown_rule_key_is_refused_with_the_known_keys() -> None:
    with pytest.raises(ValueError, match=r"unknown key.*high_authorty.*high_authority"):
        FrameworkCustomization.model_validate({"strategy_rules": {"high_authorty": 7}})
    with pytest.raises(ValueError, match="less than or equal to 10"):
        FrameworkCustomization.model_validate({"strategy_rules": {"high_authority": 11}})


def test_guide_json_for_scripts(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", NORTHWIND, "--format", "json", "--repo", str(demo_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"phase", "progress", "next_steps", "health", "suggestions"} <= set(data)
    assert data["phase"]["number"] == 6 and data["phase"]["overview"]
    assert data["progress"]["total"] == 13 and data["progress"]["tools"]
    assert data["health"]["level"] in ("green", "amber", "red") and data["health"]["reasons"]
    assert len(data["health"]["support_trend"]) == 6
    step = data["next_steps"][0]
    assert set(step) == {"rule", "reason", "target"} and step["target"]["engagement"] == NORTHWIND
    one = data["suggestions"][0]
    assert {"stakeholder", "strategy", "follows"} <= set(one)
    assert [g["decision"] for g in data["go"]][:2] == ["go", "not-yet"]
    assert {k["kpi"] for k in data["kpis"]} == {
        "orders-in-orderflow",
        "order-to-delivery",
        "rework-rate",
    }


def test_guide_text_and_exit_codes(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", NORTHWIND, "--repo", str(demo_dir)]) == 0
    out = capsys.readouterr().out
    assert "phase 6 Value Realization" in out and "Next steps" in out and "Health:" in out
    assert main(["guide", "contoso-retail", "--repo", str(demo_dir), "--fail-on", "red"]) == 0
    assert main(["guide", NORTHWIND, "--repo", str(demo_dir), "--fail-on", "amber"]) == 1
    capsys.readouterr()
    assert main(["guide", "nobody", "--repo", str(demo_dir)]) == 2
    assert "no engagement 'nobody'" in capsys.readouterr().err
    assert main(["guide", "../etc", "--repo", str(demo_dir)]) == 2


def test_go_decision_records_open_items_and_keeps_the_decider_out_of_the_message(
    demo_copy: Path,
) -> None:
    workspace = Workspace(demo_copy, TODAY)
    result = workspace.decide_go(NORTHWIND, "phase-2", "no-go", decided_by="Sue Saunders (SPL)")
    assert result.subject == "northwind-emea: readiness: Adoption phase 2: decided no-go"
    message = git(demo_copy, "log", "-1", "--format=%B")
    assert "Saunders" not in message
    states = {g.checklist: g for g in workspace.guide(NORTHWIND).go}
    decision = states["phase-2"].decision
    assert decision is not None and decision.decision == "no-go" and decision.date == TODAY
    assert len(decision.open_items) == 14 and "ready-to-go" not in decision.open_items
    health = workspace.health(NORTHWIND)
    assert any(r.rule == "no-go" for r in health.reasons)
    with pytest.raises(ValueError, match="no readiness checklist 'phase-9'"):
        workspace.decide_go(NORTHWIND, "phase-9", "go")


def test_moving_to_the_next_phase_shows_what_is_open_first(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy, TODAY)
    check = workspace.advance_check("contoso-retail")
    assert check.phase == 2 and check.next_phase == 3 and not check.clear
    assert {a.id for a in check.unticked} == {"p2-09", "p2-11"}
    assert "proposal-unsigned" in {s.rule for s in check.steps}
    result = workspace.advance_phase("contoso-retail")
    assert result.subject == "contoso-retail: engagement: moved to phase 3 Onboarding"
    assert workspace.phase_guide("contoso-retail").number == 3
    with pytest.raises(ValueError, match="no phase 8"):
        workspace.advance_phase(NORTHWIND, 8)


def test_portfolio_rows_carry_health_trend_and_go(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy, TODAY)
    rows = {row.slug: row for row in workspace.portfolio()}
    northwind = rows[NORTHWIND]
    assert northwind.health == workspace.health(NORTHWIND).level
    assert len(northwind.support_trend) == 6 and northwind.support_trend[-1] == 8.0
    assert northwind.go == "Adoption phase 2: not yet (2026-11-13)"
    assert northwind.high_risks == 2  # the closed and the mitigated risks no longer count
    again = {row.slug: row for row in Workspace(demo_copy, TODAY).portfolio()}
    assert again == rows  # from the row cache, tuples and all
    later = Workspace(demo_copy, dt.date(2027, 3, 1))
    stale = later.portfolio_health(later.portfolio(), later.last_changes())
    assert any(
        "no change recorded" in r for r in {x.slug: x for x in stale}[NORTHWIND].health_reasons
    )


def test_a_new_plan_month_reads_the_row_again(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy, TODAY)
    before = {row.slug: row for row in workspace.portfolio()}[NORTHWIND].support_trend
    folder = demo_copy / "engagements" / NORTHWIND / "stakeholder-plan"
    text = (folder / "2026-10.toml").read_text()
    (folder / "2026-11.toml").write_text(
        text.replace("support = 8", "support = 2").replace("support = 9", "support = 2")
    )
    after = {row.slug: row for row in Workspace(demo_copy, TODAY).portfolio()}[NORTHWIND]
    assert after.support_trend[:-1] == before[1:] and after.support_trend[-1] < 5
    assert any("support" in r for r in after.health_reasons)


def test_the_summary_shows_health_and_why(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = demo_dir.parent / "summary-copy"
    if not copy.exists():
        shutil.copytree(demo_dir, copy, symlinks=True)
    assert main([str(copy)]) == 0  # not a terminal: the summary
    out = capsys.readouterr().out
    assert "health" in out.splitlines()[3]
    assert "northwind-emea is " in out and "open high risk" in out


def test_the_readme_framework_example_validates_and_applies(repo: Repository) -> None:
    """The README's framework.toml example is what a team copies: it must be valid."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Customizing the framework") :]
    start = section.index("```toml\n") + len("```toml\n")
    example = section[start : section.index("\n```", start)]
    (repo.root / "framework.toml").write_text(example + "\n", encoding="utf-8")
    opened = Repository.open(repo.root)
    assert opened.unreadable_settings() == []
    framework = opened.framework
    assert framework.strategy_rules.high_authority == 7 and framework.health.red_at == 6
    assert framework.guide.go_live_days == 21
    assert framework.phase(6).overview.startswith("Our own words")
    activities = {a.id: a for a in framework.phase(4).activities}
    assert "p4-12" not in activities and activities["p4-11"].tools == ("risks", "barriers")
    assert activities["team-p4-01"].tools == ("adoption-activities",)


def test_guide_changes_are_steps_of_session_undo(demo_copy: Path) -> None:
    """Moving on, a go/no-go decision and a recorded report are each one undoable step."""
    workspace = Workspace(demo_copy, TODAY)
    readiness = demo_copy / "engagements" / NORTHWIND / "readiness.toml"
    engagement = demo_copy / "engagements" / "contoso-retail" / "engagement.toml"
    reporting = demo_copy / "engagements" / NORTHWIND / "reporting.toml"
    before = [p.read_bytes() for p in (readiness, engagement, reporting)]
    workspace.advance_phase("contoso-retail")
    workspace.decide_go(NORTHWIND, "phase-2", "no-go")
    workspace.record_report(NORTHWIND, "Milestone report", audience="the SPL")
    for _ in range(3):
        workspace.undo()
    assert [p.read_bytes() for p in (readiness, engagement, reporting)] == before
