"""Label placement for scatter charts drawn in terminal cells.

A terminal plot has a few dozen rows and about a hundred columns, so stakeholders with
similar figures fall on the same cell and their labels would overwrite each other. The
placement therefore works in cells, the unit in which overlap really happens, and hands back
data coordinates that plotext maps onto exactly those cells again (plotext puts a value `v`
of the range `lo..hi` on cell `floor(0.5 + (cells - 1) * (v - lo) / (hi - lo))`).

The method is greedy with a complete search per label: labels of the most crowded points go
first; each one takes the cheapest free slot over every row of the canvas (same row beside
its point is cheapest, then the rows above and below, each further row costing more), so a
label is only dropped when no free slot is left anywhere. Dropped labels are reported as
`hidden`, never drawn over another one: "no label overwrites another" holds by construction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ROW_COST = 2.0
"""Moving a label one row away costs as much as sliding it two columns: cells are about
twice as tall as they are wide, so this keeps the visual distance, not the cell count."""

LEFT_COST = 1.0
"""Extra cost of a same-row label on the left: people read a point, then its label."""

SHORTER_COST = 4.0
"""Cost of each step down to a shorter fallback text: a full label two rows away is as good
as a shortened one beside its point; any further and the short text wins."""

BELOW_COST = 0.5
"""Extra cost of going below rather than above: ties are broken upward, consistently."""


@dataclass(frozen=True, slots=True)
class Canvas:
    """The plot area in cells and the data range it shows (set with plt.xlim/ylim)."""

    width: int
    height: int
    x_range: tuple[float, float] = (0.0, 10.0)
    y_range: tuple[float, float] = (0.0, 10.0)

    def column(self, x: float) -> int:
        """The cell column plotext draws `x` on (0 = left)."""
        return _cell(x, self.x_range, self.width)

    def row(self, y: float) -> int:
        """The cell row plotext draws `y` on (0 = bottom, as in plotext)."""
        return _cell(y, self.y_range, self.height)

    def x_of(self, column: int) -> float:
        """The data x at the centre of `column`: plotext maps it back onto that column."""
        return _value(column, self.x_range, self.width)

    def y_of(self, row: int) -> float:
        return _value(row, self.y_range, self.height)


def _cell(value: float, limits: tuple[float, float], cells: int) -> int:
    low, high = limits
    if cells <= 1 or high == low:
        return 0
    return math.floor(round(0.5 + (cells - 1) * (value - low) / (high - low), 8))


def _value(cell: int, limits: tuple[float, float], cells: int) -> float:
    low, high = limits
    if cells <= 1:
        return low
    return low + cell * (high - low) / (cells - 1)


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """A point to label: its data position and its texts, preferred first.

    Later texts are shorter fallbacks: one is used when the preferred text would land far
    from its point or fits nowhere (each step down costs `SHORTER_COST`).
    """

    key: str
    x: float
    y: float
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """Where a label goes: draw it with `plt.text(text, x, y, alignment="left")`.

    `column`/`row` is the cell of its first character; `point_column`/`point_row` the cell
    of the point it names. `leader` is set when the label had to move away from its point
    (more than one row, or a gap of more than one cell): the chart should then draw a faint
    line from the point to `(leader_x, leader_y)`, the label's cell nearest the point.
    """

    key: str
    text: str
    x: float
    y: float
    column: int
    row: int
    point_column: int
    point_row: int
    leader: bool
    leader_x: float
    leader_y: float

    @property
    def end_column(self) -> int:
        """The cell of the label's last character."""
        return self.column + len(self.text) - 1

    @property
    def offset(self) -> tuple[int, int]:
        """Columns and rows from the point's cell to the label's first cell (up = +)."""
        return self.column - self.point_column, self.row - self.point_row

    def covers(self, column: int, row: int) -> bool:
        return row == self.row and self.column <= column <= self.end_column

    def overlaps(self, other: PlacedLabel) -> bool:
        return (
            self.row == other.row
            and self.column <= other.end_column
            and other.column <= self.end_column
        )


@dataclass(frozen=True, slots=True)
class LabelLayout:
    """Every label that fits, plus the keys of those that do not (for a legend)."""

    canvas: Canvas
    labels: tuple[PlacedLabel, ...]
    hidden: tuple[str, ...]

    def label_for(self, key: str) -> PlacedLabel | None:
        for label in self.labels:
            if label.key == key:
                return label
        return None


def _free_starts(
    blocked: list[tuple[int, int]], length: int, width: int, gap: int
) -> list[tuple[int, int]]:
    """Intervals of first-columns where a label of `length` fits between `blocked` spans."""
    forbidden = sorted((a - gap - length + 1, b + gap) for a, b in blocked)
    free: list[tuple[int, int]] = []
    start, last = 0, width - length
    for low, high in forbidden:
        if low > start:
            free.append((start, min(low - 1, last)))
        start = max(start, high + 1)
        if start > last:
            break
    if start <= last:
        free.append((start, last))
    return [(a, b) for a, b in free if a <= b]


def _best_in_row(
    free: list[tuple[int, int]], column: int, length: int, same_row: bool
) -> tuple[float, int] | None:
    """The cheapest first-column in a row, with its horizontal cost.

    On the point's own row a label may only sit right beside the point (one blank cell to
    its right, or to its left): a label further along that row would read as belonging to
    whatever it touches. On other rows it is centred over the point and may slide sideways.
    """
    if same_row:
        options = [(column + 2, 0.0), (column - 1 - length, LEFT_COST)]
        fits = [(cost, start) for start, cost in options if any(a <= start <= b for a, b in free)]
        return min(fits) if fits else None
    ideal = column - (length - 1) // 2
    best: tuple[float, int] | None = None
    for low, high in free:
        start = min(max(ideal, low), high)
        cost = float(abs(start - ideal))
        if best is None or cost < best[0]:
            best = (cost, start)
    return best


def _crowding(cells: list[tuple[int, int]], index: int, reach: int) -> int:
    column, row = cells[index]
    return sum(
        1
        for other, (c, r) in enumerate(cells)
        if other != index and abs(c - column) <= reach and abs(r - row) <= 2
    )


def place_labels(
    requests: Sequence[LabelRequest],
    canvas: Canvas,
    *,
    gap: int = 1,
    avoid: Iterable[tuple[float, float]] = (),
) -> LabelLayout:
    """Place one label per request so that no label overlaps another label or any point.

    `gap` blank cells are kept between a label and anything else on its row, so that two
    labels never run into each other as one word. `avoid` lists further data positions
    that labels must leave free, e.g. the earlier positions drawn for movement.
    """
    cells = [(canvas.column(r.x), canvas.row(r.y)) for r in requests]
    others = {(canvas.column(x), canvas.row(y)) for x, y in avoid}
    blocked: dict[int, list[tuple[int, int]]] = {}
    for column, row in set(cells) | others:
        blocked.setdefault(row, []).append((column, column))
    reach = max((len(r.texts[0]) for r in requests if r.texts), default=0) + 2
    order = sorted(range(len(requests)), key=lambda i: -_crowding(cells, i, reach))
    placed: dict[int, PlacedLabel] = {}
    hidden: list[str] = []
    for index in order:
        request = requests[index]
        label = _place_one(request, cells[index], blocked, canvas, gap)
        if label is None:
            hidden.append(request.key)
            continue
        placed[index] = label
        blocked.setdefault(label.row, []).append((label.column, label.end_column))
    labels = tuple(placed[i] for i in range(len(requests)) if i in placed)
    hidden_keys = set(hidden)
    return LabelLayout(canvas, labels, tuple(r.key for r in requests if r.key in hidden_keys))


def _place_one(
    request: LabelRequest,
    cell: tuple[int, int],
    blocked: dict[int, list[tuple[int, int]]],
    canvas: Canvas,
    gap: int,
) -> PlacedLabel | None:
    column, row = cell
    best: tuple[float, int, int, str] | None = None
    for level, text in enumerate(request.texts):
        length = len(text)
        if length == 0 or length > canvas.width:
            continue
        shorter = level * SHORTER_COST
        for target in range(canvas.height):
            distance = abs(target - row)
            vertical = shorter + distance * ROW_COST + (BELOW_COST if target < row else 0.0)
            if best is not None and vertical >= best[0]:
                continue
            free = _free_starts(blocked.get(target, []), length, canvas.width, gap)
            found = _best_in_row(free, column, length, target == row)
            if found is None:
                continue
            cost = vertical + found[0]
            if best is None or cost < best[0]:
                best = (cost, target, found[1], text)
    if best is None:
        return None
    _, target, start, text = best
    return _label(request.key, text, start, target, column, row, canvas)


def _label(
    key: str, text: str, start: int, row: int, point_column: int, point_row: int, canvas: Canvas
) -> PlacedLabel:
    end = start + len(text) - 1
    nearest = min(max(point_column, start), end)
    horizontal = 0 if start <= point_column <= end else abs(nearest - point_column) - 1
    leader = abs(row - point_row) > 1 or horizontal > 1
    return PlacedLabel(
        key=key,
        text=text,
        x=canvas.x_of(start),
        y=canvas.y_of(row),
        column=start,
        row=row,
        point_column=point_column,
        point_row=point_row,
        leader=leader,
        leader_x=canvas.x_of(nearest),
        leader_y=canvas.y_of(row),
    )


__all__ = ["Canvas", "LabelLayout", "LabelRequest", "PlacedLabel", "place_labels"]
