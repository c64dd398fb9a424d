"""Opening an engagement a sparse clone does not hold (`pcsm clone --mine`): the portfolio
lists it from its committed summary, marked "not in this clone"; Enter on it offers to add
it to the clone (what `pcsm sparse add SLUG` does in the shell), then opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...analysis.portfolio import PortfolioRow
from ..appref import pcsm_app
from ..jobs import run_job

if TYPE_CHECKING:
    from .portfolio import PortfolioScreen


def question(row: PortfolioRow) -> str:
    return (
        f"{row.customer} is not in this clone: it holds only some engagements "
        "(pcsm clone --mine).\n\n"
        f"Add it? git fetches its files from the remote now; in the shell: "
        f"pcsm sparse add {row.slug}"
    )


def offer_to_add(screen: PortfolioScreen, row: PortfolioRow) -> None:
    """Ask, then add the engagement in the background and open it once its files are here."""
    # start-up: ui.editors.dialogs (the models) loads only when this runs
    from ..editors.dialogs import ConfirmScreen

    app = pcsm_app(screen)

    def added(_nothing: None) -> None:
        screen.action_refresh()
        app.open_engagement(row.slug)

    def answered(yes: bool | None) -> None:
        if yes:
            app.notify(f"fetching {row.customer}'s files…", timeout=3)
            run_job(
                screen,
                lambda: app.workspace.add_to_clone([row.slug]),
                added,
                what=f"adding {row.slug} to this clone",
            )

    app.push_screen(ConfirmScreen(question(row)), answered)
