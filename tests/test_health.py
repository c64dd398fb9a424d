"""Every health rule on crafted engagements, the level thresholds, and tuning by data."""

from __future__ import annotations

import datetime as dt

from pcsm_tui.analysis import health as h
from pcsm_tui.analysis.attention import support_trend
from pcsm_tui.framework import default_framework
from pcsm_tui.models.adoption import Risks
from pcsm_tui.models.checklists import Challenges, Readiness
from pcsm_tui.models.commitment import Proposal
from pcsm_tui.models.engagement import Register
from pcsm_tui.models.evaluation import Reporting
from pcsm_tui.models.onboarding import OnboardingScore
from pcsm_tui.models.preparation import EngagementStrategy
from pcsm_tui.models.value import ValueKpis

from .guidehelp import TODAY, crafted, month


def _inputs(*models, phase: int = 1, months=None, last=None) -> h.Inputs:
    return h.Inputs(crafted(*models, phase=phase, months=months), TODAY, last)


def test_overdue_items_count_up_to_the_cap() -> None:
    late = TODAY - dt.timedelta(days=1)
    strategy = EngagementStrategy.model_validate(
        {
            "activities": [
                {"id": f"a{n}", "phase": 1, "name": f"A{n}", "planned_end": late} for n in range(5)
            ]
        }
    )
    reason = h.overdue(_inputs(strategy))
    assert reason is not None and reason.points == 3 and reason.text.startswith("5 overdue")
    reporting = Reporting.model_validate({"reports": [{"id": "r", "report": "Q3", "due": late}]})
    one = h.overdue(_inputs(reporting))
    assert one is not None and one.points == 1 and "report 'Q3'" in one.text
    assert h.overdue(_inputs(Challenges())) is None


def test_open_high_risks_and_states() -> None:
    risks = Risks.model_validate(
        {
            "risks": [
                {"id": "a", "name": "A", "likelihood": 4, "severity": 4},
                {"id": "b", "name": "B", "likelihood": 4, "severity": 3},
                {"id": "c", "name": "C", "likelihood": 5, "severity": 5, "state": "closed"},
                {"id": "d", "name": "D", "likelihood": 5, "severity": 4, "state": "mitigated"},
                {"id": "e", "name": "E", "likelihood": 3, "severity": 3},
            ]
        }
    )
    reason = h.high_risks(_inputs(risks))
    assert reason is not None and reason.points == 4 and reason.text.startswith("2 open high")
    assert "C" not in reason.text.split(":")[1]


def _readiness(**copy: object) -> Readiness:
    base: dict[str, object] = {
        "id": "p1",
        "title": "Adoption phase 1",
        "items": [{"id": "outcomes-defined", "question": "Outcomes?"}],
    }
    base.update(copy)
    return Readiness.model_validate({"checklists": [base]})


def test_no_go_not_ready_and_go_live_passed() -> None:
    no_go = _readiness(decisions=[{"id": "d", "decision": "no-go", "date": TODAY}])
    reason = h.no_go(_inputs(no_go))
    assert reason is not None and reason.points == 3
    soon = _readiness(go_live=TODAY + dt.timedelta(days=5))
    not_ready = h.not_ready(_inputs(soon))
    assert not_ready is not None and "1 open" in not_ready.text
    assert h.not_ready(_inputs(_readiness(go_live=TODAY + dt.timedelta(days=40)))) is None
    passed = h.go_live_passed(_inputs(_readiness(go_live=TODAY - dt.timedelta(days=1))))
    assert passed is not None and passed.points == 2
    went = _readiness(
        go_live=TODAY - dt.timedelta(days=1),
        decisions=[{"id": "d", "decision": "go", "date": TODAY - dt.timedelta(days=3)}],
    )
    assert h.go_live_passed(_inputs(went)) is None and h.no_go(_inputs(went)) is None


KEY = Register.model_validate(
    {"stakeholders": [{"id": s, "name": s.upper(), "key": True} for s in ("a", "b")]}
)


def test_support_trend_falling_and_low() -> None:
    months = {
        "2026-08": month([("a", 5, 5, 8), ("b", 5, 5, 8)]),
        "2026-09": month([("a", 5, 5, 6), ("b", 5, 5, 7), ("not-key", 5, 5, 0)]),
        "2026-10": month([("a", 5, 5, 3), ("b", 5, 5, 4)]),
    }
    view = crafted(KEY, months=months)
    assert support_trend(view, 6) == (8.0, 6.5, 3.5)
    assert support_trend(view, 2) == (6.5, 3.5)
    falling = h.support_falling(_inputs(KEY, months=months))
    assert falling is not None and "from 8 to 3.5" in falling.text
    low = h.support_low(_inputs(KEY, months=months))
    assert low is not None and low.points == 2
    steady = {"2026-09": month([("a", 5, 5, 7)]), "2026-10": month([("a", 5, 5, 7)])}
    assert h.support_falling(_inputs(KEY, months=steady)) is None
    assert h.support_low(_inputs(KEY, months=steady)) is None


def test_proposal_unsigned_from_phase_three() -> None:
    assert h.proposal_unsigned(_inputs(Proposal(), phase=2)) is None
    reason = h.proposal_unsigned(_inputs(Proposal(state="sent"), phase=3))
    assert reason is not None and "sent, not signed, in phase 3" in reason.text


def test_complex_onboarding_band() -> None:
    score = OnboardingScore(
        products_services=4, customization=4, adoption_needs=3, customer_maturity=2
    )
    reason = h.complex_onboarding(_inputs(score))
    assert reason is not None and "Fairly Complex (13 of 20)" in reason.text
    assert h.complex_onboarding(_inputs(OnboardingScore(customization=3))) is None


def test_kpis_behind_count() -> None:
    kpis = ValueKpis.model_validate(
        {
            "kpis": [
                {
                    "id": "k",
                    "kpi": "Adoption",
                    "baseline": 0,
                    "target": 100,
                    "start": dt.date(2026, 9, 1),
                    "due": dt.date(2026, 12, 31),
                },
                {"id": "j", "kpi": "Tickets", "target": 10},
            ],
            "measurements": [{"id": "m", "kpi": "k", "date": TODAY, "value": 20}],
        }
    )
    reason = h.kpis_behind(_inputs(kpis))
    assert reason is not None and reason.points == 2 and "Adoption (behind)" in reason.text


def test_stale_needs_the_last_change() -> None:
    assert h.stale(_inputs()) is None
    assert h.stale(_inputs(last=TODAY - dt.timedelta(days=5))) is None
    reason = h.stale(_inputs(last=TODAY - dt.timedelta(days=45)))
    assert reason is not None and "45 days" in reason.text


def test_levels_and_folding_in_the_last_change() -> None:
    rules = default_framework().health
    assert [h.level_for(p, rules) for p in (0, 1, 2, 4, 5, 9)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
        "red",
    ]
    health = h.assess(crafted(Proposal(state="sent"), phase=3), TODAY)
    assert health.level == "amber" and health.points == 2
    assert health.lines() == ["the success proposal is sent, not signed, in phase 3 (+2)"]
    later = h.with_last_change(health, TODAY - dt.timedelta(days=60), TODAY, rules)
    assert later.points == 3 and later.reasons[-1].rule == "stale"
    assert h.with_last_change(later, TODAY - dt.timedelta(days=60), TODAY, rules) == later
    assert h.assess(crafted(phase=1), TODAY) == h.Health("green", 0, ())


def test_weights_and_thresholds_come_from_the_framework_data() -> None:
    from pcsm_tui.framework.customize import FrameworkCustomization, apply_customization

    custom = FrameworkCustomization.model_validate(
        {"health": {"unsigned_proposal": 6, "red_at": 6, "amber_at": 3}}
    )
    framework = apply_customization(default_framework(), custom)
    view = crafted(Proposal(), phase=3, framework=framework)
    assert h.assess(view, TODAY).level == "red"
    assert h.assess(crafted(Proposal(), phase=3), TODAY).level == "amber"
