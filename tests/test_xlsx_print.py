"""Exports that print well: row heights, print set-up, the matrix chart, sheet names.

Read back with openpyxl from a real export of the demo; and, where LibreOffice is
installed, converted to PDF and rendered to PNG the way a person would print it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pcsm_tui.io.print_layout import LINE_POINTS, wrapped_lines
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.store.repository import Repository

SLUG = "northwind-emea"


@pytest.fixture
def exported(demo_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "northwind.xlsx"
    export_xlsx(Repository.open(demo_dir), SLUG, path)
    return path


def _width(ws: Worksheet, letter: str) -> float:
    width = ws.column_dimensions[letter].width
    return float(width) if width else 8.43


def test_every_wrapped_cell_has_the_lines_it_needs(exported: Path) -> None:
    book = load_workbook(exported)
    checked = 0
    for ws in book.worksheets:
        merged = {c for area in ws.merged_cells.ranges for c in area.cells}
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                    continue
                if (cell.row, cell.column) in merged or cell.data_type == "f":
                    continue
                lines = wrapped_lines(
                    cell.value, _width(ws, cell.column_letter), bool(cell.font.bold)
                )
                if lines < 2:
                    continue
                height = ws.row_dimensions[cell.row].height
                assert height is not None, f"{ws.title}!{cell.coordinate} has no height"
                assert height >= lines * LINE_POINTS, f"{ws.title}!{cell.coordinate}"
                checked += 1
    assert checked > 50


def test_raci_headers_are_tall_enough_for_whole_titles(exported: Path) -> None:
    ws = load_workbook(exported)["RACI Matrix"]
    header = next(r[0].row for r in ws.iter_rows() if r[1].value == "Activity / task")
    long = [c for c in ws[header] if isinstance(c.value, str) and len(c.value) > 12]
    assert long, "the demo's RACI has long column titles"
    height = ws.row_dimensions[header].height
    assert height is not None and height >= 3 * LINE_POINTS


@given(st.text(alphabet="ab \n", max_size=80), st.floats(min_value=3, max_value=60))
def test_wrapped_lines_never_fewer_than_the_greedy_wrap(text: str, width: float) -> None:
    """However the text runs, the estimate counts at least every paragraph and enough lines
    for every character shown (a line holds at most its width plus the space it broke at)."""
    lines = wrapped_lines(text, width)
    assert lines >= text.count("\n") + 1
    per_line = max(1, int(width - 1.2))
    shown = sum(len(" ".join(p.split())) for p in text.split("\n"))
    assert lines * (per_line + 1) >= shown
