"""The personal evaluation spider chart (tool 23) and a person's evaluations over time.

Geometry is on a unit circle: axis k of n points at angle 2πk/n clockwise from the top
(x = sin, y = cos), a score s sits at radius s/10. The drawing scales it to the plot and
corrects for cells being about twice as tall as wide; keeping the data on the unit circle
lets tests check exact shapes (all tens are a regular octagon of radius 1).

The areas are always passed in (`framework.evaluation_areas`): a team may rename, add or
remove areas, so neither their number nor their names are fixed here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..framework.definition import Named
from ..models.people import PersonalEvaluation

MAX_SCORE = 10
RINGS: tuple[int, ...] = tuple(range(0, MAX_SCORE + 1))
"""Ring values 0..10; ring v is drawn at radius v/10."""

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class SpiderAxis:
    id: str
    name: str
    angle: float
    """Radians clockwise from the top."""
    end: Point
    """The axis tip on the unit circle (score 10)."""


def axes(areas: Sequence[Named]) -> tuple[SpiderAxis, ...]:
    n = len(areas)
    result = []
    for k, area in enumerate(areas):
        angle = 2 * math.pi * k / n
        result.append(SpiderAxis(area.id, area.name, angle, _polar(1.0, angle)))
    return tuple(result)


def _polar(radius: float, angle: float) -> Point:
    # Round off float noise such as 6e-17 so that exact shapes compare exactly.
    return (round(radius * math.sin(angle), 12) + 0.0, round(radius * math.cos(angle), 12) + 0.0)


def ring(value: int, spokes: Sequence[SpiderAxis]) -> tuple[Point, ...]:
    """The grid polygon of ring `value` (0..10), one vertex per axis."""
    return tuple(_polar(value / MAX_SCORE, axis.angle) for axis in spokes)


@dataclass(frozen=True, slots=True)
class SpiderPolygon:
    evaluation: str
    """The evaluation's row id."""
    date: dt.date
    engagement: str
    scores: tuple[int | None, ...]
    """One per axis, None where the area was not rated."""
    vertices: tuple[Point, ...]
    """One per axis; an unrated area sits at the centre."""

    @property
    def closed(self) -> tuple[Point, ...]:
        """The vertices with the first repeated at the end, ready for a line plot."""
        return (*self.vertices, self.vertices[0]) if self.vertices else ()


def polygon(evaluation: PersonalEvaluation, spokes: Sequence[SpiderAxis]) -> SpiderPolygon:
    scores = tuple(evaluation.scores.get(axis.id) for axis in spokes)
    vertices = tuple(
        _polar((score or 0) / MAX_SCORE, axis.angle)
        for score, axis in zip(scores, spokes, strict=True)
    )
    return SpiderPolygon(evaluation.id, evaluation.date, evaluation.engagement, scores, vertices)


@dataclass(frozen=True, slots=True)
class CpdFocus:
    """The lowest-rated areas: where continuing professional development should go."""

    areas: tuple[str, ...]
    """Area ids to call out, lowest first (then in axis order)."""
    also_low: tuple[str, ...]
    """Areas tied at the next score, left out because calling them all would dilute the focus."""
    unrated: tuple[str, ...]


def cpd_focus(
    evaluation: PersonalEvaluation,
    areas: Sequence[Named],
    count: int = 2,
    limit: int = 3,
) -> CpdFocus:
    """The `count` lowest areas, ties included up to `limit` areas.

    Ties are never broken arbitrarily (the axis order says nothing about priority): the
    focus holds every area scoring at most the `count`-th lowest score. When that is more
    than `limit` areas, only those strictly below that score are kept and the tied ones are
    reported as `also_low`; if nothing is strictly below, the whole lowest tie is the focus.
    If every rated area has the same score, nothing stands out and the focus is empty.
    """
    rated = [
        (evaluation.scores[a.id], k, a.id) for k, a in enumerate(areas) if a.id in evaluation.scores
    ]
    unrated = tuple(a.id for a in areas if a.id not in evaluation.scores)
    if not rated or len({score for score, _, _ in rated}) == 1:
        return CpdFocus((), (), unrated)
    rated.sort()
    cut = rated[min(count, len(rated)) - 1][0]
    chosen = [entry for entry in rated if entry[0] <= cut]
    also: list[tuple[int, int, str]] = []
    if len(chosen) > limit:
        below = [entry for entry in chosen if entry[0] < cut]
        if below:
            also = [entry for entry in chosen if entry[0] == cut]
            chosen = below
    return CpdFocus(tuple(e[2] for e in chosen), tuple(e[2] for e in also), unrated)


@dataclass(frozen=True, slots=True)
class SpiderChart:
    axes: tuple[SpiderAxis, ...]
    rings: tuple[tuple[int, float], ...]
    """(value, radius) for each grid ring."""
    primary: SpiderPolygon
    overlay: SpiderPolygon | None
    focus: CpdFocus

    def ring(self, value: int) -> tuple[Point, ...]:
        return ring(value, self.axes)


def spider_chart(
    evaluation: PersonalEvaluation,
    areas: Sequence[Named],
    overlay: PersonalEvaluation | None = None,
    focus_count: int = 2,
) -> SpiderChart:
    """The chart of one evaluation, optionally with a second one drawn over it."""
    spokes = axes(areas)
    return SpiderChart(
        axes=spokes,
        rings=tuple((value, value / MAX_SCORE) for value in RINGS),
        primary=polygon(evaluation, spokes),
        overlay=polygon(overlay, spokes) if overlay is not None else None,
        focus=cpd_focus(evaluation, areas, focus_count),
    )


# --- over time ----------------------------------------------------------------------------

Direction = Literal["up", "down", "flat", "unknown"]


@dataclass(frozen=True, slots=True)
class AreaTrend:
    """One area's scores across a person's evaluations, oldest first."""

    id: str
    name: str
    scores: tuple[int | None, ...]
    change: int | None
    """Last rated score minus first rated score; None with fewer than two ratings."""
    last_change: int | None
    """The latest evaluation's score minus the one before it, when both rated it."""

    @property
    def direction(self) -> Direction:
        if self.change is None:
            return "unknown"
        return "up" if self.change > 0 else "down" if self.change < 0 else "flat"


@dataclass(frozen=True, slots=True)
class EvaluationHistory:
    evaluations: tuple[PersonalEvaluation, ...]
    """Oldest first (by date, then id)."""
    trends: tuple[AreaTrend, ...]
    averages: tuple[float | None, ...]
    """Mean rated score per evaluation, in the same order."""

    def previous(self, evaluation_id: str) -> PersonalEvaluation | None:
        """The evaluation just before this one: the natural overlay for the spider chart."""
        ids = [e.id for e in self.evaluations]
        if evaluation_id not in ids:
            return None
        index = ids.index(evaluation_id)
        return self.evaluations[index - 1] if index > 0 else None


def evaluation_history(
    evaluations: Sequence[PersonalEvaluation], areas: Sequence[Named]
) -> EvaluationHistory:
    ordered = tuple(sorted(evaluations, key=lambda e: (e.date, e.id)))
    trends = []
    for area in areas:
        scores = tuple(e.scores.get(area.id) for e in ordered)
        rated = [s for s in scores if s is not None]
        change = rated[-1] - rated[0] if len(rated) >= 2 else None
        last_change = None
        if len(scores) >= 2 and scores[-1] is not None and scores[-2] is not None:
            last_change = scores[-1] - scores[-2]
        trends.append(AreaTrend(area.id, area.name, scores, change, last_change))
    averages = tuple(_mean([e.scores[a.id] for a in areas if a.id in e.scores]) for e in ordered)
    return EvaluationHistory(ordered, tuple(trends), averages)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


__all__ = [
    "RINGS",
    "AreaTrend",
    "CpdFocus",
    "EvaluationHistory",
    "SpiderAxis",
    "SpiderChart",
    "SpiderPolygon",
    "axes",
    "cpd_focus",
    "evaluation_history",
    "polygon",
    "ring",
    "spider_chart",
]
