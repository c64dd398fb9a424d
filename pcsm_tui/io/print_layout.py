"""Making an exported workbook print well: row heights that fit their text, print set-up.

openpyxl writes no row heights, and neither Excel nor LibreOffice grows a row for wrapped
text in a file they open (they only do so when a cell is edited), so without this every
long cell spills under the next rows and a two-line header shows its first line only.
The heights are an estimate from the column width and the text (greedy word wrap in
"character widths", the unit of a column width), erring on a line too many: a row a
little tall prints well, a row too short hides text.

This module imports openpyxl; only the export path imports it, never pcsm's start-up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_WIDTH = 8.43
"""Excel's width of a column nobody widened, in character widths."""
LINE_POINTS = 15.0
"""The height of one line of 11-point text, in points (Excel's default row height)."""
MAX_ROW_POINTS = 409.0
"""The tallest row a spreadsheet accepts."""
PORTRAIT_CHARS = 100.0
"""Character widths that fit across an A4 or Letter page upright at 100 % (margins off)."""
LANDSCAPE_CHARS = 145.0
"""The same across a page on its side."""
MIN_SCALE = 60
"""The smallest print scale that stays readable: a sheet that would need less to fit one
page wide is printed at this scale over several pages across instead."""


def wrapped_lines(text: str, width: float, bold: bool = False, size: float = 11.0) -> int:
    """How many lines `text` takes in a wrapping cell `width` character widths wide."""
    per_line = max(1, math.floor((width - 1.2) * 11.0 / size * (0.9 if bold else 1.0)))
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        # Spreadsheets also break after a hyphen: a space there errs on a line too many.
        for word in paragraph.replace("-", "- ").split():
            length = len(word)
            if used and used + 1 + length <= per_line:
                used += 1 + length
                continue
            if used:
                lines += 1
            # A word longer than the line breaks wherever it reaches the edge.
            extra, used = divmod(length, per_line)
            if used == 0 and extra:
                extra, used = extra - 1, per_line
            lines += extra
    return max(1, lines)


def _width(ws: Worksheet, column: int) -> float:
    width = ws.column_dimensions[get_column_letter(column)].width
    return float(width) if width else DEFAULT_WIDTH


def fit_row_heights(ws: Worksheet) -> None:
    """Give every row that holds wrapping text the height its tallest cell needs."""
    merged = {
        (row, col)
        for area in ws.merged_cells.ranges
        for row in range(area.min_row, area.max_row + 1)
        for col in range(area.min_col, area.max_col + 1)
    }
    widths: dict[int, float] = {}
    for row in ws.iter_rows():
        points = 0.0
        for cell in row:
            value = cell.value
            if value is None or not isinstance(value, str) or cell.data_type == "f":
                continue
            if (cell.row, cell.column) in merged or not cell.alignment.wrap_text:
                continue
            column = int(cell.column or 1)
            if column not in widths:
                widths[column] = _width(ws, column)
            size = float(cell.font.size or 11.0)
            lines = wrapped_lines(value, widths[column], bool(cell.font.bold), size)
            points = max(points, lines * LINE_POINTS * size / 11.0)
        if points > LINE_POINTS:
            number = int(row[0].row or 1)
            ws.row_dimensions[number].height = min(MAX_ROW_POINTS, points + 2)


CM_PER_CHAR = 0.19
"""A character width of a column, in centimetres (7 pixels at 96 per inch)."""
CM_PER_POINT = 2.54 / 72


def _chart_corners(ws: Worksheet) -> list[tuple[int, int]]:
    """The last column and row each chart covers: a print area of the cells alone would
    leave a chart beside the table off the page."""
    corners = []
    for chart in getattr(ws, "_charts", []):
        anchor = chart.anchor
        start = getattr(getattr(anchor, "_from", None), "col", None)
        if isinstance(anchor, str):
            cell = ws[anchor]
            col, row = int(cell.column or 1), int(cell.row or 1)
        elif start is not None:
            col, row = int(start) + 1, int(anchor._from.row) + 1
        else:
            continue
        width_left = float(chart.width)
        while width_left > 0:
            width_left -= _width(ws, col) * CM_PER_CHAR
            col += 1
        height_left = float(chart.height)
        while height_left > 0:
            height_left -= float(ws.row_dimensions[row].height or LINE_POINTS) * CM_PER_POINT
            row += 1
        corners.append((col - 1, row - 1))
    return corners


PAPER_SIZES = {"A4": 9, "Letter": 1}
"""The repository's paper ([export] paper) as the sheet's paper code (OOXML paperSize)."""


def set_up_printing(
    ws: Worksheet, title_rows: Iterable[int], title_columns: int = 0, paper: str = "A4"
) -> None:
    """Print area, repeated header row, orientation and a readable scale for one sheet.

    A sheet that fits upright at a readable scale prints upright; a wider one on its side;
    one page wide only while the scale that needs stays at `MIN_SCALE` or above, else at
    that scale over several pages across, with the first `title_columns` repeated (column A
    when none are given and it is narrow enough to repeat: it names the rows).
    """
    if ws.max_row < 1 or ws.max_column < 1:
        return
    last_col, last_row = ws.max_column, ws.max_row
    for chart_col, chart_row in _chart_corners(ws):
        last_col, last_row = max(last_col, chart_col), max(last_row, chart_row)
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    rows = sorted(set(title_rows))
    if rows:
        ws.print_title_rows = f"{rows[0]}:{rows[0]}"
    total = sum(_width(ws, c) for c in range(1, last_col + 1))
    landscape = total > PORTRAIT_CHARS
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = PAPER_SIZES.get(paper, PAPER_SIZES["A4"])
    across = LANDSCAPE_CHARS if landscape else PORTRAIT_CHARS
    needed = across / total * 100 if total > across else 100.0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    fitting = ws.sheet_properties.pageSetUpPr
    if fitting is None:
        fitting = ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    if needed >= MIN_SCALE:
        fitting.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        fitting.fitToPage = False
        ws.page_setup.scale = MIN_SCALE
        if not title_columns and _width(ws, 1) <= across / 4:
            title_columns = 1
        if title_columns:
            ws.print_title_cols = f"A:{get_column_letter(title_columns)}"
