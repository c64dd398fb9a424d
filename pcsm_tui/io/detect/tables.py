"""Finding the tables on a sheet by the shape of its data, not by fixed positions.

A person's sheet has a title block and project details above the table, a legend or notes
beside or below it, blank rows inside it, section bands (`FASE 1`), placeholder rows
(`[Enter task]`), rows made only of numbering formulas (`=ROW()-3`) and example rows
(`e.g. ...`). A table is a header row — two or more distinct short texts, no `Label:` cells,
not one value merged across — with rows of data under it in the same columns; a band merged
over several columns above sub-headers makes a two-row header (`Contact info / Phone`). The
table runs down through single blank rows and stops at a legend or notes row, at two blank
rows followed by something that does not fit, or at the next header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from ..cells import BadCell, as_text
from ..rules import ImportRules
from .grid import Grid
from .vocab import Vocabulary

MAX_HEADER_TEXT = 120
"""A header cell is a short text; a paragraph is a note."""
MAX_GAP = 2
"""Blank rows a table may hold before it is taken to have ended."""
_DEFINITION = re.compile(r"^\s*\w{1,3}\s*(?:=|:|–|—)\s*\w")
"""A legend line: a code and its meaning (`C = current`, `R: Responsible`)."""


@dataclass
class Found:
    """A table found on a sheet: where its header is and which rows are data."""

    sheet: str
    header_rows: tuple[int, ...]
    first_col: int
    last_col: int
    headers: dict[int, str]
    """Sheet column -> header text (two-row headers joined: `Contact info / Phone`)."""
    rows: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """(row, why) of rows inside the table that are not data."""
    dropped: list[tuple[int, str]] = field(default_factory=list)
    """(column, why) of columns left out (placeholder headers)."""

    @property
    def header_row(self) -> int:
        return self.header_rows[-1]

    @property
    def last_row(self) -> int:
        return max([self.header_row, *self.rows, *(r for r, _ in self.skipped)])

    def where(self) -> str:
        first = f"{get_column_letter(self.first_col)}{self.header_rows[0]}"
        last = f"{get_column_letter(self.last_col)}{self.last_row}"
        return f"'{self.sheet}'!{first}:{last}"


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _header_cell(value: Any) -> bool:
    if not _is_text(value):
        return False
    text = str(value).strip()
    return len(text) <= MAX_HEADER_TEXT and not text.endswith(":")


def _header_runs(grid: Grid, row: int) -> list[tuple[int, int]]:
    """Spans of header-like cells in a row; a gap of one empty column joins two spans when
    the column has data below (a column without a header), not when it is the margin
    before a legend."""
    spans: list[list[int]] = []
    for col, value in grid.filled(row):
        if not _header_cell(value) and not isinstance(value, (int, float, dt.date)):
            continue
        if spans and (
            col - spans[-1][1] == 1
            or (col - spans[-1][1] == 2 and _column_has_data(grid, row, col - 1))
        ):
            spans[-1][1] = col
        else:
            spans.append([col, col])
    return [(a, b) for a, b in spans]


def _column_has_data(grid: Grid, row: int, col: int) -> bool:
    return sum(1 for r in grid.rows_in(row + 1, row + 6) if grid.value(r, col) is not None) >= 2


def _header_score(grid: Grid, row: int, first: int, last: int) -> int:
    """Distinct header texts in the span (0 unless it reads as a header row)."""
    cells = grid.filled(row, first, last)
    texts = [as_text(v).strip() for _, v in cells if _header_cell(v)]
    numbers = [v for _, v in cells if not _header_cell(v)]
    distinct = len(set(texts))
    if distinct < 2 or len(numbers) > len(texts) // 3:
        return 0
    return distinct


def _data_below(grid: Grid, row: int, first: int, last: int) -> int:
    """How many of the next few rows hold two or more cells in the span."""
    count = 0
    for below in grid.rows_in(row + 1, row + 8):
        if len(grid.filled(below, first, last)) >= 2:
            count += 1
    return count


def find_tables(grid: Grid, vocab: Vocabulary, rules: ImportRules) -> list[Found]:
    """Every table on the sheet, top to bottom and left to right: two tables side by side
    (an issue log beside a risk log) are two tables, each with its own columns."""
    found: list[Found] = []
    spans: list[tuple[int, int, int, int]] = []
    """(first row, last row, first column, last column) of each table, title included."""
    for row in grid.order:
        if _inside_found(grid, spans, row):
            continue  # a row of a table found: no header to look for (and 20,000 rows cost)
        candidates = [
            (score, first, last)
            for first, last in _header_runs(grid, row)
            if not _claimed(spans, row, first, last)
            and (score := _header_score(grid, row, first, last))
            and _data_below(grid, row, first, last)
        ]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: c[0])
        beside = any(top <= row <= bottom for top, bottom, _f, _l in spans)
        # Beside a table, only a table of three or more columns: a two-cell run beside
        # one is a legend (`R | Responsible`), not a second table.
        for score, first, last in sorted(candidates, key=lambda c: c[1]):
            if ((score, first, last) != best or beside) and score < SIDE_TABLE:
                continue
            if _claimed(spans, row, first, last):
                continue
            header = _header_below_title(grid, row, first, last, score)
            if header is None:
                table = _read_table(grid, row, first, last, vocab, rules)
            else:
                table = _read_table(grid, header[0], header[1], header[2], vocab, rules)
                table.skipped.insert(0, (row, "title or project details above the table"))
            found.append(table)
            spans.append((row, table.last_row, table.first_col, table.last_col))
    found.sort(key=lambda t: (t.header_rows[0], t.first_col))
    return found


SIDE_TABLE = 3
"""Distinct headers a second table beside another needs."""
TITLE_ROWS = 6
"""How far below a title block the real header may be."""


def _inside_found(grid: Grid, spans: list[tuple[int, int, int, int]], row: int) -> bool:
    """Every cell of the row lies in the columns of a table found over it."""
    covering = [(left, right) for top, bottom, left, right in spans if top <= row <= bottom]
    return bool(covering) and all(
        any(left <= col <= right for left, right in covering) for col in grid.cells.get(row, ())
    )


def _claimed(spans: list[tuple[int, int, int, int]], row: int, first: int, last: int) -> bool:
    """The span lies in a table already found (its rows and columns)."""
    return any(
        top <= row <= bottom and first <= right and last >= left
        for top, bottom, left, right in spans
    )


def _header_below_title(
    grid: Grid, row: int, first: int, last: int, score: int
) -> tuple[int, int, int] | None:
    """A title or project-details block (`PROJECT TITLE | Website redesign | DATE | ...`)
    reads like a header row; the real header comes after a blank row, with more distinct
    headers over the same columns. (row, first, last) of that header, or None. Without
    the blank row between, a row with more texts is data, never a header."""
    rows = grid.rows_in(row + 1, row + TITLE_ROWS)
    for index, later in enumerate(rows):
        previous = rows[index - 1] if index else row
        if later - previous < 2 or index > 2:
            continue  # no blank row just above it, or more than a short block between
        for f, lst in _header_runs(grid, later):
            if lst < first or f > last:
                continue
            better = _header_score(grid, later, f, lst)
            if better > score and _data_below(grid, later, f, lst):
                return later, f, lst
    return None


def _read_table(
    grid: Grid, row: int, first: int, last: int, vocab: Vocabulary, rules: ImportRules
) -> Found:
    header_rows: tuple[int, ...] = (row,)
    headers = {c: grid.text(row, c) for c in range(first, last + 1) if grid.text(row, c)}
    below = row + 1
    banded = any((row, c) in grid.merged_across for c in headers)
    if banded and _header_score(grid, below, first, last):
        header_rows = (row, below)
        for col in range(first, last + 1):
            top, sub = grid.text(row, col), grid.text(below, col)
            if (row, col) in grid.merged_across and sub and sub != top:
                headers[col] = f"{top} / {sub}"
            elif sub and not top:
                headers[col] = sub
    table = Found(grid.name, header_rows, first, last, {})
    for col, text in headers.items():
        if vocab.is_placeholder(text, rules):
            table.dropped.append((col, f"placeholder header {text!r}"))
        else:
            table.headers[col] = text
    gap = 0
    for data_row in grid.rows_in(header_rows[-1] + 1, grid.last_row):
        cells = grid.filled(data_row, first, last)
        if not cells:
            gap += 1
            continue
        above = table.rows[-1] if table.rows else header_rows[-1]
        if data_row - above > MAX_GAP + 1 and gap:
            break
        if data_row - above > MAX_GAP and len(cells) * 3 <= len(table.headers):
            break  # a cell or two after two blank rows: a note or key below, not a row
        if data_row - above > MAX_GAP and len(cells) == 1 and len(table.headers) >= 3:
            break  # one cell after two or more blank rows: a note below the table, not a row
        texts = [as_text(v).strip() for _, v in cells if _is_text(v)]
        if len(cells) == 1 and texts and vocab.is_end(texts[0]):
            break
        if data_row - above > 1 and len(cells) == 1 and texts and _DEFINITION.match(texts[0]):
            break  # `C = current, D = desired` after a blank row: the table's legend
        if len(texts) == len(cells) >= len(table.headers) - 1 and _looks_like_header(
            grid, data_row, table
        ):
            break
        if data_row - above > 1 and _wider_header(grid, data_row, table):
            break  # a rating scale above the register: the register's header ends it
        why = _skip_reason(grid, data_row, cells, texts, table, vocab, rules)
        if why:
            table.skipped.append((data_row, why))
        else:
            table.rows.append(data_row)
        gap = 0
    return table


def _wider_header(grid: Grid, row: int, table: Found) -> bool:
    """After a blank row, a header of three or more columns running past the table's last
    column, with data under it: the next table (a scale or legend table came first)."""
    return any(
        first <= table.last_col < last
        and _header_score(grid, row, first, last) >= SIDE_TABLE
        and _data_below(grid, row, first, last)
        for first, last in _header_runs(grid, row)
    )


def _looks_like_header(grid: Grid, row: int, table: Found) -> bool:
    """A repeat of the table's own header, or a new table's header right below it."""
    needed = max(2, len(table.headers) // 2)
    same = 0
    left = len(table.headers)
    for col, text in table.headers.items():
        left -= 1
        same += grid.text(row, col) == text
        if same >= needed:
            return True
        if same + left < needed:
            return False  # a data row: stop once the rest could not make it a header
    return False


def _skip_reason(
    grid: Grid,
    row: int,
    cells: list[tuple[int, Any]],
    texts: list[str],
    table: Found,
    vocab: Vocabulary,
    rules: ImportRules,
) -> str:
    """Why a row inside the table is not data ("" when it is data)."""
    if texts and len(table.headers) >= 3 and _one_value(cells):
        merged = any((row, c) in grid.merged_across for c, _ in cells)
        if merged or vocab.is_band(texts[0]):
            return f"section band {texts[0]!r}"
    if texts and vocab.is_example(texts[0]):
        return f"example row ({texts[0][:30]!r})"
    if not texts:
        if all(isinstance(v, BadCell) for _, v in cells):
            return "formulas only, no values"
        if len(cells) <= 2 and all(isinstance(v, (int, float, BadCell)) for _, v in cells):
            return "numbering only (e.g. =ROW()-3)"
        return ""
    if all(vocab.is_placeholder(t, rules) for t in texts) and all(
        isinstance(v, (str, BadCell)) or v == 0 or c == table.first_col for c, v in cells
    ):
        return "placeholder row"
    return ""


def _one_value(cells: list[tuple[int, Any]]) -> bool:
    """Every cell of the (non-empty) row reads the same, stopping at the first that differs
    (a set of every row's texts cost a pass over all its cells)."""
    first = as_text(cells[0][1]).strip()
    return all(as_text(v).strip() == first for _, v in cells[1:])
