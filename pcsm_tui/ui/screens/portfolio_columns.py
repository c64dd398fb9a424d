"""Which portfolio columns fit the terminal: chosen by priority, abbreviated when narrow.

At 80 columns a CSM still needs to see, for every engagement, the customer, the phase, the
open high risks, what is overdue and the last change (issue 13); the CSM, the onboarding
band and readiness come after them. A file that does not read is flagged in a column of its
own, right after the customer, whenever any engagement has one: it must never look empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rich.cells import cell_len

READY = "readiness"
"""The readiness column's key: the portfolio rows' field (a share of items answered yes),
named once here."""

PROBLEM = "problem"
"""The key of the "cannot read" column (shown only when some file does not read)."""

PRIORITY = ("customer", PROBLEM, "phase", "risks", "overdue", "changed", "csm", "band", READY)
"""The columns in the order they are given room; they are shown in `ORDER`."""

MUST_STAY = frozenset({PROBLEM, "phase", "risks", "overdue", "changed"})
"""Kept at 80 columns (the customer is always kept); the others come after the customer's
full names."""

ORDER = ("customer", PROBLEM, "csm", "phase", "band", "risks", READY, "overdue", "changed")

LABELS = {
    "customer": "Customer",
    PROBLEM: "⚠ Cannot read",
    "csm": "CSM",
    "phase": "Phase",
    "band": "Onboarding",
    "risks": "High risks",
    READY: "Ready",
    "overdue": "Overdue",
    "changed": "Last change",
}
SHORT = {
    **LABELS,
    PROBLEM: "⚠ File",
    "band": "Onb.",
    "risks": "Hi risk",
    READY: "Rdy",
    "overdue": "Late",
    "changed": "Changed",
}
"""Headers when the full ones do not leave room for the columns that must stay."""

PADDING = 2
"""A DataTable cell's padding (one blank each side)."""
SCROLLBAR = 2
"""Room kept for the table's vertical scroll bar."""
SORT_ARROW = 2
"""The sorted column's header gains " ↑" or " ↓"."""
MIN_CUSTOMER = 10
"""The customer column never gets narrower than this (names are cut with …)."""


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut with … when longer."""
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + "…"


_FILE_AT_START = re.compile(r"(?:^|; )([\w.-]+\.toml)(?=:)")


def problem_cell(problem: str, broken: Mapping[str, str]) -> str:
    """The names of an engagement's files that do not read ("" when every file reads):
    from the row (`risks.toml:1:37: why; ...`) and from the watch (path -> why)."""
    # Only a file's name that opens a part: a reason may itself hold "; " or ":".
    names = set(_FILE_AT_START.findall(problem))
    names |= {path.rsplit("/", 1)[-1] for path in broken}
    names.discard("")
    if not names:
        return ""
    first, *rest = sorted(names)
    return f"⚠ {first}" + (f" +{len(rest)}" if rest else "")


def _natural(key: str, label: str, cells: Sequence[Mapping[str, str]]) -> int:
    widest = max((cell_len(row.get(key, "")) for row in cells), default=0)
    return max(cell_len(label) + SORT_ARROW, widest) + PADDING


def choose_columns(
    width: int, cells: Sequence[Mapping[str, str]], broken: bool
) -> tuple[list[tuple[str, str]], int]:
    """(key, header) of the columns to show in `width` cells, in display order, and the
    width the customer names are cut to.

    Columns are given room in priority order; the customer column gives up width (down to
    MIN_CUSTOMER, its names cut) before a column that must stay is left out. The short
    headers are used when the full ones would push out a column that the short ones keep.
    """
    keys = [k for k in PRIORITY if k != PROBLEM or broken]
    full, full_left = _fit(width, keys, LABELS, cells)
    short, short_left = _fit(width, keys, SHORT, cells)
    wide_enough = len(full) > len(short) or (len(full) == len(short) and full_left >= short_left)
    customer_room = _natural("customer", LABELS["customer"], cells)
    if len(full) == len(short) and full_left >= customer_room:
        wide_enough = True  # the full headers cost the customer names nothing
    elif len(full) == len(short):
        wide_enough = False  # the short headers leave more of the customer names
    chosen, labels, left = (full, LABELS, full_left) if wide_enough else (short, SHORT, short_left)
    customer = min(_natural("customer", labels["customer"], cells), left) - PADDING
    return [(key, labels[key]) for key in ORDER if key in chosen], max(customer, MIN_CUSTOMER)


def _fit(
    width: int, keys: Sequence[str], labels: Mapping[str, str], cells: Sequence[Mapping[str, str]]
) -> tuple[set[str], int]:
    """The columns that fit, and the room left for the customer column: the columns that
    must stay first (the customer at its narrowest), then the customer's full names, then
    the rest while they fit."""
    room = max(width - SCROLLBAR, 0)
    customer = keys[0]
    used = MIN_CUSTOMER + PADDING
    chosen = {customer}
    for key in keys[1:]:
        if key in MUST_STAY:
            need = _natural(key, labels[key], cells)
            if used + need <= room:
                chosen.add(key)
                used += need
    used += max(_natural(customer, labels[customer], cells) - MIN_CUSTOMER - PADDING, 0)
    for key in keys[1:]:
        if key not in MUST_STAY:
            need = _natural(key, labels[key], cells)
            if used + need <= room:
                chosen.add(key)
                used += need
    return chosen, room - used + _natural(customer, labels[customer], cells)
