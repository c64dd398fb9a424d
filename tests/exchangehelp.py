"""Workbooks for the app's import tests: the demo's risks exported, then edited as in Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.store.repository import Repository

PSEUDO_TOOLS = ("engagement", "stakeholders")
"""What has sheets of its own but is no tool of the catalogue: the engagement's fields and
the stakeholder register."""

SHEET_TOOLS = (*PSEUDO_TOOLS, *(tool.id for tool in TOOLS))
"""Everything a workbook has sheets for (tests/test_xlsx_roundtrip.py checks it is what
io/layouts.py declares), known without reading a repository."""

EDITED = {"D5": 5}
"""ERP integration late (erp-delay): likelihood 3 → 5."""

BROKEN = {"D6": "lots", "E7": 9, "C8": "A works council could object to shift changes."}
"""Text in a score cell, a severity outside 0..5, and one good edit (works-council)."""


def risks_workbook(root: Path, path: Path, cells: dict[str, Any]) -> Path:
    """northwind-emea's risks exported by pcsm, then `cells` typed over with openpyxl."""
    export_xlsx(Repository.open(root), "northwind-emea", path, tool="risks")
    book = load_workbook(path)
    sheet = book["Adoption Risks"]
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(path)
    return path
