"""Helpers for driving the app in tests: a frozen 'today', waiting on conditions, finding cells.

Every wait here waits for something the app does (its workers finishing, its message queues
emptying, a condition on what it shows) and fails the test when that does not come in time:
none sleeps for a guessed while, none returns quietly.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.table import RecordTable
from pcsm_tui.ui.factory import create_app
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.steps import NewEngagementScreen

TODAY = dt.date(2026, 11, 22)
WIDE = (120, 40)
NARROW = (80, 24)


def make_app(root: Path, engagement: str | None = None) -> PcsmApp:
    return create_app(root, today=TODAY, engagement=engagement)


WAIT = 60.0
"""How long a wait may take before the test fails: generous, since the two cores of a
developer's machine are shared by several test processes (pytest -n auto)."""


async def _workers_done(pilot: Pilot[None], timeout: float) -> None:
    """Every worker the app has now has finished (a failed one raises, as before)."""
    waiting = asyncio.ensure_future(pilot.app.workers.wait_for_complete())
    done, _ = await asyncio.wait({waiting}, timeout=timeout)
    if not done:
        waiting.cancel()
        running = ", ".join(sorted(f"{w.group}/{w.name}" for w in pilot.app.workers))
        pytest.fail(f"timed out after {timeout:g} s waiting for the app's workers: {running}")
    waiting.result()


async def settle(pilot: Pilot[None], timeout: float = WAIT) -> None:
    """Wait until background saves and reads are done and the screen has caught up."""
    await pilot.pause()
    await _workers_done(pilot, timeout)
    await pilot.pause()
    await _workers_done(pilot, timeout)
    await pilot.pause()


async def until(
    pilot: Pilot[None], condition: Callable[[], object], what: str, timeout: float = WAIT
) -> None:
    """Let the app work until `condition()` holds; fail the test if it does not in `timeout`.

    For what the app does a moment after the last key (a worker started after a refresh, a
    status set when a daemon thread answers, a table that measures its rows when idle).
    Between two looks the app settles (see settle), so this never spins.
    """
    deadline = time.monotonic() + timeout
    await settle(pilot, timeout)
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        await settle(pilot, timeout)


async def until_painted(
    pilot: Pilot[None], condition: Callable[[], object], what: str, timeout: float = WAIT
) -> None:
    """`until(condition)`, then until the screen paints the same twice with the app settled
    in between: what a snapshot needs, since a table measures its rows' widths when idle
    and lays itself out again after that."""
    deadline = time.monotonic() + timeout
    await until(pilot, lambda: condition() and _tables_measured(pilot.app), what, timeout)
    before = pilot.app.export_screenshot()
    while True:
        await settle(pilot, timeout)
        now = pilot.app.export_screenshot()
        if now == before:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for the screen to settle: {what}")
        before = now


def _tables_measured(app: App[None]) -> bool:
    """Every table on the screen is as wide as its widest cell: DataTable measures the rows
    it was given when it is next idle, and until then paints them cut to the old widths."""
    for table in app.screen.query(DataTable):
        for column in table.columns.values():
            if not column.auto_width:
                continue
            lines = (
                line
                for row in table.rows
                for line in str(table.get_cell(row, column.key)).splitlines()
            )
            widest = max((cell_len(line) for line in lines), default=0)
            if column.content_width < widest:
                return False
    return True


def notices(app: PcsmApp) -> str:
    """The messages of the notifications on screen, one a line."""
    return "\n".join(str(n.message) for n in app._notifications)


def shown(widget: Widget) -> str:
    """The text a widget shows now."""
    return str(widget.render())


def text_of(app: PcsmApp, selector: str) -> str:
    """The text of the Static `selector` on the top screen."""
    return shown(app.screen.query_one(selector, Static))


async def open_tool(pilot: Pilot[None], slug: str, tool: str) -> None:
    app = pilot.app
    assert isinstance(app, PcsmApp)
    app.open_engagement(slug, tool=tool)
    await settle(pilot)


async def open_wizard(pilot: Pilot[None]) -> None:
    """n on the portfolio, once it has settled: the new-engagement wizard is up."""
    await settle(pilot)
    await pilot.press("n")
    await until(pilot, lambda: isinstance(pilot.app.screen, NewEngagementScreen), "the wizard")


def table_at(app: PcsmApp, path: tuple[str, ...]) -> RecordTable:
    for table in app.screen.query(RecordTable):
        if table.section.path == path:
            return table
    raise AssertionError(
        f"no table for {path}: {[t.section.path for t in app.screen.query(RecordTable)]}"
    )


def put_cursor(app: PcsmApp, path: tuple[str, ...], row: str, column: str) -> RecordTable:
    """Focus the table of `path` with the cursor on row `row` (id or field), column `column`."""
    table = table_at(app, path)
    table.focus()
    column_index = (
        [str(k.value) for k in table.columns].index(column) if table.section.kind == "rows" else 1
    )
    table.move_cursor(row=table.get_row_index(row), column=column_index)
    return table


async def submit_path(pilot: Pilot[None], value: str, selector: str = "#import-path") -> None:
    """Type `value` over a path field (the import's by default), press enter and wait for
    the worker that reads it."""
    box = pilot.app.screen.query_one(selector, Input)
    box.value = value
    box.focus()
    await pilot.press("enter")
    await settle(pilot)


def screen_of(app: object) -> EngagementScreen:
    """The engagement screen on top (a test fails here if another screen is)."""
    screen = getattr(app, "screen", None)
    assert isinstance(screen, EngagementScreen)
    return screen


async def show_kept_again(
    pilot: Pilot[None], slug: str, tool: str, before: Callable[[], object]
) -> EngagementScreen:
    """Open `tool`, show another part, then `tool` again: its kept editor (asserted), with
    `before()` called just before that second show (to reset what a test counts)."""
    await open_tool(pilot, slug, tool)
    screen = screen_of(pilot.app)
    screen.show_target(("register",))
    await settle(pilot)
    built = screen.kept.built
    before()
    screen.show_target(("tool", tool))
    await settle(pilot)
    assert screen.kept.built == built  # not built again: the kept editor
    return screen


def count_layouts_and_frames(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Counter[str], Counter[str]]:
    """(held, after): the app's current screen's layouts and the frames sent for it,
    counted apart while paints are held (a batch) and after, for the tests that check a
    show is laid out while held and painted once."""
    after: Counter[str] = Counter()
    held: Counter[str] = Counter()
    layout, display = Screen._refresh_layout, App._display

    def counted_layout(self: Screen[object], *args: Any, **kwargs: Any) -> None:
        if self is self.app.screen:
            (held if self.app._batch_count else after)["layouts"] += 1
        layout(self, *args, **kwargs)

    def counted_display(self: App[object], screen: Screen[object], update: Any) -> None:
        if screen is self.screen:
            (held if self._batch_count else after)["frames"] += 1
        display(self, screen, update)

    monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
    monkeypatch.setattr(App, "_display", counted_display)
    return held, after
