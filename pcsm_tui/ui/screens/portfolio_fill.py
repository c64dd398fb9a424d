"""How the portfolio's table gets its rows: a screenful before the first paint, the rest in
steps after it, and a later fill of the same rows in the same order (the last-change column
arriving, a file read again) by updating only the cells that changed.

At 1,000 engagements a fill from scratch is 1,000 rows added again in four steps, each step
painted: a new sort or filter needs it, but the last-change column arriving does not, and
refilling for it kept the screen busy for about two seconds after its first paint (keys,
quitting included, waited behind it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets import VimTable, same_look
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
) -> None:
    """Add the next `count` rows, and the rest after the screen has been painted.

    DataTable measures every cell of every row it is given before it paints; for a
    team's 1,000 engagements that alone would hold the first paint back by ~0.3 s. So a
    screenful goes in first and the rest follows in steps that keep keys responsive.
    `made`: the `row_cells` of the first rows, which the fill made to choose the columns
    (made again here they were 3-5 ms of the first frame at team scale).
    """
    if filling != screen._filling or not screen.is_attached:
        return  # a newer sort or filter has started over
    table = screen.query_one("#portfolio", VimTable)
    if table.row_count and settle(screen):
        return  # the rows not checked before the first frame differed: filled again
    rows = current(screen, rows)

    if count == len(rows) or not table.row_count:
        screen.filled = {}
    made = made or []
    for index, row in enumerate(rows[:count]):
        cells = shown_cells(screen, row, made[index] if index < len(made) else None)
        table.add_row(*cells, key=row.slug)
        screen.filled[row.slug] = cells
    if selected is not None and selected in table.rows:
        table.move_cursor(row=table.get_row_index(selected))
        selected = None  # found: later steps leave the cursor where the person puts it
    if rows[count:]:
        screen.call_after_refresh(screen._add_rows, rows[count:], selected, filling, LATER_ROWS)


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
