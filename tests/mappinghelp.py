"""Workbooks of one team's own shape, for the remembered-mapping tests (CLI and app)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

HEADERS = ["Punkt", "Stufe", "Wer"]
"""Header words no tool's vocabulary knows: every import of this shape needs a mapping."""
MAP = {"Punkt": "name", "Stufe": "likelihood", "Wer": "ignore"}
VALUES = {"likelihood": {"A": "4", "M": "3", "B": "1"}}


def team_sheet(path: Path, rows: list[tuple[str, str, str]], title: str = "Liste") -> Path:
    """A title line, then the table: `Punkt` (what), `Stufe` (A/M/B), `Wer` (who)."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    sheet.cell(1, 1, "Offene Punkte")
    for c, header in enumerate(HEADERS, start=1):
        sheet.cell(3, c, header)
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)
    book.save(path)
    return path


FIRST = [("Streik", "A", "Ana"), ("Brand", "B", "Ivo"), ("Budget", "M", "Eva")]
SECOND = [("Lieferant fällt aus", "M", "Ana"), ("Umzug", "A", "Ivo")]
