"""Snapshot of the team members dialog (M, issue 13): the members with their role and
state, every name whole; and the snapshot fixture failing, never hanging, on a wait that
times out.

Update deliberately (`pytest tests/test_snapshots_team.py --snapshot-update`) and look at
the picture before committing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from pcsm_tui.ui.screens.team import TeamScreen

from .apphelp import WIDE, make_app, settle, until
from .test_snapshots import SnapCompare, _portfolio, snap_compare

__all__ = ["snap_compare"]


def test_team_members(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        await pilot.press("M")
        await until(pilot, lambda: isinstance(pilot.app.screen, TeamScreen), "the team")

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


async def test_team_members_names_are_whole(demo_copy: Path) -> None:
    """The table measures its cells: Content cells were measured 4 wide ("Mari", "Seni"),
    and the snapshot's wait for measured tables never ended."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen), "the team")
        table = app.screen.query_one("#team", DataTable)
        for key, column in table.columns.items():
            cells = [str(table.get_cell(row, key)) for row in table.rows]
            assert column.content_width >= max(map(len, cells)), key.value
        await pilot.press("escape")


def test_a_snapshot_wait_that_times_out_fails(demo_copy: Path, snap_compare: SnapCompare) -> None:
    """pytest.fail is no Exception, and Textual's auto-pilot ends the app only on one: the
    fixture turns it into an AssertionError, so the test fails instead of hanging."""

    async def never(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: False, "what never comes", timeout=0.5)

    with pytest.raises(AssertionError, match="what never comes"):
        snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=never)
