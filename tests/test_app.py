"""The app as a person uses it: keys in, files and commits out (real repository, real git)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Label

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.cell import CellEditor
from pcsm_tui.ui.editors.raci import RaciGrid
from pcsm_tui.ui.editors.shapes import ScoringEditor
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.help import HelpScreen
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle, until
from .conftest import git
from .helpers import commits
from .helpers import toml_at as data

NORTHWIND = "engagements/northwind-emea"


def last_commit(root: Path) -> tuple[str, str]:
    message = git(root, "log", "-1", "--format=%B").strip()
    subject, _, rest = message.partition("\n\n")
    return subject, rest.split("\n\n")[0]


async def test_portfolio_lists_engagements_and_opens_one(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#portfolio")
        assert [str(k.value) for k in table.rows] == [  # type: ignore[attr-defined]
            "contoso-retail",
            "fabrikam-health",
            "northwind-emea",
        ]
        await pilot.press("slash", "n", "o", "r", "t", "h", "enter")
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == ["northwind-emea"]  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert app.screen.slug == "northwind-emea"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)


async def test_table_edit_commits_one_field(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        before = commits(demo_copy)
        put_cursor(app, ("risks",), "erp-delay", "likelihood")
        await pilot.press("e", "ctrl+u", "4", "enter")
        await settle(pilot)
    assert data(demo_copy, f"{NORTHWIND}/risks.toml")["risks"][0]["likelihood"] == 4
    assert commits(demo_copy) == before + 1
    assert last_commit(demo_copy) == (
        "northwind-emea: risks: ERP integration late: likelihood: 3 → 4",
        "- risks[ERP integration late].likelihood: 3 → 4",
    )


async def test_brackets_in_text_are_shown_as_typed(demo_copy: Path) -> None:
    """People's text is never read as markup: "[phase 2]" stays, "[/x]" does not crash."""
    typed = "Upgrade [phase 2] [/x] [b]"
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        table = put_cursor(app, ("risks",), "erp-delay", "name")
        await pilot.press("e", "ctrl+u", *typed, "enter")
        await settle(pilot)
        shown = table.get_cell("erp-delay", "name")
        assert str(shown) == typed
        assert not getattr(shown, "spans", [])
        assert app.is_running
    assert data(demo_copy, f"{NORTHWIND}/risks.toml")["risks"][0]["name"] == typed


async def test_invalid_cell_input_shows_an_error_and_writes_nothing(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = f"{NORTHWIND}/stakeholder-plan/2026-10.toml"
    before_text = (demo_copy / rel).read_text()
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-plan")
        first = data(demo_copy, rel)["assessments"][0]["id"]
        put_cursor(app, ("assessments",), first, "authority")
        await pilot.press("e", "ctrl+u", *"eleven")
        error = app.screen.query_one("#cell-error", Label)
        assert "Authority: 'eleven' is not a whole number; it takes from 0 to 10" in str(
            error.render()
        )
        await pilot.press("enter")
        assert app.screen.query_one(CellEditor).display
        await pilot.press("ctrl+u", "1", "1", "enter")
        await settle(pilot)
        assert "Authority: 11 is outside the allowed range; it takes from 0 to 10" in str(
            error.render()
        )
        assert app.screen.query_one(CellEditor).display
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.query_one(CellEditor).display
    async with make_app(demo_copy).run_test(size=WIDE) as pilot:
        app2 = pilot.app
        await open_tool(pilot, "northwind-emea", "strategy")
        assert isinstance(app2, PcsmApp)
        activity = data(demo_copy, f"{NORTHWIND}/strategy.toml")["activities"][0]["id"]
        put_cursor(app2, ("activities",), activity, "planned_end")
        await pilot.press("e", "ctrl+u", *"2026-13-40", "enter")
        assert "there is no month 13" in str(app2.screen.query_one("#cell-error", Label).render())
        await pilot.press("ctrl+u", *"2000-01-01", "enter")
        await settle(pilot)
        assert ": planned end 2000-01-01 is before planned start" in str(
            app2.screen.query_one("#cell-error", Label).render()
        )
    assert (demo_copy / rel).read_text() == before_text
    assert commits(demo_copy) == before


async def test_form_multiline_answer(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "adoption-requirements")
        put_cursor(app, ("questions",), "key-objectives", "answer")
        await pilot.press("e", "ctrl+a")
        area = app.screen.query_one("#cell-area")
        area.text = "Faster checkout\nFewer returns"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
    rows = data(demo_copy, "engagements/contoso-retail/adoption-requirements.toml")["questions"]
    assert rows[0]["answer"] == "Faster checkout\nFewer returns"
    subject, body = last_commit(demo_copy)
    assert subject == "contoso-retail: adoption-requirements: changed Key objectives: answer"
    assert body == "- questions[Key objectives].answer: changed"
    text = (demo_copy / "engagements/contoso-retail/adoption-requirements.toml").read_text()
    assert 'answer = """Faster checkout\nFewer returns"""' in text


async def test_checklist_space_answers_and_copies_are_added(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = "engagements/fabrikam-health/readiness.toml"
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "fabrikam-health", "readiness")
        put_cursor(app, ("checklists", "phase-2", "items"), "outcomes-defined", "answer")
        await pilot.press("space", "ctrl+s")  # ctrl+s commits the answers given (one commit)
        await settle(pilot)
        item = data(demo_copy, rel)["checklists"][1]["items"][0]
        assert item["answer"] is True
        subject = last_commit(demo_copy)[0]
        assert subject.startswith("fabrikam-health: readiness: ")
        assert subject.startswith("fabrikam-health: readiness: answered yes on 2026-11-22: ")
        assert len(subject) <= 72
        assert item["date"] == dt.date(2026, 11, 22)  # dated today (tests/apphelp.py)
        put_cursor(app, ("checklists",), "phase-4", "title")
        await pilot.press("a")
        await settle(pilot)
    checklists = data(demo_copy, rel)["checklists"]
    assert len(checklists) == 5
    assert len(checklists[-1]["items"]) == 19


async def test_scoring_total_and_band_follow_the_keys(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "onboarding-score")
        put_cursor(app, (), "products_services", "value")
        # A loaded machine may pause longer between two presses than a person does.
        app.screen.query_one(ScoringEditor).burst_s = 5.0
        before = commits(demo_copy)
        await pilot.press("plus", "plus", "plus")
        summary = str(app.screen.query_one("#score-summary").render())
        assert "Total 3 / 20: Simple" in summary  # shown at once, committed after the burst
        await until(pilot, lambda: commits(demo_copy) > before, "the burst's commit")
    assert (
        data(demo_copy, "engagements/contoso-retail/onboarding-score.toml")["products_services"]
        == 3
    )
    assert commits(demo_copy) == before + 1  # one burst, one commit
    assert git(demo_copy, "log", "-1", "--format=%s").splitlines() == [
        "contoso-retail: onboarding-score: Products/Services: 0 → 3",  # its name, not id
    ]


async def test_document_state_moves_draft_to_sent(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "proposal")
        await pilot.press("n")
        await settle(pilot)
        preview = app.screen.query_one("#preview")
        assert "State: sent" in preview.source  # type: ignore[attr-defined]
    assert data(demo_copy, "engagements/contoso-retail/proposal.toml")["state"] == "sent"
    assert last_commit(demo_copy) == (
        "contoso-retail: proposal: State: draft → sent",
        "- state: draft → sent",
    )


async def test_raci_keys_toggle_letters_and_undo(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "raci")
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=2, column=1)  # Funding approval × CFO
        await pilot.press("r")
        await settle(pilot)
        cells = data(demo_copy, f"{NORTHWIND}/raci.toml")["matrices"][0]["activities"][2]["cells"]
        assert cells["cfo"] == "A"
        subject = last_commit(demo_copy)[0]
        assert subject == "northwind-emea: raci: Funding approval × CFO: R/A → A"
        await pilot.press("u")
        await settle(pilot)
        cells = data(demo_copy, f"{NORTHWIND}/raci.toml")["matrices"][0]["activities"][2]["cells"]
        assert cells["cfo"] == "R/A"
        assert last_commit(demo_copy)[0].startswith("northwind-emea: raci: undo “Funding approval")


async def test_activity_guide_ticks_are_commits(demo_copy: Path) -> None:
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
    done = data(demo_copy, "engagements/contoso-retail/engagement.toml")["activities_done"]
    assert str(done["p3-01"]) == "2026-11-22"
    assert last_commit(demo_copy)[0].startswith("contoso-retail: engagement: ticked “")
    assert "p3-01" not in last_commit(demo_copy)[0]  # the activity by its words, not its id


async def test_add_delete_copy_and_move_rows(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = "engagements/contoso-retail/challenges.toml"
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "challenges")
        table = app.screen.query("RecordTable").first()
        table.focus()
        await pilot.press("a")
        await settle(pilot)
        box = app.screen.query_one("#new-challenge", Input)
        box.value = "Store managers resist the new rota"
        await pilot.press("ctrl+s")  # the other main fields may stay empty
        await settle(pilot)
        rows = data(demo_copy, rel)["challenges"]
        assert rows[-1]["challenge"] == "Store managers resist the new rota"
        new_id = rows[-1]["id"]
        put_cursor(app, ("challenges",), new_id, "challenge")
        await pilot.press("c")
        await settle(pilot)
        ids = [r["id"] for r in data(demo_copy, rel)["challenges"]]
        assert len(ids) == len(rows) + 1
        copy_id = ids[ids.index(new_id) + 1]
        put_cursor(app, ("challenges",), copy_id, "challenge")
        await pilot.press("K")
        await settle(pilot)
        moved = [r["id"] for r in data(demo_copy, rel)["challenges"]]
        assert moved.index(copy_id) == moved.index(new_id) - 1
        put_cursor(app, ("challenges",), new_id, "challenge")
        await pilot.press("d", "y")
        await settle(pilot)
    assert new_id not in [r["id"] for r in data(demo_copy, rel)["challenges"]]
    assert "removed" in last_commit(demo_copy)[0]


async def test_help_and_palette(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for words in ("Add row", "Delete row", "Back to portfolio", "Undo your last change"):
            assert words in text
        assert "Redo what you undid" in text  # U: shown in the help though not in the bar
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"go to tool 4")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        assert screen.current == ("tool", "raci")


async def test_failed_commit_is_shown_and_the_edit_kept(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    lock = demo_copy / ".git" / "index.lock"
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        lock.write_text("")
        put_cursor(app, ("risks",), "erp-delay", "severity")
        await pilot.press("e", "ctrl+u", "5", "enter")
        await settle(pilot)
        status = str(app.screen.query_one("StatusLine").render())
        assert status.startswith("not saved:")
    lock.unlink()
    assert data(demo_copy, f"{NORTHWIND}/risks.toml")["risks"][0]["severity"] == 5


async def test_new_user_session_leaves_exactly_those_commits(demo_copy: Path) -> None:
    """README's demo, third engagement, a RACI cell, a plan field, undo one, quit."""
    app = make_app(demo_copy)
    before = git(demo_copy, "rev-parse", "HEAD").strip()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter")  # the third engagement of the portfolio
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen) and screen.slug == "northwind-emea"
        await pilot.press("ctrl+p", *"tool 4 raci")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("l", "c")  # Determining scope × CFO: add C
        await settle(pilot)
        await pilot.press("ctrl+p", *"tool 6 stakeholder management plan")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        first = data(demo_copy, f"{NORTHWIND}/stakeholder-plan/2026-10.toml")["assessments"][0]
        put_cursor(app, ("assessments",), first["id"], "support")
        await pilot.press("e", "ctrl+u", "5", "enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("q")
    subjects = git(demo_copy, "log", "--format=%s", f"{before}..HEAD").splitlines()
    assert len(subjects) == 3
    assert subjects[0].startswith("northwind-emea: stakeholder-plan 2026-10: undo “")
    assert subjects[1].startswith("northwind-emea: stakeholder-plan 2026-10: ")
    assert subjects[1].endswith(f": support: {first['support']} → 5")
    assert subjects[2].startswith("northwind-emea: raci: Determining scop")
    assert subjects[2].endswith("× CFO: I → C/I")
    assert git(demo_copy, "status", "--porcelain") == ""


async def test_an_open_edit_is_never_thrown_away_by_another_tool(demo_copy: Path) -> None:
    """Typed text in an open edit box survives the palette opening another tool or ctrl+r:
    the person is told to save or cancel first, and enter then saves what was typed."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        put_cursor(app, ("risks",), "erp-delay", "name")
        await pilot.press("e", "ctrl+u", *"Kept text", "ctrl+r")
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("tool", "raci"))  # what ctrl+p "RACI Matrix" does
        await settle(pilot)
        assert screen.current == ("tool", "risks")
        assert "An edit is open" in app.status_text
        await pilot.press("enter")
        await settle(pilot)
        assert "An edit is open" not in app.status_text  # the box it spoke of is closed
    assert data(demo_copy, f"{NORTHWIND}/risks.toml")["risks"][0]["name"] == "Kept text"


async def test_the_open_edit_warning_goes_when_the_edit_is_cancelled(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        put_cursor(app, ("risks",), "erp-delay", "name")
        await pilot.press("e", "ctrl+u", *"Typed")
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("tool", "raci"))
        await settle(pilot)
        assert "An edit is open" in app.status_text
        await pilot.press("escape")
        await settle(pilot)
        assert "An edit is open" not in app.status_text
        assert screen.current == ("tool", "risks")
