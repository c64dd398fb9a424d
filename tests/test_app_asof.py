"""The whole engagement as of a date (issue 13): V on the engagement screen asks for a day
or a commit, and the engagement opens read only as it was — the wheel with that day's
phase, every tool's editor with that day's content — and no key writes or commits."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from pcsm_tui.ui.editors.tool import ToolEditor
from pcsm_tui.ui.screens.datedialog import WhenScreen, read_when
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.engagement_asof import EngagementAsOfScreen
from pcsm_tui.ui.screens.wheel import Wheel
from pcsm_tui.ui.widgets import StatusLine

from .apphelp import WIDE, make_app, settle, until
from .conftest import git

SLUG = "northwind-emea"
DAY = "2026-06-20"


def _then(root: Path, day: str) -> str:
    """The engagement's newest commit on or before the end of `day`."""
    return git(
        root, "log", "-1", f"--until={day}T23:59:59", "--format=%H", "--", f"engagements/{SLUG}"
    ).strip()


def _old(root: Path, sha: str, name: str) -> dict[str, Any]:
    return tomllib.loads(git(root, "show", f"{sha}:engagements/{SLUG}/{name}"))


def _status(app: Any) -> str:
    return str(app.screen.query_one(StatusLine).render())


async def _open_as_of(pilot: Any, when: str) -> None:
    await pilot.press("V")
    await until(pilot, lambda: isinstance(pilot.app.screen, WhenScreen), "the date dialog")
    pilot.app.screen.query_one(Input).value = when
    await pilot.press("enter")
    await settle(pilot)


async def _walk_to(pilot: Any, tool: str) -> ToolEditor:
    """Select the tool's leaf in the wheel and press enter, as a person would."""
    screen = pilot.app.screen
    wheel = screen.query_one("#wheel", Wheel)
    wheel.focus()
    stack = [wheel.root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.data == ("tool", tool):
            parent = node.parent
            while parent is not None:
                parent.expand()
                parent = parent.parent
            await pilot.pause()
            wheel.move_cursor(node)
    await pilot.press("enter")
    await settle(pilot)
    editor: ToolEditor = screen.query_one(ToolEditor)
    assert editor.rel.endswith(f"{tool}.toml"), editor.rel
    return editor


async def test_the_engagement_as_of_a_date_is_the_old_one_and_read_only(demo_copy: Path) -> None:
    sha = _then(demo_copy, DAY)
    head = git(demo_copy, "rev-parse", "HEAD").strip()
    app = make_app(demo_copy, engagement=SLUG)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        await _open_as_of(pilot, DAY)
        await until(pilot, lambda: isinstance(app.screen, EngagementAsOfScreen), "as of")
        screen = app.screen
        banner = str(screen.query_one("#asof-banner", Static).render())
        assert banner == (f"as of {DAY} (commit {sha[:7]}, read only) — Esc returns to today")
        then = _old(demo_copy, sha, "engagement.toml")
        assert f"phase {then['current_phase']} " in str(screen.sub_title)
        for tool in ("raci", "proposal", "research"):
            editor = await _walk_to(pilot, tool)
            old = _old(demo_copy, sha, f"{tool}.toml")
            assert editor.data == old
            now = tomllib.loads((demo_copy / editor.rel).read_text("utf-8"))
            if tool == "raci":
                assert now != old  # rows were added after that day: the old one is shown
            table = editor.query("RecordTable").first()
            table.focus()
            for key in ("e", "a", "d", "c", "space", "K", "J", "x", "r"):
                await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, EngagementAsOfScreen), key
                assert "read only" in _status(app), key
        for key in ("u", "U", "greater_than_sign", "Y", "R", "I", "O", "ctrl+t", "C", "S"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, EngagementAsOfScreen), key
            assert "refused" in _status(app), key
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen) is EngagementScreen, "today again")
    assert git(demo_copy, "rev-parse", "HEAD").strip() == head  # no commit
    assert git(demo_copy, "status", "--porcelain") == ""  # no file written


async def test_a_date_before_the_engagement_says_so(demo_copy: Path) -> None:
    app = make_app(demo_copy, engagement=SLUG)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        await _open_as_of(pilot, "2026-02-30")  # no date: the dialog says why, stays open
        assert isinstance(app.screen, WhenScreen)
        assert "February 2026 has 28 days" in str(app.screen.query_one("#when-error").render())
        app.screen.query_one(Input).value = "2025-01-01"
        await pilot.press("enter")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "EngagementScreen"  # nothing opened
        assert f"engagement '{SLUG}' did not exist yet on 2025-01-01" in _status(app)


async def test_a_commit_id_opens_that_commit(demo_copy: Path) -> None:
    sha = _then(demo_copy, "2026-05-31")
    app = make_app(demo_copy, engagement=SLUG)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        await _open_as_of(pilot, sha[:10])
        await until(pilot, lambda: isinstance(app.screen, EngagementAsOfScreen), "as of")
        assert f"commit {sha[:7]}" in str(app.screen.query_one("#asof-banner").render())
        await pilot.press("escape")
        await settle(pilot)
        await _open_as_of(pilot, "abcdef12")
        assert "names no commit" in _status(app)


def test_read_when_tells_a_date_from_a_commit() -> None:
    assert str(read_when(" 2026-03-01 ")) == "2026-03-01"
    assert read_when("abc1234") == "abc1234"
    for bad in ("20260301", "yesterday", "2026-13-01", "--all"):
        try:
            read_when(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
