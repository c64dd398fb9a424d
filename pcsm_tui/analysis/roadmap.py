"""The engagement roadmap (tool 2, phase 1 activity 9): planned activities on a timeline.

Bars run from planned start to planned end (both days inclusive), grouped by phase in phase
order. `today` is a parameter, never read from the clock, so the chart and its tests agree
on what is late. An activity is late when its planned end is before today and it is not
completed; activities with no dates at all cannot be drawn and are listed separately.
An activity with only one of its dates is drawn as a one-day bar on that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..framework.definition import Phase
from ..models.preparation import EngagementStrategy, StrategyActivity

Status = Literal["done", "late", "in-progress", "planned"]


@dataclass(frozen=True, slots=True)
class RoadmapBar:
    activity: StrategyActivity
    phase: int
    start: dt.date
    end: dt.date
    """Inclusive: the bar covers the whole end day."""
    status: Status
    row: int
    """Row index on the chart, 0 at the top, in phase then activity order."""
    partial: bool
    """Only one planned date was given; the bar is a single day."""
    x0: float
    x1: float
    """Days from the axis start to the bar's start and to the day after its end."""

    @property
    def late(self) -> bool:
        return self.status == "late"

    @property
    def label(self) -> str:
        return f"{self.phase}.{self.activity.no} {self.activity.name}"


@dataclass(frozen=True, slots=True)
class RoadmapPhase:
    number: int
    name: str
    bars: tuple[RoadmapBar, ...]

    @property
    def start(self) -> dt.date | None:
        return min((b.start for b in self.bars), default=None)

    @property
    def end(self) -> dt.date | None:
        return max((b.end for b in self.bars), default=None)

    @property
    def late(self) -> int:
        return sum(1 for b in self.bars if b.late)


@dataclass(frozen=True, slots=True)
class Roadmap:
    today: dt.date
    axis_start: dt.date
    axis_end: dt.date
    """Inclusive; the axis always contains today, so the today marker is on the chart."""
    phases: tuple[RoadmapPhase, ...]
    """Phases with at least one dated activity, in phase order."""
    undated: tuple[StrategyActivity, ...]
    month_ticks: tuple[tuple[float, str], ...]
    """(x, "May 2026") at each first of month inside the axis, for the date axis ticks."""

    @property
    def bars(self) -> tuple[RoadmapBar, ...]:
        return tuple(b for p in self.phases for b in p.bars)

    @property
    def late(self) -> tuple[RoadmapBar, ...]:
        return tuple(b for b in self.bars if b.late)

    @property
    def today_x(self) -> float:
        """Where the today line goes: the middle of today's day on the x axis."""
        return self.x(self.today) + 0.5

    @property
    def width_days(self) -> int:
        return (self.axis_end - self.axis_start).days + 1

    def x(self, day: dt.date) -> float:
        return float((day - self.axis_start).days)


def _status(activity: StrategyActivity, start: dt.date, end: dt.date, today: dt.date) -> Status:
    if activity.completed:
        return "done"
    if activity.planned_end is not None and activity.planned_end < today:
        return "late"
    return "in-progress" if start <= today else "planned"


def _month_ticks(start: dt.date, end: dt.date) -> tuple[tuple[float, str], ...]:
    ticks = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            ticks.append((float((day - start).days), day.strftime("%b %Y")))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return tuple(ticks)


def engagement_roadmap(
    strategy: EngagementStrategy, today: dt.date, phases: Sequence[Phase] = ()
) -> Roadmap:
    """The roadmap of a strategy as of `today`; `phases` (the framework's) name the groups."""
    names = {p.number: p.name for p in phases}
    dated: list[tuple[StrategyActivity, dt.date, dt.date]] = []
    undated: list[StrategyActivity] = []
    for activity in strategy.activities:
        start = activity.planned_start or activity.planned_end
        end = activity.planned_end or activity.planned_start
        if start is None or end is None:
            undated.append(activity)
        else:
            dated.append((activity, start, end))
    dated.sort(key=lambda item: (item[0].phase, item[0].no, item[1], item[0].id))
    axis_start = min([today, *(start for _, start, _ in dated)])
    axis_end = max([today, *(end for _, _, end in dated)])
    grouped: dict[int, list[RoadmapBar]] = {}
    for row, (activity, start, end) in enumerate(dated):
        grouped.setdefault(activity.phase, []).append(
            RoadmapBar(
                activity=activity,
                phase=activity.phase,
                start=start,
                end=end,
                status=_status(activity, start, end, today),
                row=row,
                partial=activity.planned_start is None or activity.planned_end is None,
                x0=float((start - axis_start).days),
                x1=float((end - axis_start).days + 1),
            )
        )
    return Roadmap(
        today=today,
        axis_start=axis_start,
        axis_end=axis_end,
        phases=tuple(
            RoadmapPhase(number, names.get(number, f"Phase {number}"), tuple(bars))
            for number, bars in sorted(grouped.items())
        ),
        undated=tuple(undated),
        month_ticks=_month_ticks(axis_start, axis_end),
    )


__all__ = ["Roadmap", "RoadmapBar", "RoadmapPhase", "Status", "engagement_roadmap"]
