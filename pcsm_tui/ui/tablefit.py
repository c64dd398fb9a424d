"""Tables that never show a word cut at an edge (issue 13).

Two places a table used to clip text mid-word: a column wider than the room left for it
(a form's value column at 80 columns: `Sue Saunders (EMEA Director of Opera`), and the
column half scrolled out at the pane's right or left edge (`Likeli`). The first is cut at a
word with "…" to the room it really has (`fit_rows`, again on every resize); the second
shows its texts cut at a word with "…" to the part in view (`partial_columns`, `cut_cell`):
moving the cursor onto it scrolls it in whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip

from ..textcut import cells, shorten

PADDING = 1
"""A cell's blank on each side (DataTable's cell_padding): hiding it hides no text."""
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
) -> list[tuple[int, int, int]]:
    """The spans (start, end, column index) of the viewport, `width` cells wide and
    scrolled `scroll_x` past its `fixed` first columns, where a column shows only in part
    (one of the fixed columns too, when it is wider than the view)."""
    fixed_width = sum(widths[:fixed])
    spans: list[tuple[int, int, int]] = []
    start = 0
    for index, column_width in enumerate(widths):
        shift = 0 if index < fixed else scroll_x
        left, right = start - shift, start + column_width - shift
        start += column_width
        floor = 0 if index < fixed else fixed_width
        shown_left, shown_right = max(left, floor), min(right, width)
        hidden = max(shown_left - left, right - shown_right)
        if shown_left < shown_right and hidden > PADDING:  # a hidden padding cuts nothing
            spans.append((shown_left, shown_right, index))
    return spans


def cut_cell(piece: Strip, text: str, padding: int) -> Strip:
    """A cell's `text` in the cells `piece` takes, cut at a word with "…", in the style the
    cell was drawn in (its zebra stripe, the cursor's highlight)."""
    width = piece.cell_length
    style = next((segment.style for segment in piece if segment.style), None)
    room = width - 2 * padding
    shown = shorten(text, room) if room > 0 else ""
    line = (" " * padding + shown)[:width] if room > 0 else ""
    return Strip([Segment(line + " " * (width - cells(line)), style)], width)
