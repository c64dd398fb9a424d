"""Importing workbooks people made: the templates filled in by hand, and sheets made up.

Each workbook is built here with openpyxl in the shape a person would give it: title rows
above the header, legends beside the table, placeholder rows, blank rows, merged cells, codes
with stray spaces, levels as words, headers in other words or languages. A broken workbook
must give a precise report and write nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pcsm_tui.cli import main
from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.io.xlsx_import import ImportRefused, WorkbookError, apply_import, plan_import
from pcsm_tui.models.adoption import Capabilities, Risks
from pcsm_tui.models.checklists import Readiness
from pcsm_tui.models.commitment import Raci, StakeholderPlanMonth
from pcsm_tui.models.evaluation import Evaluation
from pcsm_tui.models.onboarding import OnboardingScore
from pcsm_tui.store.repository import Repository

from .conftest import git
from .helpers import toml_digests as _files


def _book(title: str) -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    return book, sheet


def _rows(sheet: Worksheet, first_row: int, rows: list[list[Any]], first_col: int = 1) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                sheet.cell(first_row + r, first_col + c, value)


def _risks_template(path: Path, rows: list[list[Any]]) -> None:
    book, sheet = _book("Adoption Risks")
    sheet["A1"] = "Adoption Risks Questionnaire"
    sheet.merge_cells("A1:K1")
    sheet["A2"] = "Acme rollout, filled in at the workshop"
    header = [
        "No.",
        "Name",
        "Description",
        "Likelihood",
        "Severity",
        "Score",
        "Strategy",
        "Responsible",
        "Accountable",
        "Consulted",
        "Informed",
    ]
    _rows(sheet, 4, [header, *rows])
    sheet["M4"] = "Scale"
    sheet["M5"] = "High = very likely, Low = unlikely"
    book.save(path)


def test_template_shaped_risks_with_level_words_placeholders_and_blank_rows(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "risks.xlsx"
    _risks_template(
        path,
        [
            [
                1,
                "Data migration slips",
                "Old orders must move first",
                "High",
                "Moderate",
                "=D5+E5",
                "Migrate in two waves",
                "IT lead",
                "CIO",
                "Finance",
                "All users",
            ],
            [None] * 11,
            [2, "Key users unavailable", "", 2, "very high", None, "", "", "", "", ""],
            [3, "Risk 3", "", 0, 0, 0, "", "", "", "", ""],
            [4, "[Enter risk]", None, None, None, None, None, None, None, None, None],
            ["Risk 5", "Risk 5", "", 0, 0, "=D9+E9", "", "", "", "", ""],
        ],
    )
    head = git(repo.root, "rev-parse", "HEAD")
    plan = plan_import(repo, path, "acme", tool="risks")
    assert plan.report.errors == []
    assert not any("Score" in p.message for p in plan.report.notes)
    apply_import(repo, plan)
    assert git(repo.root, "rev-parse", "HEAD~1") == head
    subject = git(repo.root, "log", "-1", "--format=%s").strip()
    assert subject == "acme: risks: imported a workbook (2 rows)"
    risks = load_engagement(repo, "acme").tool("risks.toml", Risks).risks
    assert [(r.no, r.name, r.likelihood, r.severity) for r in risks] == [
        (1, "Data migration slips", 4, 3),
        (2, "Key users unavailable", 2, 5),
    ]
    assert [r.id for r in risks] == ["data-migration-slips", "key-users-unavailable"]
    assert risks[0].accountable == "CIO"


def test_hand_made_raci_with_odd_codes_merged_cells_and_a_legend(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "raci.xlsx"
    book, sheet = _book("RACI")
    sheet["A1"] = "Who does what"
    _rows(
        sheet,
        3,
        [
            ["#", "Task", "CFO", "SPL", "CIO", None, "R = Responsible"],
            [1, "Funding approval", "A/R", " r ", "-", None, "A = Accountable"],
            [2, "Creating the business case", "C /I", "R/C", "a", None, "C = Consulted"],
            [3, "Kick-off", "N", "I", None, None, "I = Informed"],
            [None] * 5,
            [4, "Approving the plan", "RA", "C", "C"],
            [5, "[Enter task]"],
        ],
    )
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("B8:B9")
    sheet["B8"] = "Approving the plan"
    book.save(path)
    plan = plan_import(repo, path, "acme", tool="raci")
    assert plan.report.errors == [], plan.report_lines()
    apply_import(repo, plan)
    matrix = load_engagement(repo, "acme").tool("raci.toml", Raci).matrices[0]
    assert [c.title for c in matrix.columns] == ["CFO", "SPL", "CIO"]
    cells = {a.name: {k: "".join(sorted(v)) for k, v in a.cells.items()} for a in matrix.activities}
    assert cells["Funding approval"] == {"cfo": "AR", "spl": "R"}
    assert cells["Creating the business case"] == {"cfo": "CI", "spl": "CR", "cio": "A"}
    assert cells["Approving the plan"] == {"cfo": "AR", "spl": "C", "cio": "C"}
    assert cells["Kick-off"] == {"spl": "I"}
    assert len(matrix.activities) == 4
    assert [p.where for p in plan.report.notes if "A's on this task" in p.message] == ["RACI!6"]


def test_stakeholder_plan_template_with_merged_strategy_and_placeholders(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "plan.xlsx"
    book, sheet = _book("Month 1")
    header = [
        "Strategy",
        "Name",
        "Job role",
        "Relevance",
        "Seniority level",
        "Authority",
        "Interest",
        "Support",
        "Primary desires",
        "Primary concerns",
        "Notes",
        "Category",
    ]
    _rows(
        sheet,
        2,
        [
            header,
            [
                "A",
                "John Ashton",
                "CFO",
                "Financial decision making",
                10,
                8,
                6,
                "High",
                "Manage budget wisely, show a ROI",
                "Reduce costs",
                "Easy to work with",
                "High Priority",
            ],
            [
                None,
                "Terence King, Wayne Anderson, Letitia Ambrose",
                "Operations Management Team",
                "Using the new service",
                6,
                7,
                6,
                4,
                "Minimize disruptions",
                "Time away from tasks",
                "Need to increase support",
            ],
            [
                None,
                "Sue Saunders",
                "SPL",
                "Project manager for the initiative",
                6,
                6,
                8,
                9,
                "Smooth running",
                "Roadblocks",
                "Great relationship",
            ],
            *[[n, f"stakeholder {n}", f"stakeholder {n}", f"stakeholder {n}"] for n in range(4, 8)],
            ["Note: Delete any unused rows and/or add further rows to suit"],
        ],
    )
    sheet.merge_cells("A3:A5")
    book.save(path)
    plan = plan_import(repo, path, "acme", tool="stakeholder-plan")
    assert plan.report.errors == [], plan.report_lines()
    apply_import(repo, plan)
    data = load_engagement(repo, "acme")
    month = data.month(data.months()[0])
    assert isinstance(month, StakeholderPlanMonth)
    register = data.register.stakeholders
    assert [(s.name, s.kind, s.job_role) for s in register] == [
        ("John Ashton", "person", "CFO"),
        ("Terence King, Wayne Anderson, Letitia Ambrose", "group", "Operations Management Team"),
        ("Sue Saunders", "person", "SPL"),
    ]
    assert [(r.strategy, r.stakeholder) for r in month.rows] == [
        ("A", "cfo"),
        ("A", "operations-management-team"),
        ("A", "spl"),
    ]
    assert [(a.authority, a.interest, a.support) for a in month.assessments] == [
        (8, 6, 8),
        (7, 6, 4),
        (6, 8, 9),
    ]
    assert [s.id for s in month.strategies] == ["A"]


def test_readiness_template_without_a_question_header_and_yes_no_words(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "readiness.xlsx"
    book, sheet = _book("Phase 1")
    _rows(
        sheet,
        1,
        [
            [None, None, "Yes / No", "Date", "Comments"],
            [
                1,
                "Have all project outcomes been clearly defined and agreed?",
                "yes",
                "03/04/2026",
                "ok",
            ],
            [
                2,
                "Have all processes that will undergo change been identified?",
                "N",
                dt.datetime(2026, 4, 5),
                "",
            ],
            [3, "Is the coffee machine ready?", "✓", None, "our own check"],
            [4, None, None, None, None],
        ],
    )
    book.create_sheet("Instructions")["A1"] = "Answer every question before the go-live"
    book.save(path)
    plan = plan_import(repo, path, "acme", tool="readiness")
    assert plan.report.errors == [], plan.report_lines()
    assert [p.where for p in plan.report.notes if p.message.endswith("skipped")] == ["Instructions"]
    apply_import(repo, plan)
    checklist = load_engagement(repo, "acme").tool("readiness.toml", Readiness).checklists[0]
    assert [(i.id, i.answer, i.date) for i in checklist.items] == [
        ("outcomes-defined", True, dt.date(2026, 4, 3)),
        ("processes-identified", False, dt.date(2026, 4, 5)),
        ("is-the-coffee-machine-ready", True, None),
    ]


def test_headers_in_another_language(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "faehigkeiten.xlsx"
    book, sheet = _book("Fähigkeiten")
    _rows(
        sheet,
        1,
        [
            [
                "Nr.",
                "Bezeichnung",
                "Beschreibung",
                "Verantwortlich",
                "Abteilung",
                "Auswirkung",
                "Betroffene",
                "Priorität",
            ],
            [
                1,
                "Auftragserfassung",
                "Neue Aufträge erfassen",
                "Vertrieb",
                "Sales",
                "Schneller",
                "Alle Verkäufer",
                "hoch",
            ],
        ],
    )
    book.save(path)
    plan = plan_import(repo, path, "acme", tool="capabilities")
    assert plan.report.errors == [], plan.report_lines()
    assert any("Priorität" in p.message for p in plan.report.notes)
    apply_import(repo, plan)
    (capability,) = (
        load_engagement(repo, "acme").tool("capabilities.toml", Capabilities).capabilities
    )
    assert (
        capability.name,
        capability.owner,
        capability.department,
        capability.impacted_users,
    ) == (
        "Auftragserfassung",
        "Vertrieb",
        "Sales",
        "Alle Verkäufer",
    )


def test_evaluation_template_grid_and_scoring_template(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "phase7.xlsx"
    book, sheet = _book("Engagement Evaluation")
    _rows(
        sheet,
        1,
        [
            [None, "One", "Two", "Three"],
            ["Challenges Solved", "Overcame hostile relationship", "Turned around phase one"],
            ["Lessons Learned", "Get introduced early", None, "Keep lines open"],
            ["Successes to Celebrate", "Hit Q2 milestone by 10%"],
        ],
    )
    scoring = book.create_sheet("Onboarding Scoring")
    _rows(
        scoring,
        2,
        [
            ["Aspect", "Score (0 to 5)", "Explanations"],
            ["Products/Services", 3, "Score 0 for simple"],
            ["Customization", "High", ""],
            ["Adoption Needs", " 2 ", ""],
            ["Customer Maturity", None, ""],
            ["TOTAL", "=SUM(C3:C6)"],
        ],
        first_col=2,
    )
    book.save(path)
    plan = plan_import(repo, path, "acme")
    assert plan.report.errors == [], plan.report_lines()
    apply_import(repo, plan)
    data = load_engagement(repo, "acme")
    entries = data.tool("evaluation.toml", Evaluation).entries
    assert [(e.category, e.text) for e in entries] == [
        ("challenges-solved", "Overcame hostile relationship"),
        ("challenges-solved", "Turned around phase one"),
        ("lessons-learned", "Get introduced early"),
        ("lessons-learned", "Keep lines open"),
        ("successes-to-celebrate", "Hit Q2 milestone by 10%"),
    ]
    score = data.tool("onboarding-score.toml", OnboardingScore)
    assert (score.products_services, score.customization, score.adoption_needs) == (3, 4, 2)
    assert score.customer_maturity == 0


def test_a_repository_can_add_level_words(repo: Repository, tmp_path: Path) -> None:
    (repo.root / "import-rules.toml").write_text('[levels]\n"urgent" = 10\n"meh" = 4\n')
    path = tmp_path / "risks.xlsx"
    _risks_template(path, [[1, "Outage", "", "Urgent", "meh", None, "", "", "", "", ""]])
    apply_import(repo, plan_import(repo, path, "acme", tool="risks"))
    (risk,) = load_engagement(repo, "acme").tool("risks.toml", Risks).risks
    assert (risk.likelihood, risk.severity) == (5, 2)


BROKEN = [
    [1, "Outage", "", "lots", 2, None, "", "", "", "", ""],
    [2, "Slow adoption", "", 7, "High", None, "", "", "", "", ""],
    [3, "Budget", "", 1, 1, None, "", "", "", "", ""],
]


def test_broken_workbook_gives_a_precise_report_and_writes_nothing(
    repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.xlsx"
    _risks_template(path, BROKEN)
    book_path = tmp_path / "wrong.xlsx"
    book, sheet = _book("Adoption Barriers")
    _rows(sheet, 1, [["Foo", "Bar", "Baz"], [1, 2, 3]])
    book.save(book_path)
    head = git(repo.root, "rev-parse", "HEAD")
    before = _files(repo.root)

    plan = plan_import(repo, path, "acme", tool="risks")
    errors = [str(p) for p in plan.report.errors]
    assert errors == [
        "Adoption Risks!D5: Likelihood: 'lots' is not a number or a level word such as "
        "High, Moderate, Low",
        "Adoption Risks!D6: Likelihood: 7 is outside the risk scale 0..5",
    ]
    with pytest.raises(ImportRefused, match="--skip-bad-cells"):
        apply_import(repo, plan)
    assert main(["import", str(path), "--engagement", "acme", "--repo", str(repo.root)]) == 1
    out = capsys.readouterr()
    assert "Adoption Risks!D5" in out.out and "nothing was written" in out.err
    assert (
        main(["import", str(path), "--engagement", "acme", "--repo", str(repo.root), "--dry-run"])
        == 1
    )
    assert (
        main(
            [
                "import",
                str(book_path),
                "--engagement",
                "acme",
                "--tool",
                "barriers",
                "--repo",
                str(repo.root),
            ]
        )
        == 1
    )
    assert "no table found with the columns of Adoption Barriers" in capsys.readouterr().out
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert _files(repo.root) == before

    assert (
        main(
            [
                "import",
                str(path),
                "--engagement",
                "acme",
                "--repo",
                str(repo.root),
                "--skip-bad-cells",
            ]
        )
        == 0
    )
    risks = load_engagement(repo, "acme").tool("risks.toml", Risks).risks
    assert [(r.name, r.likelihood, r.severity) for r in risks] == [
        ("Outage", None, 2),
        ("Slow adoption", None, 4),
        ("Budget", 1, 1),
    ]
    assert git(repo.root, "rev-parse", "HEAD~1") == head


def test_usage_and_file_errors_exit_2(
    repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(repo.root)
    not_xlsx = tmp_path / "notes.xlsx"
    not_xlsx.write_text("hello")
    assert main(["import", str(not_xlsx), "--engagement", "acme", "--repo", root]) == 2
    assert "is not an Excel workbook" in capsys.readouterr().err
    assert (
        main(["import", str(tmp_path / "missing.xlsx"), "--engagement", "acme", "--repo", root])
        == 2
    )
    path = tmp_path / "risks.xlsx"
    _risks_template(path, BROKEN[2:])
    assert main(["import", str(path), "--engagement", "nope", "--repo", root]) == 2
    assert (
        main(["import", str(path), "--engagement", "acme", "--tool", "nope", "--repo", root]) == 2
    )
    book, _sheet = _book("Shopping list")
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(WorkbookError, match=r"no sheet of other\.xlsx is recognized"):
        plan_import(repo, tmp_path / "other.xlsx", "acme")
    redacted = tmp_path / "redacted.xlsx"
    export_xlsx(repo, "acme", redacted, tool="risks", redact=True)
    assert main(["import", str(redacted), "--engagement", "acme", "--repo", root]) == 2
    assert "redacted export" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "acme",
                "--tool",
                "risks",
                "--docx",
                str(tmp_path / "x.docx"),
                "--repo",
                root,
            ]
        )
        == 2
    )
    assert main(["import", str(path), "--engagement", "acme", "--repo", root, "--dry-run"]) == 0
