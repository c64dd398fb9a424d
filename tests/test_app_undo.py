"""`u` undoes and `U` redoes your own changes of this session, on the screen's engagement."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Label

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.editors.table import RecordTable
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle
from .conftest import git

RISKS = "engagements/northwind-emea/risks.toml"
CONTOSO = "engagements/contoso-retail/onboarding-score.toml"


def severity(root: Path) -> int:
    return int(tomllib.loads((root / RISKS).read_text())["risks"][0]["severity"])


def subjects(root: Path, count: int) -> list[str]:
    return git(root, "log", f"-{count}", "--format=%s").splitlines()


def notices(app: PcsmApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def _set_severity(pilot: Pilot[None], value: int) -> None:
    assert isinstance(pilot.app, PcsmApp)
    put_cursor(pilot.app, ("risks",), "erp-delay", "severity")
    await pilot.press("e", "ctrl+u", str(value), "enter")
    await settle(pilot)


async def test_u_on_an_engagement_takes_back_only_its_own_changes(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    original = severity(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await _set_severity(pilot, 1)
        await _set_severity(pilot, 2)
        # a newer change of this session, on another engagement
        app.workspace.change(CONTOSO, lambda d: {**d, "customization": 3})
        head = git(demo_copy, "rev-parse", "HEAD").strip()
        await pilot.press("u")
        await settle(pilot)
        assert severity(demo_copy) == 1
        await pilot.press("u")
        await settle(pilot)
        assert severity(demo_copy) == original
        await pilot.press("u")  # nothing of northwind's left: contoso's is not undone here
        await settle(pilot)
        assert "nothing to undo here" in notices(app)
        assert tomllib.loads((demo_copy / CONTOSO).read_text())["customization"] == 3
        await pilot.press("U")
        await settle(pilot)
        assert severity(demo_copy) == 1
        shown = app.screen.query(RecordTable).first().get_cell("erp-delay", "severity")
        assert str(shown) == "1"  # the screen follows the file
    assert git(demo_copy, "rev-list", "--count", f"{head}..HEAD").strip() == "3"
    assert subjects(demo_copy, 3) == [
        f"northwind-emea: risks: redo “ERP integration late: severity: {original} → 1”",
        f"northwind-emea: risks: undo “ERP integration late: severity: {original} → 1”",
        "northwind-emea: risks: undo “ERP integration late: severity: 1 → 2”",
    ]


async def test_u_right_after_start_changes_nothing(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    head = git(demo_copy, "rev-parse", "HEAD")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "nothing to undo here" in notices(app)
    assert git(demo_copy, "rev-parse", "HEAD") == head


async def test_undoing_a_new_engagement_asks_and_says_what_goes(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.workspace.new_engagement("initech", "Initech")
        files = git(demo_copy, "ls-files", "engagements/initech").split()
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query(Label).first().render())
        assert f"It deletes the {len(files)} file(s) it created" in question
        await pilot.press("n")
        await settle(pilot)
        assert (demo_copy / "engagements/initech").is_dir()
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
    assert not (demo_copy / "engagements/initech").exists()
    assert subjects(demo_copy, 1) == [
        f"initech: engagement: undo “engagement started ({len(files)} files)”"
    ]
