"""The app's history of one cell (F): the same versions as `pcsm blame`, and a restore of
one older value as one commit that changes exactly that cell."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.widgets import Label

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.raci import RaciGrid
from pcsm_tui.ui.editors.table import RecordTable
from pcsm_tui.ui.screens.fieldhistory import FieldHistoryScreen

from .apphelp import WIDE, make_app, open_tool, settle, shown
from .conftest import git
from .test_blame import RACI, cell_versions, commit_as, edited

__all__ = ["edited"]  # the fixture: the demo with one RACI cell changed three more times


def most_changed(root: Path) -> tuple[tuple[str, ...], list[tuple[str, str, str]]]:
    return max(cell_versions(root).items(), key=lambda item: len(item[1]))


async def open_cell_history(pilot: Any, key: tuple[str, ...]) -> FieldHistoryScreen:
    app = pilot.app
    assert isinstance(app, PcsmApp)
    await open_tool(pilot, "northwind-emea", "raci")
    _m, matrix, _a, activity, _c, column = key
    grid = next(g for g in app.screen.query(RaciGrid) if g.matrix["id"] == matrix)
    grid.focus()
    columns = [str(k.value) for k in grid.columns]
    grid.move_cursor(row=grid.get_row_index(activity), column=columns.index(f"cell:{column}"))
    await pilot.press("F")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, FieldHistoryScreen)
    return screen


def rows_of(screen: FieldHistoryScreen) -> list[list[str]]:
    from textual.widgets import DataTable

    table = screen.query_one("#versions", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_f_on_a_cell_lists_what_blame_and_git_log_say(edited: Path) -> None:
    key, expected = most_changed(edited)
    assert len(expected) >= 4
    app = make_app(edited)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_cell_history(pilot, key)
        rows = rows_of(screen)
        newest_first = list(reversed(expected))
        assert [(r[2], r[3]) for r in rows] == [(sha[:7], value) for sha, value, _ in newest_first]
        dates = git(edited, "log", "--format=%h %aI", "--", RACI).splitlines()
        by_sha = dict(line.split(" ", 1) for line in dates)
        assert all(r[0] == by_sha[r[2]][:16].replace("T", " ") for r in rows)
        assert rows[0][1] == "Guest Consultant"  # the last change's author, as blame says
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FieldHistoryScreen)


async def test_restoring_an_older_value_is_one_commit_of_exactly_that_cell(edited: Path) -> None:
    key, expected = most_changed(edited)
    before = tomllib.loads((edited / RACI).read_text())
    count = int(git(edited, "rev-list", "--count", "HEAD"))
    app = make_app(edited)
    async with app.run_test(size=WIDE) as pilot:
        await open_cell_history(pilot, key)
        await pilot.press("j", "j", "enter")  # the third newest value
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    wanted = list(reversed(expected))[2][1]
    assert int(git(edited, "rev-list", "--count", "HEAD")) == count + 1
    assert git(edited, "diff", "--name-only", "HEAD~1", "HEAD").split() == [RACI]
    after = tomllib.loads((edited / RACI).read_text())
    _m, matrix, _a, activity, _c, column = key

    def cell(data: dict[str, Any]) -> dict[str, Any]:
        found = next(m for m in data["matrices"] if m["id"] == matrix)
        row = next(a for a in found["activities"] if a["id"] == activity)
        cells: dict[str, Any] = row["cells"]
        return cells

    assert cell(after)[column] == wanted != cell(before)[column]
    cell(after)[column] = cell(before)[column]
    assert after == before  # nothing else changed
    message = git(edited, "log", "-1", "--format=%s")
    assert "restored" in message


async def test_esc_and_enter_on_the_current_value_change_nothing(edited: Path) -> None:
    key, _expected = most_changed(edited)
    count = git(edited, "rev-list", "--count", "HEAD")
    app = make_app(edited)
    async with app.run_test(size=WIDE) as pilot:
        await open_cell_history(pilot, key)
        await pilot.press("enter")  # the newest: the value it has now
        await settle(pilot)
        assert isinstance(app.screen, FieldHistoryScreen)
        await pilot.press("j", "enter", "n")  # asked, and refused
        await settle(pilot)
    assert git(edited, "rev-list", "--count", "HEAD") == count


def test_snapshot_of_a_cell_history(edited: Path, snap_compare: Any) -> None:
    key, _expected = most_changed(edited)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await open_cell_history(pilot, key)

    assert snap_compare(make_app(edited), terminal_size=WIDE, run_before=run_before)


async def test_a_long_value_is_cut_at_a_word_and_shown_whole_under_the_list(
    demo_copy: Path,
) -> None:
    """Two versions of a long text that begin alike: the list cuts them at a word to the
    dialog's room, and the line under it shows the highlighted one whole."""
    path = demo_copy / "engagements" / "contoso-retail" / "engagement.toml"
    before = path.read_text(encoding="utf-8")
    old = tomllib.loads(before)["initiative"]
    new = f"{old} for the pilot stores first, then every store in the group"
    path.write_text(before.replace(f'"{old}"', f'"{new}"'), encoding="utf-8")
    commit_as(demo_copy, "sam", "01", "initiative widened", "-a")
    app = make_app(demo_copy)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_engagement("contoso-retail")  # the engagement's own record shows first
        await settle(pilot)
        table = next(
            t
            for t in app.screen.query(RecordTable)
            if "initiative" in [str(k.value) for k in t.rows]
        )
        table.focus()
        table.move_cursor(row=table.get_row_index("initiative"), column=1)
        await pilot.press("F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FieldHistoryScreen)
        rows = rows_of(screen)
        assert [len(r) for r in rows] == [4, 4]
        assert rows[0][3].endswith("…") and new.startswith(rows[0][3][:-1].rstrip())
        assert shown(screen.query_one("#field-value", Label)) == new
        await pilot.press("j")
        await settle(pilot)
        assert shown(screen.query_one("#field-value", Label)) == old
