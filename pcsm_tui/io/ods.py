"""LibreOffice's .ods spreadsheets read into the same cells as an Excel workbook.

An .ods file is a zip whose `content.xml` holds every sheet as rows of cells; empty rows and
cells are written once with a repeat count (`number-rows-repeated="1048000"`), so counts are
advanced, never expanded, except for a cell that holds a value (bounded by the same cell
limit as a workbook). Merged cells are `number-columns-spanned` / `number-rows-spanned`;
typed values are in `office:value` / `office:date-value`, text in the paragraphs. The zip is
checked against the same size limits first; the XML is parsed by the standard library's
expat, which refuses entity expansion attacks.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, iterparse

from .cells import BadCell
from .workbook import (
    EXCEL_COLS,
    EXCEL_ROWS,
    MAX_CELLS,
    MAX_MERGED,
    SheetCells,
    TooLarge,
    WorkbookCells,
    check_zip,
)

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def read_ods(path: Path) -> WorkbookCells:
    check_zip(path)
    sheets: list[SheetCells] = []
    total = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as source:
        sheet: SheetCells | None = None
        row = 0
        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{TABLE}table":
                    sheet = SheetCells(
                        str(element.get(f"{TABLE}name") or f"Sheet{len(sheets) + 1}")
                    )
                    row = 0
                continue
            if tag == f"{TABLE}table-row" and sheet is not None:
                repeat = _count(element, "number-rows-repeated")
                cells = _row_cells(element, row + 1, sheet)
                if cells:
                    for offset in range(repeat):
                        total += len(cells)
                        if total > MAX_CELLS:
                            raise TooLarge(
                                f"sheet '{sheet.name}' brings it past {MAX_CELLS:,} filled cells"
                            )
                        sheet.rows[row + 1 + offset] = dict(cells)
                row = min(row + repeat, EXCEL_ROWS)
                element.clear()
            elif tag == f"{TABLE}table" and sheet is not None:
                sheets.append(sheet)
                sheet = None
                element.clear()
    return WorkbookCells(sheets, None)


def _count(element: Element, name: str) -> int:
    try:
        return max(1, int(element.get(f"{TABLE}{name}") or 1))
    except ValueError:
        return 1


def _row_cells(element: Element, row: int, sheet: SheetCells) -> dict[int, Any]:
    cells: dict[int, Any] = {}
    col = 0
    for cell in element:
        if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            continue
        repeat = _count(cell, "number-columns-repeated")
        value = _value(cell) if cell.tag == f"{TABLE}table-cell" else None
        if value is not None:
            for offset in range(min(repeat, 1024)):
                cells[col + 1 + offset] = value
            across = _count(cell, "number-columns-spanned")
            down = _count(cell, "number-rows-spanned")
            if across > 1 or down > 1:
                if len(sheet.merged) >= MAX_MERGED:
                    raise TooLarge(
                        f"sheet '{sheet.name}' has more than {MAX_MERGED:,} merged ranges"
                    )
                sheet.merged.append(
                    (row, col + 1, min(row + down - 1, EXCEL_ROWS), min(col + across, EXCEL_COLS))
                )
        col = min(col + repeat, EXCEL_COLS)
    return cells


def _value(cell: Element) -> Any:
    kind = cell.get(f"{OFFICE}value-type")
    text = "\n".join(_text(p) for p in cell.iter(f"{TEXT}p"))
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(f"{OFFICE}value") or ""
        try:
            number = float(raw)
        except ValueError:
            return text or None
        return int(number) if number.is_integer() and "." not in raw and "e" not in raw else number
    if kind == "date":
        raw = cell.get(f"{OFFICE}date-value") or ""
        try:
            return dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw)
        except ValueError:
            return text or None
    if kind == "boolean":
        return (cell.get(f"{OFFICE}boolean-value") or "") == "true"
    if text.startswith("#") and text.endswith(("!", "?")) and cell.get(f"{TABLE}formula"):
        return BadCell(f"the cell shows the error {text} — correct its formula, or type the value")
    return text or None


def _text(paragraph: Element) -> str:
    parts: list[str] = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == f"{TEXT}s":
            parts.append(" " * _spaces(child))
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _spaces(element: Element) -> int:
    try:
        return max(1, min(int(element.get(f"{TEXT}c") or 1), 1000))
    except ValueError:
        return 1
