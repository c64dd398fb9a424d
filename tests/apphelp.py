"""Helpers for driving the app in tests: a frozen 'today', waiting for saves, finding cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.table import RecordTable
from pcsm_tui.ui.factory import create_app

TODAY = dt.date(2026, 11, 22)
WIDE = (120, 40)
NARROW = (80, 24)


def make_app(root: Path, engagement: str | None = None) -> PcsmApp:
    return create_app(root, today=TODAY, engagement=engagement)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until background saves and reads are done and the screen has caught up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_tool(pilot: Pilot[None], slug: str, tool: str) -> None:
    app = pilot.app
    assert isinstance(app, PcsmApp)
    app.open_engagement(slug, tool=tool)
    await settle(pilot)


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
