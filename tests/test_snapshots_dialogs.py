"""Dialogs at 80x24 (issue 13): the help (?) and the commit-or-discard dialog (C) scroll
inside the screen, their texts wrapped at word boundaries.

Update deliberately (`pytest tests/test_snapshots_dialogs.py --snapshot-update`) and look
at the pictures before committing."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from .apphelp import NARROW, make_app, settle, until_painted
from .test_dialogs_fit import _outside_change
from .test_snapshots import SnapCompare, _opening, _portfolio, snap_compare

__all__ = ["snap_compare"]


def test_help_at_80x24(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "risks")(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("end")  # the prose at the bottom, wrapped to 80 columns
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=NARROW, run_before=run_before)


def test_commit_or_discard_at_80x24(demo_copy: Path, snap_compare: SnapCompare) -> None:
    _outside_change(demo_copy)

    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        await pilot.press("C")
        await until_painted(pilot, lambda: getattr(pilot.app.screen, "items", None), "diffs")

    assert snap_compare(make_app(demo_copy), terminal_size=NARROW, run_before=run_before)
