"""Snapshots of the guide in the app at 120x40: the guidance panel, the go/no-go decision,
the KPI chart of tool 24 and the report dialog. Update deliberately (see test_snapshots)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from pcsm_tui.ui.screens.guidance import GuidancePanel

from .apphelp import WIDE, make_app, settle
from .test_snapshots import SnapCompare, _opening
from .test_snapshots import snap_compare as snap_compare  # the "still screen" comparison


def test_guidance_panel(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("contoso-retail")(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert pilot.app.screen.query(GuidancePanel)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_go_no_go_dialog(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea")(pilot)
        await pilot.press("Y")
        await settle(pilot)
        pilot.app.screen.query_one("#go-checklist").value = "phase-2"  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_kpi_chart(demo_copy: Path, snap_compare: SnapCompare) -> None:
    assert snap_compare(
        make_app(demo_copy), terminal_size=WIDE, run_before=_opening("northwind-emea", "value-kpis")
    )


def test_report_dialog(
    demo_copy: Path, snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_copy)  # paths show as ../file, the same on every machine

    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea")(pilot)
        await pilot.press("R")
        await settle(pilot)
        # The folder line shows the full path: one that is the same on every machine.
        pilot.app.screen.query_one("#report-path", Input).value = "/srv/reports/northwind.docx"
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)
