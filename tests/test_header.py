"""Every screen's header cuts a title too long for it at a word, at any width."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from pcsm_tui.ui.header import TitleLine

from .apphelp import NARROW, make_app, open_tool, settle, until


def shown(app: object) -> tuple[str, str]:
    """(what the header shows on the screen, the whole title it was given)."""
    line = app.screen.query_one(TitleLine)  # type: ignore[attr-defined]
    drawn = "".join(segment.text for segment in line.render_line(0)).strip()
    whole = line.visual
    assert isinstance(whole, Content)
    return drawn, whole.plain


def cut_at_a_word(drawn: str, whole: str) -> bool:
    head = drawn.removesuffix("…")
    return drawn == whole or (whole.startswith(head) and whole[len(head)] == " ")


async def test_a_long_title_is_cut_at_a_word_and_again_after_a_resize(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await until(pilot, lambda: "phase" in shown(app)[1], "the engagement's title")
        drawn, whole = shown(app)
        assert drawn != whole and drawn.endswith("…"), drawn  # 80 columns: it is cut
        assert cut_at_a_word(drawn, whole), (drawn, whole)  # "… Value…", not "Value Real…"
        for width in (50, 64, 71, 100):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            drawn, whole = shown(app)
            assert cut_at_a_word(drawn, whole), (width, drawn, whole)
