"""Export -> import gives the same data, ids kept: for every tool, on the demo's northwind-emea.

Real workbooks on disk, real commits; nothing is mocked. Three round trips:
- the whole engagement back into itself: nothing changes, no commit;
- each tool alone, after its files were reset to a new engagement's content: the tool's data
  comes back equal to what was exported;
- the whole workbook into a brand-new engagement: every tool equal.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.framework.catalogue import TOOLS, TOOLS_BY_ID
from pcsm_tui.framework.prefill import engagement_files
from pcsm_tui.io.bundle import EngagementData, load_engagement
from pcsm_tui.io.layouts import adapters
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.io.xlsx_import import apply_import, plan_import
from pcsm_tui.models.commitment import Raci
from pcsm_tui.store.messages import Scope
from pcsm_tui.store.repository import Repository, Write, dump

from .conftest import git
from .exchangehelp import PSEUDO_TOOLS, SHEET_TOOLS

SLUG = "northwind-emea"


def _tool_files(data: EngagementData, tool: str) -> dict[str, Any]:
    """The dumps of the files a tool's sheets hold (the part of them that is exported)."""
    if tool in ("stakeholder-plan", "stakeholder-matrix"):
        out: dict[str, Any] = {}
        for month in data.months():
            model = dump(data.month(month))
            if tool == "stakeholder-matrix":
                out[month] = model.get("assessments", [])
            else:
                model["assessments"] = sorted(
                    model.get("assessments", []), key=lambda a: a["stakeholder"]
                )
                out[month] = model
        return out
    if tool == "personal-evaluation":
        return {
            person: [e.model_dump() for e in file.evaluations if e.engagement == data.slug]
            for person, file in data.evaluations().items()
        }
    found = dump(data.models[data.rel(TOOLS_BY_ID[tool].file)])
    return _shown_titles(found, data) if tool == "raci" else found


def _reset(repo: Repository, tool: str) -> None:
    """The tool's files as a new engagement has them (plan months and evaluations removed)."""
    data = load_engagement(repo, SLUG)
    writes: list[Write] = []
    if tool in ("stakeholder-plan", "stakeholder-matrix"):
        for month in data.months():
            rel = data.month_rel(month)
            writes.append(Write(rel, None, data.loaded[rel].digest))
    elif tool == "personal-evaluation":
        for person, file in data.evaluations().items():
            rel = data.person_rel(person)
            kept = [e for e in file.evaluations if e.engagement != SLUG]
            writes.append(
                Write(rel, file.model_copy(update={"evaluations": kept}), data.loaded[rel].digest)
            )
    else:
        filename = TOOLS_BY_ID[tool].file
        fresh = engagement_files(repo.framework, "Northwind Manufacturing")[filename]
        rel = data.rel(filename)
        if tool == "impacted-groups":  # adoption activities name the groups: keep the ids
            groups = [{"id": g.id, "name": ""} for g in data.loaded[rel].model.groups]  # type: ignore[attr-defined]
            fresh = type(fresh).model_validate({"groups": groups})
        writes.append(Write(rel, fresh, data.loaded[rel].digest))
    repo.save(writes, Scope(engagement=SLUG, tool=tool), headline="reset for a round trip")


def test_whole_engagement_back_into_itself_changes_nothing(demo_copy: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_copy)
    workbook = tmp_path / "northwind.xlsx"
    result = export_xlsx(repo, SLUG, workbook)
    assert len(result.sheets) > 40
    head = git(demo_copy, "rev-parse", "HEAD")
    plan = plan_import(repo, workbook, SLUG)
    assert plan.report.errors == []
    assert plan.writes == []
    assert plan.rows > 400
    commit = apply_import(repo, plan)
    assert commit.sha is None
    assert git(demo_copy, "rev-parse", "HEAD") == head


def test_every_tool_with_sheets_is_a_catalogue_tool(demo_copy: Path) -> None:
    """The per-tool round trips run over the catalogue (and SHEET_TOOLS): none is left out."""
    with_sheets = [a.tool for a in adapters(Repository.open(demo_copy).framework)]
    assert sorted(with_sheets) == sorted(SHEET_TOOLS)
    assert [tool for tool in with_sheets if tool not in PSEUDO_TOOLS] == [t.id for t in TOOLS]


@pytest.mark.parametrize("tool", [tool.id for tool in TOOLS])
def test_each_tool_comes_back_equal_with_its_ids(
    tool: str, demo_copy: Path, tmp_path: Path
) -> None:
    repo = Repository.open(demo_copy)
    before = _tool_files(load_engagement(repo, SLUG), tool)
    workbook = tmp_path / "t.xlsx"
    export_xlsx(repo, SLUG, workbook, tool=tool)
    _reset(repo, tool)
    assert _tool_files(load_engagement(repo, SLUG), tool) != before
    plan = plan_import(repo, workbook, SLUG, tool=tool)
    assert plan.report.errors == [], plan.report_lines()
    commit = apply_import(repo, plan)
    assert commit.sha is not None
    assert commit.subject.startswith(f"{SLUG}: {tool}: imported a workbook (")
    assert _without_decisions(_tool_files(load_engagement(repo, SLUG), tool)) == (
        _without_decisions(before)
    )


def _without_decisions(data: Any) -> Any:
    """The readiness copies' go/no-go decisions are not in the workbook (a known limit:
    the import keeps a copy's stored decisions, a new engagement starts without them)."""
    if isinstance(data, dict):
        return {k: _without_decisions(v) for k, v in data.items() if k != "decisions"}
    if isinstance(data, list):
        return [_without_decisions(v) for v in data]
    return data


def _shown_titles(raci: dict[str, Any], data: EngagementData) -> dict[str, Any]:
    """RACI columns with the title a reader sees (an empty title shows the register's role)."""
    from pcsm_tui.io.raci_sheet import column_title

    register = data.register.by_id()
    model = Raci.model_validate(raci)
    for matrix in model.matrices:
        for column in matrix.columns:
            column.title = column_title(column, register)
    return dump(model)


def test_whole_workbook_into_a_new_engagement(demo_copy: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_copy)
    workbook = tmp_path / "northwind.xlsx"
    export_xlsx(repo, SLUG, workbook)
    original = load_engagement(repo, SLUG)
    repo.new_engagement("copy", "Someone else", start=original.engagement.start_date)
    plan = plan_import(repo, workbook, "copy")
    assert plan.report.errors == [], plan.report_lines()
    commits = int(git(demo_copy, "rev-list", "--count", "HEAD"))
    apply_import(repo, plan)
    assert int(git(demo_copy, "rev-list", "--count", "HEAD")) == commits + 1
    copy = load_engagement(repo, "copy")
    for rel, model in original.models.items():
        if rel.startswith("people/"):
            continue
        twin = copy.models[rel.replace(f"/{SLUG}/", "/copy/")]
        mine, theirs = dump(model), dump(twin)
        if rel.endswith("engagement.toml"):
            mine.pop("activities_done", None)
            theirs.pop("activities_done", None)
        if rel.endswith("raci.toml"):
            mine, theirs = _shown_titles(mine, original), _shown_titles(theirs, copy)
        mine, theirs = _without_decisions(mine), _without_decisions(theirs)
        assert mine == theirs, rel
    assert [e.id for e in copy.evaluations()["maria-lopez"].evaluations if e.engagement == "copy"]


def test_the_workbook_opens_with_openpyxl_and_keeps_excel_features(
    demo_copy: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    repo = Repository.open(demo_copy)
    workbook = tmp_path / "northwind.xlsx"
    export_xlsx(repo, SLUG, workbook)
    book = load_workbook(workbook)
    names = book.sheetnames
    phase4 = [
        "General Adoption Requirements",
        "Capabilities & Processes",
        "Impacted Groups",
        "Adoption Activities",
        "Practical Considerations",
        "Adoption Barriers",
        "Adoption Risks",
    ]
    assert [n for n in names if n in phase4] == phase4
    months = [n for n in names if n.startswith("Month ")]
    assert months == [f"Month {i} (2026-{m:02d})" for i, m in enumerate(range(5, 11), start=1)]
    assert [n for n in names if n.startswith("Readiness ")] == [
        f"Readiness {i}" for i in range(1, 5)
    ]
    assert [n for n in names if n.startswith("Value Realization ")] == [
        f"Value Realization {i}" for i in range(1, 5)
    ]
    scoring = book["Onboarding Scoring"]
    assert scoring["C7"].value == "=SUM(C3:INDEX(C:C,ROW()-1))"
    assert str(scoring["C8"].value).startswith('=IF(INDEX(C:C,ROW()-1)<=5,"Simple"')
    assert [scoring.cell(r, 3).value for r in range(17, 21)] == [
        "Simple",
        "Straightforward",
        "Fairly Complex",
        "Highly Complex",
    ]
    raci = book["RACI Matrix"]
    texts = {str(c.value) for row in raci.iter_rows() for c in row if c.value is not None}
    assert {"Responsible", "Accountable", "Consulted", "Informed", "Legend"} <= texts
    assert any(str(v).startswith("=COUNTIF(") for v in texts)
    risks = book["Adoption Risks"]
    assert risks.freeze_panes == "A5"
    lists = [dv.formula1 for dv in risks.data_validations.dataValidation]
    assert '"Y,N"' not in lists and any(
        dv.type == "whole" for dv in risks.data_validations.dataValidation
    )
    assert any('"R,A,C,I,R/A' in str(dv.formula1) for dv in raci.data_validations.dataValidation)
    challenges = book["Challenges & Changes"]
    assert any(dv.formula1 == '"Y,N"' for dv in challenges.data_validations.dataValidation)
    plan = book["Month 6 (2026-10)"]
    assert any(r.min_col == 1 and r.max_row > r.min_row for r in plan.merged_cells.ranges)
    assert risks.column_dimensions["C"].width >= 40


def _to_pdf(office: str, workbook: Path) -> tuple[Path, str]:
    """LibreOffice's PDF of `workbook`, beside it (absent if it made none), and what it said.
    Its exit code says nothing: 0 even when it could not load the file."""
    done = subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(workbook.parent), workbook],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    return workbook.with_suffix(".pdf"), f"exit {done.returncode}: {done.stdout}{done.stderr}"


def test_libreoffice_converts_the_workbook_to_pdf(demo_copy: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed here; CI does not depend on it")
    repo = Repository.open(demo_copy)
    workbook = tmp_path / "northwind.xlsx"
    export_xlsx(repo, SLUG, workbook, tool="risks")
    pdf, said = _to_pdf(office, workbook)
    if not pdf.exists():
        # Ours, or a LibreOffice that reads no workbook at all (Debian's writer-only install,
        # without libreoffice-calc, says "source file could not be loaded")? An empty workbook
        # written by openpyxl tells the two apart.
        (tmp_path / "probe").mkdir()
        empty = tmp_path / "probe" / "empty.xlsx"
        Workbook().save(empty)
        probe, probe_said = _to_pdf(office, empty)
        if not probe.exists():
            pytest.skip(
                f"{office} cannot convert even an empty workbook written by openpyxl (is its "
                f"spreadsheet part, libreoffice-calc, installed?): {probe_said.strip()}"
            )
    assert pdf.exists(), f"LibreOffice converts an empty workbook but not ours: {said}"
    assert pdf.stat().st_size > 1000


def test_edits_made_in_the_workbook_come_back_as_one_commit(
    demo_copy: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    repo = Repository.open(demo_copy)
    workbook = tmp_path / "northwind.xlsx"
    steps: list[tuple[str, float]] = []
    export_xlsx(repo, SLUG, workbook, progress=lambda text, done: steps.append((text, done)))
    assert steps[-1] == ("done", 1.0)
    assert [done for _text, done in steps] == sorted(done for _text, done in steps)
    book = load_workbook(workbook)
    risks = book["Adoption Risks"]
    header = [c.value for c in risks[4]]
    likelihood = header.index("Likelihood") + 1
    risks.cell(5, likelihood, "very low")
    raci = book["RACI Matrix"]
    raci["C10"] = " c / i "
    book.save(workbook)
    plan = plan_import(repo, workbook, SLUG)
    assert plan.report.errors == []
    assert sorted(w.rel.rsplit("/", 1)[1] for w in plan.writes) == ["raci.toml", "risks.toml"]
    described = [c.describe() for changes in plan.changes.values() for c in changes]
    assert any("likelihood" in line and "→ 1" in line for line in described)
    assert any("→ C/I" in line for line in described)
    before = int(git(demo_copy, "rev-list", "--count", "HEAD"))
    result = apply_import(repo, plan)
    assert int(git(demo_copy, "rev-list", "--count", "HEAD")) == before + 1
    assert result.subject == f"{SLUG}: imported a workbook ({plan.rows} rows)"
    assert "Pcsm-Action: import" in git(demo_copy, "log", "-1", "--format=%B")
