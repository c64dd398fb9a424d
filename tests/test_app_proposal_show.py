"""Issue 16: the proposal, the slowest tool to show, is laid out while paints are held
without rendering the screen at each of those layouts (renders the terminal never got were
most of its first show), and its letter is rendered once per width, not at every layout."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.app import App

from pcsm_tui import service_watch
from pcsm_tui.analysis.proposal import Block
from pcsm_tui.ui.editors import letter_text
from pcsm_tui.ui.editors.preview import Letter, Preview

from .apphelp import WIDE, make_app, open_tool, screen_of, settle

pytestmark = pytest.mark.usefixtures("no_hold_limit")


@pytest.mark.parametrize("tool", ["proposal", "raci"])
async def test_a_first_show_renders_the_screen_only_once_painted(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    """The layouts made while a first show is held rendered the whole screen each time
    (the proposal: four renders of 50-150 ms, all thrown away); now only the paint once
    the hold ends renders it."""
    renders: Counter[str] = Counter()
    chops = Compositor._render_chops

    def counted(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        renders["held" if app._batch_count else "painted"] += 1
        return chops(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "_render_chops", counted)
    app: App[None] = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        renders.clear()
        screen_of(app).show_target(("tool", tool))
        await settle(pilot)
        assert renders["held"] == 0, renders
        assert renders["painted"] >= 1, renders


async def test_the_letter_is_rendered_once_per_width(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Static holding the letter (Markdown then) rendered it at every layout (measured,
    then drawn), four or five times in a first show; its lines are kept per width, and the
    pane keeps its scrollbar's room, so it is drawn once (it was twice: before and after
    the scrollbar showed), and not again when the proposal is shown again or the screen
    repainted."""
    widths: list[int] = []
    drawn_lines = letter_text.letter_lines

    def counted(blocks: Any, width: int) -> Any:
        widths.append(width)
        return drawn_lines(blocks, width)

    monkeypatch.setattr("pcsm_tui.ui.editors.preview.letter_lines", counted)
    monkeypatch.setattr(service_watch, "RACY_NS", 0)  # stamps trusted at once: kept editors
    app: App[None] = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        screen = screen_of(app)
        screen.show_target(("tool", "proposal"))
        await settle(pilot)
        preview = screen.query_one(Preview)
        assert "Customer Success Proposal" in preview.source
        assert len(widths) == 1, widths
        first = list(widths)
        screen.show_target(("tool", "raci"))
        await settle(pilot)
        built = screen.kept.built
        screen.show_target(("tool", "proposal"))
        await settle(pilot)
        assert screen.kept.built == built, "the kept editor"
        app.screen.refresh(layout=True)
        await settle(pilot)
        assert widths == first
        # a new text (an edit, undo) is rendered anew, not the lines kept for the old one
        letter = preview.query_one(Letter)
        preview.show([Block("title", ("Changed Letter",)), *letter.blocks[1:]])
        await settle(pilot)
        drawn = "".join(letter.render_line(y).text for y in range(letter.size.height))
        assert "Changed Letter" in drawn and "Customer Success Proposal" not in drawn
