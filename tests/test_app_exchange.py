"""Excel and documents in the app: export with progress and the path written, import with a
preview, a cell report and one commit (or nothing at all)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import docx
from openpyxl import load_workbook
from textual.widgets import Checkbox, Input, ProgressBar

from pcsm_tui.io.redact import MARK
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.exchange import ExportDialog, ImportScreen, shown_path, typed_path
from pcsm_tui.ui.screens.help import HelpScreen

from .apphelp import WIDE, make_app, open_tool, settle, submit_path, table_at, text_of
from .conftest import git
from .exchangehelp import BROKEN, EDITED, risks_workbook
from .helpers import commits as _commits
from .helpers import toml_digests as _files

RISKS = "engagements/northwind-emea/risks.toml"


def _risk(root: Path, risk_id: str) -> dict[str, Any]:
    risks: list[dict[str, Any]] = tomllib.loads((root / RISKS).read_text())["risks"]
    return next(r for r in risks if r["id"] == risk_id)


def _cells(path: Path) -> str:
    book = load_workbook(path)
    return "\n".join(
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


async def test_export_engagement_shows_progress_and_the_path(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    target = demo_copy.parent / "northwind-emea-2026-11-22.xlsx"
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("O")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert typed_path(dialog.query_one("#export-path", Input).value) == target
        assert not dialog.query_one("#export-redact", Checkbox).value
        await pilot.press("enter")
        await settle(pilot)
        assert dialog.query_one("#export-progress", ProgressBar).percentage == 1.0
        result = text_of(app, "#export-result")
        assert result.startswith("✓ wrote the workbook ")
        assert shown_path(target) in result and "(58 sheets)" in result
        assert any(shown_path(target) in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        status = str(app.screen.query_one("StatusLine").render())  # cut to its width:
        assert target.name in status and status.startswith("wrote the workbook /")  # the name kept
    book = load_workbook(target)
    assert "Adoption Risks" in book.sheetnames and len(book.sheetnames) == 58
    assert book.properties.keywords != MARK


async def test_export_tool_redacted_from_the_palette(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    register = tomllib.loads(
        (demo_copy / "engagements/northwind-emea/stakeholders.toml").read_text()
    )
    people = [s["name"] for s in register["stakeholders"] if s.get("personal_data")]
    assert people
    target = demo_copy.parent / "northwind-emea-stakeholders-redacted-2026-11-22.xlsx"
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.open_engagement("northwind-emea")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("register",))
        await settle(pilot)
        await pilot.press("ctrl+p", *"tool to excel (redacted)")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-redact", Checkbox).value
        assert typed_path(dialog.query_one("#export-path", Input).value) == target
        await pilot.press("enter")
        await settle(pilot)
        assert "redacted workbook" in text_of(app, "#export-result")
        # Switching redaction off renames the default file (the path was not typed over).
        dialog.query_one("#export-redact", Checkbox).value = False
        await settle(pilot)
        plain = typed_path(dialog.query_one("#export-path", Input).value)
        assert plain.name == "northwind-emea-stakeholders-2026-11-22.xlsx"
        await pilot.press("escape")
        await settle(pilot)
        # A redacted workbook is refused on import, with the reason, and nothing is written.
        before = _commits(demo_copy)
        await pilot.press("I")
        await settle(pilot)
        importer = app.screen
        assert isinstance(importer, ImportScreen)
        await submit_path(pilot, str(target), "#import-path")
        assert "redacted export" in text_of(app, "#import-message")
        assert importer.plan is None
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Read the workbook first" in text_of(app, "#import-message")
    assert _commits(demo_copy) == before
    book = load_workbook(target)
    assert book.sheetnames == ["Stakeholders"] and book.properties.keywords == MARK
    cells = _cells(target)
    assert "Stakeholder 1" in cells
    assert not [name for name in people if name in cells]


async def test_export_the_proposal_as_word_and_markdown(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    word = demo_copy.parent / "northwind-emea-proposal-2026-11-22.docx"
    markdown = demo_copy.parent / "letter.md"
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "proposal")
        await pilot.press("W")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert typed_path(dialog.query_one("#export-path", Input).value) == word
        await pilot.press("enter")
        await settle(pilot)
        assert "(Word)" in text_of(app, "#export-result")
        # The file's ending decides the format.
        await submit_path(pilot, str(markdown), "#export-path")
        assert "(Markdown)" in text_of(app, "#export-result")
        await submit_path(pilot, str(demo_copy.parent / "letter.pdf"), "#export-path")
        assert "ends in .docx (Word) or .md" in text_of(app, "#export-result")
        # An existing file is replaced only when asked twice.
        await submit_path(pilot, str(markdown), "#export-path")
        assert "exists: press enter again to replace it" in text_of(app, "#export-result")
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert any("Customer Success Proposal" in p for p in paragraphs)
    assert markdown.read_text().startswith("# Customer Success Proposal")


async def test_an_export_error_is_shown_with_its_message(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    blocker = demo_copy.parent / "not-a-folder"
    blocker.write_text("")
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("T")
        await settle(pilot)
        await submit_path(pilot, str(blocker / "risks.xlsx"), "#export-path")
        result = text_of(app, "#export-result")
        assert result.startswith("✗ Not exported:") and "not-a-folder" in result
        await pilot.press("escape")
        await settle(pilot)
        assert str(app.screen.query_one("StatusLine").render()).startswith("not exported:")


async def test_import_shows_the_preview_and_commits_once(demo_copy: Path) -> None:
    path = risks_workbook(demo_copy, demo_copy.parent / "edited.xlsx", EDITED)
    app = make_app(demo_copy)
    before = _commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await submit_path(pilot, str(path), "#import-path")
        assert screen.query_one("#import-progress", ProgressBar).percentage == 1.0
        preview = text_of(app, "#import-preview")
        assert "Preview: edited.xlsx → northwind-emea (6 rows read)" in preview
        assert "risks <- 'Adoption Risks'" in preview
        assert f"{RISKS}: 1 change(s)" in preview
        assert "ERP integration late" in preview and "likelihood: 3 → 5" in preview
        assert "every cell could be used" in text_of(app, "#import-report")
        assert _commits(demo_copy) == before  # nothing is written before the confirm
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        table = table_at(app, ("risks",))
        assert str(table.get_cell("erp-delay", "likelihood")) == "5"  # the screen reloaded
        assert "committed " in str(app.screen.query_one("StatusLine").render())
    assert _commits(demo_copy) == before + 1
    assert _risk(demo_copy, "erp-delay")["likelihood"] == 5
    subject = git(demo_copy, "log", "-1", "--format=%s").strip()
    assert subject == "northwind-emea: imported a workbook (6 rows)"
    assert git(demo_copy, "status", "--porcelain", "--untracked-files=no") == ""


async def test_import_cancelled_writes_nothing(demo_copy: Path) -> None:
    path = risks_workbook(demo_copy, demo_copy.parent / "edited.xlsx", EDITED)
    app = make_app(demo_copy)
    head = git(demo_copy, "rev-parse", "HEAD")
    files = _files(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        await submit_path(pilot, str(path), "#import-path")
        assert "likelihood: 3 → 5" in text_of(app, "#import-preview")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    assert git(demo_copy, "rev-parse", "HEAD") == head
    assert _files(demo_copy) == files


async def test_broken_workbook_report_refuses_until_skip_is_chosen(demo_copy: Path) -> None:
    path = risks_workbook(demo_copy, demo_copy.parent / "broken.xlsx", BROKEN)
    app = make_app(demo_copy)
    head = git(demo_copy, "rev-parse", "HEAD")
    files = _files(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await submit_path(pilot, str(path), "#import-path")
        report = text_of(app, "#import-report")
        assert "2 cell(s) cannot be used" in report
        assert "✗ Adoption Risks!D6: Likelihood: 'lots' is not a number" in report
        assert "✗ Adoption Risks!E7: Severity: 9 is outside the risk scale 0..5" in report
        skip = screen.query_one("#import-skip", Checkbox)
        assert skip.display and not skip.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.refused and isinstance(app.screen, ImportScreen)
        assert "Refused" in text_of(app, "#import-message")
        assert git(demo_copy, "rev-parse", "HEAD") == head
        assert _files(demo_copy) == files
        # Skipping the unusable cells has to be chosen explicitly; then the rest is one commit.
        await pilot.click("#import-skip")
        await settle(pilot)
        assert skip.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    assert git(demo_copy, "rev-parse", "HEAD~1").strip() == head.strip()
    assert _risk(demo_copy, "works-council")["description"].startswith("A works council could")
    assert _risk(demo_copy, "low-early-usage")["likelihood"] == 3  # kept its stored value
    assert _risk(demo_copy, "san-jose-network")["severity"] == 3


async def test_import_of_a_missing_file_says_so(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        await submit_path(pilot, str(demo_copy.parent / "nope.xlsx"), "#import-path")
        assert "no such file" in text_of(app, "#import-message")


async def test_keys_are_in_help_and_the_palette(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "raci")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for key, words in (
            ("O", "Export engagement to Excel"),
            ("T", "Export this tool to Excel"),
            ("W", "Export the proposal as Word"),
            ("I", "Import an Excel workbook"),
        ):
            assert f"{key} " in text and words in text
        assert "Toggle I" in text  # the RACI's own i stays
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p", *"proposal as markdown (redacted)")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-redact", Checkbox).value
        assert dialog.query_one("#export-path", Input).value.endswith(
            "northwind-emea-proposal-redacted-2026-11-22.md"
        )


async def test_export_this_tool_on_an_activity_guide_explains(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("guide", 2))
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert app.screen is screen
        assert any("not a tool" in n.message for n in app._notifications)


def test_the_app_does_not_load_openpyxl_or_docx_at_start_up() -> None:
    code = (
        "import sys\n"
        "import pcsm_tui.ui.app, pcsm_tui.ui.factory, pcsm_tui.ui.palette, pcsm_tui.service\n"
        "import pcsm_tui.ui.screens.engagement, pcsm_tui.ui.screens.exchange\n"
        "print(sorted(m for m in ('openpyxl', 'docx') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"
