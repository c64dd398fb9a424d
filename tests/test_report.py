"""`pcsm report`: the milestone report as Word, Markdown and HTML from the demo's data."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from docx import Document

from pcsm_tui.cli import main
from pcsm_tui.io.report_doc import md_text
from pcsm_tui.service import Workspace

from .conftest import git

NORTHWIND = "northwind-emea"
TODAY = dt.date(2026, 11, 22)


def test_docx_opens_with_the_sections_the_tables_and_the_picture(
    demo_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.docx"
    assert Workspace(demo_dir, TODAY).write_report(NORTHWIND, target, "docx") == [target]
    document = Document(str(target))
    headings = [
        p.text for p in document.paragraphs if p.style and p.style.name.startswith("Heading")
    ]
    assert headings == [
        "Where we are",
        "Since the last report (5 November 2026)",
        "Value: KPIs against their targets",
        "Go / no-go by adoption phase",
        "Open risks and how we handle them",
        "Next steps",
        "Key stakeholders",
    ]
    assert document.paragraphs[0].text == "Milestone report: Northwind Manufacturing"
    kpis = document.tables[0]
    assert [c.text for c in kpis.rows[0].cells] == [
        "KPI",
        "Baseline",
        "Latest",
        "Target",
        "Due",
        "Status",
    ]
    assert kpis.rows[3].cells[-1].text == "behind"
    assert len(document.inline_shapes) == 1  # the stakeholder matrix
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Personal evaluation" not in text  # our own working material stays out
    assert "stakeholder plan" not in text.lower()


def test_markdown_report_content_and_its_picture(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    written = Workspace(demo_dir, TODAY).write_report(NORTHWIND, target, "md")
    picture = tmp_path / "report-stakeholder-matrix.svg"
    assert written == [target, picture]
    text = target.read_text()
    assert text.startswith("# Milestone report: Northwind Manufacturing\n")
    assert "The engagement is in phase 6 of 7, Value Realization (Ongoing stage)." in text
    assert "- Go/no-go for Adoption phase 2: not yet on 13 November 2026" in text
    assert "| Adoption phase 1 | 2026-09-14 | go | 2026-09-11 |" in text
    assert "| ERP integration late | 7 |" in text and "Low order capture" not in text
    assert "![Stakeholder matrix, 2026-10](report-stakeholder-matrix.svg)" in text
    assert "| 3 | SPL | 7 | 8 | 9 |" in text
    svg = picture.read_text()
    assert svg.startswith("<svg") and "CFO (8)" in svg


def test_redacted_report_names_people_by_role(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "redacted.md"
    Workspace(demo_dir, TODAY).write_report(NORTHWIND, target, "md", redact=True)
    text = target.read_text() + (tmp_path / "redacted-stakeholder-matrix.svg").read_text()
    for name in ("Maria Lopez", "Sue Saunders", "Rajesh Iyer", "John Ashton", "maria-lopez"):
        assert name not in text
    assert "Team member 1 (Senior Customer Success Manager)" in text


def test_html_escapes_everything_from_data(demo_copy: Path, tmp_path: Path) -> None:
    risks = demo_copy / "engagements" / NORTHWIND / "risks.toml"
    risks.write_text(
        risks.read_text().replace(
            'name = "ERP integration late"', 'name = "<script>alert(1)</script> & co"'
        )
    )
    register = demo_copy / "engagements" / NORTHWIND / "stakeholders.toml"
    register.write_text(register.read_text().replace('job_role = "CFO"', 'job_role = "CFO <b>"'))
    target = tmp_path / "report.html"
    Workspace(demo_copy, TODAY).write_report(NORTHWIND, target, "html")
    page = target.read_text()
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "CFO &lt;b&gt; (8)" in page  # inside the inline SVG too


def test_markdown_escapes_formatting_from_data() -> None:
    assert md_text("# not a heading") == "\\# not a heading"
    assert md_text("a | b <img src=x>") == "a \\| b \\<img src=x\\>"
    assert md_text("[link](javascript:x)") == "\\[link\\](javascript:x)"
    assert md_text("1. item") == "1\\. item" and md_text("8.5 %") == "8.5 %"


def test_as_of_reads_the_history_and_record_marks_the_row(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "september.md"
    assert (
        main(
            [
                "report",
                NORTHWIND,
                "--md",
                str(target),
                "--as-of",
                "2026-09-30",
                "--repo",
                str(demo_copy),
            ]
        )
        == 0
    )
    text = target.read_text()
    assert "Report date: 30 September 2026" in text
    assert "phase 5 of 7" in text or "phase 6 of 7" not in text
    assert "Adoption phase 2" not in text.split("## Go / no-go")[1].split("##")[0]
    commits = int(git(demo_copy, "rev-list", "--count", "HEAD"))
    out = tmp_path / "now.docx"
    assert (
        main(
            [
                "report",
                NORTHWIND,
                "--docx",
                str(out),
                "--record-row",
                "phase1-close",
                "--repo",
                str(demo_copy),
            ]
        )
        == 0
    )
    assert "recorded in the reporting checklist" in capsys.readouterr().out
    assert int(git(demo_copy, "rev-list", "--count", "HEAD")) == commits + 1
    reports = tomllib.loads((demo_copy / "engagements" / NORTHWIND / "reporting.toml").read_text())[
        "reports"
    ]
    row = next(r for r in reports if r["id"] == "phase1-close")
    assert row["delivered"] is True
    assert (
        main(
            [
                "report",
                NORTHWIND,
                "--md",
                str(target),
                "--as-of",
                "2020-01-01",
                "--repo",
                str(demo_copy),
            ]
        )
        == 2
    )
    assert "did not exist yet" in capsys.readouterr().err


def test_record_adds_a_row_saying_who_got_the_report(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy, TODAY)
    result = workspace.record_report(
        NORTHWIND, "Milestone report, 2026-11-22", "Steering committee"
    )
    assert result.subject.startswith("northwind-emea: reporting: added Milestone report")
    reports = tomllib.loads((demo_copy / "engagements" / NORTHWIND / "reporting.toml").read_text())[
        "reports"
    ]
    assert reports[-1]["audience"] == "Steering committee" and reports[-1]["delivered"] is True
    with pytest.raises(ValueError, match="no reporting row 'nope'"):
        workspace.record_report(NORTHWIND, "x", row="nope")
