"""A project or rollout plan found by content, laid out for the strategy's plan reader.

A team's plan names its phases in two ways: section bands across the table (`FASE 1`,
`Project Phase 1`, `Phase 2: Pilot`) or a phase column; dates come as date cells, as text
(`02.03.2021`) or as one cell holding both (`02.03.2021 - 03.03.2021`); the status is a
word, a yes/no or a percentage. This module only puts each row's cells side by side in
fixed columns (the phase text from the band above the row when there is no phase column, a
range of dates split into its start and end); io/plan_rows.py turns them into the
strategy's activities, where the framework's phases and the repository's date order are
known. Nothing is parsed or dropped here, so every cell still reaches the reader and any
that cannot be used is reported at its workbook cell.
"""

from __future__ import annotations

import re
from typing import Any

from ..cells import as_text, is_empty
from ..report import Report
from ..workbook import SheetCells
from .grid import Grid
from .normalise import Normalised
from .recognise import Guess, ignored
from .tables import Found
from .vocab import Vocabulary

PLAN_TOOL = "plan"
"""The vocabulary's name of a plan table (vocabulary.toml `[tools.plan]`)."""

PHASE, ACTIVITY, START, END, COMPLETED, DESCRIPTION, DURATION = range(1, 8)
"""The laid-out sheet's columns (io/plan_rows.py reads them by these numbers)."""
HEADERS = {
    PHASE: "Phase",
    ACTIVITY: "Activity",
    START: "Planned start",
    END: "Planned end",
    COMPLETED: "Completed",
    DESCRIPTION: "Description",
    DURATION: "Duration",
}
FIELD_COLUMN = {
    "phase": PHASE,
    "activity": ACTIVITY,
    "start": START,
    "end": END,
    "completed": COMPLETED,
    "duration": DURATION,
}

_RANGE = re.compile(
    r"^\s*(\S+(?:\s+\S+){0,2}?)\s*(?:\s-\s|–|—|\s+to\s+|\s+bis\s+|\s+au\s+|\s+a\s+|\s+до\s+|～|~)\s*"
    r"(\S+(?:\s+\S+){0,2})\s*$",
)
"""Two dates in one cell: `02.03.2021 - 03.03.2021`, `2 March 2021 to 5 March 2021`."""
_COMPACT = re.compile(
    r"^\s*(\d{1,4}[./]\d{1,2}[./]\d{1,4})\s*-\s*(\d{1,4}[./]\d{1,2}[./]\d{1,4})\s*$"
)
"""`02.03.2021-03.03.2021` (no spaces round the dash; ISO dates hold dashes themselves)."""


def split_range(value: Any) -> tuple[Any, Any] | None:
    """A cell holding a range of dates as its two ends (None: not a range)."""
    if not isinstance(value, str):
        return None
    matched = _COMPACT.match(value) or _RANGE.match(value)
    if matched is None or not any(ch.isdigit() for ch in matched.group(1)):
        return None
    if not any(ch.isdigit() for ch in matched.group(2)):
        return None
    return matched.group(1).strip(), matched.group(2).strip()


def plan_sheet(
    grid: Grid, table: Found, guess: Guess, vocab: Vocabulary, report: Report, name: str
) -> Normalised:
    """The plan's rows in fixed columns; `mapped` says where the phases come from."""
    by_field: dict[str, list[int]] = {}
    for col, key in sorted(guess.columns.items()):
        by_field.setdefault(key, []).append(col)
    out = SheetCells(name)
    header = table.header_row
    out.rows[header] = dict(HEADERS)
    origin = {column: table.first_col for column in HEADERS}
    for key, columns in by_field.items():
        if key in FIELD_COLUMN:
            origin[FIELD_COLUMN[key]] = columns[0]
        elif key == "dates":
            origin[START] = origin[END] = columns[0]
        elif key == "description":
            origin[DESCRIPTION] = columns[0]
    for col, seen in table.headers.items():
        if col not in guess.columns and not ignored(seen):
            report.note(f"{grid.name}!{header}", f"column {seen!r} not recognised; not imported")
    bands = _bands(grid, table)
    mapped: dict[str, None] = {}
    if "phase" in by_field:
        mapped[f"phase: from column {table.headers[by_field['phase'][0]]!r}"] = None
    count = 0
    for row in table.rows:
        text = _lone_text(grid, table, row)
        if "phase" not in by_field and text is not None and _band_like(text, vocab):
            # `Project Phase 1` alone in its row, not merged: a band the table finder took
            # for data (its first word is not a band word).
            bands[row] = text
            report.note(f"{grid.name}!{row}", f"skipped: section band {text!r}")
            continue
        line: dict[int, Any] = {}
        for key, columns in by_field.items():
            value = grid.value(row, columns[0])
            if key in FIELD_COLUMN:
                line[FIELD_COLUMN[key]] = value
            elif key == "dates":
                line[START] = line[END] = value
        if "phase" not in by_field:
            band = _band_above(bands, row)
            if band is not None:
                line[PHASE] = band
        parts = [
            f"{table.headers[c]}: {as_text(grid.value(row, c)).strip()}"
            if len(by_field.get("description", ())) > 1
            else as_text(grid.value(row, c)).strip()
            for c in by_field.get("description", ())
            if not is_empty(grid.value(row, c))
        ]
        if parts:
            line[DESCRIPTION] = "\n".join(parts)
        ends = split_range(line.get(START))
        if ends is not None and (line.get(END) is None or line.get(END) == line[START]):
            line[START], line[END] = ends
            mapped["dates: a range in one cell split into start and end"] = None
        kept = {c: v for c, v in line.items() if not is_empty(v)}
        if ACTIVITY in kept:
            out.rows[row] = kept
            count += 1
    if bands and "phase" not in by_field:
        named = list(dict.fromkeys(bands[r] for r in sorted(bands)))
        shown = ", ".join(repr(band) for band in named[:4]) + (", …" if len(named) > 4 else "")
        mapped[f"phase: from the section bands ({shown})"] = None
    return Normalised(out, count, list(mapped), origin)


def _bands(grid: Grid, table: Found) -> dict[int, str]:
    """Row -> text of each section band inside the table."""
    out: dict[int, str] = {}
    for row, why in table.skipped:
        if why.startswith("section band"):
            cells = grid.filled(row, table.first_col, table.last_col)
            if cells:
                out[row] = as_text(cells[0][1]).strip()
    return out


def _band_like(text: str, vocab: Vocabulary) -> bool:
    """A band word and a number (`Project Phase 1`): an activity alone in its row without
    dates (`Pilot phase review`) has no number and stays an activity."""
    return vocab.is_band_anywhere(text) and any(ch.isdigit() for ch in text)


def _lone_text(grid: Grid, table: Found, row: int) -> str | None:
    """The text of a row that holds one text cell and nothing else."""
    cells = grid.filled(row, table.first_col, table.last_col)
    if len(cells) == 1 and isinstance(cells[0][1], str):
        return cells[0][1].strip()
    return None


def _band_above(bands: dict[int, str], row: int) -> str | None:
    above = [r for r in bands if r < row]
    return bands[max(above)] if above else None


__all__ = ["HEADERS", "PLAN_TOOL", "plan_sheet", "split_range"]
