"""Facts that both the next steps and the health read: what is overdue, which risks are
high and open, how the key stakeholders' support moves, where a finding is fixed.

Each is a small pure function of an `EngagementView`, so the two sets of rules can never
disagree about, say, what counts as an overdue report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..framework.catalogue import TOOL_FOR_KIND
from ..models.adoption import Risk, Risks
from ..models.base import FileModel
from ..models.checklists import Challenges
from ..models.evaluation import Reporting
from ..models.preparation import EngagementStrategy
from .stakeholder_matrix import end_cut
from .support import normalized_support
from .view import EngagementView


@dataclass(frozen=True)
class Target:
    """Where a finding is fixed: the engagement, the tool (registry id; `engagement` for
    engagement.toml, `stakeholders` for the register), the month of a monthly tool, and the
    path inside the file (field names and row ids, as in a change's path)."""

    engagement: str
    tool: str
    path: tuple[str, ...] = ()
    month: str | None = None


def tool_of(model: type[FileModel]) -> str:
    """The registry id of the tool editing `model`'s files (the file kind otherwise)."""
    tool = TOOL_FOR_KIND.get(model.kind)
    return tool.id if tool is not None else model.kind


def target(view: EngagementView, model: type[FileModel], *path: str) -> Target:
    return Target(view.slug, tool_of(model), tuple(path))


@dataclass(frozen=True)
class Overdue:
    what: str
    """`strategy activity`, `challenge` or `report`."""
    label: str
    due: dt.date
    target: Target


def overdue_items(view: EngagementView, today: dt.date) -> list[Overdue]:
    """Strategy activities, challenges and reports past their date and not done."""
    found: list[Overdue] = []
    for activity in view.get(EngagementStrategy).activities:
        if activity.planned_end and activity.planned_end < today and not activity.completed:
            found.append(
                Overdue(
                    "strategy activity",
                    activity.name,
                    activity.planned_end,
                    target(view, EngagementStrategy, "activities", activity.id, "completed"),
                )
            )
    for challenge in view.get(Challenges).challenges:
        if challenge.deadline and challenge.deadline < today and not challenge.completed:
            found.append(
                Overdue(
                    "challenge",
                    end_cut(" ".join(challenge.challenge.split()), 60),
                    challenge.deadline,
                    target(view, Challenges, "challenges", challenge.id, "completed"),
                )
            )
    for report in view.get(Reporting).reports:
        if report.due and report.due < today and not report.delivered:
            found.append(
                Overdue(
                    "report",
                    report.report,
                    report.due,
                    target(view, Reporting, "reports", report.id, "delivered"),
                )
            )
    return found


def high_risk_threshold(view: EngagementView, share: float) -> float:
    """A risk is high when its score (likelihood + severity) reaches `share` of the top
    score on the repository's risk scale."""
    return share * 2 * view.risk_scale.high


def open_high_risks(view: EngagementView, share: float) -> list[Risk]:
    threshold = high_risk_threshold(view, share)
    return [
        risk
        for risk in view.get(Risks).risks
        if risk.is_open and risk.score is not None and risk.score >= threshold
    ]


def support_trend(view: EngagementView, months: int) -> tuple[float, ...]:
    """The key stakeholders' average support (on 0..10, one decimal) in each of the last
    `months` months that have figures, oldest first: the data of a sparkline."""
    key = {s.id for s in view.register.stakeholders if s.key}
    scale = view.support_scale
    trend: list[float] = []
    for name in view.month_names()[-months:] if months > 0 else []:
        figures = [
            normalized_support(a.support, scale)
            for a in view.months[name].assessments
            if not key or a.stakeholder in key
        ]
        if figures:
            trend.append(round(sum(figures) / len(figures), 1))
    return tuple(trend)


def role_of(view: EngagementView, stakeholder: str) -> str:
    """How a stakeholder is named in guidance: by job role (or group title), never by a
    person's name, so the text can go into logs and reports."""
    found = view.register.by_id().get(stakeholder)
    if found is None:
        return stakeholder
    if found.kind == "group" and not found.personal_data:
        return found.job_role or found.name
    return found.job_role or stakeholder


__all__ = [
    "Overdue",
    "Target",
    "high_risk_threshold",
    "open_high_risks",
    "overdue_items",
    "role_of",
    "support_trend",
    "target",
    "tool_of",
]
