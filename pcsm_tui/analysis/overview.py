"""The whole guide of one engagement in one value: phase and progress, next steps, health
with its reasons, strategy suggestions, go/no-go and value KPIs.

`pcsm guide`, the milestone report and (later) the app's guidance panel all present this
one object, so they never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models.checklists import Readiness
from ..models.value import ValueKpis
from .attention import role_of, support_trend
from .guide import PhaseGuide, phase_guide
from .health import Health, assess
from .next_steps import NextStep, next_steps
from .readiness import GoState, go_states
from .stakeholder_matrix import stakeholder_matrix
from .suggestions import CONVENTIONAL_LABELS, RULE_TITLES, suggest_strategies
from .value import KpiProgress, value_progress
from .view import EngagementView


@dataclass(frozen=True)
class StrategySuggestion:
    """A strategy the month's figures suggest for a key stakeholder."""

    stakeholder: str
    role: str
    rule: str
    strategy: str
    """The month's label for the rule's strategy, or the worked example's letter (A-D)."""
    title: str
    follows: bool
    """The month's plan already puts the stakeholder in that strategy."""
    ignored: bool
    """The CSM chose to ignore it this month."""
    reason: str
    month: str


def strategy_suggestions(view: EngagementView) -> list[StrategySuggestion]:
    """The suggestions of the latest month of the stakeholder plan (none without one)."""
    latest = view.latest_month()
    if latest is None:
        return []
    name, month = latest
    matrix = stakeholder_matrix(view.register, month, view.support_scale)
    ignored = set(month.ignored_suggestions)
    return [
        StrategySuggestion(
            stakeholder=s.stakeholder,
            role=role_of(view, s.stakeholder),
            rule=s.rule,
            strategy=s.strategy or CONVENTIONAL_LABELS[s.rule],
            title=RULE_TITLES[s.rule],
            follows=s.applied,
            ignored=s.key in ignored,
            reason=s.reason,
            month=name,
        )
        for s in suggest_strategies(matrix, month, view.framework.strategy_rules)
    ]


@dataclass(frozen=True)
class Guide:
    slug: str
    customer: str
    today: dt.date
    phase: PhaseGuide
    next_steps: tuple[NextStep, ...]
    health: Health
    suggestions: tuple[StrategySuggestion, ...]
    go: tuple[GoState, ...]
    kpis: tuple[KpiProgress, ...]
    support_trend: tuple[float, ...]


def build_guide(view: EngagementView, today: dt.date, last_change: dt.date | None = None) -> Guide:
    framework = view.framework
    return Guide(
        slug=view.slug,
        customer=view.engagement.customer,
        today=today,
        phase=phase_guide(view),
        next_steps=tuple(next_steps(view, today)),
        health=assess(view, today, last_change),
        suggestions=tuple(strategy_suggestions(view)),
        go=tuple(go_states(view.get(Readiness).checklists, framework)),
        kpis=tuple(value_progress(view.get(ValueKpis), today, framework.guide.kpi_tolerance)),
        support_trend=support_trend(view, framework.health.support_months),
    )


__all__ = ["Guide", "StrategySuggestion", "build_guide", "strategy_suggestions"]
