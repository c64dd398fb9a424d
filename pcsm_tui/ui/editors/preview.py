"""The proposal's preview: its letter drawn once per width and kept as lines.

A Static holding Rich's Markdown rendered the whole letter twice at every layout that
touched it (once to measure its height, once to draw it), and again after any refresh of
the Static, though neither the text nor the width had changed: four or five renders in a
first show, where the letter takes two widths (the pane's scrollbar showing takes two
cells). Here the lines of a (letter, width) are kept: measuring and drawing use them, and
only the lines in view are drawn (Textual's line API). The letter is pcsm's own blocks
(`analysis.proposal`), drawn by `letter_text` rather than as Markdown: rich.markdown and
markdown-it are not imported (~35-55 ms of the first show) and nothing in a field is read
as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from .letter_text import letter_lines

if TYPE_CHECKING:
    from textual.style import Style as VisualStyle

    from ...analysis.proposal import Block


KEPT_WIDTHS = 2
"""Widths whose lines are kept: a first show takes one (the scrollbar's room is kept, see
`Preview`), a resize back and forth two."""


class Letter(Widget):
    """A letter (its blocks) drawn from the lines kept for its width."""

    DEFAULT_CSS = "Letter { height: auto; text-wrap: nowrap; }"
    """No wrapping: `letter_text` wrapped the lines to the width already."""

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.blocks: tuple[Block, ...] = ()
        self._lines: dict[int, list[Strip]] = {}
        """The lines per width, for `blocks` drawn in `_style` (a new letter or look: none);
        the last `KEPT_WIDTHS` widths only, so resizing a terminal does not pile them up."""
        self._style: VisualStyle | None = None

    def show(self, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks
        self._lines.clear()
        self.refresh(layout=True)

    def render(self) -> Content:
        """The letter's lines at the widget's width (the line API below draws it)."""
        return Content("\n").join(letter_lines(self.blocks, self.size.width))

    def lines(self, width: int) -> list[Strip]:
        """The letter's lines at `width`, rendered as Textual renders a Static's."""
        style = self.visual_style
        if style != self._style:
            self._lines.clear()
            self._style = style
        if width not in self._lines:
            visual = Content("\n").join(letter_lines(self.blocks, width))
            self._lines[width] = Visual.to_strips(self, visual, width, None, style)
            for old in list(self._lines)[:-KEPT_WIDTHS]:
                del self._lines[old]
        return self._lines[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width)) if width > 0 and self.blocks else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width) if width > 0 and self.blocks else []
        if y < len(lines):
            return lines[y]
        return Strip.blank(width, self.visual_style.rich_style)


class Preview(VerticalScroll):
    """A letter shown as one widget (`Letter`).

    Textual's Markdown widget mounts a widget per block, some fifty for a proposal, and
    laying those out made the proposal the one tool that took half a second to show (and
    again after every change); one widget shows the same text in a few milliseconds.
    """

    DEFAULT_CSS = "Preview { scrollbar-gutter: stable; }"
    """The scrollbar's room is kept: a letter is longer than the pane (but in a tall
    terminal), and without it the letter was laid out and drawn at two widths in a first
    show, before and after its scrollbar appeared."""

    @property
    def source(self) -> str:
        """The letter shown, as plain text (for tests)."""
        # start-up: analysis.proposal loads with the letter (the editor builds it)
        from ...analysis.proposal import plain

        return plain(self.query_one(Letter).blocks)

    def compose(self) -> ComposeResult:
        yield Letter(classes="preview-text")

    def show(self, blocks: Sequence[Block]) -> None:
        letter = self.query_one(Letter)
        if tuple(blocks) != letter.blocks:
            letter.show(tuple(blocks))
