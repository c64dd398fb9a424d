"""Snapshots of the steps that used to need the shell (issue 13): the new-engagement
wizard, the commit-or-discard dialog, the portfolio flagging a file
that does not read, and the portfolio at 80x24 keeping the columns that matter.

Update deliberately (`pytest tests/test_snapshots_steps.py --snapshot-update`) and look
at the pictures before committing."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import NARROW, WIDE, make_app, settle, until_painted
from .test_snapshots import SnapCompare, _portfolio, snap_compare

__all__ = ["snap_compare"]


def test_new_engagement_wizard(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Wingtip Toys")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_commit_or_discard_dialog(demo_copy: Path, snap_compare: SnapCompare) -> None:
    path = demo_copy / "engagements/northwind-emea/risks.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("likelihood = 3", "likelihood = 4", 1), "utf-8"
    )

    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        await pilot.press("C")
        await until_painted(pilot, lambda: getattr(pilot.app.screen, "items", None), "diffs")

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def _row(screen: PortfolioScreen, slug: str) -> str:
    table = screen.query_one("#portfolio", DataTable)
    return " ".join(str(c) for c in table.get_row(slug)) if slug in table.rows else ""


def test_portfolio_flags_a_broken_file(demo_copy: Path, snap_compare: SnapCompare) -> None:
    (demo_copy / "engagements/northwind-emea/raci.toml").write_text("matrices = [", "utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        await _portfolio(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PortfolioScreen)
        await until_painted(pilot, lambda: "⚠" in _row(screen, "northwind-emea"), "the flag")

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_portfolio_narrow(demo_copy: Path, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(demo_copy), terminal_size=NARROW, run_before=_portfolio)
