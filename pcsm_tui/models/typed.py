"""Numbers and dates as people type them, and why a typed value is refused, in words.

People write `48,000`, `48 000` or `1.5`; a field must take what they mean or say plainly
why it cannot. Only readings that cannot be mistaken are accepted: a thousands separator
(comma, space, no-break space, apostrophe, or a dot when a comma ends the number) must
group digits by three from the first group on, so `48,000` is forty-eight thousand but
`1,5` (a decimal comma?) and `1,00` are refused with a sentence saying how to write them,
never read as a different number. A date that does not exist says which part is wrong
(`2027-02-30`: February 2027 has 28 days).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..errors import PcsmError

SEPARATORS = (",", " ", "\u00a0", "\u202f", "'", "’")
"""Characters people put between groups of three digits."""

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[, \u00a0\u202f'’.])\d{3})(?:(?P=sep)\d{3})*")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class NotANumber(PcsmError, ValueError):
    """Typed text that is not a number; the message is a sentence for a person."""


def _grouped_value(body: str, decimals: str, decimal_mark: str) -> str | None:
    """The plain digits of `body` when it is digits grouped by three with one separator
    that is not the decimal mark; None when the grouping is not unambiguous."""
    match = _GROUPED.fullmatch(body)
    if match is None or match.group("sep") == decimal_mark:
        return None
    return re.sub(r"\D", "", body) + (f".{decimals}" if decimals else "")


def _unsigned(raw: str) -> str | None:
    """The plain digits (and decimals after a dot) of `raw`, or None when it is not a
    number or its reading is not certain."""
    if _PLAIN.fullmatch(raw):
        if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", raw):
            return None  # 48.000: forty-eight, or forty-eight thousand? not guessed
        return raw
    last_dot, last_comma = raw.rfind("."), raw.rfind(",")
    body, decimals, mark = raw, "", "."
    if last_dot >= 0 and last_comma >= 0:  # 1,234.5 or 1.234,5: the later one is decimal
        mark = "." if last_dot > last_comma else ","
        cut = max(last_dot, last_comma)
        body, decimals = raw[:cut], raw[cut + 1 :]
    elif last_dot >= 0:
        if re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", raw):
            mark = ","  # 1.234.567: dots that group, no decimals
        else:
            body, decimals = raw[:last_dot], raw[last_dot + 1 :]
    elif last_comma >= 0 and not re.fullmatch(r"\d{1,3}(,\d{3})+", raw):
        mark = ","  # 48 000,50: grouped by spaces, a decimal comma
        body, decimals = raw[:last_comma], raw[last_comma + 1 :]
    if decimals and not decimals.isdigit():
        return None
    return _grouped_value(body, decimals, mark)


MOST_DIGITS = 30
"""The longest number read (a fee, a count); more digits is a slip (a paste), said so."""


def parse_number(text: str, whole: bool) -> float:
    """Read a number as a person writes it (`48,000`, `48 000`, `1,234.5`, `-3`,
    `48.000,50`); raise NotANumber with a sentence when it is not one or is ambiguous.

    `whole`: only whole numbers are taken (a fraction is refused, not rounded). A comma
    before exactly three digits groups thousands (`1,500` is fifteen hundred); a lone dot
    before exactly three digits (`48.000`) is refused as ambiguous rather than guessed.
    """
    shown = text.strip()
    kind = "a whole number" if whole else "a number"
    if not shown:
        raise NotANumber(f"nothing was typed; type {kind}")
    raw, sign = shown, ""
    if raw[0] in "+-−":
        sign, raw = ("" if raw[0] == "+" else "-"), raw[1:].strip()
    plain = _unsigned(raw) if raw else None
    if plain is None:
        if re.fullmatch(r"\d+[.,]\d+", raw):
            raise NotANumber(
                f"{shown!r} is ambiguous: write decimals with a dot (1.5) and thousands "
                "with a comma or a space (48,000 or 48 000)"
            )
        raise NotANumber(f"{shown!r} is not {kind}")
    digits = sum(c.isdigit() for c in plain)
    if digits > MOST_DIGITS:  # Python refuses int() past 4300 digits; no field is that big
        raise NotANumber(
            f"{shown[:12]}… has {digits} digits; no field takes a number that long, "
            f"type at most {MOST_DIGITS}"
        )
    if whole and "." not in plain:
        return int(sign + plain)  # exact, however long
    value = float(sign + plain)
    if whole:
        if not value.is_integer():
            raise NotANumber(f"{shown!r} is not a whole number; leave out the fraction")
        return int(value)
    return value


def format_grouped(value: float, separator: str = ",") -> str:
    """A number with its thousands grouped (the inverse of parse_number, for tests and
    messages)."""
    whole = int(abs(value))
    fraction = abs(value) - whole
    grouped = f"{whole:,}".replace(",", separator)
    text = grouped + (repr(fraction)[1:] if fraction else "")
    return ("-" if value < 0 else "") + text


def parse_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD; raise ValueError saying why another text is not one."""
    raw = text.strip()
    match = _DATE.fullmatch(raw)
    if match is None:
        raise ValueError(
            f"{raw!r} is not a date; write it YYYY-MM-DD, e.g. 2026-11-22"
            if raw
            else "nothing was typed; write a date as YYYY-MM-DD, e.g. 2026-11-22"
        )
    year, month, day = (int(g) for g in match.groups())
    if year < 1:
        raise ValueError(f"{raw}: the year must be 1 or later")
    if not 1 <= month <= 12:
        raise ValueError(f"{raw}: there is no month {month} (months are 01 to 12)")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        raise ValueError(f"{raw}: {name} {year} has {days} days")
    return dt.date(year, month, day)


def range_words(low: float | None, high: float | None, scale: str = "") -> str:
    """The allowed range in words: "from 0 to 10", "0 or more", "10 or less"."""
    of = f" (the {scale} scale)" if scale else ""
    if low is not None and high is not None:
        return f"from {number_text(low)} to {number_text(high)}{of}"
    if low is not None:
        return f"{number_text(low)} or more{of}"
    if high is not None:
        return f"{number_text(high)} or less{of}"
    return ""


def number_text(value: float) -> str:
    """A bound as people read it: 10 not 10.0, 10,000 grouped."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"
