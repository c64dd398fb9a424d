"""Every next-step rule on crafted engagements: it fires on the case it is for, names
where the fix goes, and stays silent otherwise."""

from __future__ import annotations

import datetime as dt

from pcsm_tui.analysis import next_steps as ns
from pcsm_tui.models.adoption import AdoptionActivities, ImpactedGroups, Risks
from pcsm_tui.models.checklists import Challenges, Readiness
from pcsm_tui.models.commitment import Proposal, Raci
from pcsm_tui.models.engagement import Register
from pcsm_tui.models.evaluation import Evaluation, Reporting
from pcsm_tui.models.onboarding import OnboardingScore
from pcsm_tui.models.preparation import EngagementStrategy, Research
from pcsm_tui.models.value import ValueKpis

from .guidehelp import MONTH, TODAY, crafted, month


def test_proposal_unsigned_from_phase_two() -> None:
    assert ns.proposal_unsigned(crafted(Proposal(), phase=1), TODAY) == []
    (step,) = ns.proposal_unsigned(crafted(Proposal(), phase=2), TODAY)
    assert "draft" in step.reason and step.target.tool == "proposal"
    assert step.target.path == ("state",)
    (sent,) = ns.proposal_unsigned(crafted(Proposal(state="sent"), phase=4), TODAY)
    assert "not signed yet" in sent.reason
    signed = Proposal.model_validate(
        {"state": "signed", "csm_signature": {"signed": True}, "spl_signature": {"signed": True}}
    )
    assert ns.proposal_unsigned(crafted(signed, phase=5), TODAY) == []


def _raci(*cells: dict[str, str]) -> Raci:
    return Raci.model_validate(
        {
            "matrices": [
                {
                    "id": "main",
                    "columns": [{"id": c, "title": c.upper()} for c in ("cfo", "cio", "spl")],
                    "activities": [
                        {"id": f"a{n}", "name": f"Task {n}", "cells": cell}
                        for n, cell in enumerate(cells, start=1)
                    ],
                }
            ]
        }
    )


def test_raci_accountable_needs_exactly_one_a() -> None:
    raci = _raci({"cfo": "R/A"}, {"cfo": "R"}, {"cfo": "A", "cio": "R/A"})
    steps = ns.raci_accountable(crafted(raci), TODAY)
    assert [s.target.path for s in steps] == [
        ("matrices", "main", "activities", "a2"),
        ("matrices", "main", "activities", "a3"),
    ]
    assert "no one Accountable" in steps[0].reason and "2 stakeholders" in steps[1].reason


def test_raci_responsible_needs_an_r() -> None:
    raci = _raci({"cfo": "A"}, {"cfo": "R/A"}, {"cfo": "A", "cio": "C"})
    steps = ns.raci_responsible(crafted(raci), TODAY)
    assert [s.target.path[-1] for s in steps] == ["a1", "a3"]
    assert all(s.target.tool == "raci" for s in steps)


KEYS = Register.model_validate(
    {
        "stakeholders": [
            {"id": "cfo", "name": "Jo Bloggs", "job_role": "CFO", "key": True},
            {"id": "hr", "name": "Ann Other", "job_role": "HR Manager", "key": True},
            {"id": "clerk", "name": "Not Key", "key": False},
        ]
    }
)


def test_plan_month_missing_when_this_month_has_no_file() -> None:
    earlier = {"2026-10": month([("cfo", 8, 6, 7)])}
    (step,) = ns.plan_month_missing(crafted(KEYS, phase=2, months=earlier), TODAY)
    assert MONTH in step.reason and "2026-10" in step.reason
    assert step.target.tool == "stakeholder-plan" and step.target.month == "2026-10"
    assert ns.plan_month_missing(crafted(KEYS, phase=1, months=earlier), TODAY) == []
    now = {MONTH: month([("cfo", 8, 6, 7)])}
    assert ns.plan_month_missing(crafted(KEYS, phase=2, months=now), TODAY) == []
    assert ns.plan_month_missing(crafted(phase=2, months=earlier), TODAY) == []  # no key people


def test_plan_rows_missing_names_roles_not_names() -> None:
    now = {MONTH: month([("cfo", 8, 6, 7)], rows=[("A", "cfo")])}
    (step,) = ns.plan_rows_missing(crafted(KEYS, phase=2, months=now), TODAY)
    assert "HR Manager" in step.reason and "Ann Other" not in step.reason
    assert step.target.path == ("rows",) and step.target.month == MONTH
    full = {MONTH: month([], rows=[("A", "cfo"), ("B", "hr")])}
    assert ns.plan_rows_missing(crafted(KEYS, phase=2, months=full), TODAY) == []


def _risks(**fields: object) -> Risks:
    base = {"id": "r1", "name": "ERP late", "likelihood": 4, "severity": 4}
    base.update(fields)
    low = {"id": "r2", "name": "Minor", "likelihood": 1, "severity": 1}
    return Risks.model_validate({"risks": [base, low]})


def test_risk_owner_for_open_high_risks_only() -> None:
    (step,) = ns.risk_owner(crafted(_risks(strategy="x", accountable="CFO")), TODAY)
    assert step.target.path == ("risks", "r1", "responsible") and "score 8" in step.reason
    owned = _risks(responsible="IT", accountable="CFO", strategy="x")
    assert ns.risk_owner(crafted(owned), TODAY) == []
    closed = _risks(state="closed")
    assert ns.risk_owner(crafted(closed), TODAY) == []  # a recovered risk stops counting


def test_risk_strategy_for_open_high_risks() -> None:
    (step,) = ns.risk_strategy(crafted(_risks(responsible="IT")), TODAY)
    assert step.target.path == ("risks", "r1", "strategy")
    assert ns.risk_strategy(crafted(_risks(state="mitigated")), TODAY) == []


def _readiness(
    go_live: dt.date, decisions: tuple[dict[str, object], ...] = (), answered: bool = False
) -> Readiness:
    items = [
        {
            "id": "outcomes-defined",
            "question": "Outcomes?",
            **({"answer": True} if answered else {}),
        },
        {"id": "nothing-outstanding", "question": "Anything left?", "answer": False},
        {"id": "ready-to-go", "question": "Are we ready to go?"},
    ]
    return Readiness.model_validate(
        {
            "checklists": [
                {
                    "id": "phase-1",
                    "title": "Adoption phase 1",
                    "go_live": go_live,
                    "items": items,
                    "decisions": list(decisions),
                }
            ]
        }
    )


def test_readiness_open_near_go_live() -> None:
    soon = _readiness(TODAY + dt.timedelta(days=10))
    (step,) = ns.readiness_open(crafted(soon), TODAY)
    # "anything left? no" is the good answer: only the unanswered outcome item is open
    assert "1 readiness item" in step.reason and "in 10 day" in step.reason
    assert step.target.path == ("checklists", "phase-1", "items", "outcomes-defined")
    assert ns.readiness_open(crafted(_readiness(TODAY + dt.timedelta(days=90))), TODAY) == []
    done = _readiness(TODAY + dt.timedelta(days=10), answered=True)
    assert ns.readiness_open(crafted(done), TODAY) == []
    go = ({"id": "d1", "decision": "go", "date": TODAY},)
    assert ns.readiness_open(crafted(_readiness(TODAY + dt.timedelta(days=3), go)), TODAY) == []


def test_go_live_passed_without_a_go() -> None:
    past = TODAY - dt.timedelta(days=2)
    (step,) = ns.go_live_undecided(crafted(_readiness(past)), TODAY)
    assert "no decision" in step.reason and step.target.path[-1] == "go_live"
    no_go = ({"id": "d1", "decision": "no-go", "date": past},)
    (again,) = ns.go_live_undecided(crafted(_readiness(past, no_go)), TODAY)
    assert "no-go" in again.reason
    go = ({"id": "d1", "decision": "go", "date": past},)
    assert ns.go_live_undecided(crafted(_readiness(past, go)), TODAY) == []


def test_overdue_strategy_activities_and_challenges() -> None:
    strategy = EngagementStrategy.model_validate(
        {
            "activities": [
                {
                    "id": "late",
                    "phase": 1,
                    "name": "Roadmap",
                    "planned_end": TODAY - dt.timedelta(days=1),
                },
                {
                    "id": "done",
                    "phase": 1,
                    "name": "Done",
                    "planned_end": TODAY - dt.timedelta(days=9),
                    "completed": True,
                },
                {"id": "later", "phase": 1, "name": "Later", "planned_end": TODAY},
            ]
        }
    )
    challenges = Challenges.model_validate(
        {
            "challenges": [
                {
                    "id": "c1",
                    "challenge": "Leasing option",
                    "deadline": TODAY - dt.timedelta(days=3),
                }
            ]
        }
    )
    steps = ns.overdue(crafted(strategy, challenges), TODAY)
    assert [s.rule for s in steps] == ["strategy-activity-overdue", "challenge-overdue"]
    assert steps[0].target.path == ("activities", "late", "completed")
    assert steps[1].target.tool == "challenges"


def test_reports_due_soon_or_overdue() -> None:
    reporting = Reporting.model_validate(
        {
            "reports": [
                {"id": "late", "report": "Q3", "due": TODAY - dt.timedelta(days=1)},
                {
                    "id": "soon",
                    "report": "Monthly",
                    "audience": "SPL",
                    "due": TODAY + dt.timedelta(days=5),
                },
                {"id": "far", "report": "Q4", "due": TODAY + dt.timedelta(days=40)},
                {"id": "sent", "report": "Q2", "due": TODAY, "delivered": True},
            ]
        }
    )
    steps = ns.reports_due(crafted(reporting), TODAY)
    assert [s.target.path[1] for s in steps] == ["late", "soon"]
    assert "was due" in steps[0].reason and "for SPL is due" in steps[1].reason


def test_research_gaps_still_open() -> None:
    research = Research.model_validate(
        {
            "gaps": [
                {"id": "g1", "kind": "assumption", "text": "Budget is approved"},
                {"id": "g2", "text": "Who signs?", "resolved": True},
            ]
        }
    )
    assert ns.research_gaps(crafted(research, phase=1), TODAY) == []
    (step,) = ns.research_gaps(crafted(research, phase=3), TODAY)
    assert "1 information gap" in step.reason and step.target.path == ("gaps", "g1", "resolved")


def test_evaluation_missing_after_value_realization() -> None:
    assert ns.evaluation_missing(crafted(phase=6), TODAY) == []
    (step,) = ns.evaluation_missing(crafted(phase=7), TODAY)
    assert step.target.tool == "evaluation"
    started = Evaluation.model_validate(
        {"entries": [{"id": "e1", "category": "lessons-learned", "text": "x"}]}
    )
    assert ns.evaluation_missing(crafted(started, phase=7), TODAY) == []


def test_onboarding_score_expected_from_phase_three() -> None:
    assert ns.onboarding_unscored(crafted(phase=2), TODAY) == []
    (step,) = ns.onboarding_unscored(crafted(phase=3), TODAY)
    assert step.target.tool == "onboarding-score"
    assert ns.onboarding_unscored(crafted(OnboardingScore(customization=2), phase=3), TODAY) == []


def test_impacted_groups_without_adoption_activities() -> None:
    groups = ImpactedGroups.model_validate(
        {"groups": [{"id": "ig1", "name": "Call centre"}, {"id": "ig2", "name": "Planners"}]}
    )
    planned = AdoptionActivities.model_validate({"activities": [{"id": "a1", "group": "ig1"}]})
    assert ns.groups_without_activities(crafted(groups, planned, phase=3), TODAY) == []
    (step,) = ns.groups_without_activities(crafted(groups, planned, phase=4), TODAY)
    assert "Planners" in step.reason and step.target.tool == "adoption-activities"


def _kpis(value: float, on: dt.date, **kpi: object) -> ValueKpis:
    base: dict[str, object] = {
        "id": "k1",
        "kpi": "Orders in the new system",
        "unit": "%",
        "baseline": 0,
        "target": 100,
        "start": dt.date(2026, 9, 1),
        "due": dt.date(2026, 12, 31),
    }
    base.update(kpi)
    return ValueKpis.model_validate(
        {"kpis": [base], "measurements": [{"id": "m1", "kpi": "k1", "date": on, "value": value}]}
    )


def test_kpis_missing_in_value_realization() -> None:
    assert ns.kpis_missing(crafted(phase=5), TODAY) == []
    (step,) = ns.kpis_missing(crafted(phase=6), TODAY)
    assert step.target.tool == "value-kpis"
    assert ns.kpis_missing(crafted(_kpis(10, TODAY), phase=6), TODAY) == []


def test_kpis_off_track_behind_the_path_or_missed() -> None:
    # 82 days of 121 gone: about 68 expected; 40 is behind, 65 within the tolerance
    (step,) = ns.kpis_off_track(crafted(_kpis(40, TODAY)), TODAY)
    assert "behind" in step.reason and step.target.path == ("kpis", "k1")
    assert ns.kpis_off_track(crafted(_kpis(65, TODAY)), TODAY) == []
    late = dt.date(2027, 1, 15)
    (missed,) = ns.kpis_off_track(crafted(_kpis(90, TODAY)), late)
    assert "target missed" in missed.reason
    down = _kpis(33, TODAY, baseline=38, target=25, direction="down")
    (slow,) = ns.kpis_off_track(crafted(down), TODAY)
    assert "behind" in slow.reason


def test_kpis_unmeasured_for_too_long() -> None:
    old = _kpis(50, TODAY - dt.timedelta(days=60))
    (step,) = ns.kpis_unmeasured(crafted(old), TODAY)
    assert "since" in step.reason and step.target.tool == "value-kpis"
    assert ns.kpis_unmeasured(crafted(_kpis(50, TODAY - dt.timedelta(days=10))), TODAY) == []


def test_every_rule_is_listed_and_a_closed_engagement_has_none() -> None:
    assert len(set(ns.RULES)) == len(ns.RULES) == 18
    view = crafted(Proposal(), phase=7)
    assert ns.next_steps(view, TODAY)
    closed = crafted(Proposal(), phase=7)
    files = dict(closed.files)
    files["engagement"] = files["engagement"].model_copy(update={"status": "closed"})
    from dataclasses import replace

    assert ns.next_steps(replace(closed, files=files), TODAY) == []


def test_untouched_raci_rows_are_one_step() -> None:
    """A new engagement's standard rows nobody has touched are one step (not two a row);
    a row someone started keeps its own steps."""
    raci = _raci({}, {}, {"cfo": "C"}, {})
    accountable = ns.raci_accountable(crafted(raci), TODAY)
    assert [s.reason for s in accountable] == [
        "RACI 'RACI matrix': 3 activities have nobody assigned yet: give each one"
        " Accountable (A) and at least one Responsible (R).",
        "RACI 'RACI matrix': activity 'Task 3' has no one Accountable (A): give exactly one"
        " stakeholder the A.",
    ]
    assert accountable[0].target.path == ("matrices", "main", "activities", "a1")
    assert [s.target.path[-1] for s in ns.raci_responsible(crafted(raci), TODAY)] == ["a3"]
