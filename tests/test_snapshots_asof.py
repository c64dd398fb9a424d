"""Snapshots of the whole engagement as of a date (issue 13): the banner, the wheel with
that day's phase and the tools not worked on yet dimmed, the RACI matrix as it was.

Update deliberately (`pytest tests/test_snapshots_asof.py --snapshot-update`) and look
at the pictures before committing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from pcsm_tui.ui.screens.datedialog import WhenScreen
from pcsm_tui.ui.screens.engagement_asof import EngagementAsOfScreen

from .apphelp import NARROW, WIDE, make_app, settle, until
from .test_snapshots import SnapCompare, _opening, snap_compare

__all__ = ["snap_compare"]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_engagement_as_of_a_date(
    demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "raci")(pilot)
        await pilot.press("V")
        await until(pilot, lambda: isinstance(pilot.app.screen, WhenScreen), "the dialog")
        pilot.app.screen.query_one(Input).value = "2026-06-20"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, EngagementAsOfScreen), "as of")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=run_before)
