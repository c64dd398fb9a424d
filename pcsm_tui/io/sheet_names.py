"""Sheet names: Excel's 31 characters, cut between words.

Without openpyxl, so that the tool layouts can name their sheets at import time too.
"""

from __future__ import annotations

import re

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
SHEET_LIMIT = 31
"""The longest sheet name Excel accepts."""
_CONNECTORS = frozenset({"and", "or", "of", "the", "for", "to", "in", "with", "&", "-"})
"""Words a shortened name does not end on ("Onboarding 1 Kick-off and")."""


def sheet_title(name: str, limit: int = SHEET_LIMIT) -> str:
    """A sheet name of at most `limit` characters, cut at the last word boundary that keeps
    at least half of it (a cut mid-word reads as a typo: "Onboarding 1 Kick-off and plann"),
    without the characters and edge quotes that Excel refuses."""
    text = " ".join(_SHEET_BAD.sub("-", name).split()).strip("'")
    if len(text) > limit:
        head = text[: limit + 1]
        spaces = [i for i, c in enumerate(head) if c == " " and i >= limit // 2]
        hyphens = [i + 1 for i, c in enumerate(head[:limit]) if c == "-" and i >= limit // 2]
        cut = max(spaces or hyphens or [limit])
        words = text[:cut].split(" ")
        while len(words) > 1 and words[-1].lower() in _CONNECTORS:
            words.pop()
        text = " ".join(words).rstrip(" ,;:&(-").strip("'")
    return text or "Sheet"
