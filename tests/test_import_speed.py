"""The fast paths of reading a big workbook give exactly what openpyxl's own reader gives.

`io/workbook.py` reads a plain inline string (what scripts write for every text cell)
without building openpyxl's rich text object, and opens sheets without openpyxl's first
pass over each one (looking for a `<dimension>` a script's sheet does not have). Here the
cells it reads are compared with openpyxl's stock read-only reader on workbooks written in
the three ways text reaches a sheet: inline strings (write-only mode), shared strings (a
normal save) and rich text runs (which must still go through openpyxl's parser).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from pcsm_tui.io.adapter import new_id
from pcsm_tui.io.cells import BadCell
from pcsm_tui.io.workbook import read_workbook

# Text a cell can hold: XML 1.0 characters (no control characters but tab and line breaks).
TEXT = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters="".join(chr(c) for c in range(32) if chr(c) not in "\t\n"),
    ),
    max_size=30,
).filter(lambda text: not text.startswith("="))  # openpyxl writes "=0" as a formula, which
# has no saved value: stock gives None, ours says so (BadCell; tests/test_import_keeps)
VALUES = st.one_of(
    TEXT,
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)),
)


def stock(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    """Every filled cell as openpyxl's read-only reader gives it, by sheet."""
    book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        out: dict[str, dict[tuple[int, int], Any]] = {}
        for ws in book.worksheets:
            cells = out.setdefault(ws.title, {})
            for line in ws.iter_rows():
                for cell in line:
                    value = getattr(cell, "value", None)
                    if value is not None:
                        cells[(cell.row, cell.column)] = value  # type: ignore[index]
        return out
    finally:
        book.close()


def ours(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    out: dict[str, dict[tuple[int, int], Any]] = {}
    for sheet in read_workbook(path).sheets:
        cells = out.setdefault(sheet.name, {})
        for row, line in sheet.rows.items():
            for column, value in line.items():
                assert not isinstance(value, BadCell)
                cells[(row, column)] = value
    return out


def _write(path: Path, rows: list[list[Any]], write_only: bool) -> None:
    book = Workbook(write_only=write_only)
    if write_only:
        sheet: Any = book.create_sheet("Risks")
    else:
        sheet = book.active
        sheet.title = "Risks"
    for line in rows:
        sheet.append(line)
    second = book.create_sheet("Lists")
    second.append(["High", "Low", " padded ", "two\nlines"])
    book.save(path)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(VALUES, max_size=5), max_size=6), write_only=st.booleans())
def test_cells_read_as_openpyxl_reads_them(
    tmp_path: Path, rows: list[list[Any]], write_only: bool
) -> None:
    path = tmp_path / "book.xlsx"
    _write(path, rows, write_only)
    assert ours(path) == stock(path)


def test_rich_text_and_empty_inline_strings(tmp_path: Path) -> None:
    """Runs of formatted text and an empty text take openpyxl's own path, same values."""
    path = tmp_path / "rich.xlsx"
    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet("Notes")
    bold = InlineFont(b=True)
    runs: list[str | TextBlock] = ["plain ", TextBlock(bold, "bold"), " after"]
    sheet.append([CellRichText(runs), "", "x"])
    sheet.append(["Risk ID", "Description", "Probability"])
    book.save(path)
    read = ours(path)
    assert read == stock(path)
    assert read["Notes"][(1, 1)] == "plain bold after"
    assert read["Notes"][(2, 2)] == "Description"


def test_new_ids_for_many_rows_stay_unique() -> None:
    """build_rows keeps one set of taken ids up to date instead of a union per row; the ids
    a run of same-named rows gets are the numbered ones, as before."""
    taken: set[str] = {"risk"}
    made = []
    for _ in range(5):
        made.append(new_id("Risk", taken))
        taken.add(made[-1])
    assert made == ["risk-2", "risk-3", "risk-4", "risk-5", "risk-6"]
