"""What to do next on an engagement, computed from its data only.

One small rule per check. Each reads the engagement (an `EngagementView`) and today's date
and returns its findings as `NextStep`s: the reason in words and the place where it is
fixed (a `Target`: tool, row and field). The rules' thresholds are framework data
(`[guide]` and `[health]`), so a team tunes them in its framework.toml. Rules name people
by job role, never by name: the steps go into logs, CI output and reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..models.adoption import AdoptionActivities, ImpactedGroups, Risks
from ..models.checklists import Readiness
from ..models.commitment import Proposal, Raci, StakeholderPlanMonth, activity_problems
from ..models.evaluation import Evaluation, Reporting
from ..models.onboarding import OnboardingScore
from ..models.preparation import Research
from ..models.value import ValueKpis
from .attention import (
    Target,
    open_high_risks,
    overdue_items,
    role_of,
    target,
    tool_of,
)
from .readiness import open_items
from .value import value_progress
from .view import EngagementView


@dataclass(frozen=True)
class NextStep:
    rule: str
    """The rule that found it (a stable id, e.g. `proposal-unsigned`)."""
    reason: str
    target: Target


Rule = Callable[[EngagementView, dt.date], list[NextStep]]


def _phase(view: EngagementView) -> int:
    return view.engagement.current_phase


def proposal_unsigned(view: EngagementView, today: dt.date) -> list[NextStep]:
    """From phase 2 on the proposal should be signed: phase 2's output."""
    proposal = view.get(Proposal)
    if _phase(view) < 2 or proposal.state == "signed":
        return []
    detail = (
        "is still a draft: finish it and send it to the SPL for signature"
        if proposal.state == "draft"
        else "was sent but is not signed yet: follow up with the SPL"
    )
    return [
        NextStep(
            "proposal-unsigned",
            f"The customer success proposal {detail}.",
            target(view, Proposal, "state"),
        )
    ]


def _raci(
    view: EngagementView, wanted: set[str], rule: str, text: str, summarise: bool = False
) -> list[NextStep]:
    """Per-activity steps; activities nobody has touched yet (two or more: a new
    engagement's standard rows) are one step, given once (`summarise`)."""
    steps = []
    for matrix in view.get(Raci).matrices:
        empty = [a for a in matrix.activities if not a.cells]
        if len(empty) > 1 and summarise:
            steps.append(
                NextStep(
                    rule,
                    f"RACI '{matrix.title}': {len(empty)} activities have nobody assigned yet:"
                    " give each one Accountable (A) and at least one Responsible (R).",
                    target(view, Raci, "matrices", matrix.id, "activities", empty[0].id),
                )
            )
        for activity in matrix.activities:
            if len(empty) > 1 and not activity.cells:
                continue
            problems = set(activity_problems(activity)) & wanted
            if problems:
                count = sum(1 for cell in activity.cells.values() if "A" in cell)
                what = text.format(count=count) if "several-a" in problems else text
                if "no-a" in problems:
                    what = "has no one Accountable (A): give exactly one stakeholder the A"
                steps.append(
                    NextStep(
                        rule,
                        f"RACI '{matrix.title}': activity '{activity.name}' {what}.",
                        target(view, Raci, "matrices", matrix.id, "activities", activity.id),
                    )
                )
    return steps


def raci_accountable(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Every RACI activity needs exactly one A (R/A counts)."""
    return _raci(
        view,
        {"no-a", "several-a"},
        "raci-accountable",
        "has {count} stakeholders Accountable (A): keep exactly one",
        summarise=True,
    )


def raci_responsible(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Every RACI activity needs someone Responsible."""
    return _raci(
        view, {"no-r"}, "raci-responsible", "has no one Responsible (R): name who performs it"
    )


def _key_stakeholders(view: EngagementView) -> list[str]:
    return [s.id for s in view.register.stakeholders if s.key]


def plan_month_missing(view: EngagementView, today: dt.date) -> list[NextStep]:
    """From phase 2, the stakeholder plan is updated every month (a month file)."""
    month = today.strftime("%Y-%m")
    if _phase(view) < 2 or not _key_stakeholders(view) or month in view.months:
        return []
    latest = view.latest_month()
    since = f" (the latest is {latest[0]})" if latest else ""
    return [
        NextStep(
            "plan-month-missing",
            f"The stakeholder plan has no month {month}{since}: start this month's plan "
            "from the last one and update each key stakeholder's figures and strategies.",
            Target(view.slug, tool_of(StakeholderPlanMonth), (), latest[0] if latest else None),
        )
    ]


def plan_rows_missing(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Every key stakeholder has a plan row (a strategy) in this month's plan."""
    month = today.strftime("%Y-%m")
    plan = view.months.get(month)
    if plan is None:
        return []
    covered = {row.stakeholder for row in plan.rows}
    missing = [s for s in _key_stakeholders(view) if s not in covered]
    if not missing:
        return []
    roles = ", ".join(role_of(view, s) for s in missing)
    return [
        NextStep(
            "plan-rows-missing",
            f"{len(missing)} key stakeholder(s) have no plan row in {month}: {roles}.",
            Target(view.slug, tool_of(StakeholderPlanMonth), ("rows",), month),
        )
    ]


def risk_owner(view: EngagementView, today: dt.date) -> list[NextStep]:
    """An open high risk needs a responsible and an accountable owner."""
    steps = []
    for risk in open_high_risks(view, view.framework.health.high_risk_share):
        for field in ("responsible", "accountable"):
            if not getattr(risk, field).strip():
                steps.append(
                    NextStep(
                        "risk-owner",
                        f"High risk '{risk.name}' (score {risk.score}) has no one {field}.",
                        target(view, Risks, "risks", risk.id, field),
                    )
                )
                break
    return steps


def risk_strategy(view: EngagementView, today: dt.date) -> list[NextStep]:
    """An open high risk needs a strategy (its mitigation)."""
    return [
        NextStep(
            "risk-strategy",
            f"High risk '{risk.name}' (score {risk.score}) has no strategy to mitigate it.",
            target(view, Risks, "risks", risk.id, "strategy"),
        )
        for risk in open_high_risks(view, view.framework.health.high_risk_share)
        if not risk.strategy.strip()
    ]


def readiness_open(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Readiness items still open as an adoption phase's go-live approaches."""
    window = view.framework.guide.go_live_days
    steps = []
    for checklist in view.get(Readiness).checklists:
        go_live, decision = checklist.go_live, checklist.decision
        if go_live is None or go_live < today or (go_live - today).days > window:
            continue
        if decision is not None and decision.decision == "go":
            continue
        items = open_items(checklist, view.framework)
        if items:
            days = (go_live - today).days
            steps.append(
                NextStep(
                    "readiness-open",
                    f"'{checklist.title}' goes live on {go_live.isoformat()} (in {days} "
                    f"day(s)) with {len(items)} readiness item(s) still open.",
                    target(view, Readiness, "checklists", checklist.id, "items", items[0].id),
                )
            )
    return steps


def go_live_undecided(view: EngagementView, today: dt.date) -> list[NextStep]:
    """A go-live date that passed needs a go decision (or a new date)."""
    steps = []
    for checklist in view.get(Readiness).checklists:
        decision = checklist.decision
        if checklist.go_live is None or checklist.go_live >= today:
            continue
        if decision is not None and decision.decision == "go":
            continue
        state = f"the latest decision is {decision.decision}" if decision else "no decision"
        steps.append(
            NextStep(
                "go-live-undecided",
                f"'{checklist.title}' was to go live on {checklist.go_live.isoformat()} but "
                f"{state}: decide go / no-go, or set a new go-live date.",
                target(view, Readiness, "checklists", checklist.id, "go_live"),
            )
        )
    return steps


def overdue(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Strategy activities and challenges past their date and not completed (reports
    have their own rule)."""
    return [
        NextStep(
            f"{item.what.replace(' ', '-')}-overdue",
            f"The {item.what} '{item.label}' was due on {item.due.isoformat()} and is not "
            "completed.",
            item.target,
        )
        for item in overdue_items(view, today)
        if item.what != "report"
    ]


def reports_due(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Customer reports due soon (or overdue) and not delivered."""
    horizon = today + dt.timedelta(days=view.framework.guide.report_days)
    steps = []
    for report in view.get(Reporting).reports:
        if report.delivered or report.due is None or report.due > horizon:
            continue
        when = "was due" if report.due < today else "is due"
        audience = f" for {report.audience}" if report.audience else ""
        steps.append(
            NextStep(
                "report-due",
                f"The report '{report.report}'{audience} {when} on {report.due.isoformat()}.",
                target(view, Reporting, "reports", report.id, "delivered"),
            )
        )
    return steps


def research_gaps(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Phases 2-6 start by going over the information gaps: open ones are questions to ask."""
    gaps = [g for g in view.get(Research).gaps if not g.resolved]
    if _phase(view) < 2 or not gaps:
        return []
    kinds = sum(1 for g in gaps if g.kind == "assumption")
    return [
        NextStep(
            "research-gaps",
            f"{len(gaps)} information gap(s) are still open in the research checklist "
            f"({kinds} assumption(s) to validate): put them to the customer.",
            target(view, Research, "gaps", gaps[0].id, "resolved"),
        )
    ]


def evaluation_missing(view: EngagementView, today: dt.date) -> list[NextStep]:
    """After value realization the engagement is evaluated (lessons, templates, successes)."""
    if _phase(view) < view.framework.guide.evaluation_from_phase:
        return []
    if view.get(Evaluation).entries:
        return []
    return [
        NextStep(
            "evaluation-missing",
            "The engagement evaluation has not been started: record lessons learned, "
            "reusable templates and successes to celebrate.",
            target(view, Evaluation, "entries"),
        )
    ]


def onboarding_unscored(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Onboarding starts by judging its complexity (the scoring matrix)."""
    score = view.get(OnboardingScore)
    if _phase(view) < 3 or score.total > 0 or score.notes.strip():
        return []
    return [
        NextStep(
            "onboarding-unscored",
            "The onboarding scoring matrix is not filled in: score the four aspects to see "
            "how much planning onboarding needs.",
            target(view, OnboardingScore, "products_services"),
        )
    ]


def groups_without_activities(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Each impacted group needs its communication, training and support planned."""
    if _phase(view) < 4:
        return []
    planned = {a.group for a in view.get(AdoptionActivities).activities}
    return [
        NextStep(
            "group-without-activities",
            f"Impacted group '{group.name}' has no adoption activities (communication, "
            "training, support).",
            target(view, AdoptionActivities, "activities"),
        )
        for group in view.get(ImpactedGroups).groups
        if group.id not in planned
    ]


def kpis_missing(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Value realization measures value: it needs KPIs with targets."""
    if _phase(view) < 6 or view.get(ValueKpis).kpis:
        return []
    return [
        NextStep(
            "kpis-missing",
            "No value KPIs are defined: agree with the customer what will show progress "
            "towards their outcomes, with a baseline, a target and a due date.",
            target(view, ValueKpis, "kpis"),
        )
    ]


def kpis_off_track(view: EngagementView, today: dt.date) -> list[NextStep]:
    """KPIs behind their path to target (or past due): corrective action."""
    guide = view.framework.guide
    return [
        NextStep(
            "kpi-off-track",
            f"KPI {progress.describe()}: agree corrective action with the customer.",
            target(view, ValueKpis, "kpis", progress.kpi.id),
        )
        for progress in value_progress(view.get(ValueKpis), today, guide.kpi_tolerance)
        if progress.off_track
    ]


def kpis_unmeasured(view: EngagementView, today: dt.date) -> list[NextStep]:
    """A KPI that is not measured regularly cannot show value."""
    guide = view.framework.guide
    kpis = view.get(ValueKpis)
    steps = []
    for kpi in kpis.kpis:
        series = kpis.series(kpi.id)
        last = series[-1].date if series else kpi.start
        if last is None or (today - last).days <= guide.kpi_stale_days:
            continue
        if kpi.due is not None and kpi.due < last:
            continue
        since = f"since {last.isoformat()}" if series else "yet"
        steps.append(
            NextStep(
                "kpi-unmeasured",
                f"KPI '{kpi.kpi}' has not been measured {since}.",
                target(view, ValueKpis, "measurements"),
            )
        )
    return steps


RULES: tuple[Rule, ...] = (
    proposal_unsigned,
    raci_accountable,
    raci_responsible,
    plan_month_missing,
    plan_rows_missing,
    risk_owner,
    risk_strategy,
    go_live_undecided,
    readiness_open,
    overdue,
    reports_due,
    kpis_missing,
    kpis_off_track,
    kpis_unmeasured,
    research_gaps,
    onboarding_unscored,
    groups_without_activities,
    evaluation_missing,
)
"""Every rule, in the order their steps are listed (most pressing kinds first)."""


def next_steps(view: EngagementView, today: dt.date) -> list[NextStep]:
    """Every next step of the engagement, rule by rule."""
    if view.engagement.status == "closed":
        return []
    return [step for rule in RULES for step in rule(view, today)]


__all__ = ["RULES", "NextStep", "Rule", "next_steps"]
