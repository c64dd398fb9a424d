"""Snapshots of the knowledge base (120x40 and 80x24) and of the save-as-template preview.

Update deliberately (`pytest tests/test_snapshots_knowledge.py --snapshot-update`) and look
at the pictures before committing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.knowledge import KnowledgeScreen
from pcsm_tui.ui.screens.template_dialog import SaveTemplateScreen

from .apphelp import NARROW, WIDE, make_app, settle, until
from .test_snapshots import SnapCompare, _portfolio, snap_compare

__all__ = ["snap_compare"]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_knowledge_base(demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(pilot.app.screen, KnowledgeScreen), "the screen")
        await pilot.press(*"lesson")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=run_before)


def test_save_as_template_preview(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("tool", "raci"))
        await settle(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(pilot.app.screen, SaveTemplateScreen), "preview")

    app = make_app(demo_copy, engagement="northwind-emea")
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)
