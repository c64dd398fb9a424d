"""Small widgets shared by the screens."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text, TextType
from textual import events
from textual.app import RenderResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets.data_table import CellType, ColumnKey, RowKey

from ..textcut import shorten_items, shorten_message
from ..textsafe import display
from .plain import safe_text
from .tablecell import FastCells
from .tablefit import cut_cell, fit_rows, partial_columns


class StatusLine(Static):
    """The line above the footer: what the last change committed, or what is going on."""

    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    StatusLine.-error { color: $text-error; }
    StatusLine.-busy { color: $text-warning; }
    """

    def __init__(self, text: str = "", hint: str | None = None) -> None:
        # Commit subjects and git's messages are shown as written, never read as markup
        # (git says "[rejected]"; a risk may be called "Upgrade [phase 2]").
        super().__init__(display(text, lines=False), markup=False)
        self.hint = display(text if hint is None else hint, lines=False)
        """What the line says when no action has anything to say (the screen's keys)."""

    def render(self) -> RenderResult:
        """The line cut to its width: a list of keys at a whole key, a message at a word
        with "…" (a path in its middle, its file's name kept: `textcut.shorten_message`).
        Wrapped onto a second line that is never shown, it ended on a word with nothing to
        say there was more ("… u undo your last change ·")."""
        whole = super().render()
        width = self.content_size.width
        if not isinstance(whole, Content) or width <= 0 or whole.cell_length <= width:
            return whole
        plain = whole.plain
        return Content(
            shorten_items(plain, width) if " · " in plain else shorten_message(plain, width)
        )


Columns = list[tuple[str | Text, str]]
"""A table's columns: (label, key)."""
Rows = list[tuple[str, list[Any]]]
"""A table's rows: (key, cells)."""


class VimTable(FastCells):
    """A data table that also moves with h/j/k/l and g/G, as people used to vim expect; its
    one-line cells are drawn the short way (tablecell)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("h", "cursor_left", "Left", show=False, id="table.left"),
        Binding("l", "cursor_right", "Right", show=False, id="table.right"),
        Binding("g", "scroll_top", "First row", show=False, id="table.top"),
        Binding("G", "scroll_bottom", "Last row", show=False, id="table.bottom"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shape: tuple[object, ...] | None = None
        self._shown: dict[str, list[Any]] = {}
        self.stretch: str | None = None
        """The key of a column whose texts are cut (at a word, "…") to the room the other
        columns leave, again on resize (a form's value column); None: none is."""
        self._given: tuple[Columns, Rows] | None = None
        self._fitted_to = 0
        self._looks: dict[object, tuple[Style, ...]] = {}
        """The styles the cells in DataTable's caches were drawn with, by pseudo-class
        state (render_lines)."""

    # Cells and headers hold people's text ("Upgrade [phase 2]", "Acme [/EU]"): DataTable
    # would read a plain string as Rich markup, eating brackets or failing outright, so
    # strings are shown as they are. Styled cells are passed as Text.

    def add_column(
        self,
        label: TextType,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
    ) -> ColumnKey:
        return super().add_column(plain(label), width=width, key=key, default=default)

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: TextType | None = None,
    ) -> RowKey:
        shown = [plain(cell) for cell in cells]
        return super().add_row(*shown, height=height, key=key, label=label)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: CellType,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, plain(value), update_width=update_width)

    def show(self, columns: Columns, rows: Rows) -> None:
        """Show these columns and rows. When they are the ones already shown (the usual case
        after an edit) only the cells whose text changed are updated, which keeps the table's
        render caches and costs the UI thread next to nothing; otherwise the table is rebuilt
        with the cursor kept where it was."""
        self._given = (columns, rows)
        keys = [key for _, key in columns]
        if self.stretch in keys and self.size.width:
            self._fitted_to = width = self.scrollable_content_region.width
            labels = [str(label) for label, _ in columns]
            rows = fit_rows(labels, rows, keys.index(self.stretch), width, self.cell_padding)
        shape = (tuple((key, str(label)) for label, key in columns), tuple(k for k, _ in rows))
        if shape == self._shape:
            keys = [key for _, key in columns]
            for row_key, cells in rows:
                shown = self._shown.get(row_key, ())
                for column_key, cell, old in zip(keys, cells, shown, strict=False):
                    if not same_look(cell, old):
                        self.update_cell(row_key, column_key, cell, update_width=True)
            self._shown = dict(rows)
            return
        row, column = self.cursor_coordinate
        self.clear(columns=True)
        for label, key in columns:
            self.add_column(label, key=key)
        for row_key, cells in rows:
            self.add_row(*cells, key=row_key)
        self._shape, self._shown = shape, dict(rows)
        if self.row_count:
            self.move_cursor(
                row=min(row, self.row_count - 1), column=min(column, len(self.columns) - 1)
            )

    def on_resize(self, event: events.Resize) -> None:
        """A stretched column is cut again to the new room (rebuilt: widths only grow).

        DataTable's own handler is not run: it threw away every cell it had rendered on
        each resize (its update count is in every render cache's key), though no cell
        depends on the table's size (a line is cached with its width and crop), so the
        first paint of a new table was wasted by the resize its first layout sends."""
        event.prevent_default()
        given = self._given
        width = self.scrollable_content_region.width
        if given is not None and self.stretch is not None and width != self._fitted_to:
            self._shape = None
            self.show(*given)

    def notify_style_update(self) -> None:
        """The cells drawn so far are kept through a restyle; `render_lines` drops them
        when they were drawn with other styles. DataTable threw them all away on every
        restyle, and a change of focus is one: each time a table gained or lost the focus
        (a kept editor shown again, tab between panes) every cell in view was drawn again,
        ~10-35 ms on a small machine, though its caches are keyed by focus already."""
        Widget.notify_style_update(self)  # the widget's own style caches
        self._get_styles_to_render_cell.cache_clear()  # not keyed by focus
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """DataTable's caches are keyed by the pseudo-class state (focus, hover, enabled):
        what was drawn in this state is drawn again from them if the table's styles and
        its components' (cursor, header, stripes) are still the ones it was drawn with,
        and everything is drawn anew otherwise (a theme, a class: as DataTable did)."""
        state = self.get_pseudo_class_state()
        look = self._look()
        drawn = self._looks.get(state)
        if drawn is None:
            self._looks[state] = look  # nothing drawn in this state is kept
        elif drawn != look:
            self._clear_caches()
            self._looks = {state: look}
        if state != self._pseudo_class_state:
            self._get_styles_to_render_cell.cache_clear()
        return super().render_lines(crop)

    def _look(self) -> tuple[Style, ...]:
        """The styles a cell is drawn with (for the current pseudo-class state)."""
        get = self.get_component_rich_style
        return (self.rich_style, *(get(name) for name in sorted(self.COMPONENT_CLASSES)))

    def render_line(self, y: int) -> Strip:
        """A column only partly in view (at the pane's edge, or half scrolled past the fixed
        first column) shows its texts cut at a word with "…" to the part in view, never
        clipped mid-word."""
        strip = super().render_line(y)
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        spans = partial_columns(widths, self.fixed_columns, self.scroll_offset.x, self.size.width)
        if not spans:
            return strip
        parts, at = [], 0
        for start, end, index in spans:
            piece = strip.crop(start, end)
            parts += [strip.crop(at, start), cut_cell(piece, self._text_at(y, index), 1)]
            at = end
        parts.append(strip.crop(at, strip.cell_length))
        return Strip.join(parts)

    def _text_at(self, y: int, index: int) -> str:
        """The text of column `index` on the table's line `y` as drawn (a header's line)."""
        header = self.header_height if self.show_header else 0
        try:
            row_key, offset = self._get_offsets(y if y < header else y + self.scroll_offset.y)
            column = self.ordered_columns[index]
            if row_key == self._header_row_key:
                value: object = column.label
            else:
                value = self.get_cell(row_key, column.key)
        except (LookupError, IndexError):
            return ""
        text = value.plain if isinstance(value, Text) else str(value)
        lines = text.split("\n")
        return lines[offset] if offset < len(lines) else ""

    def clear(self, columns: bool = False) -> VimTable:
        self._shape, self._shown = None, {}
        return super().clear(columns)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable measures new rows when idle, and keeps the lines it painted keyed by its
        update count, not by column widths: a row painted before it was measured (a busy
        machine) stayed cut to the old widths until the next change. Measured, it is painted
        again.

        Rows of one line whose cells are all Text (every cell this class is given: see
        `plain`) are measured here from their plain text; DataTable's own measuring asks
        Rich for each cell and builds the console's options each time, which for a team's
        1,000 engagements (16,000 cells) kept the portfolio busy for seconds after its first
        paint. The width is the one Rich gives a Text (its longest line, in cells)."""
        super()._update_dimensions(self._measure_text_rows(new_rows))
        self._update_count += 1
        self.refresh()

    def _measure_text_rows(self, new_rows: Iterable[RowKey]) -> list[RowKey]:
        """Widen the columns for the rows that are all Text and one line high; the rows
        left for DataTable's own measuring (labelled, auto-height or other cells)."""
        rest: list[RowKey] = []
        columns = self.ordered_columns
        for row_key in new_rows:
            index = self._row_locations.get(row_key)
            row = self.rows.get(row_key)
            if index is None or row is None or row.label is not None or row.auto_height:
                rest.append(row_key)
                continue
            _label, cells = self._get_row_renderables(index)
            texts = [cell for cell in cells if isinstance(cell, Text)]
            if len(texts) != len(cells):
                rest.append(row_key)
                continue
            for column, text in zip(columns, texts, strict=False):
                width = max(map(cell_len, text.plain.splitlines()), default=0)
                if width > column.content_width:
                    column.content_width = width
        return rest


def plain(value: Any) -> Any:
    """A string as literal text (never markup), cut rather than wrapped like DataTable's own
    cells, its control and bidi characters shown as escapes; a Text escaped the same way;
    anything else unchanged."""
    if isinstance(value, str):
        return Text(display(value, lines=False), no_wrap=True, end="")
    return safe_text(value, lines=False) if isinstance(value, Text) else value


def same_look(new: Any, old: Any) -> bool:
    """Cells are equal when they would look the same (Text's own == ignores its style)."""
    if isinstance(new, Text) and isinstance(old, Text):
        return (new.plain, str(new.style), new.spans) == (old.plain, str(old.style), old.spans)
    return bool(type(new) is type(old) and new == old)
