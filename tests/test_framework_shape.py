"""A framework the team shapes (framework.toml): a phase removed, a band renamed, a threshold
changed, a readiness item added, a RACI definition changed, support on -5..+5. Honoured by
`pcsm framework show`, validate, guidance, exports and the app; engagement data never
rewritten; a bad framework.toml named with its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pydantic import ValidationError

from pcsm_tui.framework import default_framework, load_framework
from pcsm_tui.framework.customize import FrameworkCustomization
from pcsm_tui.framework.effective import compare
from pcsm_tui.models.commitment import StakeholderPlanMonth
from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.validate import validate_repository
from pcsm_tui.ui.screens.framework import FrameworkScreen
from pcsm_tui.ui.screens.wheel import Wheel

from .apphelp import TODAY, WIDE, make_app, settle, text_of
from .conftest import git
from .helpers import commits, run_cli, toml_digests

SHAPED = """format_version = 1

[phases]
remove = [6]
rename = { "3" = "Kick-off" }

[scales]
support = "-5..+5"

[strategy_rules]
high_authority = 7

[items.onboarding_bands]
rename = { "straightforward" = "Light touch" }

[[items.readiness_questions.add]]
id = "security-signed-off"
text = "Has the customer's security team signed off?"

[items.raci_roles.change.C]
definition = "Asked before the decision, by the Responsible."
"""


@pytest.fixture
def shaped(demo_copy: Path) -> Path:
    """The demo with the shaped framework committed (its pcsm.toml keeps support on 0..10,
    which wins over the framework's: the support scale is tested on its own below)."""
    (demo_copy / "framework.toml").write_text(SHAPED, encoding="utf-8")
    git(demo_copy, "add", "-A")
    git(demo_copy, "commit", "-qm", "our framework")
    return demo_copy


def test_framework_show_marks_what_the_team_changed(
    shaped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "framework", "show", "--changed", "--repo", str(shaped))
    assert code == 0, err
    assert " - 6: Value Realization" in out
    assert " * 3: Kick-off" in out
    assert " * straightforward: Light touch (6..10)" in out
    assert " + security-signed-off: Has the customer's security team signed off?" in out
    assert " * high_authority: 7\n     default: 6" in out
    assert " * support: -5..+5" in out
    assert "definition: Asked for input" in out
    assert " - p6-01:" in out and "p5-01" not in out  # only the changes
    code, out, _ = run_cli(capsys, "framework", "show", "--format", "json", "--repo", str(shaped))
    found = json.loads(out)
    assert found["customized"] and not found["problems"]
    phases = next(s for s in found["sections"] if s["key"] == "phases")
    assert [(e["id"], e["status"]) for e in phases["entries"]][-2:] == [
        ("7", "default"),
        ("6", "removed"),
    ]


def test_an_unchanged_framework_shows_nothing_changed() -> None:
    framework = default_framework()
    assert all(s.changed == 0 for s in compare(framework, framework))


def test_the_framework_is_honoured_and_no_engagement_file_rewritten(shaped: Path) -> None:
    before = toml_digests(shaped)
    workspace = Workspace(shaped, today=TODAY)
    framework = workspace.framework
    assert [p.number for p in framework.phases] == [1, 2, 3, 4, 5, 7]
    assert framework.phase(3).name == "Kick-off"
    assert framework.band_for(8) is not None and framework.band_for(8).name == "Light touch"  # type: ignore[union-attr]
    assert framework.strategy_rules.high_authority == 7
    assert framework.readiness_questions[-1].id == "security-signed-off"
    assert str(framework.scale("support")) == "-5..+5"  # pcsm.toml's 0..10 applies here
    guide = workspace.guide("northwind-emea")  # in the removed phase: shown, never failing
    assert guide.phase.name == "(removed from the framework)" and not guide.phase.activities
    assert workspace.guide("fabrikam-health").phase.number == 4
    check = workspace.advance_check("fabrikam-health")
    assert check.phase == 4
    # phase 5, then 7: phase 6 is skipped
    assert workspace.advance_phase("fabrikam-health", 5).sha
    assert workspace.advance_check("fabrikam-health").next_phase == 7
    assert [f"{p.number}" for p in framework.phases if p.number > 5] == ["7"]
    findings = [str(f) for f in validate_repository(shaped)]
    assert (
        "engagements/northwind-emea/engagement.toml:10:1: warning: current phase 6 is a phase "
        "which the team's framework.toml removed: move the engagement to a phase the team uses"
    ) in findings
    assert any("evaluation.toml" in f and "phase 6 is a phase" in f for f in findings)
    assert any("activities_done.p6-01" in f for f in findings)
    after = toml_digests(shaped)
    changed = {rel for rel in before if before[rel] != after.get(rel)}
    assert changed == {"engagements/fabrikam-health/engagement.toml"}  # only the advance


def test_exports_leave_out_the_removed_phase(shaped: Path, tmp_path: Path) -> None:
    workspace = Workspace(shaped, today=TODAY)
    path = tmp_path / "northwind.xlsx"
    workspace.export_workbook("northwind-emea", path)
    sheets = load_workbook(path).sheetnames
    assert "Phase 5 Adoption Implementation" in sheets and "Phase 3 Kick-off" in sheets
    assert not [s for s in sheets if s.startswith("Phase 6")]
    assert "Value Realization" not in " ".join(sheets)


async def test_the_wheel_shows_the_teams_phases(shaped: Path) -> None:
    app = make_app(shaped, engagement="northwind-emea")  # in the removed phase 6
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        wheel = app.screen.query_one(Wheel)
        labels = []
        phases = []
        stack = [wheel.root]
        while stack:
            node = stack.pop()
            labels.append(str(node.label))
            if node.data and node.data[0] == "phase":
                phases.append(node.data[1])
            stack.extend(node.children)
        assert sorted(phases) == [1, 2, 3, 4, 5, 7]
        assert any("3 Kick-off" in label for label in labels)
        assert not any("Value Realization" in label for label in labels)
        assert any("5 Adoption Implementation" in label for label in labels)
        assert "phase 6 (removed from the framework)" in str(app.screen.sub_title)
        assert app.is_running


def test_support_on_minus_five_to_plus_five(repo: Repository) -> None:
    """A repository whose pcsm.toml leaves the scales to the framework: -5..+5 applies,
    -4 is a support value, 7 no longer is (and validate lists the file, never changes it)."""
    (repo.root / "framework.toml").write_text(SHAPED, encoding="utf-8")
    fresh = Repository.open(repo.root)
    assert str(fresh.scales()["support"]) == "-5..+5"
    row = {"id": "a", "stakeholder": "s", "authority": 5, "interest": 5, "support": -4}
    month: dict[str, list[dict[str, object]]] = {"assessments": [row]}
    assert StakeholderPlanMonth.model_validate(month, context=fresh.context())
    month["assessments"][0]["support"] = 7
    with pytest.raises(ValidationError, match=r"outside the support scale -5\.\.\+5"):
        StakeholderPlanMonth.model_validate(month, context=fresh.context())


BAD = [
    ("[phases]\nremove = [9]\n", "framework.toml:2:1", "phases.remove: unknown id(s) '9'"),
    (
        '[items.onboarding_bands.change.simple]\ncolour = "green"\n',
        "framework.toml:2:1",
        "unknown field(s) colour",
    ),
    (
        '[phases]\nrename = { "6" = "Value" }\nremove = [6]\n',
        "framework.toml:2:",
        "phases.rename: unknown id(s) '6'",
    ),
]


@pytest.mark.parametrize(("text", "where", "what"), BAD)
def test_a_bad_framework_toml_is_named_with_its_line(
    repo_dir_with: Path, capsys: pytest.CaptureFixture[str], text: str, where: str, what: str
) -> None:
    (repo_dir_with / "framework.toml").write_text(text, encoding="utf-8")
    findings = [str(f) for f in validate_repository(repo_dir_with)]
    assert len(findings) == 1 and findings[0].startswith(where) and what in findings[0]
    code, _, err = run_cli(capsys, "framework", "show", "--repo", str(repo_dir_with))
    assert code == 1 and f"pcsm: {where}" in err and what in err


@pytest.fixture
def repo_dir_with(repo: Repository) -> Path:
    return repo.root


def test_starting_the_app_with_a_bad_framework_commits_nothing(repo_dir_with: Path) -> None:
    (repo_dir_with / "framework.toml").write_text("[phases]\nremove = [9]\n", encoding="utf-8")
    before = commits(repo_dir_with)
    workspace = Workspace(repo_dir_with, today=TODAY)
    problems = workspace.framework_view().problems
    assert problems and problems[0].startswith("framework.toml:2:1: phases.remove")
    assert commits(repo_dir_with) == before


def test_the_portfolio_reads_the_teams_bands_and_phases(shaped: Path) -> None:
    """The portfolio's fast path (framework/facts.py, no pydantic) agrees with the framework."""
    rows = {row.slug: row for row in Workspace(shaped, today=TODAY).portfolio()}
    assert rows["fabrikam-health"].band == "Light touch"
    assert rows["northwind-emea"].phase_name == "(removed from the framework)"
    assert rows["contoso-retail"].phase_name == "Commitment"


async def test_the_framework_screen_from_the_palette(shaped: Path) -> None:
    app = make_app(shaped)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Framework: what")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FrameworkScreen)
        shown = text_of(app, "#framework-text")
        assert " - 6: Value Realization" in shown and " * straightforward: Light touch" in shown
        assert "p5-01" not in shown  # only the changes at first
        await pilot.press("c")
        await settle(pilot)
        assert "p5-01" in text_of(app, "#framework-text")


IDS = [i.id for i in default_framework().practical_considerations]


@settings(max_examples=40, deadline=None)
@given(
    removed=st.sets(st.sampled_from(IDS), max_size=len(IDS) - 1),
    renamed=st.dictionaries(st.sampled_from(IDS), st.text(min_size=1, max_size=20)),
)
def test_framework_show_marks_exactly_what_was_changed(
    removed: set[str], renamed: dict[str, str]
) -> None:
    """Whatever a team removes and renames, show marks those entries and no others."""
    custom = FrameworkCustomization.model_validate(
        {
            "items": {
                "practical_considerations": {
                    "remove": sorted(removed),
                    "rename": {k: v for k, v in renamed.items() if k not in removed},
                }
            }
        }
    )
    sections = {s.key: s for s in compare(default_framework(), load_framework(custom))}
    entries = sections["practical_considerations"].entries
    default_names = {i.id: i.text for i in default_framework().practical_considerations}
    really_renamed = {k for k, v in renamed.items() if k not in removed and v != default_names[k]}
    assert {e.key for e in entries if e.status == "removed"} == removed
    assert {e.key for e in entries if e.status == "changed"} == really_renamed
    assert sorted(e.key for e in entries) == sorted(IDS)
    others = [s for key, s in sections.items() if key != "practical_considerations"]
    assert all(s.changed == 0 for s in others)
