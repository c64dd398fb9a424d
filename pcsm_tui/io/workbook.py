"""Reading a workbook's cells as they are stored: only the cells that exist, within bounds.

A workbook is a zip of XML written by anyone. Its `<dimension>` may claim a million rows,
one stray cell may sit at XFD1048576, a merged range may span a whole column: reading it as
a grid (every row up to the last, every column up to the widest) costs gigabytes for a
five-kilobyte file. So the sheets are streamed cell by cell (openpyxl's own parser, read-only
mode) and only the cells that hold something are kept, by row and column; everything that
reads them iterates the cells that exist, never the empty grid. Hard limits on the unpacked
size and on the number of cells refuse a workbook that would still be too big, with a
message that says what to do, before any memory is spent on it.

A cell whose formula has no saved value (a workbook written by a script and never opened in
a spreadsheet program) or that shows an error (`#REF!`) is kept as a `BadCell`, so that the
import reports it as unusable instead of reading it as empty.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ..errors import PcsmError
from .cells import BadCell

MAX_UNPACKED_BYTES: Final = 48 * 1024 * 1024
"""The workbook's parts together, unpacked (as the zip declares them, which zip enforces)."""
MAX_PARTS: Final = 2_000
MAX_CELLS: Final = 200_000
"""Cells that hold a value or a formula, in the whole workbook."""
MAX_ELEMENTS: Final = 1_000_000
"""Cell elements, empty ones included (formatting only), in the whole workbook."""
EXCEL_ROWS: Final = 1_048_576
EXCEL_COLS: Final = 16_384
MAX_MERGED: Final = 20_000
"""Merged ranges per sheet."""

NO_SAVED_VALUE: Final = (
    "formula with no saved value — open and save the workbook in a spreadsheet program, "
    "or type the value"
)


class TooLarge(PcsmError, ValueError):
    """The workbook exceeds a limit; the message says which and what to do."""


@dataclass
class SheetCells:
    """One worksheet's cells that exist: values by row and column, and merged ranges."""

    name: str
    rows: dict[int, dict[int, Any]] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    """Number formats of numeric cells that have one other than General (percentages)."""
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(min_row, min_col, max_row, max_col) of each merged range."""


@dataclass
class WorkbookCells:
    sheets: list[SheetCells]
    keywords: str | None
    """The document's keywords property (pcsm marks redacted exports there)."""


def _parser_class() -> Any:
    # start-up: openpyxl loads only when this runs
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, VALUE_TAG, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    plain_text = f"{{{SHEET_MAIN_NS}}}t"

    class Parser(WorkSheetParser):
        """openpyxl's cell parser (saved values, not formulas), telling a formula that has
        no saved value and an error value apart from an empty cell."""

        elements = 0

        def parse_cell(self, element: Any) -> dict[str, Any]:
            self.elements += 1
            cell: dict[str, Any] = self._plain_inline(element) or super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                # No saved value: no <v>, or an empty one where only a text result (t="str")
                # can be empty; openpyxl and other scripts write `<f>..</f><v></v>`.
                saved = element.find(VALUE_TAG)
                if saved is None or (not saved.text and element.get("t") != "str"):
                    cell["value"] = BadCell(NO_SAVED_VALUE)
            elif cell["data_type"] == "e":
                cell["value"] = BadCell(
                    f"the cell shows the error {cell['value']} — correct its formula in a "
                    "spreadsheet program, or type the value"
                )
            return cell

        def _plain_inline(self, element: Any) -> dict[str, Any] | None:
            """An inline string of one plain run (`<is><t>..</t></is>`, what openpyxl and
            other scripts write for every text cell) read directly: openpyxl builds a rich
            text object per such cell, most of the time of reading a script's workbook. The
            value is the same (the run's text, "" when it is empty); anything else (runs,
            phonetics) goes to openpyxl's parser."""
            if element.get("t") != "inlineStr":
                return None
            inline = element.find(INLINE_STRING)
            if inline is None or len(inline) != 1 or inline[0].tag != plain_text:
                return None
            style: Any = element.get("s", 0)
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            return {
                "row": row,
                "column": column,
                "value": inline[0].text or "",
                "data_type": "s",
                "style_id": int(style) if style else style,
            }

    return Parser


def _load(path: Path) -> Any:
    """openpyxl's read-only workbook without its first pass over every sheet.

    Opening a sheet read-only, openpyxl looks for its `<dimension>`, and a sheet written
    by a script has none: it then parses the whole sheet once only to find out, before the
    cells are read in a second pass. The reader here streams the cells itself and never
    asks for the dimensions, so its sheets skip that pass (otherwise the same workbook:
    sheets in order, chart sheets read as openpyxl reads them).
    """
    # start-up: openpyxl loads only when this runs
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            return None

    class Reader(ExcelReader):
        def read_worksheets(self) -> None:
            internals: Any = self  # openpyxl's reader parts that its stubs do not type
            for sheet, rel in internals.parser.find_sheets():
                if rel.target not in internals.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    internals.read_chartsheet(sheet, rel)
                    continue
                ws = Sheet(internals.wb, sheet.name, rel.target, internals.shared_strings)
                ws.sheet_state = sheet.state
                internals.wb._sheets.append(ws)

    reader = Reader(path, read_only=True, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


def check_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise TooLarge(
            f"it has {len(parts):,} parts inside, pcsm reads workbooks of up to "
            f"{MAX_PARTS:,}; copy the sheets to import into a new workbook"
        )
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TooLarge(
            f"it unpacks to {unpacked / 2**20:,.0f} MB, pcsm reads workbooks of up to "
            f"{MAX_UNPACKED_BYTES // 2**20} MB unpacked; copy the sheets to import into a new "
            "workbook, or delete the rows, columns and pictures pcsm does not need"
        )


def read_workbook(path: Path) -> WorkbookCells:
    """The cells of every worksheet of `path` (chart sheets are left out).

    Raises `TooLarge` past a limit, and what openpyxl and zipfile raise for a file that is
    not a workbook (the caller turns both into a message).
    """
    # start-up: openpyxl loads only when this runs
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    check_zip(path)
    parser_class = _parser_class()
    elements = 0
    book = _load(path)
    try:
        keywords = book.properties.keywords
        sheets: list[SheetCells] = []
        total = 0
        internals: Any = book  # read-only mode's parts that openpyxl does not type
        for ws in book.worksheets:
            if not isinstance(ws, ReadOnlyWorksheet):
                continue
            sheet = SheetCells(ws.title)
            part: Any = ws
            with part._get_source() as source:
                parser = parser_class(
                    source,
                    part._shared_strings,
                    data_only=True,
                    epoch=internals.epoch,
                    date_formats=internals._date_formats,
                    timedelta_formats=internals._timedelta_formats,
                )
                for _index, cells in parser.parse():
                    if elements + parser.elements > MAX_ELEMENTS:
                        raise TooLarge(_too_many(ws.title, "cell entries", MAX_ELEMENTS))
                    for cell in cells:
                        value = cell["value"]
                        if value is None:
                            continue
                        total += 1
                        if total > MAX_CELLS:
                            raise TooLarge(_too_many(ws.title, "filled cells", MAX_CELLS))
                        row, column = cell["row"], cell["column"]
                        sheet.rows.setdefault(row, {})[column] = value
                        if cell["data_type"] == "n" and cell["style_id"]:
                            shown = ReadOnlyCell(ws, row, column, None, "n", cell["style_id"])
                            fmt = str(shown.number_format or "")
                            if fmt and fmt != "General":
                                sheet.formats[(row, column)] = fmt
                elements += parser.elements
                merged = parser.merged_cells
                ranges = list(merged.mergeCell) if merged is not None else []
                if len(ranges) > MAX_MERGED:
                    raise TooLarge(_too_many(ws.title, "merged ranges", MAX_MERGED))
                for item in ranges:
                    try:
                        min_col, min_row, max_col, max_row = range_boundaries(str(item.ref))
                    except (TypeError, ValueError):
                        continue
                    sheet.merged.append(
                        (min_row or 1, min_col or 1, max_row or EXCEL_ROWS, max_col or EXCEL_COLS)
                    )
            sheets.append(sheet)
        return WorkbookCells(sheets, keywords)
    finally:
        book.close()


def _too_many(sheet: str, what: str, limit: int) -> str:
    return (
        f"sheet '{sheet}' brings the workbook past {limit:,} {what}, the most pcsm "
        "reads; copy the sheets to import into a new workbook, or delete the rows and columns "
        "pcsm does not need"
    )
