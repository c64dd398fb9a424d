"""Readable at 120x40, usable at 80x24, and the small wrong things of issue 13 (item 6):
each test presses keys in the app on a real repository and fails without its fix."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path

import pytest

from textual.widgets import Input, Label, Static, Tree

from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.ui.editors.charted import SpiderEditor
from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.editors.raci import RaciGrid, _short
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
        heads = {str(k.value): str(c.label) for k, c in grid.columns.items()}
        assert heads[column] == "Money"
        assert all("…" not in h for h in heads.values())


def test_long_heads_keep_whole_words() -> None:
    assert _short("CFO") == "CFO"
    assert _short("EMEA Director of Operations (SPL)") == "EMEA Director\nof Operations\n(SPL)"
    assert _short("Executive Director of Operations and Finance, EMEA and APAC").endswith("…")
    long_word = "Supercalifragilisticexpialidocious"  # split, but every letter shown
    assert _short(long_word).replace("\n", "") == long_word


async def test_history_shows_the_selected_subject_in_full(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("L")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(pilot, lambda: screen.selected() is not None, "the history listed")
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


def test_today_is_frozen() -> None:
    assert TODAY == dt.date(2026, 11, 22)
