"""What the portfolio's first frame leaves for later (issue 16: first paint): the filter
box, mounted at the first `/`, and every other screen's rules (screens.tcss, ui/latecss),
read before any other screen is styled. Both must behave as when they came at start."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import DataTable, Input

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.latecss import LATER, add_later_rules
from pcsm_tui.ui.screens.help import HelpScreen
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import WIDE, make_app, settle, until


def _portfolio(app: PcsmApp) -> PortfolioScreen:
    screen = app.screen
    assert isinstance(screen, PortfolioScreen)
    return screen


def _order(app: PcsmApp) -> list[str]:
    table = _portfolio(app).query_one("#portfolio", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


def _has_later_rules(app: PcsmApp) -> bool:
    return app.stylesheet.has_source(os.path.abspath(LATER))


async def test_the_filter_box_comes_at_the_first_slash_and_filters(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = _portfolio(app)
        assert not screen.query("#filter")  # not in the first frame
        everyone = _order(app)
        assert len(everyone) == 3
        await pilot.press("escape")  # clearing a filter never typed: nothing to clear
        await settle(pilot)
        assert _order(app) == everyone
        await pilot.press("slash", *"north")  # typed straight after the `/` that mounts it
        await settle(pilot)
        box = screen.query_one("#filter", Input)
        assert box.has_focus and box.value == "north"
        assert _order(app) == ["northwind-emea"]
        await pilot.press("enter")  # back to the table, the filter kept
        await settle(pilot)
        assert screen.query_one("#portfolio", DataTable).has_focus
        assert _order(app) == ["northwind-emea"]
        await pilot.press("escape")
        await settle(pilot)
        assert not box.display and _order(app) == everyone
        await pilot.press("slash", *"contoso")  # the same box again, shown and emptied
        await settle(pilot)
        assert screen.query_one("#filter", Input) is box and box.display
        assert _order(app) == ["contoso-retail"]
        boxes = list(screen.children)
        assert boxes.index(box) + 1 == boxes.index(screen.query_one("#portfolio"))


async def test_other_screens_rules_come_before_another_screen(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert not _has_later_rules(app)  # the portfolio's first frame is styled without them
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        assert _has_later_rules(app)
        # screens.tcss: `ConfirmScreen, NewRowScreen, HelpScreen { align: center middle; }`
        assert app.screen.styles.align == ("center", "middle")
        assert app.screen.query_one("#help-body").styles.width is not None
        assert not add_later_rules(app)  # read once


async def test_no_later_rule_styles_anything_on_the_portfolio(demo_copy: Path) -> None:
    """screens.tcss comes after the portfolio was styled, and its nodes are not styled again
    then: so none of its rules may match them (with the filter box shown, and with it
    hidden again), or the portfolio would look different once another screen was shown."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = _portfolio(app)
        for keys in ((), ("slash", "n"), ("escape",)):
            await pilot.press(*keys)
            await settle(pilot)
            nodes = list(screen.walk_children(with_self=True))
            before = [node.styles.css for node in nodes]
            added = add_later_rules(app)
            for node in nodes:
                app.stylesheet.apply(node)
            assert [node.styles.css for node in nodes] == before, keys
            if added:  # as if screens.tcss had not come yet, for the next state
                del app.stylesheet.source[(os.path.abspath(LATER), "")]
                app.stylesheet.parse()
