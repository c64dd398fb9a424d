"""Readable at 120x40, usable at 80x24, and the small wrong things of issue 13 (item 6):
each test presses keys in the app on a real repository and fails without its fix."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static, Tree

from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.ui.charts.roadmap import fitting_labels
from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.editors.raci import RaciGrid
from pcsm_tui.ui.editors.raci_parts import _short
from pcsm_tui.ui.editors.spider import SpiderEditor
from pcsm_tui.ui.editors.table import RecordTable
from pcsm_tui.ui.screens.history import HistoryScreen

from .apphelp import NARROW, TODAY, WAIT, WIDE, make_app, open_tool, put_cursor, settle, until
from .conftest import git
from .helpers import commits
from .helpers import toml_at as data

RISKS = "engagements/northwind-emea/risks.toml"


def test_wheel_names_are_distinct_and_short() -> None:
    """Two tools of a phase never read the same in the wheel, and every name fits the
    wheel at 120 columns (the full title stays the editor's heading)."""
    for phase in {t.phase for t in TOOLS}:
        names = [t.wheel_name for t in TOOLS if t.phase == phase]
        assert len({n[:16] for n in names}) == len(names), names
    assert all(len(t.wheel_name) <= 22 for t in TOOLS), [t.wheel_name for t in TOOLS]
    assert all(t.heading == f"{t.number} {t.title}" for t in TOOLS)


async def test_wheel_shows_distinct_short_names(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        wheel = app.screen.query_one("#wheel", Tree)
        labels: list[str] = []
        nodes = [wheel.root]
        while nodes:
            node = nodes.pop()
            labels.append(str(node.label))
            nodes.extend(node.children)
        assert "5 Stakeholder Matrix" in labels
        assert "6 Stakeholder Plan" in labels
        assert not any("Management" in label for label in labels)


async def test_choice_list_moves_with_j_and_k(demo_copy: Path) -> None:
    """j and k move in a choice list as in every table; Enter keeps the highlighted one."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        put_cursor(app, ("risks",), "erp-delay", "state")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("j", "j", "k", "enter")  # open -> mitigated -> closed -> mitigated
        await settle(pilot)
    assert data(demo_copy, RISKS)["risks"][0]["state"] == "mitigated"
    assert git(demo_copy, "log", "-1", "--format=%s").strip().endswith("open → mitigated")


async def test_checklist_space_on_the_question_answers_and_dates_it(demo_copy: Path) -> None:
    """space answers the row's question from any of its columns, and dates the answer."""
    app = make_app(demo_copy)
    rel = "engagements/fabrikam-health/readiness.toml"
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "fabrikam-health", "readiness")
        put_cursor(app, ("checklists", "phase-2", "items"), "outcomes-defined", "question")
        await pilot.press("space")
        await settle(pilot)
    item = data(demo_copy, rel)["checklists"][1]["items"][0]
    assert item["answer"] is True
    assert item["date"] == TODAY


async def test_personal_evaluation_opens_on_the_newest(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "personal-evaluation")
        editor = app.screen.query_one(SpiderEditor)
        await until(pilot, lambda: editor.selected is not None, "an evaluation drawn")
        assert editor.selected == "contoso-retail-2026-11-06"
        assert "2026-11-06" in str(app.screen.query_one("#cpd", Static).render())
        table = next(t for t in editor.query("RecordTable") if t.id and "evaluations" in t.id)
        assert table.current_row_id() == "contoso-retail-2026-11-06"  # type: ignore[attr-defined]


async def test_raci_heads_are_names_with_a_legend_and_renames_show(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "raci")
        grid = app.screen.query(RaciGrid).first()
        heads = [str(c.label) for c in grid.columns.values()]
        assert "Chief Finance Officer" in heads or "CFO" in heads or "Graham Pike" in heads
        assert not any(h.isupper() and len(h) > 3 for h in heads), heads  # no `EDOF`
        assert grid.fixed_columns == 1
        long = grid.long_names()
        legend = str(app.screen.query_one("#raci-heads", Static).render())
        assert all(name in legend for name in long)
        # Rename a column that comes from the register: the head shows the new title.
        column = next(str(k.value) for k in grid.columns if str(k.value).startswith("cell:"))
        grid.focus()
        grid.move_cursor(row=0, column=[str(k.value) for k in grid.columns].index(column))
        await pilot.press("E")
        await settle(pilot)
        box = app.screen.query_one("#cell-input")
        box.value = "Money"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        grid = app.screen.query(RaciGrid).first()
        renamed = {str(k.value): str(c.label) for k, c in grid.columns.items()}
        assert renamed[column] == "Money"
        assert all("…" not in h for h in renamed.values())


def test_long_heads_keep_whole_words() -> None:
    assert _short("CFO") == "CFO"
    assert _short("EMEA Director of Operations (SPL)") == "EMEA Director\nof Operations\n(SPL)"
    assert _short("Executive Director of Operations and Finance, EMEA and APAC").endswith("…")
    long_word = "Supercalifragilisticexpialidocious"  # split, but every letter shown
    assert _short(long_word).replace("\n", "") == long_word


async def _history_of(pilot: Pilot[None], tool: str) -> HistoryScreen:
    """The history of a tool of northwind-emea (`L`), listed."""
    await open_tool(pilot, "northwind-emea", tool)
    await pilot.press("L")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    await until(pilot, lambda: screen.selected() is not None, "the history listed")
    return screen


async def test_history_cuts_authors_and_subjects_at_a_word(demo_copy: Path) -> None:
    """At 80 columns the author column held "Maria Lo" (cropped, no mark) and subjects
    ended mid-word ("added 10 r…"); now a subject is cut at a word with "…", an author is
    the first name and initials ("Maria L.", where "Maria…" read alike for every Maria of
    a team), and each is cut again for the new width after a resize (whole at 120)."""
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        screen = await _history_of(pilot, "raci")
        table = screen.query_one("#commits")

        def cells(column: str) -> list[str]:
            return [str(c) for c in table.get_column(column)]  # type: ignore[attr-defined]

        for author, subject in zip(cells("author"), cells("subject"), strict=True):
            assert author == "Maria L.", author
            head = subject.removesuffix("…")
            whole = next(
                screen.subject_of(i)
                for i in screen.items.values()
                if screen.subject_of(i).startswith(head)
            )
            assert subject == whole or whole[len(head)] in " ,;:-", (subject, whole)
        await pilot.resize_terminal(*WIDE)
        await until(pilot, lambda: cells("author")[0] == "Maria Lopez", "the authors whole")


async def test_history_shows_the_selected_subject_in_full(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        screen = await _history_of(pilot, "risks")
        item = screen.selected()
        assert item is not None
        subject = item.commit.subject.removeprefix("northwind-emea: ")
        assert str(screen.query_one("#commit-subject", Static).render()) == subject
        widths = {str(k.value): c.width for k, c in screen.query_one("#commits").columns.items()}  # type: ignore[attr-defined]
        assert widths["subject"] >= 12 and widths["date"] == 10


async def test_dialog_text_wraps_instead_of_being_cut(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    words = "Restore the risks of Northwind EMEA as they were on 2026-10-15 and keep everything"
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.push_screen(ConfirmScreen(words + " else exactly as it is now, with one commit."))
        await settle(pilot)
        label = app.screen.query(Label).first()
        dialog = app.screen.query_one("#dialog")
        assert label.region.right <= dialog.content_region.right  # not cut at the edge
        assert label.size.height >= 2  # wrapped onto a second line


async def test_score_panel_forgets_a_cancelled_value(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "onboarding-score")
        before = str(app.screen.query_one("#score-summary", Static).render())
        put_cursor(app, (), "products_services", "value")
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one("#cell-input", Input)
        box.value = "0"
        await settle(pilot)
        assert str(app.screen.query_one("#score-summary", Static).render()) != before  # preview
        await pilot.press("escape")
        await settle(pilot)
        assert str(app.screen.query_one("#score-summary", Static).render()) == before


SCORE = "engagements/contoso-retail/onboarding-score.toml"


async def wait_for_commit(root: Path, count: int) -> None:
    """Wait (on the repository, the app being gone) until it has `count` commits; fail
    after WAIT seconds. A save started at quit runs on in its thread until it is done."""
    deadline = time.monotonic() + WAIT
    while commits(root) < count:
        if time.monotonic() > deadline:
            pytest.fail(f"no commit {count} after {WAIT:g} s")
        await asyncio.sleep(0.05)


async def test_a_burst_pressed_just_before_quitting_is_committed(demo_copy: Path) -> None:
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "onboarding-score")
        put_cursor(app, (), "products_services", "value")
        await pilot.press("plus", "plus", "q")
    await wait_for_commit(demo_copy, before + 1)
    assert data(demo_copy, SCORE)["products_services"] == 2
    assert commits(demo_copy) == before + 1


async def test_a_burst_is_committed_when_the_tool_is_left(demo_copy: Path) -> None:
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "onboarding-score")
        put_cursor(app, (), "products_services", "value")
        await pilot.press("plus", "plus", "plus", "minus", "escape")
        await until(pilot, lambda: commits(demo_copy) > before, "the burst's commit")
    assert data(demo_copy, SCORE)["products_services"] == 2
    assert commits(demo_copy) == before + 1


async def test_a_row_moved_up_is_the_row_named(demo_copy: Path) -> None:
    """K on the second risk: the subject names that risk, not the one it passed."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        second = data(demo_copy, RISKS)["risks"][1]
        put_cursor(app, ("risks",), second["id"], "name")
        await pilot.press("K")
        await settle(pilot)
    assert data(demo_copy, RISKS)["risks"][0]["id"] == second["id"]
    subject = git(demo_copy, "log", "-1", "--format=%s").strip()
    assert subject.startswith("northwind-emea: risks: moved up to 1: ")
    assert subject.endswith(second["name"]) or second["name"].startswith(subject[38:-1])


def test_a_signature_change_says_whose() -> None:
    from pcsm_tui.store.changes import Change
    from pcsm_tui.store.messages import summary

    path = ("csm_signature", "signed")
    change = Change("set", path, "csm_signature.signed", False, True)
    assert summary([change]) == "csm_signature.signed: no → yes"
    top = Change("set", ("products_services",), "products_services", 0, 3)
    assert summary([top]) == "Products services: 0 → 3"  # its label
    assert summary([top], words={"products_services": "Products/Services"}).startswith("Products/")


async def test_matrix_chart_and_figures_side_by_side_when_wide(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        plot = app.screen.query_one("#matrix-plot")
        figures = app.screen.query_one("#matrix-body > .sections")
        assert plot.region.width > 20 and figures.region.width > 20
        assert plot.region.right <= figures.region.x  # beside, both in view
        put_cursor(app, ("assessments",), "cfo", "authority")
        await pilot.press("e")
        await settle(pilot)
        title = str(app.screen.query_one("#cell-title", Label).render())
        assert "John Ashton" in title  # the edit box names the stakeholder


async def test_matrix_at_80x24_shows_the_whole_chart_and_v_switches(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        plot = app.screen.query_one("#matrix-plot")
        figures = app.screen.query_one("#matrix-body > .sections")
        body = app.screen.query_one("#matrix-body")
        assert not figures.display or figures.region.width == 0
        assert plot.region.height >= 10
        assert plot.region.bottom <= body.region.bottom  # not cut by the screen's end
        await pilot.press("v")
        await settle(pilot)
        assert figures.region.width > 40 and plot.region.width == 0


async def test_a_long_answer_is_shown_in_full_under_the_table(demo_copy: Path) -> None:
    rel = "engagements/northwind-emea/research.toml"
    answer = next(a for a in data(demo_copy, rel)["answers"] if a["id"] == "customer-vision")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "research")
        put_cursor(app, ("answers",), "customer-vision", "answer")
        await settle(pilot)
        detail = app.screen.query_one("#cell-detail", Static)
        assert detail.display
        assert " ".join(str(detail.render()).split()) == " ".join(answer["answer"].split())
        put_cursor(app, ("answers",), "customer-vision", "sheet")  # short: no detail line
        await settle(pilot)
        assert not detail.display


def test_roadmap_labels_never_overlap() -> None:
    """`3.1` at day 0 and `3.3` at day 1 on one row (a cell a day) would read `3.3.3`."""
    labels = [(0, 1.0, "3.3"), (0, 0.0, "3.1"), (1, 1.0, "4.1"), (0, 10.0, "3.4")]
    assert fitting_labels(labels, 1.0) == [False, True, True, True]
    assert fitting_labels(labels, 5.0) == [True, True, True, True]  # wide: room for all


def test_today_is_frozen() -> None:
    assert dt.date(2026, 11, 22) == TODAY


async def test_a_forms_value_uses_the_pane_not_a_table_cells_width(demo_copy: Path) -> None:
    """A form (one field a line) cuts a long value to the room the pane leaves, at a word:
    cut at a table cell's 44 characters too, half of a wide pane stayed empty."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("northwind-emea")  # its own record first
        await settle(pilot)
        table = next(
            t
            for t in app.screen.query(RecordTable)
            if "initiative" in [str(k.value) for k in t.rows]
        )
        shown = str(table.get_cell("initiative", "value"))
        room = table.scrollable_content_region.width
    whole = data(demo_copy, "engagements/northwind-emea/engagement.toml")["initiative"]
    assert shown.endswith("…") and whole.startswith(shown[:-1].rstrip())  # cut to the pane
    assert len(shown) > 55  # not to a table cell's 44
    assert sum(c.get_render_width(table) for c in table.columns.values()) <= room
