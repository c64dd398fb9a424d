"""What every screen and editor shape looks like (SVG snapshots at explicit sizes).

Update deliberately: `pytest tests/test_snapshots.py --snapshot-update`, then look at the
report (snapshot_report.html) before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.preview import Preview
from pcsm_tui.ui.screens.history import HistoryScreen
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import NARROW, WIDE, make_app, settle, until_painted

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture
def snap_compare(snap_compare: SnapCompare) -> SnapCompare:
    """The plugin's comparison, taken once the screen is still: no text cursor blinking (a
    blink every half second would make the picture depend on the machine's speed) and the
    screen painted the same twice in a row."""

    def compare(app: PcsmApp, *, terminal_size: tuple[int, int], run_before: RunBefore) -> bool:
        async def then_still(pilot: Pilot[None]) -> None:
            try:
                await run_before(pilot)
                for box in pilot.app.screen.query("Input, TextArea"):
                    box.cursor_blink = False  # type: ignore[attr-defined]
                await until_painted(pilot, lambda: True, "the screen to be still")
            except (Exception, KeyboardInterrupt, SystemExit):
                raise
            except BaseException as error:
                # pytest.fail (a wait that timed out) is no Exception, and Textual's
                # auto-pilot ends the app only on an Exception: the app ran on and the test
                # hung for ever. As an AssertionError the app ends and the test fails.
                raise AssertionError(str(error)) from error

        return snap_compare(app, terminal_size=terminal_size, run_before=then_still)

    return compare


def _opening(slug: str, tool: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.open_engagement(slug, tool=tool)  # type: ignore[attr-defined]
        await settle(pilot)

    return run_before


def _git_facts_shown(screen: PortfolioScreen) -> bool:
    """The last changes are in the table and the sync state in the title (the worker that
    reads them starts after the first paint, so settling alone may come before it)."""
    table = screen.query_one("#portfolio", DataTable)
    return (
        bool(screen.last)
        and "engagements · " in (screen.sub_title or "")
        and table.row_count == len(screen.rows)
    )


async def _portfolio(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PortfolioScreen)
    await until_painted(pilot, lambda: _git_facts_shown(screen), "the portfolio's git facts")


def test_portfolio(demo_copy: Path, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=_portfolio)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_engagement_screen(
    demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    assert snap_compare(
        make_app(demo_copy), terminal_size=size, run_before=_opening("northwind-emea")
    )


SHAPES: dict[str, tuple[str, str]] = {
    "table": ("northwind-emea", "risks"),
    "form": ("northwind-emea", "adoption-requirements"),
    "checklist": ("northwind-emea", "readiness"),
    "document": ("contoso-retail", "proposal"),
    "scoring": ("northwind-emea", "onboarding-score"),
    "raci": ("northwind-emea", "raci"),
    "monthly-plan": ("northwind-emea", "stakeholder-plan"),
    "person": ("northwind-emea", "personal-evaluation"),
    "matrix": ("northwind-emea", "stakeholder-matrix"),
    "roadmap": ("northwind-emea", "strategy"),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_editor_shapes(demo_copy: Path, snap_compare: SnapCompare, shape: str) -> None:
    slug, tool = SHAPES[shape]
    opening = _opening(slug, tool)

    async def run_before(pilot: Pilot[None]) -> None:
        await opening(pilot)
        if shape == "document":  # the Markdown preview renders over a few frames
            preview = pilot.app.screen.query_one(Preview)
            await until_painted(pilot, lambda: preview.source, "the proposal's preview")

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("shape", ["matrix", "raci"])
def test_main_editors_at_80x24(demo_copy: Path, snap_compare: SnapCompare, shape: str) -> None:
    """The stakeholder matrix and the RACI in an 80x24 terminal (issue 13: usable there)."""
    slug, tool = SHAPES[shape]
    assert snap_compare(make_app(demo_copy), terminal_size=NARROW, run_before=_opening(slug, tool))


def test_matrix_movement_and_month_comparison(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "stakeholder-matrix")(pilot)
        await pilot.press("m", "m", "m")  # movement since 2026-07
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_plan_month_comparison(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "stakeholder-plan")(pilot)
        await pilot.press("D")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_activity_guide(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea")(pilot)
        pilot.app.screen.show_target(("guide", 2))  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_cell_editor_with_an_error(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        from .apphelp import put_cursor

        await _opening("northwind-emea", "risks")(pilot)
        put_cursor(pilot.app, ("risks",), "erp-delay", "likelihood")  # type: ignore[arg-type]
        await pilot.press("e", "ctrl+u", "9")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_help_screen(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "risks")(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_command_palette(demo_copy: Path, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "risks")(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        # A search, not the discovery list: discovery shows hits in the order the three
        # providers answer, which varies; search hits are ordered by score.
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor would make the picture vary
        await pilot.press(*"undo last")
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)

        def found() -> bool:
            hits = palette.query_one(CommandList)
            return palette.has_class("-ready") and hits.option_count > 0

        await until_painted(pilot, found, "the palette's hits for “undo last”")

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_export_dialog(
    demo_copy: Path, snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """T on the risks: the dialog after the export, progress full and the path written."""
    monkeypatch.chdir(demo_copy)  # paths show as ../file, the same on every machine

    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "risks")(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_import_preview_with_a_report(
    demo_copy: Path, snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """I on the risks with a workbook edited badly: the preview and every unusable cell."""
    from .exchangehelp import BROKEN, risks_workbook

    risks_workbook(demo_copy, demo_copy.parent / "broken.xlsx", BROKEN)
    monkeypatch.chdir(demo_copy)

    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "risks")(pilot)
        await pilot.press("I")
        await settle(pilot)
        box = pilot.app.screen.query_one("#import-path", Input)
        box.cursor_blink = False
        box.value = "../broken.xlsx"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


# --- history, time travel and sync (issue 5) ---------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_history_screen(demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """L on the RACI: its commits beside the selected commit's semantic diff."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "raci")(pilot)
        await pilot.press("L")
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)

        def shown() -> bool:  # the commits listed and the selected one's changes read
            item = screen.selected()
            return item is not None and item.commit.sha in screen.diffs

        # The list's column widths follow its rows a frame later.
        await until_painted(pilot, shown, "the RACI's history and its newest change")

    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=run_before)


def test_view_as_of_a_commit(demo_copy: Path, snap_compare: SnapCompare) -> None:
    """The risks as of their second-newest commit: the editor, read only, under a banner."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _opening("northwind-emea", "risks")(pilot)
        await pilot.press("L")
        await settle(pilot)
        await pilot.press("j", "v")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)


def test_conflict_view(demo_dir: Path, tmp_path: Path, snap_compare: SnapCompare) -> None:
    """S after both clones changed the same support: the conflict view, one field decided."""
    from .remotes import team
    from .test_sync import PLAN, assessment

    two = team(demo_dir, tmp_path)
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice: cfo 9")
    two.alice.edit(PLAN, assessment("hr-manager", support=4), "alice: hr 4")
    two.bob.edit(PLAN, assessment("cfo", support=5), "bob: cfo 5")
    two.bob.edit(PLAN, assessment("hr-manager", support=1), "bob: hr 1")
    assert two.alice.sync() == 0

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(two.bob.root), terminal_size=WIDE, run_before=run_before)


__all__: list[Any] = []
