"""Tables that never show a word cut at an edge (issue 13).

Two places a table used to clip text mid-word: a column wider than the room left for it
(a form's value column at 80 columns: `Sue Saunders (EMEA Director of Opera`), and the
column half scrolled out at the pane's right or left edge (`Likeli`). The first is cut at a
word with "…" to the room it really has (`fit_rows`, again on every resize); the second is
left blank until scrolled into view (`partial_columns`): the horizontal scroll bar says
there is more, and moving the cursor onto it scrolls it in whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

from ..textcut import cells, shorten

MIN_STRETCH = 12
"""A stretched column never gets narrower than this (the table scrolls instead)."""


def _shown(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def fit_rows(
    labels: Sequence[str],
    rows: Sequence[tuple[str, list[Any]]],
    stretch: int,
    width: int,
    padding: int,
) -> list[tuple[str, list[Any]]]:
    """`rows` with the texts of column `stretch` cut to the room the other columns leave in
    `width` cells (each column takes its widest text plus `padding` on each side)."""
    others = 0
    for index, label in enumerate(labels):
        if index != stretch:
            widest = max((cells(_shown(r[index])) for _, r in rows if index < len(r)), default=0)
            others += max(cells(label), widest) + 2 * padding
    room = max(width - others - 2 * padding, MIN_STRETCH)
    fitted: list[tuple[str, list[Any]]] = []
    for key, row in rows:
        row = list(row)
        if stretch < len(row):
            cell = row[stretch]
            if isinstance(cell, Text):
                row[stretch] = Text(shorten(cell.plain, room), style=cell.style)
            elif isinstance(cell, str):
                row[stretch] = shorten(cell, room)
        fitted.append((key, row))
    return fitted


def partial_columns(
    widths: Sequence[int], fixed: int, scroll_x: int, width: int
) -> list[tuple[int, int]]:
    """The spans (start, end) of the viewport, `width` cells wide and scrolled `scroll_x`
    past its `fixed` first columns, where a column shows only in part; a column too wide to
    ever show whole is not listed (its texts are cut to fit instead)."""
    fixed_width = sum(widths[:fixed])
    spans: list[tuple[int, int]] = []
    start = fixed_width
    for column_width in widths[fixed:]:
        left, right = start - scroll_x, start + column_width - scroll_x
        start += column_width
        if column_width > width - fixed_width:
            continue
        shown_left, shown_right = max(left, fixed_width), min(right, width)
        if shown_left < shown_right and (shown_left, shown_right) != (left, right):
            spans.append((shown_left, shown_right))
    return spans
