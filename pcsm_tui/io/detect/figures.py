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
from .grid import Grid
from .recognise import Guess
from .tables import Found

FIGURE_TOOL = "register"
"""The vocabulary's tool whose tables may carry a stakeholder's figures."""
FIGURES = ("authority", "interest", "support")
NEEDED = ("authority", "interest")


@dataclass
class FigureRow:
    row: int
    name: str
    cells: dict[str, Any] = field(default_factory=dict)
    """Field -> the cell's value (only the cells that hold something)."""


@dataclass
class Figures:
    sheet: str
    headers: dict[str, str]
    """Field -> the workbook's header of its column."""
    columns: dict[str, int]
    """Field -> the workbook's column."""
    rows: list[FigureRow] = field(default_factory=list)

    def ref(self, row: int, key: str) -> str:
        return f"{self.sheet}!{get_column_letter(self.columns[key])}{row}"


def take_figures(grid: Grid, table: Found, guess: Guess) -> Figures | None:
    """The figures of a register table (None: its figure columns stay the register's)."""
    keys = {k: c for c, k in guess.columns.items() if k in FIGURES}
    name_col = next((c for c, k in guess.columns.items() if k == "name"), None)
    if name_col is None or not all(k in keys for k in NEEDED):
        return None
    figures = Figures(grid.name, {k: table.headers[c] for k, c in keys.items()}, dict(keys))
    for row in table.rows:
        name = as_text(grid.value(row, name_col)).strip()
        if not name:
            continue
        cells = {k: grid.value(row, c) for k, c in keys.items()}
        kept = {k: v for k, v in cells.items() if not is_empty(v)}
        figures.rows.append(FigureRow(row, name, kept))
    return figures


__all__ = ["FIGURES", "FIGURE_TOOL", "FigureRow", "Figures", "take_figures"]
