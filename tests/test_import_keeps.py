"""Import keeps what it promises: an own export is no change, skipped cells keep their values.

Real workbooks (pcsm's own exports of the demo, then changed with openpyxl as a script or a
person would), real repositories, real commits.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.workbook import NO_SAVED_VALUE
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.io.xlsx_import import ImportRefused, apply_import, plan_import
from pcsm_tui.models.adoption import Risks
from pcsm_tui.models.commitment import Raci
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.toml_codec import loads, merge_into

from .conftest import git, kept_as_is
from .exchangehelp import SHEET_TOOLS

SLUGS = ("northwind-emea", "contoso-retail", "fabrikam-health")
TOOLS = SHEET_TOOLS
NORTHWIND = "northwind-emea"


def _untouched_round_trip(root: Path, slug: str, tool: str | None, workbook: Path) -> None:
    repo = Repository.open(root)
    export_xlsx(repo, slug, workbook, tool=tool)
    head = git(root, "rev-parse", "HEAD")
    plan = plan_import(repo, workbook, slug, tool=tool)
    assert plan.report.errors == [], plan.report_lines()
    assert plan.writes == [], plan.preview_lines()
    assert apply_import(repo, plan).sha is None
    assert git(root, "rev-parse", "HEAD") == head
    assert git(root, "status", "--porcelain") == ""


@pytest.mark.parametrize("tool", [None, *TOOLS], ids=lambda t: t or "whole")
@pytest.mark.parametrize("slug", SLUGS)
def test_an_own_export_imported_untouched_is_no_change(
    slug: str, tool: str | None, demo_dir: Path, tmp_path: Path
) -> None:
    _untouched_round_trip(demo_dir, slug, tool, tmp_path / "export.xlsx")


def _reversed(value: Any) -> Any:
    """Every list of rows (tables with an id) in reverse order, at every depth."""
    if isinstance(value, dict):
        return {k: _reversed(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_reversed(v) for v in value]
        if items and all(isinstance(v, dict) and "id" in v for v in items):
            return items[::-1]
        return items
    return value


@pytest.fixture
def reversed_demo(_reversed_demo: Path) -> Iterator[Path]:
    """The demo with every file's rows stored in reverse order (as hand edits may leave
    them: a row added later for an early phase sits at the end of the file); shared by tests
    that only read it, so a test that changes it fails."""
    with kept_as_is(_reversed_demo):
        yield _reversed_demo


@pytest.fixture(scope="module")
def _reversed_demo(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("reversed") / "demo"
    shutil.copytree(demo_built, target, symlinks=True)
    for path in sorted((target / "engagements").rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(merge_into(text, _reversed(loads(text))), encoding="utf-8")
    git(target, "commit", "-q", "-am", "rows in reverse order")
    return target


@pytest.mark.parametrize("tool", [None, *TOOLS], ids=lambda t: t or "whole")
def test_an_own_export_of_rows_in_any_order_is_no_change(
    tool: str | None, reversed_demo: Path, tmp_path: Path
) -> None:
    _untouched_round_trip(reversed_demo, NORTHWIND, tool, tmp_path / "export.xlsx")


# --- skipped cells keep their stored values -----------------------------------------------------


def _is_value_cell(cell: Any) -> bool:
    """A cell pcsm exported as a field's value (bordered, not a header, read-only or id)."""
    if not isinstance(cell, Cell) or cell.border is None or cell.border.left is None:
        return False
    fill = str(cell.fill.fgColor.rgb) if cell.fill is not None else ""
    small = cell.font is not None and cell.font.sz == 8  # the grey id columns
    return cell.border.left.style == "thin" and fill[-6:] not in ("EEEEEE", "1F4E5F") and not small


@pytest.mark.parametrize("tool", TOOLS)
def test_every_value_cell_unusable_keeps_every_stored_value(
    tool: str, demo_dir: Path, tmp_path: Path
) -> None:
    """Each value cell becomes a formula with no saved value (a script-written workbook):
    every one is reported, and importing the rest changes nothing at all."""
    repo = Repository.open(demo_dir)
    workbook = tmp_path / "scripted.xlsx"
    export_xlsx(repo, NORTHWIND, workbook, tool=tool)
    book = load_workbook(workbook)
    changed: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if _is_value_cell(cell):
                    cell.value = "=1+1"
                    changed.add(f"{sheet.title}!{cell.coordinate}")
    book.save(workbook)
    assert changed
    plan = plan_import(repo, workbook, NORTHWIND, tool=tool)
    reported = {p.where for p in plan.report.errors}
    assert changed <= reported, sorted(changed - reported)[:5]
    assert all(NO_SAVED_VALUE in p.message for p in plan.report.errors), plan.report_lines()[:5]
    assert plan.writes == [], plan.preview_lines()
    with pytest.raises(ImportRefused):
        apply_import(repo, plan)
    assert apply_import(repo, plan, skip_bad_cells=True).sha is None


def test_a_bad_raci_code_keeps_the_stored_roles(demo_copy: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_copy)
    raci = load_engagement(repo, NORTHWIND).tool("raci.toml", Raci).matrices[0]
    activity = next(a for a in raci.activities if any("A" in r for r in a.cells.values()))
    column = next(c for c, roles in activity.cells.items() if "A" in roles)
    stored = activity.cells[column]
    workbook = tmp_path / "raci.xlsx"
    export_xlsx(repo, NORTHWIND, workbook, tool="raci")
    book = load_workbook(workbook)
    sheet = book["RACI Matrix"]
    cells = [c for row in sheet.iter_rows() for c in row]
    name_cell = next(c for c in cells if c.value == activity.name)
    ids_row = next(c.row for c in cells if c.value == "pcsm column id")
    column_cell = next(c for c in sheet[ids_row] if c.value == column)
    target = sheet.cell(name_cell.row, column_cell.column)
    target.value = "X"
    other = sheet.cell(name_cell.row + 1, column_cell.column)
    other.value = "I"  # a good edit on the next row goes through
    book.save(workbook)
    plan = plan_import(repo, workbook, NORTHWIND, tool="raci")
    assert [p.where for p in plan.report.errors] == [f"RACI Matrix!{target.coordinate}"]
    assert "'X' is not a RACI code" in plan.report.errors[0].message
    apply_import(repo, plan, skip_bad_cells=True)
    after = load_engagement(repo, NORTHWIND).tool("raci.toml", Raci).matrices[0]
    kept = next(a for a in after.activities if a.id == activity.id)
    assert kept.cells[column] == stored
    message = git(demo_copy, "log", "-1", "--format=%B")
    assert "→ (empty)" not in message and "R/A → " not in message
    assert "→ I" in message


def _risks_workbook(repo: Repository, path: Path) -> tuple[Any, Any]:
    export_xlsx(repo, NORTHWIND, path, tool="risks")
    book = load_workbook(path)
    sheet = book["Adoption Risks"]
    return book, sheet


def test_a_formula_without_a_saved_value_is_reported_and_keeps_the_stored_value(
    demo_copy: Path, tmp_path: Path
) -> None:
    repo = Repository.open(demo_copy)
    before = load_engagement(repo, NORTHWIND).tool("risks.toml", Risks).risks[0]
    workbook = tmp_path / "scripted.xlsx"
    book, sheet = _risks_workbook(repo, workbook)
    assert sheet["C4"].value == "Description" and sheet["D4"].value == "Likelihood"
    sheet["C5"] = '=CONCAT("Old orders", " first")'  # as openpyxl writes it: no saved value
    sheet["D5"] = "=2+1"
    book.save(workbook)
    plan = plan_import(repo, workbook, NORTHWIND, tool="risks")
    assert plan.report_lines() == [
        f"Adoption Risks!C5: Description: {NO_SAVED_VALUE}",
        f"Adoption Risks!D5: Likelihood: {NO_SAVED_VALUE}",
    ]
    assert plan.writes == []
    apply_import(repo, plan, skip_bad_cells=True)
    after = load_engagement(repo, NORTHWIND).tool("risks.toml", Risks).risks[0]
    assert (after.description, after.likelihood) == (before.description, before.likelihood)


def _with_saved_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells a saved value, as a spreadsheet program does on save (by hand in
    the sheet's XML: openpyxl never writes one)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    for name, data in parts.items():
        if not name.startswith("xl/worksheets/sheet"):
            continue
        text = data.decode("utf-8")
        for ref, value in values.items():
            pattern = rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?'
            text = re.sub(pattern, rf"\g<1>\g<2><v>{value}</v>", text)
        parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_with_a_saved_value_and_an_error_value(demo_copy: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_copy)
    workbook = tmp_path / "saved.xlsx"
    book, sheet = _risks_workbook(repo, workbook)
    sheet["D5"] = "=1+1"
    sheet["E5"] = "#REF!"
    book.save(workbook)
    _with_saved_values(workbook, {"D5": "2"})
    plan = plan_import(repo, workbook, NORTHWIND, tool="risks")
    assert [(p.where, "#REF!" in p.message) for p in plan.report.errors] == [
        ("Adoption Risks!E5", True)
    ]
    described = [c.describe() for c in plan.changes["engagements/northwind-emea/risks.toml"]]
    assert any("likelihood" in line and "→ 2" in line for line in described)


def test_text_beginning_with_equals_comes_back_exactly(demo_copy: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_copy)
    rel = f"engagements/{NORTHWIND}/risks.toml"
    path = demo_copy / rel
    data = loads(path.read_text(encoding="utf-8"))
    data["risks"][0]["description"] = "=SUM(A1:A3) is what finance types; not a formula"
    data["risks"][1]["name"] = "== slipped =="
    path.write_text(merge_into(path.read_text(encoding="utf-8"), data), encoding="utf-8")
    git(demo_copy, "commit", "-q", "-am", "text that starts with =")
    workbook = tmp_path / "equals.xlsx"
    export_xlsx(repo, NORTHWIND, workbook, tool="risks")
    sheet = load_workbook(workbook)["Adoption Risks"]
    assert sheet["C5"].value == "=SUM(A1:A3) is what finance types; not a formula"
    assert sheet["C5"].data_type == "s" and sheet["C5"].quotePrefix
    _untouched_round_trip(demo_copy, NORTHWIND, "risks", workbook)
    _untouched_round_trip(demo_copy, NORTHWIND, None, tmp_path / "whole.xlsx")
