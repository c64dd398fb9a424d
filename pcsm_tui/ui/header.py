"""Every screen's header: Textual's, with the title cut at a word.

Textual's header cuts a title too long for its width at the last cell that fits
("phase 6 Value Real…" at 80 columns), inside a word, which then reads as another word.
Here the title is cut the way every other text of pcsm is (`textcut.shorten`: at a word,
with "…", an escape kept whole), at whatever width the header has after a resize."""

from __future__ import annotations

from textual.app import ComposeResult, RenderResult
from textual.content import Content, Span
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from ..textcut import ELLIPSIS, shorten


class TitleLine(HeaderTitle):
    """The header's title and subtitle, cut at a word to the room it has."""

    def render(self) -> RenderResult:
        whole = self.visual
        width = self.content_size.width
        if not isinstance(whole, Content) or width <= 0 or whole.cell_length <= width:
            return whole
        kept = len(shorten(whole.plain, width)) - len(ELLIPSIS)
        # "…" in the style of the text it ends (the subtitle is dim)
        last = whole[max(kept - 1, 0) : kept]
        return whole[:kept] + Content(ELLIPSIS, [Span(0, 1, s.style) for s in last.spans])


class ScreenHeader(Header):
    """Textual's header with `TitleLine` in place of its title."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield TitleLine() if type(widget) is HeaderTitle else widget
