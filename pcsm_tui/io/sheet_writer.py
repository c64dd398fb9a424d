"""Writing styled sheets with openpyxl: titles, forms, tables, legends.

Every tool's sheet is made of these few blocks so that all exports look alike: a bold title
row, a grey subtitle, a table with a coloured, frozen header row, wrapped long text, sensible
widths, and validation lists or ranges on the data cells (plus spare rows below the data, so
a person adding a row in Excel gets the same checks).

This module imports openpyxl; only the export path imports it, never pcsm's start-up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..models.commitment import ROLE_ORDER
from ..models.scales import Scale
from .columns import Col
from .print_layout import fit_row_heights, set_up_printing
from .sheet_names import SHEET_LIMIT, sheet_title

HEADER_FILL = PatternFill("solid", fgColor="1F4E5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
LABEL_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14, color="1F4E5F")
SUBTITLE_FONT = Font(italic=True, color="666666")
ID_FONT = Font(size=8, color="999999")
READONLY_FILL = PatternFill("solid", fgColor="EEEEEE")
LEGEND_FILL = PatternFill("solid", fgColor="F3F7F8")
BAD_FILL = PatternFill("solid", fgColor="F8D7DA")
THIN = Side(style="thin", color="BBBBBB")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

SPARE_ROWS = 30
"""Empty rows below a table that carry the same validation, for rows added in Excel."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _raci_combinations() -> tuple[str, ...]:
    combos = []
    for mask in range(1, 16):
        combos.append("/".join(r for i, r in enumerate(ROLE_ORDER) if mask & (1 << i)))
    return tuple(sorted(combos, key=lambda c: (len(c), [ROLE_ORDER.index(x) for x in c[::2]])))


RACI_LIST = _raci_combinations()


def clean(value: Any) -> Any:
    """A value openpyxl accepts: strings without control characters."""
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    return value


@dataclass
class Spare:
    """A table's formula column, to go on under its `last` row (SheetWriter.fill_spares)."""

    last: int
    first_col: int
    offset: int
    col: Col
    letters: dict[str, str]
    """Column key -> letter, for the formula."""
    typed: list[str]
    """Letters of the columns a person types in (the formula shows nothing while all are
    empty)."""


@dataclass(frozen=True)
class TablePos:
    header_row: int
    first_row: int
    last_row: int
    """The last data row (first_row - 1 when the table is empty)."""
    first_col: int
    letters: Mapping[str, str]
    """Column key -> column letter."""


class BookWriter:
    """A new workbook and the sheets added to it, in order."""

    def __init__(self, scales: Mapping[str, Scale], paper: str = "A4") -> None:
        self.workbook = Workbook()
        self.scales = scales
        self.paper = paper
        self.writers: list[SheetWriter] = []
        default = self.workbook.active
        if default is not None:
            self.workbook.remove(default)

    def sheet(self, name: str) -> SheetWriter:
        title = sheet_title(name)
        taken = {ws.title.lower() for ws in self.workbook.worksheets}
        number = 2
        while title.lower() in taken:
            suffix = f" ({number})"
            title = sheet_title(name, SHEET_LIMIT - len(suffix)) + suffix
            number += 1
        writer = SheetWriter(self.workbook.create_sheet(title), self.scales)
        self.writers.append(writer)
        return writer

    def finish(self) -> None:
        """Lay every sheet out for reading and printing (call once, before saving)."""
        for writer in self.writers:
            fit_row_heights(writer.ws)
            frozen = writer.ws.freeze_panes
            set_up_printing(
                writer.ws,
                writer.header_rows,
                column_index_from_string(frozen.rstrip("0123456789")) - 1 if frozen else 0,
                self.paper,
            )
            writer.fill_spares()  # after the print area: the empty rows do not print


class SheetWriter:
    """One worksheet being filled from the top down (`row` is the next free row)."""

    def __init__(self, ws: Worksheet, scales: Mapping[str, Scale]) -> None:
        self.ws = ws
        self.scales = scales
        self.row = 1
        self._widths: dict[int, float] = {}
        self.header_rows: list[int] = []
        """The tables' header rows (the first is repeated on every printed page)."""
        self.spares: list[Spare] = []
        """Formula columns to continue into the rows under each table (see `fill_spares`)."""

    @property
    def name(self) -> str:
        return self.ws.title

    def width(self, col: int, width: float) -> None:
        """Widen a column (never narrow one another block already widened)."""
        if width > self._widths.get(col, 0):
            self._widths[col] = width
            self.ws.column_dimensions[get_column_letter(col)].width = width

    def put(self, row: int, col: int, value: Any) -> Cell:
        """A value as it is: text that begins with `=` stays text (never a formula), marked
        the way a spreadsheet marks typed text (quote prefix), so it comes back exactly."""
        cell = self.ws.cell(row=row, column=col, value=clean(value))
        assert isinstance(cell, Cell)
        if cell.data_type == "f":
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    def put_formula(self, row: int, col: int, formula: str) -> Cell:
        """A live formula (`=SUM(C3:C6)`), computed by the spreadsheet program."""
        cell = self.ws.cell(row=row, column=col, value=formula)
        assert isinstance(cell, Cell) and cell.data_type == "f"
        return cell

    def title(self, text: str, subtitle: str = "") -> None:
        self.put(self.row, 1, text).font = TITLE_FONT
        self.row += 1
        if subtitle:
            self.put(self.row, 1, subtitle).font = SUBTITLE_FONT
            self.row += 1
        self.row += 1

    def form(self, rows: Sequence[tuple[Col, Any]], label_width: float = 26) -> dict[str, str]:
        """Label / value rows (label in A, value in B); returns key -> value cell."""
        self.width(1, label_width)
        cells: dict[str, str] = {}
        for col, value in rows:
            label = self.put(self.row, 1, col.header)
            label.font = ID_FONT if col.kind == "id" else LABEL_FONT
            label.alignment = TOP
            cell = self.put(self.row, 2, self.cell_value(col, value))
            self.style_value(cell, col)
            self.validate(col, f"B{self.row}")
            self.width(2, max(col.shown_width, 40))
            cells[col.key] = f"B{self.row}"
            self.row += 1
        self.row += 1
        return cells

    def cell_value(self, col: Col, value: Any) -> Any:
        if value is None:
            return None
        if col.kind == "bool":
            return "Y" if value else "N"
        if col.kind == "raci" and isinstance(value, frozenset):
            return "/".join(r for r in ROLE_ORDER if r in value)
        if col.kind == "choice":
            return col.labels.get(str(value), str(value))
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return value
        return value

    def style_value(self, cell: Cell, col: Col) -> None:
        cell.border = BORDER
        if col.kind == "multiline" or col.kind in ("text", "choice"):
            cell.alignment = WRAP
        else:
            cell.alignment = TOP
        if col.kind == "date":
            cell.number_format = "yyyy-mm-dd"
        if col.kind == "id":
            cell.font = ID_FONT
        if col.readonly or col.kind == "formula":
            cell.fill = READONLY_FILL

    def header(self, row: int, first_col: int, cols: Sequence[Col]) -> None:
        for offset, col in enumerate(cols):
            cell = self.put(row, first_col + offset, col.header)
            cell.font = ID_FONT if col.kind == "id" else HEADER_FONT
            if col.kind != "id":
                cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = BORDER
            self.width(first_col + offset, col.shown_width)

    def table(
        self,
        cols: Sequence[Col],
        rows: Sequence[Sequence[Any]],
        first_col: int = 1,
        freeze: bool = True,
        merge_runs: str | None = None,
    ) -> TablePos:
        """A header row and one row per entry; `merge_runs` merges equal runs in a column."""
        header_row = self.row
        self.header_rows.append(header_row)
        self.header(header_row, first_col, cols)
        letters = {c.key: get_column_letter(first_col + i) for i, c in enumerate(cols)}
        for r_offset, values in enumerate(rows):
            row = header_row + 1 + r_offset
            for c_offset, (col, value) in enumerate(zip(cols, values, strict=True)):
                if col.kind == "formula":
                    text = col.formula.format(r=row, **{k: f"{v}{row}" for k, v in letters.items()})
                    cell = self.put_formula(row, first_col + c_offset, text)
                else:
                    cell = self.put(row, first_col + c_offset, self.cell_value(col, value))
                self.style_value(cell, col)
        last = header_row + len(rows)
        typed = [letters[c.key] for c in cols if c.kind not in ("formula", "id", "no")]
        for c_offset, col in enumerate(cols):
            if col.kind == "formula" and typed:
                self.spares.append(Spare(last, first_col, c_offset, col, letters, typed))
        spare_last = last + SPARE_ROWS
        for c_offset, col in enumerate(cols):
            letter = get_column_letter(first_col + c_offset)
            self.validate(col, f"{letter}{header_row + 1}:{letter}{spare_last}")
        if merge_runs and merge_runs in letters:
            self._merge_runs(cols, rows, merge_runs, header_row, first_col)
        if freeze:
            self.ws.freeze_panes = f"{get_column_letter(first_col)}{header_row + 1}"
        self.row = last + 2
        return TablePos(header_row, header_row + 1, last, first_col, letters)

    def fill_spares(self) -> None:
        """A formula column (A count, risk score) goes on in the empty rows under its table,
        showing nothing until a row is typed there: a row a person adds under the last one
        is counted like the others. It stops at the first row something else uses."""
        used = {row for (row, _col), cell in self.ws._cells.items() if cell.value is not None}
        for spare in self.spares:
            for row in range(spare.last + 1, spare.last + SPARE_ROWS + 1):
                if row in used:
                    break
                inner = spare.col.formula.format(
                    r=row, **{k: f"{v}{row}" for k, v in spare.letters.items()}
                ).removeprefix("=")
                typed = ",".join(f"{letter}{row}" for letter in spare.typed)
                self.put_formula(
                    row, spare.first_col + spare.offset, f'=IF(COUNTA({typed})=0,"",{inner})'
                )

    def _merge_runs(
        self,
        cols: Sequence[Col],
        rows: Sequence[Sequence[Any]],
        key: str,
        header_row: int,
        first_col: int,
    ) -> None:
        index = next(i for i, c in enumerate(cols) if c.key == key)
        column = first_col + index
        start = 0
        for position in range(1, len(rows) + 1):
            if position == len(rows) or rows[position][index] != rows[start][index]:
                if position - start > 1 and rows[start][index]:
                    self.ws.merge_cells(
                        start_row=header_row + 1 + start,
                        start_column=column,
                        end_row=header_row + position,
                        end_column=column,
                    )
                    self.ws.cell(header_row + 1 + start, column).alignment = Alignment(
                        vertical="center", horizontal="center"
                    )
                start = position

    def validate(self, col: Col, cells: str) -> None:
        """Excel data validation for a column: a list or a number range."""
        validation: DataValidation | None = None
        if col.kind == "bool":
            validation = DataValidation(type="list", formula1='"Y,N"', allow_blank=True)
            validation.error = "Answer Y or N"
        elif col.kind == "raci":
            validation = DataValidation(
                type="list", formula1='"' + ",".join(RACI_LIST) + '"', allow_blank=True
            )
            validation.errorStyle = "warning"
            validation.error = "Use R, A, C or I, combined with / (e.g. R/A)"
        elif col.kind == "choice" and col.labels:
            options = ",".join(col.labels.values())
            if len(options) < 250 and "," not in "".join(col.labels.values()):
                validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
                validation.error = f"Choose one of: {options}"
        elif col.kind in ("int", "float"):
            low, high = col.low, col.high
            if col.scale and col.scale in self.scales:
                low, high = self.scales[col.scale].low, self.scales[col.scale].high
            if low is not None and high is not None:
                validation = DataValidation(
                    type="whole" if col.kind == "int" else "decimal",
                    operator="between",
                    formula1=_num(low),
                    formula2=_num(high),
                    allow_blank=True,
                )
                validation.error = f"A number from {_num(low)} to {_num(high)}"
        elif col.kind == "date":
            validation = DataValidation(
                type="date", operator="greaterThan", formula1="1", allow_blank=True
            )
            validation.error = "A date (YYYY-MM-DD)"
        if validation is None:
            return
        validation.showErrorMessage = True
        validation.errorTitle = col.header
        self.ws.add_data_validation(validation)
        validation.add(cells)

    def legend(
        self, title: str, rows: Sequence[Sequence[Any]], first_col: int, first_row: int
    ) -> None:
        """A shaded block of explanations beside a table (never imported)."""
        head = self.put(first_row, first_col, title)
        head.font = LABEL_FONT
        head.fill = LEGEND_FILL
        for r_offset, values in enumerate(rows):
            for c_offset, value in enumerate(values):
                cell = self.put(first_row + 1 + r_offset, first_col + c_offset, value)
                cell.fill = LEGEND_FILL
                cell.alignment = WRAP
                if c_offset == 0:
                    cell.font = LABEL_FONT
        widths = [8, 16, 48]
        for c_offset in range(max((len(r) for r in rows), default=0)):
            self.width(first_col + c_offset, widths[min(c_offset, 2)])

    def note(self, text: str) -> None:
        self.put(self.row, 1, text).font = SUBTITLE_FONT
        self.row += 1

    def flag_rule(self, cells: str, formula: str) -> None:
        """Shade cells red where `formula` (for the top-left cell) is true."""
        self.ws.conditional_formatting.add(cells, FormulaRule(formula=[formula], fill=BAD_FILL))  # type: ignore[no-untyped-call]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
