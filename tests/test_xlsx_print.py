"""Exports that print well: row heights, print set-up, the matrix chart, sheet names.

Read back with openpyxl from a real export of the demo; and, where LibreOffice is
installed, converted to PDF and rendered to PNG the way a person would print it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Cm
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pcsm_tui.io.matrix_sheet import MARKER_COLOUR
from pcsm_tui.io.print_layout import (
    LANDSCAPE_CHARS,
    LINE_POINTS,
    MIN_SCALE,
    PORTRAIT_CHARS,
    wrapped_lines,
)
from pcsm_tui.io.proposal_doc import export_proposal
from pcsm_tui.io.sheet_names import SHEET_LIMIT, sheet_title
from pcsm_tui.io.sheet_writer import BookWriter
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
    assert isinstance(ws, Worksheet)
    header = next(int(r[0].row or 0) for r in ws.iter_rows() if r[1].value == "Activity / task")
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


def _total_width(ws: Worksheet) -> float:
    return sum(_width(ws, get_column_letter(c)) for c in range(1, ws.max_column + 1))


def _shows(value: Any) -> bool:
    return value is not None and not str(value).startswith("=IF(COUNTA(")


def test_every_sheet_prints_readably_with_its_header_repeated(exported: Path) -> None:
    book = load_workbook(exported)
    split = 0
    for ws in book.worksheets:
        area = str(ws.print_area).rsplit("!", 1)[1]
        assert area.startswith("$A$1:"), ws.title
        _, letters, number = area.split(":")[1].split("$")
        assert column_index_from_string(letters) >= ws.max_column, ws.title
        # Every row that shows something; the formulas continued under a table for rows a
        # person adds (they show nothing) are left out of the print.
        shown = max(
            (n for n, row in enumerate(ws.iter_rows(), 1) if any(_shows(c.value) for c in row)),
            default=1,
        )
        assert int(number) >= shown, ws.title
        total = _total_width(ws)
        wide = total > PORTRAIT_CHARS
        assert ws.page_setup.orientation == ("landscape" if wide else "portrait"), ws.title
        across = LANDSCAPE_CHARS if wide else PORTRAIT_CHARS
        fitting = ws.sheet_properties.pageSetUpPr
        if fitting is not None and fitting.fitToPage:
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
            assert across / total * 100 >= MIN_SCALE, f"{ws.title} would print too small"
        else:
            assert int(ws.page_setup.scale or 100) == MIN_SCALE, ws.title
            assert ws.print_title_cols, f"{ws.title}: pages across need the row names"
            split += 1
    assert split > 0, "the demo has sheets too wide for one readable page"
    plan = book["Month 1 (2026-05)"]
    header = min(c.row for c in plan["A"] if str(c.fill.fgColor.rgb or "").endswith("1F4E5F"))
    assert plan.print_title_rows == f"${header}:${header}"


def test_matrix_chart_points_are_filled_and_labelled(exported: Path) -> None:
    ws = load_workbook(exported)["Stakeholder Matrix"]
    assert isinstance(ws, Worksheet)
    charts: list[Any] = getattr(ws, "_charts")  # noqa: B009 (openpyxl keeps charts read here)
    assert len(charts) == 1
    series = charts[0].series
    latest = [r for r in ws.iter_rows(values_only=True) if r[0] == "2026-10"]
    assert len(series) == len(latest) > 3
    for one in series:
        fill = one.marker.graphicalProperties.solidFill
        assert fill is not None and str(fill.srgbClr).upper() == MARKER_COLOUR
        assert one.marker.symbol == "circle"
        assert one.dLbls is not None and one.dLbls.showSerName
        assert one.tx.strRef.f.startswith("'Stakeholder Matrix'!$B$")
    corner = str(ws.print_area).rsplit(":", 1)[1]
    anchor_row = charts[0].anchor._from.row + 1
    assert int(corner.split("$")[2]) > anchor_row + 10, "the chart is inside the print area"


_NAME_TEXT = st.lists(
    st.text(alphabet=st.sampled_from("ab-'[]:*?/\\\\é"), min_size=1, max_size=12),
    max_size=9,
).map(" ".join)


@given(_NAME_TEXT)
def test_sheet_titles_are_short_clean_and_cut_between_words(name: str) -> None:
    title = sheet_title(name)
    assert 0 < len(title) <= SHEET_LIMIT
    assert not set(title) & set("[]:*?/\\\\") and title[0] != "'" and title[-1] != "'"
    cleaned = " ".join("".join("-" if c in "[]:*?/\\\\" else c for c in name).split())
    if title != "Sheet":
        assert cleaned.strip("'").startswith(title)
        rest = cleaned.strip("'")[len(title) :]
        if rest and " " in cleaned[SHEET_LIMIT // 2 : SHEET_LIMIT + 1]:
            removed = rest[: len(rest) - len(rest.lstrip("',;:&(-"))]
            after = rest[len(removed) :]
            assert after[:1] in ("", " ") or "-" in removed, f"{title!r} cut from {cleaned!r}"


@given(st.lists(_NAME_TEXT, max_size=8))
def test_sheet_names_in_a_book_are_unique(names: list[str]) -> None:
    book = BookWriter({})
    titles = [book.sheet(name).name for name in names]
    assert len({t.lower() for t in titles}) == len(titles)
    assert all(len(t) <= SHEET_LIMIT for t in titles)


def test_demo_sheet_names_end_on_whole_words(exported: Path) -> None:
    names = load_workbook(exported).sheetnames
    assert "Onboarding 1 Kick-off" in names
    assert not [n for n in names if n.endswith(("plann", "configur", "enabl", "sign-o"))]


_TOOLS = ("soffice", "pdftotext", "pdftoppm")
_MISSING = [tool for tool in _TOOLS if shutil.which(tool) is None]


def _pdf(workbook: Path, out: Path) -> Path:
    """LibreOffice's own conversion, as `soffice --headless --convert-to pdf` does it for a
    person; a profile of the test's own, so a running LibreOffice is never disturbed."""
    profile = (out / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = out / (workbook.stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


@pytest.mark.skipif(bool(_MISSING), reason=f"needs LibreOffice and poppler: {_MISSING} missing")
def test_printed_raci_shows_whole_headers_and_the_matrix_its_points(
    demo_dir: Path, tmp_path: Path
) -> None:
    repo = Repository.open(demo_dir)
    raci = tmp_path / "raci.xlsx"
    export_xlsx(repo, SLUG, raci, tool="raci")
    pdf = _pdf(raci, tmp_path)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    sheet = load_workbook(raci)["RACI Matrix"]
    header = next(r for r in sheet.iter_rows() if r[1].value == "Activity / task")
    values = [str(c.value) for c in header]
    titles = values[2 : values.index("A's")]
    assert len(titles) > 5
    printed = text.split("Activity / task", 1)[1].split("A's", 1)[0].split()
    for word in {w for t in titles for w in t.split()}:
        wanted = sum(t.split().count(word) for t in titles)
        assert printed.count(word) >= wanted, f"{word!r}: a header is cut in print"
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Pages:" not in pages or int(pages.split("Pages:")[1].split()[0]) <= 6

    matrix = tmp_path / "matrix.xlsx"
    export_xlsx(repo, SLUG, matrix, tool="stakeholder-matrix")
    pdf = _pdf(matrix, tmp_path)
    subprocess.run(["pdftoppm", "-r", "50", str(pdf), str(tmp_path / "m")], check=True)
    red = bytes.fromhex(MARKER_COLOUR)
    marked = sum(_pixels_near(ppm, red) for ppm in sorted(tmp_path.glob("m-*.ppm")))
    assert marked > 100, "no matrix points in the printed pages"
    labels = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Stakeholder matrix 2026-10" in labels
    assert "Piotr Nowak" in labels.split("Stakeholder matrix 2026-10", 1)[1]


def _pixels_near(ppm: Path, colour: bytes) -> int:
    """How many pixels of a binary PPM (pdftoppm's own output) are close to `colour`."""
    raw = ppm.read_bytes()
    fields = raw.split(maxsplit=4)
    assert fields[0] == b"P6" and fields[3] == b"255"
    pixels = fields[4]
    return sum(
        1
        for i in range(0, len(pixels) - 2, 3)
        if all(abs(pixels[i + k] - colour[k]) < 40 for k in range(3))
    )


def test_proposal_letter_is_a4_with_a_closing_and_sender(demo_dir: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_dir)
    target = export_proposal(repo, SLUG, tmp_path / "p.docx", "docx")
    document = Document(str(target))
    for section in document.sections:
        assert abs(int(section.page_width or 0) - Cm(21.0)) < Cm(0.1)
        assert abs(int(section.page_height or 0) - Cm(29.7)) < Cm(0.1)
    texts = [p.text for p in document.paragraphs]
    closing = texts.index("Yours sincerely,")
    assert texts[closing + 1].startswith("Maria Lopez\nCustomer Success Manager\n")
    assert "maria.lopez@larkspur.example" in texts[closing + 1]
    markdown = export_proposal(repo, SLUG, tmp_path / "p.md", "md").read_text("utf-8")
    assert "Yours sincerely,\n\nMaria Lopez  \nCustomer Success Manager  \n" in markdown
