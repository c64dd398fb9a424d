"""Reading one spreadsheet cell into a field's value, the forgiving way people type.

A cell written by a person may hold a number typed as text, a level word ("High"), a date as
text, a RACI code with stray spaces or in another order ("A/R", "C /I"), "N" or "-" for
nothing. Each reader returns the value or raises `Unusable` with a message that says what
the cell may hold; the caller turns that into a `Sheet!B7: why` line of the report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from ..errors import PcsmError
from ..models.commitment import ROLE_ORDER
from ..models.scales import Scale
from .rules import ImportRules

EMPTY = ""


class Unusable(PcsmError, ValueError):
    """The cell's content cannot be used for its column."""


@dataclass(frozen=True)
class BadCell:
    """A cell that holds something but no value pcsm can read: a formula with no saved value
    (a workbook written by a script and never opened in a spreadsheet program) or an error
    (`#REF!`). It is not empty, so it is never taken as a blank that clears a field; every
    reader of a field raises `Unusable` for it, so it is reported and the field keeps its
    stored value. As text (a header, a label, an id) it reads as nothing."""

    why: str


def usable(value: Any) -> Any:
    """`value`, or `Unusable` with the reason when it is a `BadCell`."""
    if isinstance(value, BadCell):
        raise Unusable(value.why)
    return value


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """Any cell as text: whole numbers without `.0`, dates as ISO, text as written."""
    if value is None or isinstance(value, BadCell):
        return EMPTY
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return (
            value.date().isoformat()
            if value.time() == dt.time()
            else value.isoformat(sep=" ", timespec="minutes")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def scaled_level(position: float, scale: Scale) -> int:
    """A 0..10 reference position put on `scale` and rounded half up."""
    return scale.low + math.floor(position / 10 * (scale.high - scale.low) + 0.5)


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_OUT_OF = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*(?:/|of|von|sur|de)\s*\d+$", re.IGNORECASE)


def to_number(value: Any, rules: ImportRules, scale: Scale | None, whole: bool) -> int | float:
    """A number from a number cell, numeric text (`7`, `7,5`, `7/10`) or a level word."""
    usable(value)
    if isinstance(value, bool):
        raise Unusable("is yes/no, not a number")
    if isinstance(value, (int, float)):
        number: float = value
    else:
        text = as_text(value).strip()
        matched = _OUT_OF.match(text)
        if matched:
            text = matched.group(1)
        if _NUMBER.match(text):
            number = float(text.replace(",", "."))
        else:
            position = rules.level(text)
            if position is None or scale is None:
                words = " or a level word such as High, Moderate, Low" if scale else ""
                raise Unusable(f"{text!r} is not a number{words}")
            return scaled_level(position, scale)
    if whole:
        if not float(number).is_integer():
            raise Unusable(f"{as_text(value)} is not a whole number")
        return int(number)
    return float(number)


def in_range(number: float, low: float | None, high: float | None, what: str) -> None:
    if (low is not None and number < low) or (high is not None and number > high):
        shown_low = "" if low is None else as_text(low)
        shown_high = (
            "" if high is None else (f"+{as_text(high)}" if (low or 0) < 0 else as_text(high))
        )
        raise Unusable(f"{as_text(number)} is outside the {what} {shown_low}..{shown_high}")


def to_bool(value: Any, rules: ImportRules) -> bool | None:
    """True / False for a yes/no cell; None when it is empty."""
    usable(value)
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    answer = rules.yes_no(as_text(value))
    if answer is None:
        raise Unusable(f"{as_text(value)!r} is not a yes/no answer (use Y or N)")
    return answer


_DATE_PARTS = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")


def to_date(value: Any, rules: ImportRules) -> dt.date | None:
    """A date cell, or text in ISO (2026-04-03) or day-first/month-first order per the rules."""
    usable(value)
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        raise Unusable(f"{as_text(value)} is a number, not a date (use YYYY-MM-DD)")
    text = as_text(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    matched = _DATE_PARTS.match(text)
    try:
        if matched:
            a, b, c = (int(g) for g in matched.groups())
            if len(matched.group(1)) == 4:
                return dt.date(a, b, c)
            year = c if c >= 100 else 2000 + c
            day, month = (a, b) if rules.date_order == "dmy" else (b, a)
            return dt.date(year, month, day)
        for pattern in ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d %B, %Y", "%B %d, %Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    except ValueError as error:
        raise Unusable(f"{text!r} is not a real date ({error})") from None
    raise Unusable(f"{text!r} is not a date (use YYYY-MM-DD)")


_ROLE_SPLIT = re.compile(r"[\s/,;+&|]+")


def to_roles(value: Any, rules: ImportRules) -> frozenset[str]:
    """RACI roles from `R/A`, `A/R`, `c /i`, `RA`, `R, C`; `N`, `-` or empty mean none."""
    usable(value)
    if is_empty(value):
        return frozenset()
    text = as_text(value).strip()
    if rules.is_no_role(text):
        return frozenset()
    parts = [p for p in _ROLE_SPLIT.split(text.upper()) if p]
    if len(parts) == 1 and len(parts[0]) > 1 and set(parts[0]) <= set(ROLE_ORDER):
        parts = list(parts[0])
    unknown = [p for p in parts if p not in ROLE_ORDER]
    if unknown:
        raise Unusable(
            f"{text!r} is not a RACI code: use R, A, C or I, combined with '/' (e.g. R/A)"
        )
    return frozenset(parts)


def to_choice(value: Any, choices: dict[str, str]) -> str:
    """One of `choices` (stored value -> label), matched on the value or the label."""
    usable(value)
    text = as_text(value).strip()
    wanted = _loose(text)
    for stored, label in choices.items():
        if wanted in (_loose(stored), _loose(label)):
            return stored
    raise Unusable(f"{text!r} is not one of: {', '.join(choices.values())}")


def _loose(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


_NUMBERED = re.compile(r"^\D*?(\d+)\D*$")


def to_row_number(value: Any) -> int | None:
    """The number in a `No.` cell: 3, `3.`, `#3`, `Task 3`, `Activity 3` -> 3."""
    usable(value)
    if is_empty(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 1:
            return int(value)
        raise Unusable(f"{as_text(value)} is not a row number")
    matched = _NUMBERED.match(as_text(value).strip())
    if matched and int(matched.group(1)) >= 1:
        return int(matched.group(1))
    raise Unusable(f"{as_text(value)!r} is not a row number")


def percent(value: Any, number_format: str) -> Any:
    """A percentage cell (0.5 shown as 50%) as the 0..100 figure pcsm stores."""
    if isinstance(value, float | int) and not isinstance(value, bool) and "%" in number_format:
        return value * 100
    if isinstance(value, str) and value.strip().endswith("%"):
        return value.strip()[:-1]
    return value
