"""Issue 16: a tool shown for the first time is laid out and painted when its editor is
whole (ui/screens/first_show.py), not at every step of its build; and paints are never
held for longer than the hold's limit, whatever the build does."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from rich.style import Style
from textual._compositor import Compositor
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import DataTable, Static

from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.ui.screens import first_show
from pcsm_tui.ui.screens.engagement import EngagementScreen

from .apphelp import (
    WIDE,
    _tables_measured,
    count_layouts_and_frames,
    make_app,
    open_tool,
    screen_of,
    settle,
    table_at,
    until,
)

pytestmark = pytest.mark.usefixtures("no_hold_limit")


@pytest.mark.parametrize("tool", ["risks", "research", "value-kpis"])
async def test_a_first_show_is_laid_out_and_painted_a_few_times(
    demo_copy: Path, refreshes: dict[str, int], tool: str
) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        screen = screen_of(app)
        built = screen.kept.built
        refreshes.update(paints=0, layouts=0)
        screen.show_target(("tool", tool))
        await settle(pilot)
        assert screen.kept.built == built + 1  # built: shown for the first time
        # Painted at each step of the build it took 8 paints here (9-13 with the portfolio
        # beneath looking at its files), and 4-5 layouts.
        assert refreshes["layouts"] <= 4, refreshes
        assert refreshes["paints"] <= 6, refreshes
        assert app._batch_count == 0  # nothing is held once it is shown


async def test_every_tool_is_painted_with_its_tables_measured(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every picture of a tool's first show has its tables measured: never a picture of
    the rows cut to the widths of a table still being filled."""
    pictures: list[bool] = []
    paint = Screen._compositor_refresh

    def counted_paint(self: Screen[object]) -> None:
        if self is self.app.screen and isinstance(self, EngagementScreen):
            pictures.append(_tables_measured(self.app))
        paint(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted_paint)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        assert table_at(app, ("risks",)).row_count > 0
        screen = screen_of(app)
        for tool in TOOLS:
            pictures.clear()
            screen.show_target(("tool", tool.id))
            await settle(pilot)
            assert pictures and all(pictures), (tool.id, pictures)
            assert app._batch_count == 0, tool.id


@pytest.mark.parametrize("tool", ["research", "risks"])
async def test_a_first_show_renders_each_cell_once(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    """A cell rendered for the first paint is not rendered again, the same, when the table
    gets its first size (DataTable threw its rendered cells away on every resize)."""
    rendered: Counter[tuple[int, int, int, str, bool, bool]] = Counter()
    render = DataTable._render_cell

    def counted(
        self: DataTable[object],
        row: int,
        column: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        before = len(self._cell_render_cache)
        lines = render(self, row, column, base_style, width, cursor, hover)
        if len(self._cell_render_cache) != before:  # rendered, not found in the cache
            rendered[(id(self), row, column, str(base_style), cursor, hover)] += 1
        return lines

    monkeypatch.setattr(DataTable, "_render_cell", counted)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        rendered.clear()
        screen_of(app).show_target(("tool", tool))
        await settle(pilot)
        assert rendered and max(rendered.values()) == 1, max(rendered.values())


async def test_paints_are_held_no_longer_than_the_limit(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that never ends (here: a mount that never comes) holds paints for at most
    HOLD_LIMIT_S; the screen is then painted as it stands and keys work as before."""
    monkeypatch.setattr(first_show, "HOLD_LIMIT_S", 0.2)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        never = Static("never mounted")
        first_show.paint_when_built(app, never, AwaitMount(app.screen, [never]))
        assert app._batch_count == 1
        await until(pilot, lambda: app._batch_count == 0, "the hold to end", timeout=10)


@pytest.mark.parametrize("tool", ["proposal", "research", "raci"])
async def test_a_first_show_is_laid_out_while_held_and_painted_once(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    """The layouts a first layout asks for (the pane's scrollbar showing, two cells off
    every table; a table's own scrollbar, then its stretched column cut again) are made
    while paints are held: once the hold ends the screen is not laid out again, and the
    terminal gets one picture, not one per layout (the proposal: 4 layouts, 5 frames)."""
    held, after = count_layouts_and_frames(monkeypatch)

    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        after.clear()
        held.clear()
        screen_of(app).show_target(("tool", tool))
        await settle(pilot)
        assert after["layouts"] == 0, (held, after)
        assert after["frames"] <= 2, (held, after)
        assert held["layouts"] >= 1, (held, after)
        assert app._batch_count == 0
        # keys work on what was shown: the cursor moves in the editor's first table
        table = app.focused
        assert isinstance(table, DataTable)
        row = table.cursor_row
        await pilot.press("j")
        await until(pilot, lambda: table.cursor_row == row + 1, "the cursor to move down")


@pytest.mark.parametrize("tool", ["proposal", "research", "risks"])
async def test_a_first_show_renders_nothing_while_held(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    """The layouts made while paints are held render no picture (Textual rendered one
    after each and dropped it unpainted: 3-4 renders of the editor per first show, the
    most costly part of it); the one picture rendered after the hold has the editor whole,
    its table focused, and keys work on it."""
    renders: list[bool] = []  # per render of the screen's picture: made while held
    render = Compositor.render_update

    def counted(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        renders.append(bool(app._batch_count))
        return render(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", counted)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        screen = screen_of(app)
        built = screen.kept.built
        renders.clear()
        screen.show_target(("tool", tool))
        await settle(pilot)
        assert screen.kept.built == built + 1  # a first show
        assert renders and not any(renders), renders
        assert _tables_measured(app)
        table = app.focused
        assert isinstance(table, DataTable) and table.row_count
        row = table.cursor_row
        await pilot.press("j")
        await until(pilot, lambda: table.cursor_row == row + 1, "the cursor to move down")


async def test_an_editor_removed_while_being_built_ends_its_hold_cleanly(
    demo_copy: Path,
) -> None:
    """An editor taken away before it is whole (another part shown at once) has no screen
    to settle: its hold ends without an error."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        gone = Static("taken away")
        first_show.paint_when_built(app, gone, app.screen.mount(gone))
        (hold,) = first_show._HOLDS
        await gone.remove()
        await until(pilot, hold.done, "the hold to end")
        assert hold.exception() is None
        assert app._batch_count == 0
