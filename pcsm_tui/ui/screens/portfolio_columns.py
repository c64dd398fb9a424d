"""Which portfolio columns fit the terminal: chosen by priority, abbreviated when narrow.

At 80 columns a CSM still needs to see, for every engagement, the customer, its health, the
phase, the open high risks, what is overdue and the last change (issues 13 and 14), the
last one cut if it must; the support trend, the latest go/no-go, the CSM, the onboarding
band and readiness come after them. A file that does not read is flagged in a column of its
own, right after the customer, whenever any engagement has one: it must never look empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rich.cells import cell_len

from ...textcut import shorten

READY = "readiness"
"""The readiness column's key: the portfolio rows' field (a share of items answered yes),
named once here."""

PROBLEM = "problem"
"""The key of the "cannot read" column (shown only when some file does not read)."""

HEALTH = "health"
TREND = "trend"
GO = "go"
"""The keys of the health, support-trend and go/no-go columns (cells: portfolio_health)."""

PRIORITY = (
    "customer",
    PROBLEM,
    HEALTH,
    "phase",
    "risks",
    "overdue",
    "changed",
    TREND,
    GO,
    "csm",
    "band",
    READY,
)
"""The columns in the order they are given room; they are shown in `ORDER`."""

MUST_STAY = frozenset({PROBLEM, HEALTH, "phase", "risks", "overdue", "changed"})
"""Kept at 80 columns (the customer is always kept); the others come after the customer's
full names."""

CUT_FIRST = ("phase", "changed")
"""Columns that must stay but whose texts are cut (down to their header's width) before the
customer's names are, and get back the room left after the names, in this order: the
phase's number comes first in them (its name after), the date first (the author after)."""

ORDER = (
    "customer",
    PROBLEM,
    HEALTH,
    TREND,
    "csm",
    "phase",
    "band",
    "risks",
    READY,
    "overdue",
    GO,
    "changed",
)

LABELS = {
    "customer": "Customer",
    PROBLEM: "⚠ Cannot read",
    HEALTH: "Health",
    TREND: "Support trend",
    "csm": "CSM",
    "phase": "Phase",
    "band": "Onboarding",
    "risks": "High risks",
    READY: "Ready",
    "overdue": "Overdue",
    GO: "Go/no-go",
    "changed": "Last change",
}
SHORT = {
    **LABELS,
    PROBLEM: "⚠ File",
    "band": "Onb.",
    "risks": "Hi risk",
    READY: "Rdy",
    "overdue": "Late",
    TREND: "Trend",
    GO: "Go",
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


def cut(text: str, width: int, whole_words: bool = True) -> str:
    """`text` in at most `width` cells, cut after a whole word with … when longer
    ("4 Adoption…", "Northwind…", "11-19…"): never inside a word that a reader would take
    for another one. A customer's name is cut inside a long word when the words before it
    would fill less than a third of the room (`whole_words=False`): one long word must not
    leave "Contoso…" in a column that has room for twenty more cells of the name."""
    return shorten(text, width, whole_words=whole_words)


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
    return max(cell_len(label), widest) + PADDING


def choose_columns(
    width: int, cells: Sequence[Mapping[str, str]], broken: bool
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(key, header) of the columns to show in `width` cells, in display order, and the
    widths their texts are cut to (the customer's always; a column that must stay but does
    not fit whole is cut to the room left rather than left out).

    Columns are given room in priority order; the customer column gives up width (down to
    MIN_CUSTOMER, its names cut) before a column that must stay is left out. The short
    headers are used when the full ones would push out a column that the short ones keep.
    """
    keys = [k for k in PRIORITY if k != PROBLEM or broken]
    full, full_left, full_cuts = _fit(width, keys, LABELS, cells)
    short, short_left, short_cuts = _fit(width, keys, SHORT, cells)
    wide_enough = len(full) > len(short) or (len(full) == len(short) and full_left >= short_left)
    customer_room = _natural("customer", LABELS["customer"], cells)
    if len(full) == len(short) and full_left >= customer_room and not full_cuts:
        wide_enough = True  # the full headers cost the customer names and the rest nothing
    elif len(full) == len(short):
        wide_enough = False  # the short headers leave more of the names and the last change
    chosen, labels, left, cuts = (
        (full, LABELS, full_left, full_cuts)
        if wide_enough
        else (short, SHORT, short_left, short_cuts)
    )
    customer = min(_natural("customer", labels["customer"], cells), left) - PADDING
    cuts = {**cuts, "customer": max(customer, MIN_CUSTOMER)}
    return [(key, labels[key]) for key in ORDER if key in chosen], cuts


def _fit(
    width: int, keys: Sequence[str], labels: Mapping[str, str], cells: Sequence[Mapping[str, str]]
) -> tuple[set[str], int, dict[str, int]]:
    """The columns that fit, the room left for the customer column, and the widths the
    texts of cut columns are cut to: the columns that must stay first (the customer at its
    narrowest, the last change as narrow as its header), then the customer's full names,
    then the last change in full, then the rest while they fit."""
    room = max(width - SCROLLBAR - SORT_ARROW, 0)  # one column at a time shows the arrow
    customer = keys[0]
    used = MIN_CUSTOMER + PADDING
    chosen = {customer}
    cuts: dict[str, int] = {}
    for key in keys[1:]:
        if key in MUST_STAY:
            need = _natural(key, labels[key], cells)
            if key in CUT_FIRST:
                need = min(need, cell_len(labels[key]) + PADDING)
                cuts[key] = need - PADDING
            if used + need <= room:
                chosen.add(key)
                used += need
    used += max(_natural(customer, labels[customer], cells) - MIN_CUSTOMER - PADDING, 0)
    for key in [k for k in CUT_FIRST if k in chosen]:  # then as much of the rest as fits
        more = min(_natural(key, labels[key], cells) - PADDING - cuts[key], room - used)
        if more > 0:
            cuts[key] += more
            used += more
        if cuts[key] + PADDING >= _natural(key, labels[key], cells):
            del cuts[key]  # shown whole
    for key in keys[1:]:
        if key not in MUST_STAY:
            need = _natural(key, labels[key], cells)
            if used + need <= room:
                chosen.add(key)
                used += need
    return chosen, room - used + _natural(customer, labels[customer], cells), cuts
