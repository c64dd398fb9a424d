"""Issue 16: a kept editor shown again draws nothing it drew before (ui/widgets.py VimTable,
ui/charts/base.py): its tables' cells stay drawn through the change of focus, its chart is
not drawn again for the size it has. And what is shown is never stale: a table whose
styles changed (a theme) is drawn anew, the cursor shows whether the table has the focus,
and a chart of a new size is drawn again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color
from rich.style import Style
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import DataTable, Static

from pcsm_tui import service_watch
from pcsm_tui.ui.charts.base import Chart
from pcsm_tui.ui.editors.tool import ToolEditor
from pcsm_tui.ui.widgets import VimTable

from .apphelp import (
    WIDE,
    make_app,
    open_tool,
    put_cursor,
    screen_of,
    settle,
    show_kept_again,
    table_at,
)


@pytest.fixture(autouse=True)
def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stamp is trusted at once (no racy wait), so that the editors are kept here."""
    monkeypatch.setattr(service_watch, "RACY_NS", 0)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """How many table cells were drawn (not taken from a table's cache) and how many
    chart figures were built, by the real methods."""
    counts = {"cells": 0, "figures": 0}
    render_cell = DataTable._render_cell
    draw = Chart.replot

    def counted_cell(self: DataTable[object], *args: object, **kwargs: object) -> object:
        before = len(self._cell_render_cache)
        lines = render_cell(self, *args, **kwargs)  # type: ignore[arg-type]
        counts["cells"] += len(self._cell_render_cache) != before
        return lines

    def counted_draw(self: Chart) -> None:
        counts["figures"] += 1
        draw(self)

    monkeypatch.setattr(DataTable, "_render_cell", counted_cell)
    monkeypatch.setattr(Chart, "replot", counted_draw)
    yield counts


def cursor_style(table: VimTable) -> Style:
    """The style the cursor's cell is drawn with now, through the table's own rendering."""
    columns = table.ordered_columns[: table.cursor_column]
    x = sum(column.get_render_width(table) for column in columns) - table.scroll_offset.x
    y = table.cursor_row + (table.header_height if table.show_header else 0)
    [strip] = table.render_lines(Region(0, y, table.size.width, 1))
    cut = strip.crop(x + 1, x + 2)
    return Style.combine(segment.style for segment in cut if segment.style is not None)


async def test_a_kept_editor_shown_again_draws_no_cell_and_no_figure(
    demo_copy: Path, drawn: dict[str, int]
) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        reset = lambda: drawn.update(cells=0, figures=0)  # noqa: E731
        await show_kept_again(pilot, "northwind-emea", "risks", reset)  # a table and a chart
        table = table_at(app, ("risks",))
        assert app.focused is table
        # Every cell in view was drawn again (the change of focus threw them away), and
        # the risk chart built again for the size it had.
        assert drawn == {"cells": 0, "figures": 0}
        cursor = table.get_component_rich_style("datatable--cursor")
        assert cursor_style(table).bgcolor == cursor.bgcolor  # drawn as focused


async def test_the_cursor_shows_the_focus_and_a_new_theme_is_drawn(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        table = table_at(app, ("risks",))
        focused = cursor_style(table)
        assert focused.bgcolor == table.get_component_rich_style("datatable--cursor").bgcolor
        screen_of(app).query_one("#wheel").focus()
        await settle(pilot)
        blurred = cursor_style(table)
        assert blurred != focused
        assert blurred.bgcolor == table.get_component_rich_style("datatable--cursor").bgcolor
        table.focus()
        await settle(pilot)
        assert cursor_style(table) == focused  # from the cells kept while it had the focus
        app.theme = "textual-light"
        await settle(pilot)
        light = cursor_style(table)
        assert light != focused  # drawn anew with the new theme's styles
        assert light.bgcolor == table.get_component_rich_style("datatable--cursor").bgcolor
        screen_of(app).query_one("#wheel").focus()
        await settle(pilot)
        assert cursor_style(table) not in (light, blurred)  # not the dark theme's blur
        assert (
            cursor_style(table).bgcolor
            == table.get_component_rich_style("datatable--cursor").bgcolor
        )


async def test_a_table_restyled_in_the_same_state_is_drawn_anew(demo_copy: Path) -> None:
    """A class that changes the cursor's look (none in pcsm's CSS today, any later one):
    the focus and the table's own style are the same, the cells drawn before are not."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        marked = "VimTable.-marked:focus > "  # the first column's cursor is a fixed one's
        rule = f"{marked}.datatable--cursor, {marked}.datatable--fixed-cursor"
        app.stylesheet.add_source(f"{rule} {{ background: #ff0000; }}")
        app.refresh_css()
        await settle(pilot)
        table = table_at(app, ("risks",))
        before = cursor_style(table)
        table.add_class("-marked")
        await settle(pilot)
        red = Color.parse("#ff0000")
        assert table.get_component_rich_style("datatable--cursor").bgcolor == red
        assert cursor_style(table).bgcolor == red != before.bgcolor
        table.remove_class("-marked")
        await settle(pilot)
        assert cursor_style(table) == before


async def test_a_chart_is_drawn_again_for_a_new_size(
    demo_copy: Path, drawn: dict[str, int]
) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        chart = screen_of(app).query_one(Chart)
        before = chart.outer_size
        drawn.update(figures=0)
        await pilot.resize_terminal(150, 45)
        await settle(pilot)
        assert chart.outer_size != before
        assert drawn["figures"] >= 1


async def test_a_kept_editor_shown_again_keeps_its_detail_line(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The long text under the tables says what it said when the editor was left: it is
    not updated again (an update lays the whole screen out a second time, ~50-100 ms after
    the first paint on a small machine), and it still follows the cursor afterwards."""
    updates: list[str] = []
    update = Static.update

    def counted(self: Static, *args: Any, **kwargs: Any) -> None:
        if self.id == "cell-detail":
            updates.append(str(args[0]) if args else "")
        update(self, *args, **kwargs)

    monkeypatch.setattr(Static, "update", counted)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "research")
        table = put_cursor(app, ("answers",), "customer-vision", "answer")
        await settle(pilot)
        editor = next(node for node in table.ancestors if isinstance(node, ToolEditor))
        detail = editor.query_one("#cell-detail", Static)
        said = str(detail.render())
        assert detail.display and len(said) > 30
        screen = screen_of(app)
        screen.show_target(("register",))
        await settle(pilot)
        built = screen.kept.built
        updates.clear()
        screen.show_target(("tool", "research"))
        await settle(pilot)
        assert screen.kept.built == built and editor.display  # the kept editor
        assert updates == []  # not updated: it says it already
        assert detail.display and str(detail.render()) == said
        put_cursor(app, ("answers",), "customer-vision", "sheet")  # short: no detail line
        await settle(pilot)
        assert not detail.display
        put_cursor(app, ("answers",), "customer-vision", "answer")
        await settle(pilot)
        assert detail.display and str(detail.render()) == said


@pytest.mark.parametrize(
    ("tool", "path", "between"),
    [("risks", ("risks",), ("register",)), ("research", ("answers",), ("tool", "strategy"))],
)
async def test_a_kept_editor_is_painted_focused_in_its_first_frame(
    demo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    tool: str,
    path: tuple[str, ...],
    between: tuple[str, ...],
) -> None:
    """The screen's paints while a kept editor is shown again: the first one already has
    its table focused (the focus was moved when the app was next idle, so the table's
    focused look came in a later frame) and none repaints the whole screen (Textual's
    screen did on every change of focus: kept_editors.QuietFocus)."""
    paints: list[tuple[bool, bool]] = []  # (the whole screen repainted, the table focused)
    refresh = Screen._compositor_refresh
    table: list[VimTable] = []

    def counted(self: Screen[object]) -> None:
        if table:
            paints.append((self in self._dirty_widgets, table[0].has_focus))
        refresh(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", tool)
        table.append(table_at(app, path))
        screen = screen_of(app)
        screen.show_target(between)
        await settle(pilot)
        assert not table[0].has_focus
        paints.clear()
        screen.show_target(("tool", tool))
        assert app.focused is table[0]  # at once, before anything is painted
        await settle(pilot)
        assert app.focused is table[0]
        assert paints and paints[0] == (False, True)
        assert not any(whole for whole, _focused in paints)
