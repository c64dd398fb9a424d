"""Finding personal details in free text: known names, e-mail addresses, phone numbers.

Used by `--redact` (exports, `pcsm log`, `pcsm diff`), `pcsm forget` and the privacy report.

- A known name matches whatever its case and spacing ("John  Ashton", "JOHN ASHTON", a line
  break between the two names) and written surname first ("Ashton, John").
- An e-mail address matches with or without a domain suffix (`sue@northwind`).
- Phone numbers: Google's libphonenumber (the `phonenumbers` package) finds valid numbers in
  any format it knows (international, national, with an extension) for the regions below;
  patterns add what it rejects as not valid but people still write: numbers of the ranges
  kept for drama and examples (`07700 900123`, `555-123-4567`), dotted (`020.7946.0958`).
  Imported lazily: only a text that holds enough digits pays for it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

PHONE_REGIONS = ("GB", "US", "DE", "FR")
"""Regions whose national formats (without +country code) are recognized."""

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*")
_PHONE_PATTERNS = (
    re.compile(r"\+\d[\d\s().-]{6,}\d"),
    re.compile(r"(?<![\w.+])\(?0\d{1,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\w])"),
    re.compile(r"(?<![\w.+])\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\w])"),
)
_DIGITS = re.compile(r"\d")


def _spans_of_phones(text: str) -> list[tuple[int, int]]:
    if len(_DIGITS.findall(text)) < 7:
        return []
    # start-up: phonenumbers loads only when this runs
    import phonenumbers

    spans: list[tuple[int, int]] = []
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID
        ):
            spans.append((match.start, match.end))
    for pattern in _PHONE_PATTERNS:
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return spans


def _replace(text: str, spans: Iterable[tuple[int, int]], mark: str) -> str:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + mark + text[end:]
    return text


def mask_phones(text: str, mark: str = "[phone]") -> str:
    return _replace(text, _spans_of_phones(text), mark)


def mask_emails(text: str, mark: str = "[email]") -> str:
    return EMAIL.sub(mark, text)


def mask_contacts(text: str) -> str:
    """E-mail addresses and phone numbers masked."""
    return mask_phones(mask_emails(text))


def has_contact(text: str) -> bool:
    return EMAIL.search(text) is not None or bool(_spans_of_phones(text))


@functools.lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str] | None:
    """A person's name whatever its case and spacing, in either order ("Ashton, John")."""
    words = name.split()
    if not words:
        return None
    gap = r"[\s\u00a0]+"
    forms = [gap.join(re.escape(w) for w in words)]
    if len(words) >= 2:
        forms.append(re.escape(words[-1]) + r"\s*,\s*" + gap.join(re.escape(w) for w in words[:-1]))
    return re.compile(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)", re.IGNORECASE)


def replace_names(text: str, names: Iterable[tuple[str, str]]) -> str:
    """`text` with each (name, stand-in) replaced, longest names first."""
    for name, stand_in in sorted(names, key=lambda pair: len(pair[0]), reverse=True):
        pattern = name_pattern(name)
        if pattern is not None:
            text = pattern.sub(stand_in.replace("\\", "\\\\"), text)
    return text


def finds_name(text: str, name: str) -> bool:
    pattern = name_pattern(name)
    return pattern is not None and pattern.search(text) is not None
