"""A stakeholder analysis's influence, interest and attitude columns, taken off its register.

A team's stakeholder analysis is one sheet: who each person is (name, role, contact) and how
they stand (influence or power, interest, support or attitude). pcsm keeps the first in the
register and the second in a month of the stakeholder plan. When a register table found by
content has both an influence and an interest column, those columns (and the support column)
are taken out of what the register reads, and their cells kept here by row, with the name
that finds the stakeholder; io/month_figures.py puts them on pcsm's scales in a month. A table
with only one of the two keeps them in the register's notes, as before: half an assessment
would put people on the matrix where the sheet does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from ..cells import as_text, is_empty
from ..rules import normalize
from .grid import Grid
from .recognise import Guess
from .tables import Found
from .vocab import Vocabulary

FIGURE_TOOL = "register"
"""The vocabulary's tool whose tables may carry a stakeholder's figures."""
FIGURES = ("authority", "interest", "support")
NEEDED = ("authority", "interest")
ATTITUDE = "attitude_column"
"""The vocabulary's field of one column of an attitude matrix (`Unaware` … `Leading`)."""
MIN_BLOCK = 3
"""Attitude columns that make a matrix (fewer stay notes)."""


@dataclass
class FigureRow:
    row: int
    name: str
    cells: dict[str, Any] = field(default_factory=dict)
    """Field -> the cell's value (only the cells that hold something)."""
    refs: dict[str, str] = field(default_factory=dict)
    """Field -> the workbook cell it came from (`Sheet!D7`)."""
    desired: str = ""
    """The desired attitude an attitude matrix marks (noted, not stored)."""


@dataclass
class Figures:
    sheet: str
    headers: dict[str, str]
    """Field -> the workbook's header of its column (the attitude columns' first … last)."""
    columns: dict[str, int]
    """Field -> the workbook's column (figure columns the register does not read)."""
    rows: list[FigureRow] = field(default_factory=list)
    repeats: set[int] = field(default_factory=set)
    """Rows that repeat a stakeholder to give another attitude (`Soll`): not register rows."""


def take_figures(grid: Grid, table: Found, guess: Guess, vocab: Vocabulary) -> Figures | None:
    """The figures of a register table (None: its figure columns stay the register's).

    Influence and interest columns (with support) are taken from the register; an attitude
    matrix's columns (`Unaware` … `Leading`, a mark under one) stay in its notes as well,
    and the marked column's word is the support."""
    keys = {k: c for c, k in guess.columns.items() if k in FIGURES}
    block = [c for c, k in sorted(guess.columns.items()) if k == ATTITUDE]
    name_col = next((c for c, k in guess.columns.items() if k == "name"), None)
    levels = all(k in keys for k in NEEDED)
    if name_col is None or not (levels or len(block) >= MIN_BLOCK):
        return None
    taken = keys if levels else {}
    headers = {k: table.headers[c] for k, c in taken.items()}
    if len(block) >= MIN_BLOCK:
        headers.setdefault("support", f"{table.headers[block[0]]} … {table.headers[block[-1]]}")
    else:
        block = []
    figures = Figures(grid.name, headers, dict(taken))
    by_name: dict[str, FigureRow] = {}
    for row in table.rows:
        name = as_text(grid.value(row, name_col)).strip()
        if not name:
            continue
        found = by_name.get(name)
        if found is None:
            found = FigureRow(row, name)
            for key, col in taken.items():
                value = grid.value(row, col)
                if not is_empty(value):
                    found.cells[key] = value
                    found.refs[key] = _ref(grid.name, row, col)
            by_name[name] = found
            figures.rows.append(found)
        elif block and _label(grid, table, row, block, name_col, vocab):
            figures.repeats.add(row)
        if block:
            _marks(grid, table, row, block, name_col, vocab, found)
    return figures


def _marks(
    grid: Grid,
    table: Found,
    row: int,
    block: list[int],
    name_col: int,
    vocab: Vocabulary,
    found: FigureRow,
) -> None:
    """The current and desired attitude a row marks: by its mark (`C`, `D`), else by the
    row's label (`Desired`) or the column's band (`Desired / Supportive`), else current."""
    label = _label(grid, table, row, block, name_col, vocab)
    for col in block:
        value = grid.value(row, col)
        if is_empty(value) or value is False:
            continue
        parts = table.headers[col].split(" / ")
        band = next((k for k in map(lambda p: _kind(p, vocab), parts) if k), "")
        kind = _kind(as_text(value), vocab) or label or band or "current"
        word = next((p for p in reversed(parts) if vocab.support(p) is not None), parts[-1])
        if kind == "desired":
            found.desired = found.desired or word
        elif "support" not in found.cells:
            found.cells["support"] = word
            found.refs["support"] = _ref(grid.name, row, col)


def _label(
    grid: Grid, table: Found, row: int, block: list[int], name_col: int, vocab: Vocabulary
) -> str:
    """`current` or `desired` when a cell of the row outside the matrix says so (`Ist`)."""
    label = ""
    for col in range(table.first_col, table.last_col + 1):
        if col not in block and col != name_col:
            label = _kind(as_text(grid.value(row, col)), vocab) or label
    return label


def _kind(text: str, vocab: Vocabulary) -> str:
    words = normalize(text)
    if words in vocab.desired_words:
        return "desired"
    if words in vocab.current_words:
        return "current"
    return ""


def _ref(sheet: str, row: int, col: int) -> str:
    return f"{sheet}!{get_column_letter(col)}{row}"


__all__ = ["ATTITUDE", "FIGURES", "FIGURE_TOOL", "FigureRow", "Figures", "take_figures"]
