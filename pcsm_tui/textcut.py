"""Shortening text to a width: at a word, ending in "…" (one helper for every place).

A name cut mid-word ("Stakeholder Manage") reads as a different word and two cut names
may look alike; cut at the last word that fits and marked with "…", the reader knows there
is more (the full text is shown where the item is opened). When the words that fit would
fill less than a third of the room, the long word is cut inside, still with "…", so a long
word never leaves an almost empty cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

ELLIPSIS = "…"

DANGLING = " ,;:-–—·•|"
"""What a cut text never ends in before its "…": a separator left at the end ("phase 2 ·…")
says an item follows and then shows none."""


_ESCAPE = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[tn])")
"""An escape `textsafe.display` writes for a control character (`\\x1b`, `\\u202e`)."""


def _whole_escapes(text: str, kept: str) -> str:
    """`kept` (the head of `text`) without an escape it ends inside: `\\x1` or `\\u20`
    would read as another, shorter escape (or as text), so the cut falls before it."""
    start = kept.rfind("\\", max(0, len(kept) - 5))
    if start < 0:
        return kept
    match = _ESCAPE.match(text, start)
    return kept[:start] if match and match.end() > len(kept) else kept


ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
"""Characters a terminal draws in no cell: zero-width space, (non-)joiners, word joiner."""


def cells(text: str) -> int:
    """Terminal cells `text` takes (`char_cells` of each character)."""
    if text.isascii():  # no ASCII character is wide: one cell each (most texts, at once)
        return len(text)
    return sum(char_cells(c) for c in text)


def char_cells(char: str) -> int:
    """Cells one character takes: two for East Asian wide and full-width ones, none for a
    combining mark (the accent of an "é" typed as e + U+0301, as text from macOS often is)
    or a zero-width character, one for the rest. Counted as one cell each, the marks made
    a name that fits look too long, so it was cut, and a cut could fall between a letter
    and its accent."""
    if char in ZERO_WIDTH or unicodedata.category(char) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def shorten(text: str, width: int, whole_words: bool = False) -> str:
    """`text` in at most `width` cells: whole when it fits, else cut at a word with "…".

    `whole_words`: never cut inside a word when one whole word fits ("4 Adoption Planning"
    in 10 cells is "4…", not "4 Adoptio…"), however little of the room it fills."""
    if cells(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - cells(ELLIPSIS)
    kept, used = "", 0
    for char in text:  # the width so far is added up, not measured again for each char
        used += char_cells(char)
        if used > room:
            break
        kept += char
    kept = _whole_escapes(text, kept)
    at_word = kept.rstrip()
    inside_word = len(text) > len(kept) and not text[len(kept)].isspace()
    if inside_word and not kept[-1:].isspace():  # ("ab cd |ef": the cut is between words)
        head = kept.rsplit(None, 1)[0] if " " in kept.strip() else ""
        if cells(head) * 3 >= room or (whole_words and head):  # a third of the room or more
            at_word = head.rstrip()
    return at_word.rstrip(DANGLING) + ELLIPSIS


def shorten_items(text: str, width: int, separator: str = " · ") -> str:
    """`text` in at most `width` cells; a list of items joined by `separator` ("enter view
    · D as of a date · R restore") keeps the whole items that fit and ends with
    `separator` + "…" rather than cutting an item (or leaving a dangling separator)."""
    if cells(text) <= width:
        return text
    items = text.split(separator)
    tail = separator + ELLIPSIS
    kept: list[str] = []
    for item in items:
        if cells(separator.join([*kept, item]) + tail) > width:
            break
        kept.append(item)
    if not kept:
        return shorten(text, width)
    return separator.join(kept) + tail


def shorten_name(name: str, width: int) -> str:
    """A person's name in at most `width` cells: the first name and as many of the others'
    initials as fit ("Maria L. G.", then "Maria L.") when the whole does not fit, else as
    `shorten` with whole words. Cut at its first word, a team's two Devs both read "Dev…".
    """
    if cells(name) <= width or not name.split():
        return shorten(name, width, whole_words=True)
    first, *others = name.split()
    initials = [f"{other[0]}." for other in others if other[0].isalpha()]
    while initials:  # as many initials as fit, from the first
        short = " ".join([first, *initials])
        if cells(short) <= width:
            return short
        initials.pop()
    return shorten(name, width, whole_words=True)


def shorten_message(text: str, width: int) -> str:
    """A message in at most `width` cells. A word too long for the room (a path, a URL) is
    cut in its middle, its start and its end kept ("wrote /home/…/acme-2026-11-22.xlsx"):
    cut at its end, the file's own name was what went. Otherwise as `shorten`."""
    if cells(text) <= width:
        return text
    words = text.split(" ")
    longest = max(words, key=cells)
    keep = cells(longest) - (cells(text) - width) - cells(ELLIPSIS)
    if keep >= 12 and longest.isascii():  # room for both ends to say something
        name = len(longest) - longest.rstrip("/").rfind("/")  # the last part, its "/" too
        tail = min(max(keep * 2 // 3, name), keep - 4)  # the file's name whole if it fits
        cut = f"{longest[: keep - tail]}{ELLIPSIS}{longest[len(longest) - tail :]}"
        said = text.replace(longest, cut, 1)
        if cells(said) <= width:
            return said
    return shorten(text, width)


def shorten_all(texts: Sequence[str], width: int) -> list[str]:
    """Each of `texts` in at most `width` cells (`shorten`), and two different texts never
    read the same: siblings in a list ("Stakeholder Management Plan", "… Tracker") are told
    apart by the text they end with when their cut heads alike, then by more of the text cut
    inside a word, and, when the room is too small for any of that, by a number.

    A text that fits is never changed; only texts that were cut take another form."""
    out = [shorten(text, width) for text in texts]
    for form in (_head_and_tail, _inside_word):
        for i in _clashing(texts, out):
            if out[i] != texts[i]:
                out[i] = form(texts[i], width)
    number = 0
    for i in _clashing(texts, out):
        if out[i] == texts[i]:
            continue  # shown whole: the cut ones take the numbers
        while True:
            number += 1
            tag = f"{ELLIPSIS}{number}"
            if cells(tag) > width:
                break  # no room even for a number: nothing tells them apart
            candidate = _inside_word(texts[i], width - cells(tag) + 1)[:-1] + tag
            if candidate not in out:
                out[i] = candidate
                break
    return out


def _clashing(texts: Sequence[str], out: Sequence[str]) -> list[int]:
    """The positions whose shown form is also shown for a different text."""
    seen: dict[str, set[str]] = {}
    for text, shown in zip(texts, out, strict=True):
        seen.setdefault(shown, set()).add(text)
    return [i for i, shown in enumerate(out) if len(seen[shown]) > 1]


def _head_and_tail(text: str, width: int) -> str:
    """The text's start and its last word, the middle left out: "Stakeholder… Tracker"."""
    head, _, tail = text.rstrip().rpartition(" ")
    room = width - cells(tail) - 1
    if not head.strip() or room < 2:
        return _inside_word(text, width)
    return f"{shorten(head, room)} {tail}"  # the head does not fit whole, or the text would


def _inside_word(text: str, width: int) -> str:
    """As many characters as fit, then "…" (a cut inside a word, marked)."""
    if cells(text) <= width:
        return text
    kept = ""
    for char in text:
        if cells(kept + char) > width - 1:
            break
        kept += char
    return _whole_escapes(text, kept) + ELLIPSIS if width >= 1 else ""
