"""`?` lists the screen's own keys first, then the app's, and the cursor keys last."""

from __future__ import annotations

from pathlib import Path

from pcsm_tui.ui.screens.help import HelpScreen

from .apphelp import WIDE, make_app, settle, text_of


async def test_the_screens_own_keys_come_before_the_cursor_keys(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        said = text_of(app, "#help-text")

    def at(text: str) -> int:
        return said.index(text)

    assert at("Filter") < at("Everywhere\n") < at("Quit") < at("Moving in tables") < at("Cursor up")
    assert at("Copy selected text") > at("Everywhere\n")  # every screen has it: the app's
    assert "\n  u undoes" not in said  # paragraphs are not indented on their first line only
