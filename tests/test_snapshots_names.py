"""The dialogs that name people and groups, and the add-row dialog, at 120x40 (SVG).

Update deliberately: `pytest tests/test_snapshots_names.py --snapshot-update`, then look
at the pictures before committing them.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from .apphelp import WIDE, make_app, put_cursor, settle, table_at
from .test_snapshots import SnapCompare, _opening
from .test_snapshots import snap_compare as snap_compare


def test_new_row_dialog_with_a_new_group(demo_copy: Path, snap_compare: SnapCompare) -> None:
    """An adoption activity's main fields at once; the group typed as a new name."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "adoption-activities")(pilot)
        table_at(pilot.app, ("activities",)).focus()  # type: ignore[arg-type]
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Field sales team")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_activity_log_dialog_with_a_refusal(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("contoso-retail", "activity-log")(pilot)
        table_at(pilot.app, ("tasks",)).focus()  # type: ignore[arg-type]
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"2027-02-30", "ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_picking_a_stakeholder_by_filtering(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "stakeholder-plan")(pilot)
        put_cursor(pilot.app, ("rows",), "a-cfo", "stakeholder")  # type: ignore[arg-type]
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"dir")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_new_raci_column_dialog(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        from pcsm_tui.ui.editors.raci import RaciGrid

        await _opening("contoso-retail", "raci")(pilot)
        pilot.app.screen.query(RaciGrid).first().focus()
        await pilot.press("A")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)
