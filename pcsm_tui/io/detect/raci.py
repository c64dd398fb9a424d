"""RACI codes as people type them, and RACI grids found by their block of codes.

A cell may say `R `, `A/R`, `R/C`, `C /I`, `R,A,C`, `RA`, `R et A` (or `y`, `und`, `и`),
`N`, `-` or `/` for none, and letters beyond RACI that the sheet's legend defines (`D`river,
`S`upport, `P`articipant). Cyrillic look-alikes (А, С) read as the Latin letters. A grid is
recognised by its codes: two or more columns whose filled cells are nearly all codes, with
the activity names in the text column to their left. A transposed grid has R, A, C, I (or
Responsible, Accountable ...) as headers and people's names in the cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..cells import BadCell, as_text, is_empty
from .grid import Grid
from .tables import Found
from .vocab import Vocabulary

RACI = "RACI"
NONE = frozenset({"N", "-", "–", "—", "/", "0", "NONE", "N/A", "NA", "X̶"})
_LOOKALIKE = str.maketrans({"А": "A", "С": "C", "Р": "R", "І": "I", "Ѕ": "S"})
_SPLIT = re.compile(r"[\s/,;+&|.\\]+")
_LEGEND = re.compile(r"^\s*([A-Z])\s*(?:=|:|–|—|-)\s*(\S.{0,80})$")
MAX_CODE = 20
SAMPLE_ROWS = 300
"""Rows looked at to tell a table's shape (a grid of 20,000 tasks needs no more)."""
"""A RACI cell is short; a longer text is a note, not a code."""


@dataclass
class Codes:
    roles: frozenset[str] = frozenset()
    others: tuple[str, ...] = ()
    """Letters beyond RACI (D, S, P, Q ...), as typed."""
    ok: bool = True


def read_codes(value: Any, vocab: Vocabulary) -> Codes:
    """The roles in one cell; `ok` is False when the cell is not a code at all."""
    if isinstance(value, BadCell) or is_empty(value):
        return Codes()
    text = as_text(value).strip()
    if len(text) > MAX_CODE:
        return Codes(ok=False)
    if text.upper() in NONE:
        return Codes()
    words = [w for w in re.split(r"\s+", text) if w]
    kept = [
        w
        for w in words
        if not (w in vocab.raci_joiners and (len(w) > 1 or w.islower()) and len(words) > 1)
    ]
    parts = [p for p in _SPLIT.split(" ".join(kept).translate(_LOOKALIKE).upper()) if p]
    letters: list[str] = []
    for part in parts:
        if not part.isalpha() or not part.isascii() or len(part) > 4:
            return Codes(ok=False)
        if len(part) > 1 and not set(part) <= set(RACI):
            return Codes(ok=False)
        letters.extend(part)
    roles = frozenset(x for x in letters if x in RACI)
    others = tuple(dict.fromkeys(x for x in letters if x not in RACI))
    return Codes(roles, others)


def legend(grid: Grid, table: Found | None = None) -> dict[str, str]:
    """Letter -> meaning, from legend cells (`D = Driver`, several in one cell as `S =
    Support, P = Participant`, or `D` beside `Driver`). A letter beside a text inside the
    grid itself is a code next to a code (`P` then `C /I`), never a legend."""
    found: dict[str, str] = {}
    for row in grid.order:
        cells = grid.filled(row)
        for index, (col, value) in enumerate(cells):
            if not isinstance(value, str):
                continue
            items = [_LEGEND.match(part.strip()) for part in _ITEMS.split(value.strip())]
            if items and all(items):
                for matched in items:
                    assert matched is not None
                    found.setdefault(matched.group(1), " ".join(matched.group(2).split()))
                continue
            if table is not None and _inside(table, row, col):
                continue
            letter = value.strip()
            if len(letter) == 1 and letter.isalpha() and letter.isupper():
                following = cells[index + 1] if index + 1 < len(cells) else None
                if following and following[0] == col + 1 and isinstance(following[1], str):
                    meaning = " ".join(following[1].split())
                    if len(meaning) > 2:
                        found.setdefault(letter, meaning)
    return found


_ITEMS = re.compile(r"[,;\n]\s*(?=[A-Z]\s*(?:=|:|–|—|-)\s*\S)")
"""Where one legend cell starts its next definition (`S = Support, P = Participant`)."""


def _inside(table: Found, row: int, col: int) -> bool:
    return table.header_rows[0] <= row <= table.last_row and (
        table.first_col <= col <= table.last_col
    )


@dataclass
class GridShape:
    activity: int
    """Sheet column of the activity names."""
    columns: list[int] = field(default_factory=list)
    """Sheet columns of the code block (one per person or role)."""
    letters: int = 0


def code_columns(grid: Grid, table: Found, vocab: Vocabulary) -> GridShape | None:
    """The block of code columns and the activity column left of it, if the table has one."""
    columns: list[int] = []
    letters = 0
    sample = table.rows[:SAMPLE_ROWS]
    for col in sorted(table.headers):
        values = [grid.value(r, col) for r in sample]
        filled = [v for v in values if not is_empty(v)]
        if not filled:
            if columns:
                columns.append(col)
            continue
        codes = [read_codes(v, vocab) for v in filled]
        good = [c for c in codes if c.ok]
        raci = sum(1 for c in good if c.roles)
        if len(good) >= 0.8 * len(filled) and raci:
            columns.append(col)
            letters += raci
        elif columns:
            break
    while columns and all(is_empty(grid.value(r, columns[-1])) for r in sample):
        columns.pop()
    if len(columns) < 2 or letters < 3:
        return None
    texts = [
        c
        for c in sorted(table.headers)
        if c < columns[0]
        and sum(1 for r in sample if isinstance(grid.value(r, c), str)) >= len(sample) / 2
    ]
    if not texts:
        return None
    return GridShape(texts[-1], columns, letters)


def split_names(text: str) -> list[str]:
    """`Ana / Ivan & Marko`, `Ana, Ivan`, `Ana and Ivan`, `Ana\nIvan` -> the names."""
    parts = re.split(r"\s*(?:/|&|,|;|\n|、|・|\band\b|\bet\b|\by\b|\bund\b|\bи\b)\s*", text)
    return [p.strip() for p in parts if p and p.strip()]
