"""Formulas in exports count the rows a person adds (issue 18): the onboarding total and
band, the RACI A count, the risk score.

The workbook is changed as a person would (openpyxl adds a row under the last one, or an
aspect above TOTAL), LibreOffice recalculates it headless (its own profile; skipped with the
reason where it is not installed), and the figure it computes is read back.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.io.xlsx_import import plan_import
from pcsm_tui.store.repository import Repository

SLUG = "northwind-emea"
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="needs LibreOffice (soffice) to recalculate"
)


def _recalculated(book: Path, out: Path) -> Any:
    """The workbook as LibreOffice computes it (converted to .xlsx with cached values)."""
    out.mkdir()
    profile = (out / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(book)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    return load_workbook(out / book.name, data_only=True)


def _header(ws: Worksheet, first: str) -> tuple[int, dict[str, int]]:
    for number, row in enumerate(ws.iter_rows(), 1):
        values = [c.value for c in row]
        if first in values:
            return number, {str(v): i + 1 for i, v in enumerate(values) if v is not None}
    raise AssertionError(f"no header {first!r}")


def _last_row(ws: Worksheet, header: int, col: int) -> int:
    row = header
    while ws.cell(row + 1, col).value not in (None, ""):
        row += 1
    return row


def _export(demo_dir: Path, tmp_path: Path, tool: str) -> Path:
    path = tmp_path / f"{tool}.xlsx"
    export_xlsx(Repository.open(demo_dir), SLUG, path, tool=tool)
    return path


@needs_office
def test_a_risk_typed_under_the_last_gets_its_score(demo_dir: Path, tmp_path: Path) -> None:
    path = _export(demo_dir, tmp_path, "risks")
    book = load_workbook(path)
    ws = book.active
    assert isinstance(ws, Worksheet)
    header, cols = _header(ws, "Score")
    name_col = cols["Name"]
    row = _last_row(ws, header, name_col) + 1
    ws.cell(row, name_col, "Typed by a person")
    ws.cell(row, cols["Likelihood"], 4)
    ws.cell(row, cols["Severity"], 5)
    book.save(path)
    computed = _recalculated(path, tmp_path / "calc").active
    assert computed.cell(row, cols["Score"]).value == 9
    assert computed.cell(row + 1, cols["Score"]).value in (None, "")


@needs_office
def test_an_activity_typed_under_the_last_gets_its_a_count(demo_dir: Path, tmp_path: Path) -> None:
    path = _export(demo_dir, tmp_path, "raci")
    book = load_workbook(path)
    ws = book["RACI Matrix"]
    header, cols = _header(ws, "Activity / task")
    row = _last_row(ws, header, cols["Activity / task"]) + 1
    ws.cell(row, cols["Activity / task"], "Typed by a person")
    ws.cell(row, cols["Activity / task"] + 1, "A")
    ws.cell(row, cols["Activity / task"] + 2, "R/A")
    book.save(path)
    computed = _recalculated(path, tmp_path / "calc")["RACI Matrix"]
    assert computed.cell(row, cols["A's"]).value == 2
    assert computed.cell(row + 1, cols["A's"]).value in (None, "")


@needs_office
def test_an_aspect_inserted_above_the_total_is_counted(demo_dir: Path, tmp_path: Path) -> None:
    path = _export(demo_dir, tmp_path, "onboarding-score")
    before = _recalculated(path, tmp_path / "before").active
    total_row = next(r for r in range(1, 40) if before.cell(r, 2).value == "TOTAL")
    total = before.cell(total_row, 3).value
    assert isinstance(total, (int, float))
    book = load_workbook(path)
    ws = book.active
    assert isinstance(ws, Worksheet)
    ws.insert_rows(total_row)
    ws.cell(total_row, 2, "Our own aspect")
    ws.cell(total_row, 3, 5)
    book.save(path)
    after = _recalculated(path, tmp_path / "after").active
    assert after.cell(total_row + 1, 2).value == "TOTAL"
    assert after.cell(total_row + 1, 3).value == total + 5
    assert after.cell(total_row + 2, 3).value not in (None, "", before.cell(total_row + 1, 3).value)


def test_own_exports_with_the_continued_formulas_import_back_unchanged(
    demo_dir: Path, tmp_path: Path
) -> None:
    """The empty rows holding a formula are not rows: nothing to write."""
    repo = Repository.open(demo_dir)
    for tool in ("risks", "raci", "onboarding-score"):
        path = _export(demo_dir, tmp_path, tool)
        plan = plan_import(repo, path, SLUG, tool)
        assert plan.clean and not plan.writes, (tool, plan.report_lines())
