"""Snapshots of health on the portfolio (issue 14): worst first with only amber and red
engagements, and the "why" dialog, at 120x40 and 80x24 (the plain portfolio with its
health, trend and go/no-go columns is tests/test_snapshots.py::test_portfolio and
tests/test_snapshots_steps.py::test_portfolio_narrow).

Update deliberately (`pytest tests/test_snapshots_health.py --snapshot-update`) and look at
the pictures before committing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from pcsm_tui.ui.screens.portfolio_why import WhyDialog

from .apphelp import NARROW, WIDE, make_app, settle
from .test_snapshots import SnapCompare, _portfolio, snap_compare

__all__ = ["snap_compare"]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_portfolio_worst_first_amber_and_red(
    demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        await pilot.press("w", "f")
        await settle(pilot)
        pilot.app.clear_notifications()  # a toast lasts seconds: a loaded machine outlives it
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_why_dialog(demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        await pilot.press("w", "g")  # the worst, at the top
        await settle(pilot)
        pilot.app.clear_notifications()  # a toast lasts seconds: a loaded machine outlives it
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WhyDialog)

    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=run_before)
