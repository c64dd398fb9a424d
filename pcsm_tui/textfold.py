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


_CYRILLIC = {
    **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)),
    **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu"},
    **{"я": "ya", "ё": "yo", "ъ": "", "ь": "", "є": "ye", "і": "i", "ї": "yi", "ґ": "g"},
    **{"ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ў": "u"},
}
_GREEK = {
    **dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstyfo", strict=True)),
    **{"θ": "th", "χ": "ch", "ψ": "ps"},
}
OTHER_SCRIPTS = str.maketrans(
    {
        **{small: latin for small, latin in (_CYRILLIC | _GREEK).items()},
        **{small.upper(): latin.capitalize() for small, latin in (_CYRILLIC | _GREEK).items()},
    }
)
"""Cyrillic and Greek letters as they are commonly written in Latin letters ("Москва" ->
"Moskva", "Αθήνα" -> "Athina"), for folder names and ids only: without it a customer named
in Russian, Ukrainian, Serbian, Bulgarian or Greek got the stand-in folder name
"engagement", "engagement-2"… Scripts with no letter-by-letter spelling (Chinese,
Japanese, Arabic…) still get the stand-in, which the new-engagement step lets the CSM
change."""


def ascii_letters(text: str) -> str:
    """`text` in ASCII letters as far as it goes: accents dropped ("é" -> "e"), the letters
    of `LATIN_LETTERS` written as English writes them, Cyrillic and Greek spelled in Latin
    letters (`OTHER_SCRIPTS`), anything else left out."""
    # translated again after NFKD: "ά" is "α" and an accent only once decomposed, while
    # "й" must be read before it decomposes into "и" and a breve
    flat = unicodedata.normalize("NFKD", text.translate(LATIN_LETTERS).translate(OTHER_SCRIPTS))
    return flat.translate(OTHER_SCRIPTS).encode("ascii", "ignore").decode()


def slug_text(name: str, limit: int) -> str:
    """Lower-case ASCII letters, digits and dashes of `name`, at most `limit` characters
    (empty for a name in another script)."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_letters(name).lower()).strip("-")[:limit].strip("-")
