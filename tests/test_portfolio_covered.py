"""The portfolio's file watch rests while another screen covers it.

Textual counts the screen right under the top one as current (it may show through), and
whatever wakes it makes the whole screen above it paint again: the watch's looks, four a
second, repainted an open engagement eight times a second for nothing. It looks again when
the portfolio is on top (and reads every changed file then)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._compositor import Compositor

from pcsm_tui.ui.screens.portfolio import PortfolioScreen
from pcsm_tui.ui.screens.portfolio_watch import PortfolioWatch

from .apphelp import WIDE, make_app, settle, until

SLUG = "northwind-emea"


async def test_the_watch_rests_under_an_open_engagement(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    look = PortfolioWatch.look

    def counted(watch: PortfolioWatch) -> None:
        asked.append(watch.looks)
        look(watch)

    monkeypatch.setattr(PortfolioWatch, "look", counted)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        watch = portfolio.files_watch
        await until(pilot, lambda: watch.looks >= 2, "the watch looking")
        app.open_engagement(SLUG)
        await settle(pilot)
        assert app.screen is not portfolio
        paints: list[int] = []
        render = Compositor.render_update

        def painted(compositor: Compositor, *args: object, **kwargs: object) -> object:
            paints.append(1)
            return render(compositor, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Compositor, "render_update", painted)
        looks, ticks = watch.looks, len(asked)
        await until(pilot, lambda: len(asked) >= ticks + 4, "four ticks of the watch's timer")
        assert watch.looks == looks  # no look while covered
        assert paints == []  # and nothing painted the engagement again
        monkeypatch.setattr(Compositor, "render_update", render)
        engagement = demo_copy / "engagements" / SLUG / "engagement.toml"
        text = engagement.read_text(encoding="utf-8")
        engagement.write_text(text.replace('"Northwind Manufacturing"', '"Northwind Works"', 1))
        app.pop_screen()
        await until(
            pilot,
            lambda: any(row.customer == "Northwind Works" for row in portfolio.rows),
            "the outside edit read once the portfolio is on top again",
        )
