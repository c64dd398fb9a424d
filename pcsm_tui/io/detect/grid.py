"""A worksheet as a person sees it: merged cells carry their value over the whole range.

Detection looks at the shape of the data, so a header band merged over three columns must
read as the same text in each of them ("Contact info" over "Phone" and "Mail") and a name
merged down over four rows must be the name of each row. The workbook reader keeps only the
cells that exist; here merged ranges are filled in, clipped to the cells the sheet really
uses (a range over a whole column costs the sheet's own rows, not a million) and within a
budget, so a hostile file cannot make this expensive.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ..cells import BadCell, as_text, is_empty
from ..workbook import MAX_CELLS, SheetCells, TooLarge


@dataclass
class Grid:
    """One sheet's cells by row and column, merged ranges filled in."""

    name: str
    cells: dict[int, dict[int, Any]]
    merged_across: set[tuple[int, int]] = field(default_factory=set)
    """Cells whose value comes from a range merged over two or more columns."""
    order: list[int] = field(default_factory=list)
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict)
    """Facts about the sheet worked out once (a column's lowest and highest figure)."""

    @classmethod
    def of(cls, sheet: SheetCells) -> Grid:
        cells = {row: dict(line) for row, line in sheet.rows.items() if line}
        grid = cls(sheet.name, cells)
        last_row = max(cells, default=0)
        last_col = max((max(line) for line in cells.values()), default=0)
        budget = MAX_CELLS
        for min_row, min_col, max_row, max_col in sheet.merged:
            top = cells.get(min_row, {}).get(min_col)
            if top is None:
                continue
            for row in range(min_row, min(max_row, last_row) + 1):
                for col in range(min_col, min(max_col, last_col) + 1):
                    if (row, col) == (min_row, min_col):
                        continue
                    budget -= 1
                    if budget < 0:
                        raise TooLarge(
                            f"sheet '{sheet.name}': its merged cells cover more than "
                            f"{MAX_CELLS:,} cells; unmerge them or copy the table to a new workbook"
                        )
                    cells.setdefault(row, {})[col] = top
            if max_col > min_col:
                for row in range(min_row, min(max_row, last_row) + 1):
                    for col in range(min_col, min(max_col, last_col) + 1):
                        grid.merged_across.add((row, col))
        grid.order = sorted(r for r, line in cells.items() if line)
        return grid

    def value(self, row: int, col: int) -> Any:
        return self.cells.get(row, {}).get(col)

    def text(self, row: int, col: int) -> str:
        """The cell as one line of text: line breaks and runs of spaces made single spaces."""
        value = self.value(row, col)
        if isinstance(value, BadCell):
            return ""
        return " ".join(as_text(value).split())

    def filled(self, row: int, first: int = 1, last: int | None = None) -> list[tuple[int, Any]]:
        """(column, value) of the row's non-empty cells from `first` to `last`, in order."""
        line = self.cells.get(row, {})
        return sorted(
            (c, v)
            for c, v in line.items()
            if c >= first and (last is None or c <= last) and not is_empty(v)
        )

    def rows_in(self, first: int, last: int) -> list[int]:
        return self.order[bisect_left(self.order, first) : bisect_right(self.order, last)]

    @property
    def last_row(self) -> int:
        return self.order[-1] if self.order else 0
