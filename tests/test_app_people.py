"""The People screen: p on the portfolio lists the team, Enter opens a person, and their
development plan is edited like any tool, one commit per change."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from pcsm_tui.ui.editors.tool import ToolEditor
from pcsm_tui.ui.screens.people import PeopleScreen, PersonScreen

from .apphelp import WIDE, make_app, put_cursor, settle, text_of, until
from .conftest import git
from .helpers import commits
from .helpers import toml_at as data

PLAN = "people/maria-lopez/development.toml"


async def _open_part(pilot: object, app: object, part: str) -> None:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, PersonScreen)
    parts = screen.query_one("#parts", OptionList)
    parts.highlighted = parts.get_option_index(part)
    await until(pilot, lambda: screen.part == part, f"the {part} part")  # type: ignore[arg-type]


async def test_p_lists_the_team_and_enter_opens_a_person(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.query_one("#people")
        assert [str(k.value) for k in table.rows] == [  # type: ignore[attr-defined]
            "maria-lopez",
            "dev-patel",
            "sam-okafor",
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        overview = text_of(app, "#person-overview")
        assert "Maria Lopez" in overview
        assert "2026-11-13 against 2026-07-31" in overview
        assert "CPD focus (the lowest areas): A Time Management" in overview
        assert "Northwind Manufacturing (northwind-emea)" in overview
        assert "Action" in overview and "31.5" in overview
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PeopleScreen)


async def test_editing_the_development_plan_is_one_commit(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.push_screen(PersonScreen("maria-lopez"))
        await settle(pilot)
        await _open_part(pilot, app, "development")
        editor = app.screen.query_one(ToolEditor)
        assert editor.rel == PLAN
        put_cursor(app, ("reviews",), "2026-Q3", "reviewer")
        await pilot.press("e", "ctrl+u", *"Dev Patel (peer)", "enter")
        await settle(pilot)
    assert data(demo_copy, PLAN)["reviews"][1]["reviewer"] == "Dev Patel (peer)"
    assert commits(demo_copy) == before + 1
    assert git(demo_copy, "status", "--porcelain") == ""
    changed = git(demo_copy, "show", "--name-only", "--format=", "HEAD").split()
    assert changed == [PLAN]


async def test_a_missing_plan_is_started_with_n(demo_copy: Path) -> None:
    git(demo_copy, "rm", "-q", "people/dev-patel/development.toml")
    git(demo_copy, "commit", "-qm", "plan removed")
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.push_screen(PersonScreen("dev-patel"))
        await settle(pilot)
        await _open_part(pilot, app, "development")
        assert "none yet" in text_of(app, "#person-missing")
        await pilot.press("n")
        await until(pilot, lambda: bool(app.screen.query(ToolEditor)), "the plan's editor")
    assert commits(demo_copy) == before + 1
    assert (demo_copy / "people/dev-patel/development.toml").is_file()


async def test_names_and_plans_are_shown_as_written(demo_copy: Path) -> None:
    """Data is text on the People screens: markup stays as typed, controls are escaped."""
    profile = demo_copy / "people/maria-lopez/profile.toml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            'name = "Maria Lopez"', 'name = "Maria [/b] [@click=app.quit] \\u001b[31mX"'
        ),
        encoding="utf-8",
    )
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one("#people")
        cell = str(table.get_cell("maria-lopez", "name"))  # type: ignore[attr-defined]
        assert "[/b] [@click=app.quit]" in cell and "\x1b" not in cell
        await pilot.press("enter")
        await settle(pilot)
        overview = text_of(app, "#person-overview")
        assert "Maria [/b] [@click=app.quit] " in overview and "\x1b" not in overview
        assert app.is_running
