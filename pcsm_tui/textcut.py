"""Shortening text to a width: at a word, ending in "…" (one helper for every place).

A name cut mid-word ("Stakeholder Manage") reads as a different word and two cut names
may look alike; cut at the last word that fits and marked with "…", the reader knows there
is more (the full text is shown where the item is opened). When the words that fit would
fill less than a third of the room, the long word is cut inside, still with "…", so a long
word never leaves an almost empty cell.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"


def cells(text: str) -> int:
    """Terminal cells `text` takes (East Asian wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` cells: whole when it fits, else cut at a word with "…"."""
    if cells(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - cells(ELLIPSIS)
    kept = ""
    for char in text:
        if cells(kept + char) > room:
            break
        kept += char
    at_word = kept.rstrip()
    if len(text) > len(kept) and not text[len(kept)].isspace():  # the cut is inside a word
        head = kept.rsplit(None, 1)[0] if " " in kept.strip() else ""
        if cells(head) * 3 >= room:  # a word of a third of the room or more is kept whole
            at_word = head.rstrip()
    return at_word.rstrip(" ,;:-–—") + ELLIPSIS
