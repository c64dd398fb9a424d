"""Hostile workbooks and import rules: refused or handled within seconds and bounded memory.

The workbooks are written by hand (zipfile and XML), since openpyxl would not write a bogus
dimension or a zip bomb. Each import runs in a child process with its address space limited
(`resource.setrlimit`) and a generous timeout, so a regression shows as a failed child, never
as a hung or swapping test run. Timings are never asserted tightly.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from pcsm_tui.io.placeholders import PatternError, compile_placeholders, is_placeholder
from pcsm_tui.io.rules import RulesError, load_rules
from pcsm_tui.store.repository import Repository

ADDRESS_SPACE = 1536 * 2**20
"""The child's whole address space (interpreter, libraries and the import): 1.5 GiB. The
unbounded reader needed 3 GB for a cell at XFD1048576 and 1.3 GB for one at B1048576."""
TIMEOUT = 120

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="xl/workbook.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Adoption Risks" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet1.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
</Relationships>"""

HEADER: list[object] = ["No.", "Name", "Description", "Likelihood", "Severity"]
ROWS: list[list[object]] = [[1, "Data migration slips", "Old orders first", 4, 3]]


def _cell(ref: str, value: object) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _table_rows() -> list[str]:
    """A small risks table at the top, as a person would type it."""
    out = []
    for number, values in enumerate([HEADER, *ROWS], start=1):
        cells = "".join(_cell(f"{'ABCDE'[i]}{number}", v) for i, v in enumerate(values))
        out.append(f'<row r="{number}">{cells}</row>')
    return out


def write_xlsx(
    path: Path, rows: list[str], dimension: str = "A1:E2", tail: str = "", pad: int = 0
) -> Path:
    """A one-sheet workbook whose sheet XML is exactly `rows` (plus `tail` after sheetData);
    `pad` adds that many bytes of white space (compresses to almost nothing)."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{"".join(rows)}</sheetData>{tail}'
        + " " * pad
        + "</worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    limit = int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from pathlib import Path
    from pcsm_tui.io.xlsx_import import WorkbookError, plan_import
    from pcsm_tui.store.repository import Repository
    start = time.monotonic()
    outcome = {}
    try:
        plan = plan_import(Repository.open(Path(sys.argv[1])), Path(sys.argv[2]), "acme",
                           tool="risks")
        outcome["rows"] = plan.rows
        outcome["errors"] = [str(p) for p in plan.report.errors]
    except WorkbookError as error:
        outcome["refused"] = str(error)
    outcome["seconds"] = time.monotonic() - start
    outcome["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(outcome))
    """
)


def import_in_child(repo: Repository, workbook: Path) -> dict[str, object]:
    """`plan_import` of `workbook` in a child limited to ADDRESS_SPACE and TIMEOUT."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(repo.root), str(workbook), str(ADDRESS_SPACE)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return outcome


@pytest.mark.parametrize(("far", "risks"), [("XFD1048576", 1), ("B1048576", 2), ("XFD1", 1)])
def test_one_far_away_cell_costs_one_cell(
    far: str, risks: int, repo: Repository, tmp_path: Path
) -> None:
    """A stray cell far away (with a `<dimension>` claiming the whole grid) is read as one
    cell: in the Name column it is one more risk, anywhere else it is nothing."""
    row = int("".join(c for c in far if c.isdigit()))
    rows = _table_rows()
    stray = f'<row r="{row}">{_cell(far, "stray")}</row>'
    if row > 2:
        rows = [*rows, stray]
    else:
        rows = [rows[0].replace("</row>", _cell(far, "x") + "</row>"), *rows[1:]]
    workbook = write_xlsx(tmp_path / "far.xlsx", rows, dimension=f"A1:{far}")
    outcome = import_in_child(repo, workbook)
    assert outcome.get("rows") == risks, outcome
    assert outcome["errors"] == []


def test_a_merged_range_over_a_whole_column_costs_nothing(repo: Repository, tmp_path: Path) -> None:
    merged = '<mergeCells count="2"><mergeCell ref="A2:A1048576"/><mergeCell ref="F1:F1048576"/>'
    merged += "</mergeCells>"
    workbook = write_xlsx(tmp_path / "merged.xlsx", _table_rows(), "A1:XFD1048576", merged)
    outcome = import_in_child(repo, workbook)
    assert outcome.get("rows") == 1, outcome


def test_too_many_cells_are_refused_with_what_to_do(repo: Repository, tmp_path: Path) -> None:
    from pcsm_tui.io.workbook import MAX_CELLS

    rows = _table_rows()
    columns = 10
    for number in range(3, MAX_CELLS // columns + 5):
        rows.append(
            f'<row r="{number}">'
            + "".join(f'<c r="{"FGHIJKLMNO"[i]}{number}"><v>1</v></c>' for i in range(columns))
            + "</row>"
        )
    workbook = write_xlsx(tmp_path / "big.xlsx", rows)
    outcome = import_in_child(repo, workbook)
    refused = str(outcome.get("refused"))
    assert "big.xlsx is too large to import" in refused, outcome
    assert f"{MAX_CELLS:,} filled cells" in refused and "new workbook" in refused


def test_a_zip_bomb_is_refused_before_it_is_unpacked(repo: Repository, tmp_path: Path) -> None:
    from pcsm_tui.io.workbook import MAX_UNPACKED_BYTES

    workbook = write_xlsx(tmp_path / "bomb.xlsx", _table_rows(), pad=MAX_UNPACKED_BYTES + 1)
    assert workbook.stat().st_size < 2**20  # it is small on disk
    outcome = import_in_child(repo, workbook)
    assert "unpacks to" in str(outcome.get("refused")), outcome
    assert float(str(outcome["seconds"])) < 30


def test_a_bad_xml_or_a_non_workbook_is_a_clear_refusal(repo: Repository, tmp_path: Path) -> None:
    broken = write_xlsx(tmp_path / "broken.xlsx", ["<row r='1'><c r='A1'>"])
    outcome = import_in_child(repo, broken)
    assert "is not an Excel workbook (.xlsx) pcsm can read" in str(outcome.get("refused"))
    text = tmp_path / "text.xlsx"
    text.write_text("not a zip")
    assert "is not an Excel workbook" in str(import_in_child(repo, text).get("refused"))


# --- the import rules ----------------------------------------------------------------------------


def test_a_backtracking_pattern_in_the_repositorys_rules_is_refused(
    repo: Repository, tmp_path: Path
) -> None:
    (repo.root / "import-rules.toml").write_text("placeholders = ['(a|a)+b']\n")
    with pytest.raises(RulesError) as caught:
        load_rules(repo.root)
    message = str(caught.value)
    assert "import-rules.toml" in message and "(a|a)+b" in message
    assert "looks like a regular expression" in message
    # The import itself says so at once, whatever the workbook holds.
    rows = [*_table_rows(), f'<row r="3">{_cell("B3", "a" * 40)}</row>']
    outcome = import_in_child(repo, write_xlsx(tmp_path / "a.xlsx", rows))
    assert "looks like a regular expression" in str(outcome.get("refused")), outcome


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("a**", "more than one '*'"),
        ("{a,{b}}", "do not nest"),
        ("{a,b", "without '}'"),
        ("#5", "'#' is followed by a digit"),
        ("a+a", "followed by 'a' again"),
        ("+x", "'+' must follow a character"),
        ("x" * 101, "longer than 100"),
        ("{" + ",".join(str(i) for i in range(210)) + "}", "more than 200"),
    ],
)
def test_placeholder_patterns_outside_the_syntax_are_refused(pattern: str, why: str) -> None:
    with pytest.raises(PatternError, match=re.escape(why)):
        compile_placeholders((pattern,))


def test_the_worst_patterns_in_the_syntax_stay_fast_on_the_worst_cells() -> None:
    patterns = ("*a", "a+*b", "#*#", " * ", "{a,aa,aaa}+*c", "[*]", "a a a a a a*b")
    compiled = compile_placeholders(patterns)
    cells = ["a" * 100, "a " * 50, "1" * 99 + "x", "[" * 100, "a" * 99 + "c" + "a"]
    start = time.process_time()
    for _ in range(200):
        for cell in cells:
            is_placeholder(compiled, cell)
    assert time.process_time() - start < 10  # microseconds each; 10 s only on a hung machine


def test_the_shipped_placeholders_still_match_template_filler() -> None:
    rules = load_rules(None)
    for text in ["[Enter task]", "Stakeholder 7", "stakeholder7", "Capability / Process 3"]:
        assert rules.is_placeholder(text), text
    for text in ["...", "_____", "TBD", " n/a "]:
        assert rules.is_placeholder(text), text
    for text in ["..", "Stakeholder workshop", "Risk of delay", "[a] b", "x" * 101]:
        assert not rules.is_placeholder(text), text
