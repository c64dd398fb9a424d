"""A new CSM's walk through the app (issue 13): names where ids were, words never cut,
and the small wrong things. Keys are pressed; files, commits and what is shown asserted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Select, Static, TextArea

from pcsm_tui.models.edit import set_value
from pcsm_tui.ui.editors.cell import CellEditor
from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.guide_dialogs import GoDecisionDialog
from pcsm_tui.ui.screens.people import PersonScreen
from pcsm_tui.ui.screens.report_dialog import ReportDialog
from pcsm_tui.ui.screens.steps import NewEngagementScreen
from pcsm_tui.ui.screens.template_dialog import SaveTemplateScreen

from .apphelp import (
    WIDE,
    make_app,
    open_tool,
    open_wizard,
    put_cursor,
    settle,
    shown,
    until,
)
from .conftest import git
from .helpers import commits, toml_at

NORTHWIND = "northwind-emea"


def subject(root: Path) -> str:
    return git(root, "log", "-1", "--format=%s").strip()


def body(root: Path) -> str:
    return git(root, "log", "-1", "--format=%b")


async def test_the_csm_and_the_person_are_named_not_ided(demo_copy: Path) -> None:
    """The engagement's CSM cell and a person's screen title show the member's name."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(NORTHWIND)  # opens on the engagement's details
        await settle(pilot)
        table = put_cursor(app, (), "csm", "value")
        assert str(table.get_cell("csm", "value")) == "Maria Lopez"
        app.push_screen(PersonScreen("maria-lopez"))
        await settle(pilot)
        assert app.screen.sub_title == "Maria Lopez"
        assert "maria-lopez" not in app.screen.sub_title


async def test_ticked_activity_and_score_subjects_read_like_a_diary(demo_copy: Path) -> None:
    """A ticked activity is named by its words; a score by its aspect's name."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("contoso-retail")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("guide", 3))
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        ticked = subject(demo_copy)
        text = app.workspace.framework.phase(3).activities[0].text
        assert ticked.startswith("contoso-retail: engagement: ticked “")
        assert text.split()[0] in ticked and "p3-01" not in ticked
        assert len(ticked) <= 72


async def test_a_cut_subject_ends_at_a_word_and_the_body_has_it_whole(demo_copy: Path) -> None:
    """A RACI activity with a long name: the subject is cut at a word with "…" within 72
    characters; the body starts with the whole subject."""
    long = "Agree the quarterly business review agenda with every regional operations lead"
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, NORTHWIND, "raci")
        before = commits(demo_copy)
        rel = f"engagements/{NORTHWIND}/raci.toml"

        def rename(data: dict[str, Any]) -> dict[str, Any]:
            path = ("matrices", "main", "activities", "funding-approval", "name")
            return set_value(data, path, long)

        app.change(rel, rename)  # the editor's own save path, as a confirmed rename takes it
        await until(pilot, lambda: commits(demo_copy) > before, "the rename's commit")
    cut = subject(demo_copy)
    assert cut.startswith("northwind-emea: raci: renamed “Funding approval” to “Agree")
    assert len(cut) <= 72 and cut.endswith("…")
    kept = cut.removesuffix("…").split("“")[-1]
    assert long.startswith(kept) and long[len(kept)] == " "  # cut at a word, never in one
    assert long in body(demo_copy).splitlines()[0]


async def test_report_dialog_names_the_customer_and_the_folder(demo_copy: Path) -> None:
    """The report dialog says whose report it is (the customer) and the folder it goes to,
    as a full path that follows what is typed."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(NORTHWIND)
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        heading = shown(dialog.query(Static).first())
        assert "Northwind Manufacturing" in heading and NORTHWIND not in heading
        box = dialog.query_one("#report-path", Input)
        # A long folder is broken into lines after a "/" (tests/test_dialogs_fit.py).
        folder = shown(dialog.query_one("#report-folder", Static)).replace("\n", "")
        assert folder.startswith("Folder: /")
        assert folder.removeprefix("Folder: ") == str(Path(box.value).expanduser().parent)
        box.value = str(demo_copy / "out" / "report.docx")
        await settle(pilot)
        folder = shown(dialog.query_one("#report-folder", Static)).replace("\n", "")
        assert folder == f"Folder: {demo_copy / 'out'}"


async def test_go_no_go_opens_on_the_phase_still_to_decide(demo_copy: Path) -> None:
    """Phase 1 decided, phase 2 not: the dialog opens on phase 2, not the decided one."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(NORTHWIND)
        await settle(pilot)
        await pilot.press("Y")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GoDecisionDialog)
        states = list(dialog.states.values())
        assert states[0].decision is not None  # the demo's first phase is decided
        undecided = next(s.checklist for s in states if s.decision is None)
        assert dialog.query_one("#go-checklist", Select).value == undecided
        assert "Last decision: undecided" in shown(dialog.query_one("#go-open", Static))


async def test_e_puts_the_cursor_at_the_end_without_selecting(demo_copy: Path) -> None:
    """The one-line box and the long-text box both open with the cursor after the value
    and nothing selected: the first key typed adds to the value, never replaces it."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(NORTHWIND)
        await settle(pilot)
        put_cursor(app, (), "customer", "value")
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one("#cell-input", Input)
        assert box.has_focus and box.selection.is_empty
        assert box.cursor_position == len(box.value) == len("Northwind Manufacturing")
        await pilot.press("X")
        assert box.value == "Northwind ManufacturingX"
        await pilot.press("escape")
        await settle(pilot)
        put_cursor(app, (), "summary", "value")
        await pilot.press("e")
        await settle(pilot)
        area = app.screen.query_one("#cell-area", TextArea)
        assert area.has_focus and area.selection.is_empty
        assert area.cursor_location == area.document.end != (0, 0)
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.query_one(CellEditor).display


async def test_wizard_start_date_is_a_hint_not_a_value(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_wizard(pilot)
        assert isinstance(app.screen, NewEngagementScreen)
        start = app.screen.query_one("#new-start", Input)
        assert start.value == "" and start.placeholder.startswith("e.g. 2026-11-22")
        style = start.get_component_rich_style("input--placeholder")
        assert style.italic


async def test_undo_after_saving_a_template_asks_about_the_template(demo_copy: Path) -> None:
    """A change in the engagement, then ctrl+t saves a team template: u on the engagement
    never silently skips the template to take back the older change. It says the last
    change is the template, outside the engagement, and asks before undoing the older
    change: n keeps both; y undoes the older change (the template stays)."""
    app = make_app(demo_copy)
    engagement = demo_copy / "engagements" / NORTHWIND / "engagement.toml"
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(NORTHWIND)
        await settle(pilot)
        put_cursor(app, (), "status", "value")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("down", "enter")  # active → paused: a change in the engagement
        await until(pilot, lambda: 'status = "paused"' in engagement.read_text(), "the edit")
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("tool", "raci"))
        await settle(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, SaveTemplateScreen), "the preview")
        app.screen.query_one("#tpl-name", Input).value = "walk-raci"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "saved")
        template = demo_copy / "knowledge/templates/raci/walk-raci.toml"
        assert template.exists()
        before = commits(demo_copy)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "outside this engagement" in question and "walk-raci" in question
        await pilot.press("n")
        await settle(pilot)
        assert commits(demo_copy) == before and 'status = "paused"' in engagement.read_text()
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
        await pilot.press("y")  # the older change, undone because it was asked for
        await until(pilot, lambda: 'status = "active"' in engagement.read_text(), "undone")
    assert commits(demo_copy) == before + 1
    assert template.exists()  # the template stays: u said it does not take it back


READINESS = "engagements/fabrikam-health/readiness.toml"
ITEMS = ("checklists", "phase-2", "items")


def answers(root: Path) -> list[object]:
    items = toml_at(root, READINESS)["checklists"][1]["items"]
    return [item.get("answer") for item in items[:3]]


async def test_checklist_answers_of_one_visit_are_one_commit(demo_copy: Path) -> None:
    """Three space presses are shown at once and committed together by ctrl+s (no timer
    waited on); leaving the checklist commits what was answered since."""
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "fabrikam-health", "readiness")
        table = put_cursor(app, ITEMS, "outcomes-defined", "answer")
        await pilot.press("space", "down", "space", "down", "space")
        await settle(pilot)
        assert commits(demo_copy) == before  # gathered, not one commit per press
        assert str(table.get_cell("outcomes-defined", "answer")) != "·"  # shown at once
        await pilot.press("ctrl+s")
        await until(pilot, lambda: commits(demo_copy) == before + 1, "the answers' commit")
        assert answers(demo_copy) == [True, True, True]
        assert subject(demo_copy).startswith("fabrikam-health: readiness: 3 answers (answered")
        put_cursor(app, ITEMS, "outcomes-defined", "answer")
        await pilot.press("space")  # yes → no
        await settle(pilot)
        assert commits(demo_copy) == before + 1
        await pilot.press("escape")  # leaving the engagement commits it
        await until(pilot, lambda: commits(demo_copy) == before + 2, "the commit on leaving")
    assert answers(demo_copy)[0] is False


async def test_quitting_right_after_a_press_keeps_the_answer(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "fabrikam-health", "readiness")
        put_cursor(app, ITEMS, "outcomes-defined", "answer")
        await pilot.press("space", "q")
    assert commits(demo_copy) == before + 1
    assert answers(demo_copy)[0] is True
    assert git(demo_copy, "status", "--porcelain") == ""
