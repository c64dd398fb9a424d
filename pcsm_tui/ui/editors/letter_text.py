"""The proposal's letter (`analysis.proposal` blocks) drawn as lines of a given width.

Drawn as Rich's Markdown drew the same letter (the look of the preview is kept: a centred
bold underlined title, magenta underlined headings, italic descriptions, bold contact
titles, ` • ` bullets with their lines hung under the text, a blank line between blocks),
without importing rich.markdown and markdown-it (~35-55 ms on a 2-core machine) or parsing
a text pcsm built itself. Every line is data shown as text (`Content`, never markup), with
control and bidi characters shown as their escapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from ...textsafe import display

if TYPE_CHECKING:
    from ...analysis.proposal import Block

STYLES = {
    "title": "bold underline",
    "heading": "ansi_magenta underline",
    "emphasis": "italic",
    "strong": "bold",
}
"""Each kind's style, as Rich's Markdown theme gives h1, h2, em and strong."""

BULLET = " • "
BULLET_STYLE = "bold"
"""The bullet and the hanging indent under it (as Rich's Markdown draws them)."""
HANG = " " * len(BULLET)


def paragraph(lines: Sequence[str]) -> str:
    """A paragraph's lines as one text (Markdown joins a paragraph's lines by a space)."""
    return " ".join(display(line, lines=False) for line in lines)


def block_lines(block: Block, width: int) -> list[Content]:
    """One block's lines at `width` (at least one cell)."""
    style = STYLES.get(block.kind, "")
    if block.kind == "bullets":
        out: list[Content] = []
        for item in block.lines:
            text = Content(display(item, lines=False))
            for index, line in enumerate(text.wrap(max(1, width - len(BULLET)))):
                lead = (
                    Content.styled(BULLET, BULLET_STYLE)
                    if index == 0
                    else Content.styled(HANG, BULLET_STYLE)
                )
                out.append(lead + line)
        return out
    if block.kind == "lines":
        return [
            wrapped
            for line in block.lines
            for wrapped in Content(display(line, lines=False)).wrap(width)
        ]
    lines = Content.styled(paragraph(block.lines), style).wrap(width)
    if block.kind == "title":
        # not Content.center: it pads the right by the width (textual 8.2), not what is left
        return [line.pad_left((width - line.cell_length) // 2) for line in lines]
    return lines


def letter_lines(blocks: Sequence[Block], width: int) -> list[Content]:
    """The letter's lines at `width`: its blocks with a blank line between them."""
    width = max(1, width)
    out: list[Content] = []
    for index, block in enumerate(blocks):
        if index:
            out.append(Content(""))
        out += block_lines(block, width)
    return out
