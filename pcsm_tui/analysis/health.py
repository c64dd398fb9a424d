"""Engagement health: green, amber or red, with the reasons in words.

Computed from the engagement's own data only. Each rule is a small pure function that
returns a `Reason` (its points and what it saw) or nothing; the level is the sum of the
points against two thresholds. Points, caps and thresholds are framework data (`[health]`),
so a team tunes them in its framework.toml. "Days since the last change" needs git: the
caller passes the date of the engagement's last commit (None: not known, the rule stays
silent), and `with_last_change` adds it to a health computed without it (the portfolio
reads files first and git after its first paint).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from ..framework.definition import HealthRules
from ..models.adoption import Risks
from ..models.checklists import Challenges, Readiness
from ..models.commitment import Proposal
from ..models.engagement import Engagement, Register
from ..models.evaluation import Reporting
from ..models.onboarding import OnboardingScore
from ..models.preparation import EngagementStrategy
from ..models.value import ValueKpis
from .attention import open_high_risks, overdue_items, support_trend
from .readiness import open_items
from .value import value_progress
from .view import EngagementView

Level = Literal["green", "amber", "red"]
LEVELS: tuple[Level, ...] = ("green", "amber", "red")


@dataclass(frozen=True)
class Reason:
    rule: str
    points: int
    text: str


@dataclass(frozen=True)
class Health:
    level: Level
    points: int
    reasons: tuple[Reason, ...]

    def lines(self) -> list[str]:
        return [f"{r.text} (+{r.points})" for r in self.reasons]


def level_for(points: int, rules: HealthRules) -> Level:
    if points >= rules.red_at:
        return "red"
    return "amber" if points >= rules.amber_at else "green"


def combine(reasons: list[Reason], rules: HealthRules) -> Health:
    kept = tuple(r for r in reasons if r.points > 0)
    points = sum(r.points for r in kept)
    return Health(level_for(points, rules), points, kept)


@dataclass(frozen=True)
class Inputs:
    view: EngagementView
    today: dt.date
    last_change: dt.date | None = None

    @property
    def rules(self) -> HealthRules:
        return self.view.framework.health


HealthRule = Callable[[Inputs], Reason | None]


def _listed(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def overdue(inputs: Inputs) -> Reason | None:
    items = overdue_items(inputs.view, inputs.today)
    if not items:
        return None
    rules = inputs.rules
    points = min(rules.overdue_cap, len(items) * rules.overdue_item)
    names = [f"{i.what} '{i.label}'" for i in items]
    return Reason("overdue", points, f"{len(items)} overdue: {_listed(names)}")


def high_risks(inputs: Inputs) -> Reason | None:
    risks = open_high_risks(inputs.view, inputs.rules.high_risk_share)
    if not risks:
        return None
    rules = inputs.rules
    points = min(rules.high_risk_cap, len(risks) * rules.open_high_risk)
    names = [f"{r.name} ({r.score})" for r in risks]
    return Reason("high-risks", points, f"{len(risks)} open high risk(s): {_listed(names)}")


def no_go(inputs: Inputs) -> Reason | None:
    stopped = [
        c.title
        for c in inputs.view.get(Readiness).checklists
        if c.decision is not None and c.decision.decision == "no-go"
    ]
    if not stopped:
        return None
    return Reason("no-go", inputs.rules.no_go, f"no-go decided for {_listed(stopped)}")


def not_ready(inputs: Inputs) -> Reason | None:
    view, today, rules = inputs.view, inputs.today, inputs.rules
    late = []
    for checklist in view.get(Readiness).checklists:
        go_live = checklist.go_live
        if go_live is None or go_live < today or (go_live - today).days > rules.not_ready_days:
            continue
        if checklist.decision is not None and checklist.decision.decision == "go":
            continue
        count = len(open_items(checklist, view.framework))
        if count:
            late.append(f"{checklist.title} ({count} open, go-live {go_live.isoformat()})")
    if not late:
        return None
    return Reason(
        "not-ready", rules.not_ready, f"readiness items open near go-live: {_listed(late)}"
    )


def go_live_passed(inputs: Inputs) -> Reason | None:
    passed = [
        f"{c.title} ({c.go_live.isoformat()})"
        for c in inputs.view.get(Readiness).checklists
        if c.go_live is not None
        and c.go_live < inputs.today
        and (c.decision is None or c.decision.decision != "go")
    ]
    if not passed:
        return None
    return Reason(
        "go-live-passed",
        inputs.rules.go_live_passed,
        f"go-live date passed without a go decision: {_listed(passed)}",
    )


def support_falling(inputs: Inputs) -> Reason | None:
    trend = support_trend(inputs.view, inputs.rules.support_months)
    if len(trend) < 2 or trend[0] - trend[-1] < inputs.rules.support_drop:
        return None
    return Reason(
        "support-falling",
        inputs.rules.support_falling,
        f"key stakeholders' support fell from {trend[0]:g} to {trend[-1]:g} (of 10) "
        f"over {len(trend)} months",
    )


def support_low(inputs: Inputs) -> Reason | None:
    trend = support_trend(inputs.view, inputs.rules.support_months)
    if not trend or trend[-1] > inputs.rules.low_support:
        return None
    return Reason(
        "support-low",
        inputs.rules.support_low,
        f"key stakeholders' average support is low: {trend[-1]:g} of 10",
    )


def proposal_unsigned(inputs: Inputs) -> Reason | None:
    view, rules = inputs.view, inputs.rules
    state = view.get(Proposal).state
    phase = view.engagement.current_phase
    if state == "signed" or phase < rules.unsigned_from_phase:
        return None
    return Reason(
        "proposal-unsigned",
        rules.unsigned_proposal,
        f"the success proposal is {state}, not signed, in phase {phase}",
    )


def complex_onboarding(inputs: Inputs) -> Reason | None:
    score = inputs.view.get(OnboardingScore)
    band = inputs.view.framework.band_for(score.total)
    if band is None or score.total == 0 or band.id not in inputs.rules.complex_bands:
        return None
    return Reason(
        "complex-onboarding",
        inputs.rules.complex_onboarding,
        f"onboarding is {band.name} ({score.total} of 20)",
    )


def kpis_behind(inputs: Inputs) -> Reason | None:
    tolerance = inputs.view.framework.guide.kpi_tolerance
    behind = [
        p
        for p in value_progress(inputs.view.get(ValueKpis), inputs.today, tolerance)
        if p.off_track
    ]
    if not behind:
        return None
    rules = inputs.rules
    points = min(rules.kpi_cap, len(behind) * rules.kpi_behind)
    names = [f"{p.kpi.kpi} ({p.status.replace('-', ' ')})" for p in behind]
    return Reason("kpis-behind", points, f"{len(behind)} KPI(s) off track: {_listed(names)}")


def stale(inputs: Inputs) -> Reason | None:
    if inputs.last_change is None:
        return None
    days = (inputs.today - inputs.last_change).days
    if days < inputs.rules.stale_days:
        return None
    return Reason("stale", inputs.rules.stale, f"no change recorded for {days} days")


RULES: tuple[HealthRule, ...] = (
    overdue,
    high_risks,
    no_go,
    not_ready,
    go_live_passed,
    support_falling,
    support_low,
    proposal_unsigned,
    complex_onboarding,
    kpis_behind,
    stale,
)


def assess(view: EngagementView, today: dt.date, last_change: dt.date | None = None) -> Health:
    """The engagement's health from its data (and the day of its last change, if known)."""
    inputs = Inputs(view, today, last_change)
    if view.engagement.status == "closed":
        return Health("green", 0, ())
    return combine([r for rule in RULES if (r := rule(inputs)) is not None], view.framework.health)


def with_last_change(
    health: Health, last_change: dt.date | None, today: dt.date, rules: HealthRules
) -> Health:
    """`health` (computed without git) with the staleness rule added."""
    if last_change is None or any(r.rule == "stale" for r in health.reasons):
        return health
    days = (today - last_change).days
    if days < rules.stale_days:
        return health
    reason = Reason("stale", rules.stale, f"no change recorded for {days} days")
    return replace(combine([*health.reasons, reason], rules))


HEALTH_KINDS: tuple[str, ...] = tuple(
    model.kind
    for model in (
        Engagement,
        Register,
        OnboardingScore,
        Risks,
        Readiness,
        EngagementStrategy,
        Challenges,
        Reporting,
        Proposal,
        ValueKpis,
    )
)
"""The file kinds health reads (the portfolio reads exactly these, plus the plan months)."""


__all__ = [
    "HEALTH_KINDS",
    "LEVELS",
    "RULES",
    "Health",
    "Inputs",
    "Level",
    "Reason",
    "assess",
    "combine",
    "level_for",
    "with_last_change",
]
