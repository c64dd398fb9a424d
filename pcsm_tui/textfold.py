"""Names written in ASCII letters: for folder names and ids made from them, and for search.

Kept apart from the models (which load pydantic) so that the service can make a folder name
and the knowledge search can fold a text without loading them before the first frame.
"""

from __future__ import annotations

import re
import unicodedata

LATIN_LETTERS = str.maketrans(
    {
        **dict.fromkeys("øØ", "o"),
        **dict.fromkeys("æÆ", "ae"),
        **dict.fromkeys("œŒ", "oe"),
        **dict.fromkeys("ßẞ", "ss"),
        **dict.fromkeys("łŁ", "l"),
        **dict.fromkeys("đĐðÐ", "d"),
        **dict.fromkeys("þÞ", "th"),
        **dict.fromkeys("ħĦ", "h"),
        "ı": "i",
    }
)
"""Latin letters that Unicode does not decompose into a base letter and an accent: NFKD
leaves "ø" whole, so dropping what is not ASCII made "Café Nørd" the slug `cafe-nrd`."""


def ascii_letters(text: str) -> str:
    """`text` in ASCII letters as far as it goes: accents dropped ("é" -> "e"), the letters
    of `LATIN_LETTERS` written as English writes them, anything else left out."""
    flat = unicodedata.normalize("NFKD", text.translate(LATIN_LETTERS))
    return flat.encode("ascii", "ignore").decode()


def slug_text(name: str, limit: int) -> str:
    """Lower-case ASCII letters, digits and dashes of `name`, at most `limit` characters
    (empty for a name in another script)."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_letters(name).lower()).strip("-")[:limit].strip("-")
