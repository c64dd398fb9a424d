"""The import's mapping step at 120x40 and 80x24 (SVG): a team's own sheet, two columns and
the A/M/B scale mapped, the preview beside (or, narrow, below) the choices.

Update deliberately: `pytest tests/test_snapshots_mapping.py --snapshot-update`, then look
at the pictures before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from .apphelp import NARROW, WIDE, make_app, settle
from .mappinghelp import FIRST, team_sheet
from .test_app_import_mapping import map_team_sheet
from .test_snapshots import SnapCompare, _opening
from .test_snapshots import snap_compare as snap_compare


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_mapping_step(
    demo_copy: Path,
    snap_compare: SnapCompare,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    team_sheet(demo_copy.parent / "mai.xlsx", FIRST)
    monkeypatch.chdir(demo_copy)

    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "risks")(pilot)
        await pilot.press("I")
        await settle(pilot)
        box = pilot.app.screen.query_one("#import-path", Input)
        box.value = "../mai.xlsx"
        await pilot.press("enter")
        await settle(pilot)
        await map_team_sheet(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=run_before)
