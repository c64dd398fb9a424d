"""Issue 16: a tool shown again is the editor kept from before (one layout, few paints),
and never shows stale data: whoever changed a file it shows since, it is built anew."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui import service_watch
from pcsm_tui.ui.app import PcsmApp

from .apphelp import (
    WIDE,
    make_app,
    open_tool,
    put_cursor,
    screen_of,
    settle,
    show_kept_again,
    table_at,
    until,
)
from .conftest import git
from .remotes import team

RISKS = "engagements/northwind-emea/risks.toml"


@pytest.fixture(autouse=True)
def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file written a moment ago gives no stamp (the racy rule) and nothing would be kept:
    here a stamp is trusted at once, so that reuse happens in these tests."""
    monkeypatch.setattr(service_watch, "RACY_NS", 0)


def severity_shown(app: PcsmApp) -> str:
    return str(table_at(app, ("risks",)).get_cell("erp-delay", "severity"))


def severity_on_disk(root: Path) -> int:  # a clone's own files, as the app reads them
    return int(tomllib.loads((root / RISKS).read_text())["risks"][0]["severity"])


async def test_a_tool_shown_again_is_reused_in_one_layout(
    demo_copy: Path, refreshes: dict[str, int]
) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        reset = lambda: refreshes.update(paints=0, layouts=0)  # noqa: E731
        await show_kept_again(pilot, "northwind-emea", "risks", reset)
        # Building it again took 5 layouts and 13-17 paints (issue 16's measurement).
        assert refreshes["layouts"] <= 3, refreshes
        assert refreshes["paints"] <= 10, refreshes
        assert severity_shown(app) == str(severity_on_disk(demo_copy))
        assert app.focused is table_at(app, ("risks",))  # keys work at once, as before


async def test_an_outside_edit_is_shown_when_the_tool_is_shown_again(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen_of(app).show_target(("register",))
        await settle(pilot)
        path = demo_copy / RISKS
        old = severity_on_disk(demo_copy)
        new = 1 if old != 1 else 2
        text = path.read_text()
        path.write_text(text.replace(f"severity = {old}", f"severity = {new}", 1))
        screen_of(app).show_target(("tool", "risks"))
        await settle(pilot)
        assert severity_shown(app) == str(new)


async def test_a_file_put_back_by_git_is_shown(demo_copy: Path) -> None:
    """What a sync, a pull or a revert does to the work tree: git writes the file."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        original = severity_on_disk(demo_copy)
        put_cursor(app, ("risks",), "erp-delay", "severity")
        changed = 1 if original != 1 else 2
        await pilot.press("e", "ctrl+u", str(changed), "enter")
        await settle(pilot)
        assert severity_shown(app) == str(changed)
        screen_of(app).show_target(("register",))
        await settle(pilot)
        git(demo_copy, "checkout", "HEAD~1", "--", RISKS)
        assert severity_on_disk(demo_copy) == original
        screen_of(app).show_target(("tool", "risks"))
        await settle(pilot)
        assert severity_shown(app) == str(original)


async def test_an_in_app_change_and_its_undo_are_shown(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        original = severity_on_disk(demo_copy)
        screen_of(app).show_target(("register",))
        await settle(pilot)
        changed = 1 if original != 1 else 2

        def edit(data: dict[str, object]) -> dict[str, object]:
            risks = [dict(row) for row in data["risks"]]  # type: ignore[attr-defined]
            risks[0]["severity"] = changed
            return {**data, "risks": risks}

        app.change(RISKS, edit)  # committed by the app while the risks are not on screen
        await settle(pilot)
        assert severity_on_disk(demo_copy) == changed
        screen_of(app).show_target(("tool", "risks"))
        await settle(pilot)
        assert severity_shown(app) == str(changed)
        screen_of(app).show_target(("register",))
        await settle(pilot)
        await pilot.press("u")  # undo, on the register
        await settle(pilot)
        assert severity_on_disk(demo_copy) == original
        screen_of(app).show_target(("tool", "risks"))
        await settle(pilot)
        assert severity_shown(app) == str(original)


async def test_an_edit_made_during_an_as_of_view_is_shown_after_it(demo_copy: Path) -> None:
    # start-up: as the app itself loads it
    from pcsm_tui.ui.screens.engagement_asof import EngagementAsOfScreen

    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen_of(app).show_target(("register",))
        await settle(pilot)
        sha = git(demo_copy, "rev-parse", "HEAD").strip()
        then = app.workspace.engagement_as_of("northwind-emea", sha)
        app.push_screen(EngagementAsOfScreen(then, None, ("tool", "risks")))
        await settle(pilot)
        assert isinstance(app.screen, EngagementAsOfScreen)
        path = demo_copy / RISKS
        old = severity_on_disk(demo_copy)
        new = 1 if old != 1 else 2
        path.write_text(path.read_text().replace(f"severity = {old}", f"severity = {new}", 1))
        app.pop_screen()
        await settle(pilot)
        screen_of(app).show_target(("tool", "risks"))
        await settle(pilot)
        assert severity_shown(app) == str(new)


async def test_only_the_last_editors_are_kept(demo_copy: Path) -> None:
    # start-up: the catalogue as the screen uses it
    from pcsm_tui.framework.catalogue import TOOLS

    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen = screen_of(app)
        screen.kept.limit = 3
        for tool in TOOLS[:6]:
            screen.show_target(("tool", tool.id))
            await settle(pilot)
        host = screen.query_one("#editor-host")
        assert len(host.children) <= 3
        assert sum(1 for child in host.children if child.display) == 1


async def test_a_change_brought_by_sync_is_shown(demo_copy: Path, tmp_path: Path) -> None:
    crew = team(demo_copy, tmp_path)
    original = int(crew.alice.read(RISKS)["risks"][0]["severity"])
    changed = 1 if original != 1 else 2

    def edit(data: dict[str, Any]) -> None:
        data["risks"][0]["severity"] = changed

    crew.bob.edit(RISKS, edit, "bob: severity")
    assert crew.bob.sync() == 0
    app = make_app(crew.alice.root)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        assert severity_shown(app) == str(original)
        screen_of(app).show_target(("register",))
        await settle(pilot)
        app.action_sync()
        await until(pilot, lambda: severity_on_disk(crew.alice.root) == changed, "the sync")
        screen_of(app).show_target(("tool", "risks"))
        await settle(pilot)
        assert severity_shown(app) == str(changed)


async def test_a_tool_shown_again_keeps_its_cursor_and_takes_keys(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        table = put_cursor(app, ("risks",), "erp-delay", "severity")
        where = table.cursor_coordinate
        screen_of(app).show_target(("register",))
        await settle(pilot)
        screen_of(app).show_target(("tool", "risks"))
        await settle(pilot)
        assert table_at(app, ("risks",)) is table and app.focused is table
        assert table.cursor_coordinate == where
        changed = 1 if severity_on_disk(demo_copy) != 1 else 2
        await pilot.press("e", "ctrl+u", str(changed), "enter")  # keys edit the risk, as before
        await settle(pilot)
        assert severity_on_disk(demo_copy) == changed
