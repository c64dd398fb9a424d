"""How the portfolio's table gets its rows: a screenful before the first paint, the rest in
steps after it, and a later fill of the same rows in the same order (the last-change column
arriving, a file read again) by updating only the cells that changed.

At 1,000 engagements a fill from scratch is 1,000 rows added again in four steps, each step
painted: a new sort or filter needs it, but the last-change column arriving does not, and
refilling for it kept the screen busy for about two seconds after its first paint (keys,
quitting included, waited behind it).

The first step holds only as many rows as the screen has lines (issue 16: first paint). The
fill chooses the columns from its first `portfolio.FIRST_ROWS` rows (100), and the table used
to be given all of them before its first frame: each added (its cells made Text) and measured,
though a 40-line terminal shows 35. Now the rows below the screen wait for the next step, and
the columns are made as wide as those rows will make them when they come (`widen`, measured
as VimTable measures), so no column widens after the first frame for a row of that screenful
of 100; the first frame is the one it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

from ...textsafe import display
from ..widgets import VimTable, plain, same_look
from .portfolio_columns import HEALTH
from .portfolio_columns import cut as _cut
from .portfolio_first import current, settle
from .portfolio_health import health_cells

if TYPE_CHECKING:
    from ...analysis.portfolio import PortfolioRow
    from .portfolio import PortfolioScreen

LATER_ROWS = 250
"""Rows added per step after the first paint."""


def shown_cells(
    screen: PortfolioScreen, row: PortfolioRow, made: dict[str, str] | None = None
) -> tuple[object, ...]:
    """The cells of `row` as the table shows them: the columns shown, cut to their widths,
    the health level in its colour. `made`: the row's `row_cells`, when the caller has them
    already (they are changed here)."""
    values = screen.row_cells(row) if made is None else made
    for key, width in screen._cuts.items():
        values[key] = _cut(values[key], width, key != "customer")
    shown: list[object] = [values[key] for key in screen._shown]
    if HEALTH in screen._shown:
        shown[screen._shown.index(HEALTH)] = health_cells(row)[0]
    return tuple(shown)


def add_rows(
    screen: PortfolioScreen,
    rows: list[PortfolioRow],
    selected: str | None,
    filling: int,
    count: int,
    made: list[dict[str, str]] | None = None,
    ready: list[tuple[object, ...]] | None = None,
) -> None:
    """Add the next `count` rows, and the rest after the screen has been painted.

    DataTable measures every cell of every row it is given before it paints; for a
    team's 1,000 engagements that alone would hold the first paint back by ~0.3 s. So a
    screenful goes in first and the rest follows in steps that keep keys responsive.
    `made`: the `row_cells` of the first rows, which the fill made to choose the columns
    (made again here they were 3-5 ms of the first frame at team scale). `ready`: the
    `shown_cells` of the first rows, made by the step before (the rows below the screen).
    """
    if filling != screen._filling or not screen.is_attached:
        return  # a newer sort or filter has started over
    table = screen.query_one("#portfolio", VimTable)
    if table.row_count and settle(screen):
        return  # the rows not checked before the first frame differed: filled again
    rows = current(screen, rows)

    if count == len(rows) or not table.row_count:
        screen.filled = {}
    ready = ready or []
    shown = ready[:count] + [
        shown_cells(screen, row, made[index] if made and index < len(made) else None)
        for index, row in enumerate(rows[len(ready) : count], start=len(ready))
    ]
    if made:  # the fill's first step: only what the screen can show, the columns as wide as all
        widen(table, shown)
        count = min(count, screen.size.height or screen.app.size.height)
    for row, cells in zip(rows[:count], shown, strict=False):
        table.add_row(*cells, key=row.slug)
        screen.filled[row.slug] = cells
    if selected is not None and selected in table.rows:
        table.move_cursor(row=table.get_row_index(selected))
        selected = None  # found: later steps leave the cursor where the person puts it
    if rows[count:]:
        later = (rows[count:], selected, filling, LATER_ROWS, None, shown[count:])
        screen.call_after_refresh(screen._add_rows, *later)


def widen(table: VimTable, rows: Sequence[tuple[object, ...]]) -> None:
    """Make each column at least as wide as its cells in `rows` (shown_cells) will make it
    once they are in the table: the width VimTable measures for a cell (its text's longest
    line, in cells, of the Text it is given), never narrower than the column already is."""
    for index, column in enumerate(table.ordered_columns):
        widest = max((_width(cells[index]) for cells in rows), default=0)
        if widest > column.content_width:
            column.content_width = widest


def _width(cell: object) -> int:
    """The width VimTable measures for `cell` once `plain` has made it a Text. A string's Text
    is its `display(lines=False)` (one line, no control character left for Text to strip),
    so it is measured without making the Text."""
    if isinstance(cell, str):
        return cell_len(display(cell, lines=False))
    text = plain(cell).plain
    return max(map(cell_len, text.splitlines()), default=0)


def update_in_place(screen: PortfolioScreen, rows: list[PortfolioRow]) -> bool:
    """When the table holds exactly these rows in this order (every step added), update
    the cells that changed and say True; False: the table must be filled afresh."""
    table = screen.query_one("#portfolio", VimTable)
    filled = screen.filled
    if table.row_count != len(filled) or list(filled) != [row.slug for row in rows]:
        return False
    screen._filling += 1  # steps of an older fill, if any, stop
    keys = screen._shown
    for row in rows:
        cells = shown_cells(screen, row)
        old = filled[row.slug]
        changed = False
        for key, new, before in zip(keys, cells, old, strict=True):
            if not same_look(new, before):
                table.update_cell(row.slug, key, new, update_width=True)
                changed = True
        if changed:
            filled[row.slug] = cells
    return True
