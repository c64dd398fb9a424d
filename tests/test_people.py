"""People and their development from the shell and the service: `pcsm people [ID]`, the
person's view (evaluations over time, CPD focus, plan, engagements, RAPAE hours) and the
plan's exports (opened again with openpyxl and python-docx)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from pcsm_tui.analysis.people import UNCATEGORISED, rapae_hours
from pcsm_tui.framework import default_framework
from pcsm_tui.models.onboarding import ActivityLog
from pcsm_tui.service import Workspace

from .apphelp import TODAY
from .conftest import git
from .helpers import commits, run_cli

PEOPLE = ["maria-lopez", "dev-patel", "sam-okafor"]


def test_people_lists_the_team(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "people", "--repo", str(demo_dir))
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()] == PEOPLE
    assert "Maria Lopez · Senior Customer Success Manager · 1 engagements" in out
    code, out, _ = run_cli(capsys, "people", "--repo", str(demo_dir), "--format", "json")
    rows = json.loads(out)["people"]
    assert [r["id"] for r in rows] == PEOPLE
    assert all(r["has_plan"] for r in rows)  # the demo: three people with plans


def test_every_demo_person_has_a_plan_with_reviews(demo_dir: Path) -> None:
    workspace = Workspace(demo_dir, today=TODAY)
    for person in PEOPLE:
        view = workspace.person(person)
        plan = view.development
        assert plan.vision and plan.csfs and plan.activities
        assert len(plan.reviews) >= 2 and all(r.reviewer for r in plan.reviews)
        assert view.latest is not None


def test_one_person_in_text_and_json(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "people", "maria-lopez", "--repo", str(demo_dir))
    assert code == 0, err
    assert "Personal evaluation 2026-11-13 (against 2026-07-31):" in out
    assert "  E Customer Outcomes: 9  (was 7)" in out
    assert "CPD focus: A Time Management, B Productivity / Efficiency, G Technical Skills" in out
    assert "2026-Q3 with Priya Raman (Head of Customer Success)" in out
    assert "northwind-emea  Northwind Manufacturing · phase 6" in out
    code, out, _ = run_cli(
        capsys, "people", "maria-lopez", "--repo", str(demo_dir), "--format", "json"
    )
    found = json.loads(out)
    assert found["cpd_focus"] == ["A", "B", "G"]
    assert [r["quarter"] for r in found["development"]["reviews"]] == ["2026-Q2", "2026-Q3"]
    assert [e["slug"] for e in found["engagements"]] == ["northwind-emea"]
    hours = found["hours_by_rapae"]
    assert list(hours) == ["research", "analysis", "planning", "action", "evaluation"]
    assert sum(hours.values()) == found["engagements"][0]["hours"]


def test_an_unknown_person_is_a_usage_error(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "people", "nobody", "--repo", str(demo_dir))
    assert code == 2
    assert "no team member 'nobody'; the team: maria-lopez, dev-patel, sam-okafor" in err


def test_a_broken_activity_log_is_named_and_the_rest_shown(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = demo_copy / "engagements/northwind-emea/activity-log.toml"
    log.write_text("tasks = [", encoding="utf-8")
    code, out, err = run_cli(capsys, "people", "maria-lopez", "--repo", str(demo_copy))
    assert code == 1
    assert "Vision: Within three years" in out  # the plan still shows
    assert "left out engagements/northwind-emea/activity-log.toml" in err


def test_the_plan_exports_to_xlsx_and_docx(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = demo_copy / "people/dev-patel/development.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace('vision = "', 'vision = "=1+2 [b] ', 1), encoding="utf-8")
    xlsx, docx = tmp_path / "plan.xlsx", tmp_path / "plan.docx"
    before = commits(demo_copy)
    code, out, err = run_cli(
        capsys,
        "people",
        "dev-patel",
        "--repo",
        str(demo_copy),
        "--xlsx",
        str(xlsx),
        "--docx",
        str(docx),
    )
    assert code == 0, err
    assert out.splitlines() == [f"wrote {xlsx}", f"wrote {docx}"]
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert cells[0] == "Development plan: Dev Patel"
    assert any(str(c).startswith("=1+2 [b] ") for c in cells)
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []  # a vision that begins with = is text, never a formula
    for heading in ("Vision", "Critical success factors", "Quarterly targets and reviews"):
        assert heading in cells
    assert "Reviewer" in cells and "CPD focus" in " ".join(map(str, cells))
    word = Document(str(docx))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Development plan: Dev Patel" in paragraphs
    assert "Quarterly targets and reviews" in paragraphs
    reviews = next(t for t in word.tables if t.cell(0, 0).text == "Quarter")
    assert len(reviews.rows) == 3  # the header and the demo's two reviews
    assert commits(demo_copy) == before  # an export writes nothing into the repository
    assert git(demo_copy, "status", "--porcelain") == " M people/dev-patel/development.toml\n"


def test_export_needs_a_person(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "people", "--repo", str(demo_dir), "--xlsx", "x.xlsx")
    assert code == 2 and "need a person's id" in err


def test_hours_count_done_and_current_work_by_category() -> None:
    categories = default_framework().rapae
    log = ActivityLog.model_validate(
        {
            "tasks": [
                {"id": "a", "description": "x", "rapae": "research", "time_spent": 2},
                {
                    "id": "b",
                    "description": "x",
                    "rapae": "research",
                    "time_spent": 1.5,
                    "state": "in-progress",
                },
                {
                    "id": "c",
                    "description": "x",
                    "rapae": "action",
                    "time_spent": 9,
                    "state": "planned",
                },
                {"id": "d", "description": "x", "time_spent": 4},
            ]
        }
    )
    hours = {key: h for key, _, h in rapae_hours([log], categories)}
    assert hours == {
        "research": 3.5,
        "analysis": 0.0,
        "planning": 0.0,
        "action": 0.0,  # planned work is an estimate, not time spent
        "evaluation": 0.0,
        UNCATEGORISED: 4.0,
    }


def test_start_a_missing_plan_is_one_commit(demo_copy: Path) -> None:
    git(demo_copy, "rm", "-q", "people/sam-okafor/development.toml")
    git(demo_copy, "commit", "-qm", "plan removed")
    workspace = Workspace(demo_copy, today=TODAY)
    assert workspace.person_file("sam-okafor", "development.toml")[1] is False
    before = commits(demo_copy)
    workspace.start_person_file("sam-okafor", "development.toml")
    assert commits(demo_copy) == before + 1
    assert workspace.person_file("sam-okafor", "development.toml")[1] is True
    with pytest.raises(Exception, match="exists already"):
        workspace.start_person_file("sam-okafor", "development.toml")
    assert commits(demo_copy) == before + 1
