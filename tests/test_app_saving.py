"""Issue 10 in the app: outside changes, unreadable files and interrupted saves, by keys."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.editors.raci import RaciGrid
from pcsm_tui.ui.interrupted import InterruptedSaveScreen
from pcsm_tui.ui.screens.history import HistoryScreen

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle
from .conftest import git

RISKS = "engagements/northwind-emea/risks.toml"
RACI = "engagements/northwind-emea/raci.toml"


def risk(root: Path, field: str) -> object:
    return tomllib.loads((root / RISKS).read_text())["risks"][0][field]


def changed_lines(root: Path, rev: str = "HEAD") -> list[str]:
    out = git(root, "show", "--format=", "--unified=0", rev)
    return [
        line
        for line in out.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


async def test_an_edit_in_the_app_keeps_an_outside_change_out_of_its_commit(
    demo_copy: Path,
) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        path = demo_copy / RISKS
        path.write_text(path.read_text().replace("severity = 4", "severity = 2", 1))
        put_cursor(app, ("risks",), "erp-delay", "likelihood")
        await pilot.press("e", "ctrl+u", "5", "enter")
        await settle(pilot)
    assert (risk(demo_copy, "likelihood"), risk(demo_copy, "severity")) == (5, 2)
    assert changed_lines(demo_copy) == ["-likelihood = 3", "+likelihood = 5"]
    message = git(demo_copy, "log", "-1", "--format=%B")
    assert "likelihood: 3 → 5" in message and "severity" not in message
    assert git(demo_copy, "status", "--porcelain") == f" M {RISKS}\n"


async def test_an_edit_of_a_field_changed_outside_is_refused_and_the_file_shown(
    demo_copy: Path,
) -> None:
    app = make_app(demo_copy)
    head = git(demo_copy, "rev-parse", "HEAD")
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        path = demo_copy / RISKS
        path.write_text(path.read_text().replace("likelihood = 3", "likelihood = 1", 1))
        table = put_cursor(app, ("risks",), "erp-delay", "likelihood")
        await pilot.press("e", "ctrl+u", "5", "enter")
        await settle(pilot)
        status = str(app.screen.query_one("StatusLine").render())
        assert status.startswith("not saved:") and "changed on disk" in status
        assert str(table.get_cell_at(table.cursor_coordinate)) == "1"  # reloaded from disk
    assert risk(demo_copy, "likelihood") == 1
    assert git(demo_copy, "rev-parse", "HEAD") == head


async def test_two_quick_keys_in_one_raci_cell_are_two_commits_in_order(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = int(git(demo_copy, "rev-list", "--count", "HEAD"))
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "raci")
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=2, column=1)  # Funding approval × CFO: R/A
        await pilot.press("c", "i")  # no waiting between the keys
        await settle(pilot)
    cells = tomllib.loads((demo_copy / RACI).read_text())["matrices"][0]["activities"][2]["cells"]
    assert cells["cfo"] == "R/A/C/I"
    assert int(git(demo_copy, "rev-list", "--count", "HEAD")) == before + 2
    assert git(demo_copy, "status", "--porcelain") == ""


async def test_restore_over_an_unreadable_file_asks_and_keeps_its_bytes(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    latin1 = (demo_copy / RISKS).read_text().replace("Delft", "Délft").encode("latin-1")
    head = git(demo_copy, "rev-parse", "HEAD")
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        (demo_copy / RISKS).write_bytes(latin1)  # a hand edit saved in the wrong encoding
        await pilot.press("j", "R", "y")  # restore an earlier version: yes
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # the file does not read: asked first
        assert "not UTF-8" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert (demo_copy / RISKS).read_bytes() == latin1
        assert git(demo_copy, "rev-parse", "HEAD") == head
        await pilot.press("R", "y", "y")  # again, and this time yes to writing over it
        await settle(pilot)
    rescued = list((demo_copy / ".git" / "pcsm" / "rescued").iterdir())
    assert [p.read_bytes() for p in rescued] == [latin1]
    message = git(demo_copy, "log", "-1", "--format=%B")
    assert "restored as of" in message
    assert f"Kept the unreadable earlier {RISKS} as .git/pcsm/rescued/{rescued[0].name}." in message


def interrupt_a_save(root: Path) -> None:
    """A real `pcsm set` killed after its file is renamed, before the commit."""
    env = {**os.environ, "PCSM_FAULT": "save.after-rename"}
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pcsm_tui.cli", "set", "northwind-emea", "risks"),
            *("risks[erp-delay].likelihood=1", "--repo", str(root)),
        ],
        env=env,
        capture_output=True,
    )
    assert result.returncode == 137, result.stderr


async def test_the_app_offers_to_finish_an_interrupted_save(demo_copy: Path) -> None:
    interrupt_a_save(demo_copy)
    head = git(demo_copy, "rev-parse", "HEAD")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, InterruptedSaveScreen)
        await pilot.press("f")
        await settle(pilot)
        assert not isinstance(app.screen, InterruptedSaveScreen)
    assert git(demo_copy, "rev-parse", "HEAD^") == head
    assert git(demo_copy, "status", "--porcelain") == ""
    assert "likelihood: 3 → 1" in git(demo_copy, "log", "-1", "--format=%B")


async def test_an_edit_after_an_interrupted_save_asks_and_clean_puts_it_back(
    demo_copy: Path,
) -> None:
    before = (demo_copy / RISKS).read_bytes()
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        interrupt_a_save(demo_copy)  # another process dies while the app is open
        put_cursor(app, ("risks",), "erp-delay", "severity")
        await pilot.press("e", "ctrl+u", "5", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InterruptedSaveScreen)
        await pilot.press("c")
        await settle(pilot)
    assert (demo_copy / RISKS).read_bytes() == before
    assert git(demo_copy, "status", "--porcelain") == ""
