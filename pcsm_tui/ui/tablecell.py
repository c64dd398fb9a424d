"""A table cell of one line drawn without Rich's general renderer (issue 16: first paint).

DataTable draws each cell the first time it is shown through Rich's general path: a Styled
around a Padding around the cell, each a generator with its own copies of the console's
options, the lines split and cropped twice. For the portfolio's first frame at 1,000
engagements that is ~330 cells, and it was the larger part of drawing the table before the
first paint. Nearly every cell pcsm shows is a one-line Text in a row one line high
(`widgets.plain`); for those, `cell_lines` makes the very segments Rich makes, with the same
Rich functions for the parts that decide them (wrap, join, render, crop, the style sandwich),
minus the layers between. Anything else (a header, a label, a taller row, another kind of
renderable, a cell narrower than its padding) goes Rich's way, unchanged.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._types import SegmentLines
from textual.widgets import DataTable
from textual.widgets._data_table import CellCacheKey


def cell_lines(
    console: Console, cell: object, width: int, padding: int, pre: Style, post: Style
) -> SegmentLines | None:
    """The one line Rich draws for `cell` in a cell `width` wide with `padding` blanks each
    side (DataTable: `render_lines(Styled(Padding(cell, (0, padding)), pre, post), options)`
    with the app's console options, one line high, not wrapped); None when the cell is not a
    one-line Text, so the caller goes Rich's way."""
    if type(cell) is not Text or cell.end not in ("", "\n") or cell.no_wrap is False:
        return None  # (a Text's own end of line only ends the one line Rich draws)
    inner = width - 2 * padding
    plain = cell.plain
    if inner < 1 or "\n" in plain or "\t" in plain:
        return None
    justify = cell.justify or "default"  # the app's console options set neither
    blank = console.get_style("none")  # Padding's style
    if not cell.style and not cell._spans and justify == "default" and cell_len(plain) <= inner:
        segments = [Segment(plain)]  # what Text.render gives a plain text that fits
    else:  # Text.__rich_console__'s steps for one line that is not wrapped
        overflow = cell.overflow or "fold"
        lines = cell.wrap(console, inner, justify=justify, overflow=overflow, no_wrap=True)
        if len(lines) != 1:
            return None
        segments = list(Text("\n").join(lines).render(console, end=""))
    line = Segment.adjust_line_length(segments, inner, style=blank, pad=True)
    if padding:
        side = Segment(" " * padding, blank)
        line = [side, *line, side]
    styled = list(Segment.apply_style(line, style=pre, post_style=post))
    return [Segment.adjust_line_length(styled, width, style=None, pad=True)]


def plain_line(
    cell: object, width: int, padding: int, look: Style, meta: Style
) -> SegmentLines | None:
    """`cell_lines` for the commonest cell, a plain one-line Text that fits (no style, no
    spans, not justified), with its styles added in another order: `look` is the cell's
    base, component and post styles added (the same for every cell of a row: Rich keeps
    the sum), `meta` (its row and column) is added last, once. DataTable adds the meta
    first (`base + meta + component`, then `+ post` for each segment): ~8 additions a cell
    that Rich's cache could never hold, as every cell's meta differs; ~330 cells are drawn
    for the first frame at 1,000 engagements. Equal styles come out (Rich adds meta and
    link ids only from the side that has them) as long as only `meta` has meta or a link:
    None otherwise, and for every other cell (then `cell_lines`)."""
    if (
        type(cell) is not Text
        or cell.end not in ("", "\n")
        or cell.no_wrap is False
        or cell.style
        or cell._spans
        or cell.justify not in (None, "default")
        or look.meta
        or look.link
        or look.link_id
    ):
        return None
    inner = width - 2 * padding
    plain = cell.plain
    length = cell_len(plain)
    if inner < 1 or length > inner or "\n" in plain or "\t" in plain:
        return None
    style = look + meta
    line = [Segment(plain, style)]
    if length < inner:
        line.append(Segment(" " * (inner - length), style))
    if padding:
        side = Segment(" " * padding, style)
        line = [side, *line, side]
    return [line]


class FastCells(DataTable[Any]):
    """A DataTable whose body cells of one line are drawn by `cell_lines` (cached as
    DataTable caches them, under the same key); the rest as DataTable draws them."""

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        row_key = self._row_locations.get_key(row_index) if row_index >= 0 else None
        row = self.rows.get(row_key) if row_key is not None else None
        column_key = self._column_locations.get_key(column_index) if column_index >= 0 else None
        if row_key is None or row is None or column_key is None or row.height != 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key: CellCacheKey = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(key)
        if cached is not None:
            return cached
        cell = self._get_row_renderables(row_index).cells[column_index]
        component, post = self._get_styles_to_render_cell(
            False,
            False,
            row_index < self.fixed_rows or column_index < self.fixed_columns,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        meta = Style.from_meta({"row": row_index, "column": column_index})
        lines = plain_line(cell, width, self.cell_padding, base_style + component + post, meta)
        if lines is None:
            pre = base_style + meta + component
            lines = cell_lines(self.app.console, cell, width, self.cell_padding, pre, post)
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        self._cell_render_cache[key] = lines
        return lines
