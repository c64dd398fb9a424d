"""The key bar: shows the keys that work where the cursor is, and a click presses one."""

from __future__ import annotations

from pathlib import Path

from pcsm_tui.ui.keybar import Key, KeyBar, fit_keys

from .apphelp import NARROW, WIDE, make_app, open_tool, put_cursor, settle, shown, until
from .conftest import git


async def test_keys_follow_the_cursor(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "fabrikam-health", "readiness")
        bar = app.screen.query_one(KeyBar)
        put_cursor(app, ("checklists", "phase-2", "items"), "outcomes-defined", "answer")
        await until(pilot, lambda: "Toggle yes/no" in shown(bar), "the answer column's keys")
        on_answer = shown(bar)
        # space answers the item from any column of its row (issue 13), so the key stays
        put_cursor(app, ("checklists", "phase-2", "items"), "outcomes-defined", "comments")
        await until(pilot, lambda: "Toggle yes/no" in shown(bar), "the row's answer key")
        put_cursor(app, ("checklists",), "phase-2", "title")  # a copy: nothing to answer
        await until(pilot, lambda: shown(bar) != on_answer, "the key bar to follow the cursor")
        assert "Toggle yes/no" not in shown(bar)
        assert shown(bar).rstrip().endswith("Commands")


async def test_clicking_a_key_presses_it(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rel = "engagements/northwind-emea/onboarding-score.toml"
        app.workspace.change(rel, lambda data: {**data, "customer_maturity": 1})
        before = git(demo_copy, "rev-list", "--count", "HEAD")
        bar = app.screen.query_one(KeyBar)
        column = shown(bar).index("Undo your last change")
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
    assert int(git(demo_copy, "rev-list", "--count", "HEAD")) == int(before) + 1
    assert git(demo_copy, "log", "-1", "--format=%s").strip().endswith("”")  # undo “…”


async def test_the_palette_key_stays_at_the_right_when_narrow(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        text = shown(app.screen.query_one(KeyBar))
        assert len(text) == NARROW[0]
        assert text.rstrip().endswith("^p Commands")
        assert "…" not in text  # the keys that do not fit are left out whole, never cut
        assert " e Edit cell " in text  # the first keys stay, with their descriptions


def test_narrow_keys_lose_brackets_then_the_last_keys_never_a_cut_word() -> None:
    keys = [
        Key("s", "s", "Sort (next column)", True),
        Key("n", "n", "New engagement", True),
        Key("q", "q", "Quit", True),
    ]
    assert fit_keys(keys, 100) == keys
    assert [k.description for k in fit_keys(keys, 34)] == ["Sort", "New engagement", "Quit"]
    assert [k.description for k in fit_keys(keys, 26)] == ["Sort", "New engagement"]
    assert fit_keys(keys, 3) == []
