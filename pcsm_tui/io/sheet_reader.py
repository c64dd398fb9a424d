"""Finding tables in a worksheet that a person laid out, and reading their cells.

People put title rows above the header, legends and notes beside the table, merge cells,
leave placeholder rows (`stakeholder 7`, `[Enter task]`) and blank rows, and write headers
in their own words. So a table is found by its header row (the row whose cells best match
the expected columns, in any of their synonyms), not by a fixed position, and rows that hold
nothing but template filler are skipped.

This module imports openpyxl; only the import path imports it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from ..models.base import ROW_ID_PATTERN
from ..models.scales import Scale
from .cells import (
    Unusable,
    as_text,
    in_range,
    is_empty,
    percent,
    to_bool,
    to_choice,
    to_date,
    to_number,
    to_roles,
    to_row_number,
    usable,
)
from .columns import Col
from .report import Report
from .rules import ImportRules, normalize
from .workbook import MAX_CELLS, SheetCells, TooLarge

LEVEL_SPAN = 20
"""Level words (High, Low) are read only in columns whose range is at most this wide."""

HEADER_SCAN_ROWS = 40
"""How far down a header row is looked for."""

_END_MARKER = re.compile(
    r"^(note|notes|instructions?|key|legend|hinweis|hinweise|anmerkung|remarque|nota"
    r"|results indicator)\b",
    re.IGNORECASE,
)
_ID_CHARS = re.compile(r"[^a-z0-9_.-]+")
_ID = re.compile(ROW_ID_PATTERN)


def slug(text: str) -> str:
    """Text as a row id: `Group 1` -> `group-1` (empty if nothing usable is left)."""
    return _ID_CHARS.sub("-", text.strip().lower()).strip("-._")[:64]


@dataclass(frozen=True)
class Hit:
    """Where a table was found: its header row and which sheet column holds which key."""

    header_row: int
    columns: dict[str, int]
    first_col: int
    last_col: int
    unknown: tuple[tuple[int, str], ...] = ()
    """Header cells in the table's span that match no column: (column, text)."""


@dataclass
class RawRow:
    number: int
    cells: dict[str, Any]
    """Key -> raw cell value, for the keys the table has."""


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    refs: dict[str, str] = field(default_factory=dict)
    """Key -> `Sheet!B7`."""
    id: str | None = None
    where: str = ""
    """`Sheet!7`: the row, for messages about the whole row."""
    unusable: set[str] = field(default_factory=set)
    """Keys whose cell could not be used (reported): the stored value stays."""
    keep: dict[str, set[str]] = field(default_factory=dict)
    """Key -> inner keys (e.g. `cells` -> RACI column ids) whose stored values stay."""


class SheetReader:
    """One worksheet's cells that exist, with merged cells filled in, ready to be searched.

    Everything here walks the cells that exist (rows in order, then their cells in order),
    never the grid up to the last row and column: a stray cell at XFD1048576 costs one cell.
    """

    def __init__(self, sheet: SheetCells, rules: ImportRules) -> None:
        self.name = sheet.name
        self.rules = rules
        self._cells = sheet.rows
        self._formats = sheet.formats
        self._order = sorted(self._cells)
        self._sorted: dict[int, list[tuple[int, Any]]] = {}
        self._labels: dict[str, list[tuple[int, int]]] | None = None
        self._filled: set[tuple[int, int]] = set()
        """Cells that hold a merged range's value rather than their own."""
        self._fill_merged(sheet.merged)
        self.max_row = self._order[-1] if self._order else 0
        self.max_col = max((max(line) for line in self._cells.values() if line), default=0)

    def _fill_merged(self, ranges: Sequence[tuple[int, int, int, int]]) -> None:
        """A merged range reads as its top-left value down its first column (in the rows
        that hold cells: a row of nothing but a merged value is filler anyway)."""
        budget = MAX_CELLS
        for min_row, min_col, max_row, _max_col in ranges:
            top = self.value(min_row, min_col)
            if top is None:
                continue
            for row in self.rows_in(min_row + 1, max_row):
                line = self._cells[row]
                if min_col in line:
                    continue
                budget -= 1
                if budget < 0:
                    raise TooLarge(
                        f"sheet '{self.name}': its merged cells cover more than {MAX_CELLS:,} "
                        "cells; unmerge them or copy the table to a new workbook"
                    )
                line[min_col] = top
                self._sorted.pop(row, None)
                self._filled.add((row, min_col))

    def value(self, row: int, col: int) -> Any:
        line = self._cells.get(row)
        return None if line is None else line.get(col)

    def rows_in(self, first: int, last: int) -> list[int]:
        """The numbers of the rows from `first` to `last` that hold cells, in order."""
        return self._order[bisect_left(self._order, first) : bisect_right(self._order, last)]

    def row_cells(self, row: int, last_col: int | None = None) -> list[tuple[int, Any]]:
        """(column, value) of the row's cells in column order, up to `last_col`."""
        cells = self._sorted.get(row)
        if cells is None:
            cells = sorted(self._cells.get(row, {}).items())
            self._sorted[row] = cells
        if last_col is None:
            return cells
        return [c for c in cells if c[0] <= last_col]

    def number_format(self, row: int, col: int) -> str:
        return self._formats.get((row, col), "")

    def ref(self, row: int, col: int | None = None) -> str:
        if col is None:
            return f"{self.name}!{row}"
        return f"{self.name}!{get_column_letter(col)}{row}"

    # --- finding ---------------------------------------------------------------------------

    def match_key(self, text: Any, cols: Sequence[Col], taken: Collection[str] = ()) -> str | None:
        if not isinstance(text, str) or not text.strip():
            return None
        wanted = normalize(text)
        if not wanted:
            return None
        for col in cols:
            if col.key not in taken and wanted == normalize(col.header):
                return col.key
        for col in cols:
            if col.key not in taken and wanted in self.rules.header_words(col.words or col.key):
                return col.key
        return None

    def find_table(
        self,
        cols: Sequence[Col],
        required: Sequence[str] = (),
        min_score: int = 2,
        label_fallback: str | None = None,
        start_row: int = 1,
        end_row: int | None = None,
    ) -> Hit | None:
        """The best header row for `cols`: the most columns matched, all `required` among them.

        `label_fallback`: a key whose column may have no header (the readiness template's
        question column); it is then taken as the column just left of the header cells.
        """
        best: Hit | None = None
        best_score = 0
        last = min(self.max_row, end_row or (start_row + HEADER_SCAN_ROWS))
        for row in self.rows_in(start_row, last):
            for first, final in self._runs(row):
                taken: set[str] = set()
                columns: dict[str, int] = {}
                unknown: list[tuple[int, str]] = []
                for col_index in range(first, final + 1):
                    text = self.value(row, col_index)
                    key = self.match_key(text, cols, taken)
                    if key is None:
                        if not is_empty(text):
                            unknown.append((col_index, as_text(text)))
                        continue
                    taken.add(key)
                    columns[key] = col_index
                if (
                    label_fallback
                    and label_fallback not in columns
                    and columns
                    and first > 1
                    and is_empty(self.value(row, first - 1))
                ):
                    columns[label_fallback] = first - 1
                    first -= 1
                score = len(columns)
                if score < min_score or any(k not in columns for k in required):
                    continue
                if score > best_score:
                    best_score = score
                    best = Hit(row, columns, first, final, tuple(unknown))
        return best

    def _runs(self, row: int) -> Iterator[tuple[int, int]]:
        """Spans of non-empty header cells; a one-cell gap with data below joins two spans."""
        spans: list[list[int]] = []
        for col, value in self.row_cells(row):
            if is_empty(value):
                continue
            if spans and spans[-1][1] == col - 1:
                spans[-1][1] = col
            else:
                spans.append([col, col])
        joined: list[list[int]] = []
        for span in spans:
            if joined and span[0] - joined[-1][1] == 2 and self._has_data_below(row, span[0] - 1):
                joined[-1][1] = span[1]
            else:
                joined.append(span)
        for span in joined:
            yield span[0], span[1]

    def _has_data_below(self, row: int, col: int) -> bool:
        return any(not is_empty(self.value(r, col)) for r in range(row + 1, row + 6))

    def find_label(self, col: Col, max_col: int = 4) -> tuple[int, int] | None:
        """Where a form label for `col` is: (row, column), searching the first columns.

        Looked up in an index of the first columns' texts (built once per sheet), so a form
        of many fields costs one pass over the sheet, not one per field.
        """
        if self._labels is None:
            self._labels = {}
            for row in self._order:
                for column, text in self.row_cells(row, 4):
                    if isinstance(text, str) and text.strip():
                        self._labels.setdefault(normalize(text), []).append((row, column))
        found: list[tuple[int, int]] = []
        for key in (normalize(col.header), *self.rules.header_words(col.words or col.key)):
            at = next((p for p in self._labels.get(key, ()) if p[1] <= max_col), None)
            if at is not None:
                found.append(at)
        return min(found) if found else None

    def labelled_value(self, col: Col, scales: dict[str, Any], report: Report) -> Any:
        """The value beside `col`'s form label; `OMIT` when there is no such label, when the
        cell is unusable (reported) or when an empty cell should keep the default."""
        at = self.find_label(col)
        if at is None:
            return OMIT
        row, column = at
        try:
            return self.read_cell(col, self.value(row, column + 1), row, column + 1, scales)
        except Unusable as error:
            report.error(self.ref(row, column + 1), f"{col.header}: {error}")
            return OMIT

    # --- rows ------------------------------------------------------------------------------

    def raw_rows(
        self, hit: Hit, cols: Sequence[Col], label: str | None = None, end_row: int | None = None
    ) -> list[RawRow]:
        """The data rows under `hit`, without blank or placeholder rows, up to a notes row."""
        by_key = {c.key: c for c in cols}
        rows: list[RawRow] = []
        for row in self.rows_in(hit.header_row + 1, end_row or self.max_row):
            span = [self.value(row, c) for c in range(hit.first_col, hit.last_col + 1)]
            filled = [v for v in span if not is_empty(v)]
            if not filled:
                continue
            if len(filled) == 1 and isinstance(filled[0], str) and _END_MARKER.match(filled[0]):
                break
            cells = {key: self.value(row, c) for key, c in hit.columns.items()}
            own = {k: v for k, v in cells.items() if (row, hit.columns[k]) not in self._filled}
            if self._is_filler(own, by_key, label, label in cells):
                continue
            rows.append(RawRow(row, cells))
        return rows

    def _is_filler(
        self, cells: dict[str, Any], cols: dict[str, Col], label: str | None, has_label: bool
    ) -> bool:
        """Nothing but template filler: empty cells, placeholders, zeros and row numbers.

        A row that carries a pcsm id is never filler: it is a stored row, even if emptied.
        """
        if any(
            col.kind == "id" and col.header.startswith("pcsm") and not is_empty(cells.get(key))
            for key, col in cols.items()
        ):
            return False
        label_real = False
        text_cells = 0
        other_cells = 0
        for key, value in cells.items():
            col = cols.get(key)
            if col is None or not col.imported or col.kind in ("no", "id") or is_empty(value):
                continue
            text = as_text(value).strip()
            if isinstance(value, str) and self.rules.is_placeholder(text):
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0:
                continue
            if key == label:
                label_real = True
            elif isinstance(value, str) and not text.isdigit():
                text_cells += 1
            else:
                other_cells += 1
        if label is not None and has_label:
            return not (label_real or text_cells)
        return not (label_real or text_cells or other_cells)

    def parse_row(
        self,
        raw: RawRow,
        hit: Hit,
        cols: Sequence[Col],
        report: Report,
        scales: dict[str, Any],
    ) -> ParsedRow:
        """Typed values of a row; unusable cells are reported and left out."""
        parsed = ParsedRow(raw.number, {}, where=self.ref(raw.number))
        for col in cols:
            if col.key not in hit.columns or not col.imported:
                continue
            column = hit.columns[col.key]
            ref = self.ref(raw.number, column)
            parsed.refs[col.key] = ref
            raw_value = raw.cells.get(col.key)
            if col.kind == "id":
                text = as_text(raw_value).strip()
                text = text if _ID.fullmatch(text) else slug(text)
                if text:
                    parsed.id = text
                continue
            try:
                value = self.read_cell(col, raw_value, raw.number, column, scales)
            except Unusable as error:
                report.error(ref, f"{col.header}: {error}")
                parsed.unusable.add(col.key)
                continue
            if value is not OMIT:
                parsed.values[col.key] = value
        return parsed

    def read_cell(self, col: Col, value: Any, row: int, column: int, scales: dict[str, Any]) -> Any:
        """One cell as the field's value; `OMIT` when an empty cell should keep the default.

        Raises `Unusable` for a cell that cannot be read (a `BadCell` included): the caller
        reports it and leaves the field out, so the stored value stays.
        """
        usable(value)
        rules = self.rules
        if col.kind in ("text", "multiline"):
            if is_empty(value):
                return None if col.optional else ""
            text = as_text(value).replace("\r\n", "\n").strip()
            if isinstance(value, str) and rules.is_placeholder(text):
                return None if col.optional else ""
            return text
        if is_empty(value):
            if col.kind == "bool":
                return None if col.optional else False
            if col.kind == "raci":
                return frozenset()
            return None if col.optional else OMIT
        if col.kind == "no":
            return to_row_number(value)
        if col.kind in ("int", "float"):
            if col.percent:
                value = percent(value, self.number_format(row, column))
            scale = scales.get(col.scale) if col.scale else None
            if (
                scale is None
                and col.low is not None
                and col.high is not None
                and col.high - col.low <= LEVEL_SPAN
            ):
                scale = Scale(int(col.low), int(col.high))
            number = to_number(value, rules, scale, whole=col.kind == "int")
            low = scale.low if col.scale and scale else col.low
            high = scale.high if col.scale and scale else col.high
            what = f"{col.scale} scale" if col.scale else "range"
            in_range(number, low, high, what)
            return number
        if col.kind == "bool":
            return to_bool(value, rules)
        if col.kind == "date":
            return to_date(value, rules)
        if col.kind == "choice":
            return to_choice(value, dict(col.labels))
        if col.kind == "raci":
            return to_roles(value, rules)
        return as_text(value)


class _Omit:
    def __repr__(self) -> str:
        return "<omit>"


OMIT: Any = _Omit()
