"""A sparse clone in the app: the engagements it does not hold are listed, marked, and
Enter on one offers to add it to the clone, then opens it (real git, file:// remote)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import WIDE, make_app, settle
from .remotes import Team
from .test_clone import prepared, sparse_clone


async def test_enter_on_an_engagement_not_in_the_clone_offers_to_add_it(
    two: Team, tmp_path: Path
) -> None:
    carol = sparse_clone(prepared(two), tmp_path / "carol")
    app = make_app(carol.root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        marked = {row.slug for row in screen.rows if row.absent}
        assert marked == {"fabrikam-health", "northwind-emea"}
        await pilot.press("slash", "n", "o", "r", "t", "h", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        asked = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "Northwind Manufacturing is not in this clone" in asked
        assert "pcsm sparse add northwind-emea" in asked
        await pilot.press("n")  # no: nothing fetched, still the portfolio
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert not (carol.root / "engagements/northwind-emea").exists()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert app.screen.slug == "northwind-emea"
        assert (carol.root / "engagements/northwind-emea/engagement.toml").is_file()
