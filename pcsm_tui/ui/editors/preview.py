"""The proposal's preview: its Markdown letter rendered once per width and kept as lines.

A Static holding Rich's Markdown rendered the whole letter twice at every layout that
touched it (once to measure its height, once to draw it), and again after any refresh of
the Static, though neither the text nor the width had changed: four or five renders in a
first show, where the letter takes two widths (the pane's scrollbar showing takes two
cells). Here the lines of a (text, width) are kept: measuring and drawing use them, and
only the lines in view are drawn (Textual's line API).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

if TYPE_CHECKING:
    from rich.markdown import Markdown
    from textual.style import Style as VisualStyle


KEPT_WIDTHS = 2
"""Widths whose lines are kept: a first show takes two (the pane's scrollbar appearing takes
two cells)."""


class Letter(Widget):
    """A Markdown text drawn from the lines kept for its width."""

    DEFAULT_CSS = "Letter { height: auto; }"

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.markdown = ""
        self._lines: dict[int, list[Strip]] = {}
        """The lines per width, for `markdown` drawn in `_style` (a new text or look: none);
        the last `KEPT_WIDTHS` widths only, so resizing a terminal does not pile them up."""
        self._style: VisualStyle | None = None

    def show(self, markdown: str) -> None:
        self.markdown = markdown
        self._lines.clear()
        self.refresh(layout=True)

    def render(self) -> Markdown:
        # start-up: rich.markdown (markdown-it) loads only when a letter is drawn
        from rich.markdown import Markdown

        # Links in data stay inert: a click on one must not open anything.
        return Markdown(self.markdown, hyperlinks=False)

    def lines(self, width: int) -> list[Strip]:
        """The letter's lines at `width`, rendered as Textual renders a Static's."""
        style = self.visual_style
        if style != self._style:
            self._lines.clear()
            self._style = style
        if width not in self._lines:
            visual = visualize(self, self.render())
            self._lines[width] = Visual.to_strips(self, visual, width, None, style)
            for old in list(self._lines)[:-KEPT_WIDTHS]:
                del self._lines[old]
        return self._lines[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width)) if width > 0 and self.markdown else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width) if width > 0 and self.markdown else []
        if y < len(lines):
            return lines[y]
        return Strip.blank(width, self.visual_style.rich_style)


class Preview(VerticalScroll):
    """A Markdown text shown as one widget (`Letter`).

    Textual's Markdown widget mounts a widget per block, some fifty for a proposal, and
    laying those out made the proposal the one tool that took half a second to show (and
    again after every change); one widget shows the same text in a few milliseconds.
    """

    @property
    def source(self) -> str:
        """The Markdown shown (for tests and exports): the letter's own."""
        return self.query_one(Letter).markdown

    def compose(self) -> ComposeResult:
        yield Letter(classes="preview-text")

    def show(self, markdown: str) -> None:
        letter = self.query_one(Letter)
        if markdown != letter.markdown:
            letter.show(markdown)
