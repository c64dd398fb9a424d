"""Issue 16: a kept editor shown again is laid out while paints are held and painted once
(ui/screens/first_show.py `paint_when_settled`), not once per layout it asks for: the
focus it gets back restyles its table, whose scrollbars then ask for a layout of their own.
Keys pressed at once still reach it, and what they change is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from pcsm_tui import service_watch

from .apphelp import (
    WIDE,
    count_layouts_and_frames,
    make_app,
    put_cursor,
    settle,
    show_kept_again,
    until,
)
from .helpers import toml_at as data

NORTHWIND = "engagements/northwind-emea"

pytestmark = pytest.mark.usefixtures("no_hold_limit")


@pytest.fixture(autouse=True)
def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stamp is trusted at once (no racy wait), so that the editors are kept here."""
    monkeypatch.setattr(service_watch, "RACY_NS", 0)


@pytest.mark.parametrize("tool", ["research", "risks", "raci"])
async def test_a_kept_editor_shown_again_is_laid_out_while_held_and_painted_once(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    """Painted as they came, research's kept show took two layouts and three frames (the
    last 70-100 ms after the show at 1,000 engagements); held, one picture."""
    held, after = count_layouts_and_frames(monkeypatch)

    def reset() -> None:
        after.clear()
        held.clear()

    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await show_kept_again(pilot, "northwind-emea", tool, reset)
        assert after["layouts"] == 0, (held, after)
        assert after["frames"] == 1, (held, after)
        assert held["layouts"] >= 1, (held, after)
        assert app._batch_count == 0  # nothing is held once it is shown
        table = app.focused
        assert isinstance(table, DataTable)  # the focus is back in its table


async def test_keys_pressed_as_a_kept_editor_is_shown_again_edit_it(demo_copy: Path) -> None:
    """Only painting waits while the kept show settles: an edit typed at once is made in
    the editor shown and committed to its file."""
    typed = "Kept editor renamed"
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        screen = await show_kept_again(pilot, "northwind-emea", "risks", lambda: None)
        screen.show_target(("register",))
        await settle(pilot)
        screen.show_target(("tool", "risks"))  # kept: held while it settles
        put_cursor(app, ("risks",), "erp-delay", "name")
        await pilot.press("e", "ctrl+u", *typed, "enter")
        await settle(pilot)
        assert app._batch_count == 0
        await until(
            pilot,
            lambda: data(demo_copy, f"{NORTHWIND}/risks.toml")["risks"][0]["name"] == typed,
            "the edit to be committed",
        )
