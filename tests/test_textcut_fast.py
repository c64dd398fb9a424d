"""textcut's fast paths (issue 16: a tool's table cells are shortened at every first show)
give exactly what measuring each character, and the text kept so far, again gave."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.textcut import DANGLING, ELLIPSIS, ZERO_WIDTH, cells, shorten

TEXTS = st.text(
    alphabet=st.sampled_from("ab c,-\\x1u\u00e9\u4e2d\uff21\u2026\u0301\u200d \t"), max_size=60
) | st.text(max_size=60)


def slow_cells(text: str) -> int:
    return sum(
        0
        if c in ZERO_WIDTH or unicodedata.category(c) in ("Mn", "Me")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in text
    )


def slow_shorten(text: str, width: int, whole_words: bool = False) -> str:
    """textcut.shorten measured character by character (before the fast paths)."""
    if slow_cells(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - slow_cells(ELLIPSIS)
    kept = ""
    for char in text:
        if slow_cells(kept + char) > room:
            break
        kept += char
    start = kept.rfind("\\")  # an escape (textsafe's `\\x1b`) cut inside is left out
    escape = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[tn])").match(text, max(start, 0))
    if start >= 0 and escape and escape.end() > len(kept):
        kept = kept[:start]
    at_word = kept.rstrip()
    # a cut on the space after a word keeps that word
    if len(text) > len(kept) and not text[len(kept)].isspace() and not kept[-1:].isspace():
        head = kept.rsplit(None, 1)[0] if " " in kept.strip() else ""
        if slow_cells(head) * 3 >= room or (whole_words and head):
            at_word = head.rstrip()
    return at_word.rstrip(DANGLING) + ELLIPSIS


@given(TEXTS)
def test_cells_is_the_sum_of_each_characters_cells(text: str) -> None:
    assert cells(text) == slow_cells(text)


@given(TEXTS, st.integers(min_value=0, max_value=50), st.booleans())
def test_shorten_cuts_where_it_did(text: str, width: int, whole_words: bool) -> None:
    assert shorten(text, width, whole_words) == slow_shorten(text, width, whole_words)
