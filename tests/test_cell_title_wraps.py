"""The edit box's title (what is edited, the allowed values, "enter keeps · esc cancels")
wraps when it is longer than the box: it was cut at the box's edge, mid-word and with no
mark ("… — enter keeps · esc can" for a barrier's number at 120 columns, H47)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.geometry import Region
from textual.widgets import Label

from .apphelp import NARROW, WIDE, make_app, open_tool, put_cursor, settle


def _shown_words(label: Label) -> str:
    """The words the label draws in its region, lines joined by a space."""
    width, height = label.size
    lines = label.render_lines(Region(0, 0, width, height))
    return re.sub(r"\s+", " ", " ".join(line.text for line in lines)).strip()


async def test_a_long_edit_title_is_shown_whole(demo_copy: Path) -> None:
    for size in (WIDE, NARROW):
        app = make_app(demo_copy)
        async with app.run_test(size=size) as pilot:
            await open_tool(pilot, "northwind-emea", "barriers")
            put_cursor(app, ("barriers",), "security-block", "no")
            await pilot.press("e")
            await settle(pilot)
            label = app.screen.query_one("#cell-title", Label)
            box = app.screen.query_one("#cell-editor")
            assert label.region.right <= box.content_region.right, (size, label.region)
            words = _shown_words(label)
            assert words.startswith("Barriers: Security block on vendor access"), words
            assert words.endswith("enter keeps · esc cancels"), (size, words)
