"""The stakeholder management matrix (tool 5) as chart data, and its movement over months.

Interest is the X axis and authority the Y axis (0..10 each), one point per key stakeholder
with figures that month; support sits beside the point as a number and sets its colour.
The figures come from the month's plan file only (they are stored once), so a matrix is a
view of one `StakeholderPlanMonth` read through the register for names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models.commitment import StakeholderPlanMonth
from ..models.engagement import Register, Stakeholder
from ..models.scales import Scale
from ..textsafe import display
from .labels import Canvas, LabelLayout, LabelRequest, place_labels
from .support import SupportClass, format_support, normalized_support, support_class

AXIS_RANGE: tuple[float, float] = (0.0, 10.0)
"""Both axes run 0..10: interest and authority are always on that scale."""

MIDPOINT = 5.0
"""Where the quadrant lines cross (x = 5 and y = 5)."""

MEDIUM_NAME_CHARS = 16
SHORT_NAME_CHARS = 8
"""Name lengths of the fallback labels, used only where the full label fits nowhere near its
point (see `labels.SHORTER_COST`)."""

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def short_name(stakeholder: Stakeholder) -> str:
    """A chart name: the job role (or the group's title), without parentheses.

    The job role comes first because it is what the matrix is read by ("CFO") and because it
    is not personal data, so a screenshot of the chart can be shared. Control and bidi
    characters are shown as escapes (textsafe) before the label is measured and placed.
    """
    text = display(stakeholder.job_role or stakeholder.name or stakeholder.id, lines=False)
    return _PARENTHESIS.sub("", text).strip() or text.strip()


def middle_cut(text: str, limit: int) -> str:
    """Cut out the middle: names such as "EMEA Director of Finance" and "EMEA Director of IT
    Systems" differ at the end, so keeping both ends keeps them apart ("EMEA Di…Finance")."""
    if len(text) <= limit:
        return text
    head = limit // 2
    tail = limit - 1 - head
    return text[:head].rstrip() + "…" + (text[-tail:].lstrip() if tail else "")


def end_cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class MatrixPoint:
    """One key stakeholder on the matrix in one month."""

    stakeholder: str
    """Register id."""
    name: str
    interest: int
    authority: int
    support: int
    """On the repository's support scale."""
    support_normalized: float
    """The same support on 0..10, what thresholds are compared with."""
    support_class: SupportClass
    strategies: tuple[str, ...]
    """Strategy labels (A, B, ...) of the month's plan rows for this stakeholder."""
    label: str
    """E.g. `CFO (7)`."""
    fallback_labels: tuple[str, ...]
    """Shorter labels for crowded plots, longest first, e.g. `Operatio…nt Team (4)`."""

    @property
    def label_texts(self) -> tuple[str, ...]:
        return (self.label, *self.fallback_labels)

    @property
    def x(self) -> float:
        return float(self.interest)

    @property
    def y(self) -> float:
        return float(self.authority)


@dataclass(frozen=True, slots=True)
class StrategyGroup:
    """A strategy of the month and the stakeholders on the chart that its rows name."""

    label: str
    title: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StakeholderMatrix:
    """Everything the matrix chart draws for one month, bar label positions (see `layout`)."""

    points: tuple[MatrixPoint, ...]
    groups: tuple[StrategyGroup, ...]
    scale: Scale
    unassessed: tuple[str, ...]
    """Key stakeholders without figures this month: the chart can list them under the plot."""
    not_shown: tuple[str, ...]
    """Stakeholders with figures who are not key (or not in the register): left off the chart."""
    x_range: tuple[float, float] = AXIS_RANGE
    y_range: tuple[float, float] = AXIS_RANGE
    midpoint: float = MIDPOINT

    def point(self, stakeholder: str) -> MatrixPoint | None:
        for point in self.points:
            if point.stakeholder == stakeholder:
                return point
        return None

    def label_requests(self) -> tuple[LabelRequest, ...]:
        return tuple(LabelRequest(p.stakeholder, p.x, p.y, p.label_texts) for p in self.points)

    def layout(
        self, width: int, height: int, avoid: Iterable[tuple[float, float]] = ()
    ) -> LabelLayout:
        """Label positions for a plot area of `width` x `height` cells, none overlapping.

        `avoid`: other marks the chart draws (e.g. earlier positions) that labels must not hide.
        """
        canvas = Canvas(width, height, self.x_range, self.y_range)
        return place_labels(self.label_requests(), canvas, avoid=avoid)


def stakeholder_matrix(
    register: Register, month: StakeholderPlanMonth, scale: Scale
) -> StakeholderMatrix:
    """The matrix of `month`: key stakeholders with figures, in register order."""
    people = register.by_id()
    order = {s.id: index for index, s in enumerate(register.stakeholders)}
    strategy_order = {s.id: index for index, s in enumerate(month.strategies)}
    labels_of: dict[str, set[str]] = {}
    for row in month.rows:
        labels_of.setdefault(row.stakeholder, set()).add(row.strategy)
    points: list[MatrixPoint] = []
    not_shown: list[str] = []
    for assessment in month.assessments:
        person = people.get(assessment.stakeholder)
        if person is None or not person.key:
            not_shown.append(assessment.stakeholder)
            continue
        name = short_name(person)
        shown = format_support(assessment.support, scale)
        strategies = tuple(
            sorted(
                labels_of.get(person.id, set()),
                key=lambda label: (strategy_order.get(label, len(strategy_order)), label),
            )
        )
        points.append(
            MatrixPoint(
                stakeholder=person.id,
                name=name,
                interest=assessment.interest,
                authority=assessment.authority,
                support=assessment.support,
                support_normalized=normalized_support(assessment.support, scale),
                support_class=support_class(assessment.support, scale),
                strategies=strategies,
                label=f"{name} ({shown})",
                fallback_labels=_fallbacks(name, shown),
            )
        )
    points.sort(key=lambda p: order[p.stakeholder])
    on_chart = {p.stakeholder for p in points}
    groups = tuple(
        StrategyGroup(
            strategy.id,
            strategy.title,
            tuple(p.stakeholder for p in points if strategy.id in p.strategies),
        )
        for strategy in month.strategies
    )
    unassessed = tuple(s.id for s in register.stakeholders if s.key and s.id not in on_chart)
    return StakeholderMatrix(tuple(points), groups, scale, unassessed, tuple(not_shown))


def _fallbacks(name: str, shown: str) -> tuple[str, ...]:
    texts: list[str] = []
    for cut in (middle_cut(name, MEDIUM_NAME_CHARS), end_cut(name, SHORT_NAME_CHARS)):
        text = f"{cut} ({shown})"
        if cut != name and text not in texts:
            texts.append(text)
    return tuple(texts)


# --- movement -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Movement:
    """Where one stakeholder was in the earlier month and where they are now."""

    before: MatrixPoint
    after: MatrixPoint

    @property
    def stakeholder(self) -> str:
        return self.after.stakeholder

    @property
    def start(self) -> tuple[float, float]:
        return self.before.x, self.before.y

    @property
    def end(self) -> tuple[float, float]:
        return self.after.x, self.after.y

    @property
    def delta_interest(self) -> int:
        return self.after.interest - self.before.interest

    @property
    def delta_authority(self) -> int:
        return self.after.authority - self.before.authority

    @property
    def delta_support(self) -> int:
        """Change on the repository's support scale (the same step on 0..10 and -5..+5)."""
        return self.after.support - self.before.support

    @property
    def moved(self) -> bool:
        """The point changed place: the chart draws an arrow from `start` to `end`."""
        return self.start != self.end

    @property
    def changed(self) -> bool:
        return self.moved or self.delta_support != 0

    @property
    def strategies_added(self) -> tuple[str, ...]:
        return tuple(s for s in self.after.strategies if s not in self.before.strategies)

    @property
    def strategies_removed(self) -> tuple[str, ...]:
        return tuple(s for s in self.before.strategies if s not in self.after.strategies)


@dataclass(frozen=True, slots=True)
class MatrixMovement:
    """From an earlier month's matrix to a later one."""

    moves: tuple[Movement, ...]
    """Stakeholders on both charts, in the later chart's order."""
    appeared: tuple[MatrixPoint, ...]
    """On the later chart only."""
    left: tuple[MatrixPoint, ...]
    """On the earlier chart only (figures removed or no longer key)."""

    def of(self, stakeholder: str) -> Movement | None:
        for move in self.moves:
            if move.stakeholder == stakeholder:
                return move
        return None

    @property
    def changed(self) -> tuple[Movement, ...]:
        return tuple(m for m in self.moves if m.changed)


def matrix_movement(earlier: StakeholderMatrix, later: StakeholderMatrix) -> MatrixMovement:
    """What moved between two months' matrices, matched by register id."""
    before = {p.stakeholder: p for p in earlier.points}
    now = {p.stakeholder for p in later.points}
    moves = tuple(
        Movement(before[p.stakeholder], p) for p in later.points if p.stakeholder in before
    )
    appeared = tuple(p for p in later.points if p.stakeholder not in before)
    left = tuple(p for p in earlier.points if p.stakeholder not in now)
    return MatrixMovement(moves, appeared, left)


def months_movement(
    register: Register,
    earlier: StakeholderPlanMonth,
    later: StakeholderPlanMonth,
    scale: Scale,
) -> MatrixMovement:
    """`matrix_movement` straight from two month files."""
    return matrix_movement(
        stakeholder_matrix(register, earlier, scale), stakeholder_matrix(register, later, scale)
    )


def points_at(points: Sequence[MatrixPoint], interest: int, authority: int) -> tuple[str, ...]:
    """Stakeholders sharing one position, for a "3 stakeholders here" callout or selection."""
    return tuple(
        p.stakeholder for p in points if (p.interest, p.authority) == (interest, authority)
    )


__all__ = [
    "AXIS_RANGE",
    "MIDPOINT",
    "MatrixMovement",
    "MatrixPoint",
    "Movement",
    "StakeholderMatrix",
    "StrategyGroup",
    "end_cut",
    "matrix_movement",
    "middle_cut",
    "months_movement",
    "points_at",
    "short_name",
    "stakeholder_matrix",
]
