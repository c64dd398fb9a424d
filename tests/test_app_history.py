"""The app's history, time travel and team sync, driven by keys (real repositories, real git)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from pcsm_tui.store.sync import status
from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.cell import CellEditor
from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.editors.tool import ReadOnlyBanner, ToolEditor
from pcsm_tui.ui.screens.conflicts import ConflictScreen, UnfinishedMergeScreen
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.history import AsOfScreen, HistoryScreen, diff_text

from .apphelp import WIDE, make_app, open_tool, settle, text_of, until
from .conftest import git
from .helpers import commits
from .remotes import Team
from .test_sync import PLAN, assessment, support

RISKS = "engagements/northwind-emea/risks.toml"


def shas(root: Path, *paths: str) -> list[str]:
    return git(root, "log", "--format=%H", "--", *paths).split()


def header(app: PcsmApp) -> str:
    return app.screen.sub_title or ""


async def open_history(pilot: Pilot[None], key: str = "L") -> HistoryScreen:
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_tool_history_lists_commits_beside_the_semantic_diff(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen = await open_history(pilot)
        table = screen.query_one("#commits")
        assert [str(k.value) for k in table.rows] == shas(demo_copy, RISKS)  # type: ignore[attr-defined]
        diff = text_of(app, "#commit-diff")
        assert "northwind-emea: risks: added Works-council objection" in diff
        assert "risks[Works-council objection]: added" in diff
        # Named inside the engagement: a narrow pane would fold the full path mid-word.
        assert "\nrisks.toml (" in diff and RISKS not in diff
        item = screen.selected()
        assert item is not None
        elsewhere = diff_text(item, screen.diffs[item.commit.sha], home="engagements/other")
        assert f"{RISKS} (" in elsewhere.plain
        await pilot.press("j")
        await settle(pilot)
        assert "risks[ERP integration late]: added" in text_of(app, "#commit-diff")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)


async def test_engagement_history_and_sync_status_in_the_header(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "raci")
        assert header(app).endswith("· git main · no remote")
        screen = await open_history(pilot, "H")
        rows = screen.query_one("#commits").row_count  # type: ignore[attr-defined]
        assert rows == len(shas(demo_copy, "engagements/northwind-emea"))
        assert screen.fallback_rel == "engagements/northwind-emea/raci.toml"


async def test_view_as_of_a_commit_is_read_only(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    text = (demo_copy / RISKS).read_text()
    old = shas(demo_copy, RISKS)[1]
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await open_history(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AsOfScreen)
        banner = str(screen.query_one(ReadOnlyBanner).render())
        when = git(demo_copy, "log", "-1", "--format=%cd", "--date=format:%Y-%m-%d %H:%M", old)
        assert banner.startswith(f"as of {when.strip()} {old[:7]} — read only")
        editor = screen.query_one(ToolEditor)
        assert editor.read_only
        then = tomllib.loads(git(demo_copy, "show", f"{old}:{RISKS}"))["risks"]
        assert [r["id"] for r in editor.data["risks"]] == [r["id"] for r in then]
        assert len(then) < len(tomllib.loads(text)["risks"])
        await pilot.press("e")  # refused: no cell editor opens
        await pilot.press("enter")
        await pilot.press("a", "d", "c", "J")
        await settle(pilot)
        assert not screen.query_one(CellEditor).display
        assert isinstance(app.screen, AsOfScreen)
        assert editor.commit(lambda data: data) is not None  # refused, nothing started
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    assert (demo_copy / RISKS).read_text() == text
    assert commits(demo_copy) == before
    assert git(demo_copy, "status", "--porcelain") == ""


async def test_restore_is_one_new_commit_and_undo_takes_it_back(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    current = (demo_copy / RISKS).read_text()
    old = shas(demo_copy, RISKS)[1]
    old_text = git(demo_copy, "show", f"{old}:{RISKS}")
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen = await open_history(pilot)
        await pilot.press("j", "R")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert commits(demo_copy) == before + 1
        assert (demo_copy / RISKS).read_text() == old_text
        subject = git(demo_copy, "log", "-1", "--format=%s").strip()
        assert subject == f"northwind-emea: risks: restored as of 2026-08-16 ({old[:7]})"
        shown: object = app.screen
        assert shown is screen
        table = screen.query_one("#commits")
        assert table.row_count == 4  # type: ignore[attr-defined]  # the restore is listed
        await pilot.press("u")
        await settle(pilot)
        assert (demo_copy / RISKS).read_text() == current
        assert commits(demo_copy) == before + 2


async def test_restore_from_the_read_only_view(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    old = shas(demo_copy, RISKS)[2]  # the engagement's first commit
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await open_history(pilot)
        await pilot.press("G", "v")
        await settle(pilot)
        assert isinstance(app.screen, AsOfScreen)
        await pilot.press("R", "y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    assert (demo_copy / RISKS).read_text() == git(demo_copy, "show", f"{old}:{RISKS}")


async def test_view_as_of_a_date(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await open_history(pilot)
        await pilot.press("D")
        await settle(pilot)
        box = app.screen.query_one("#as-of-date", Input)
        box.value = "2026-13-01"
        await pilot.press("enter")
        assert "there is no month 13" in str(app.screen.query_one("#date-error").render())
        box.value = "2026-06-31"  # a date's reason, not only its form (a new CSM's walk)
        await pilot.press("enter")
        assert "June 2026 has 30 days" in str(app.screen.query_one("#date-error").render())
        box.value = "2026-09-01"
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AsOfScreen)
        assert screen.commit.date.startswith("2026-08-16")
        assert screen.commit.sha == shas(demo_copy, RISKS)[1]


# --- sync from the app -------------------------------------------------------------------------


def _same_field_changed(two: Team) -> None:
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice: cfo 9")
    two.bob.edit(PLAN, assessment("cfo", support=5), "bob: cfo 5")
    two.bob.edit(PLAN, assessment("hr-manager", support=1), "bob: hr 1")
    assert two.alice.sync() == 0


async def test_conflict_resolved_in_the_app_and_both_clones_converge(two: Team) -> None:
    _same_field_changed(two)
    bob = two.bob
    app = make_app(bob.root)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-plan")
        assert header(app).endswith("git main → origin/main · ↑2 ↓0")
        await pilot.press("S")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        (conflict,) = screen.conflicts.values()
        assert conflict.label == "assessments[cfo].support"
        assert (conflict.base, conflict.ours, conflict.theirs) == (8, 5, 9)
        await pilot.press("c")  # not everything is decided: nothing happens
        await settle(pilot)
        assert bob.git("rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()
        await pilot.press("t")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # committed; push now?
        parents = bob.git("rev-list", "--parents", "-n", "1", "HEAD").split()
        assert len(parents) == 3
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert header(app).endswith("git main → origin/main · ↑0 ↓0")
        assert "synced" in app.status_text
    assert two.alice.sync() == 0
    for clone in (two.alice, bob):
        assert support(clone, "cfo")[1] == 9
        assert support(clone, "hr-manager")[1] == 1
        assert clone.errors() == []
    assert two.alice.git("rev-parse", "HEAD") == bob.git("rev-parse", "HEAD")


async def test_edit_a_conflicting_value_is_checked_as_its_kind(two: Team) -> None:
    _same_field_changed(two)
    assert two.bob.sync() == 1  # the merge waits, from the command line
    app = make_app(two.bob.root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnfinishedMergeScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("e", "ctrl+u", *"eleven")
        error = str(app.screen.query_one("#cell-error").render())
        assert "is not a whole number" in error
        await pilot.press("ctrl+u", *"11", "enter")
        assert "outside" in str(app.screen.query_one("#cell-error").render())
        await pilot.press("ctrl+u", "7", "enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("n")  # do not push yet
        await settle(pilot)
    assert support(two.bob, "cfo")[1] == 7
    now = status(two.bob.root)
    assert not now.merging and now.ahead == 3


async def test_unfinished_merge_at_start_can_be_aborted(two: Team) -> None:
    _same_field_changed(two)
    assert two.bob.sync() == 1
    mine = two.bob.git("rev-parse", "HEAD")
    app = make_app(two.bob.root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnfinishedMergeScreen)
        await pilot.press("a")
        await settle(pilot)
        assert "merge aborted" in app.status_text
    assert two.bob.git("rev-parse", "HEAD") == mine
    assert not status(two.bob.root).merging
    assert support(two.bob, "cfo")[1] == 5


async def test_unreachable_remote_is_reported_and_local_commits_kept(
    two: Team, tmp_path: Path
) -> None:
    alice = two.alice
    alice.edit(PLAN, assessment("cfo", support=9), "alice")
    alice.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))
    app = make_app(alice.root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert app.status_text.startswith("sync failed: origin cannot be reached")
        assert "local commits kept · S retries" in app.status_text
    assert alice.git("log", "-1", "--format=%s").strip() == "alice"


async def test_sync_status_follows_commits_and_syncs(two: Team) -> None:
    from .apphelp import put_cursor

    alice = two.alice
    app = make_app(alice.root)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        assert header(app).endswith("git main → origin/main · ↑0 ↓0")
        put_cursor(app, ("risks",), "erp-delay", "likelihood")
        await pilot.press("e", "ctrl+u", "4", "enter")
        await settle(pilot)
        await until(
            pilot, lambda: header(app).endswith("· ↑1 ↓0"), "the header to count the new commit"
        )
        assert header(app).endswith("git main → origin/main · ↑1 ↓0")
        screen = await open_history(pilot)
        table = screen.query_one("#commits")
        marks = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]  # type: ignore[attr-defined]
        assert marks[0] == "↑" and set(marks[1:]) == {""}  # only the new commit is unpushed
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert app.status_text.startswith("synced: pushed 1 commit(s)")
        assert header(app).endswith("git main → origin/main · ↑0 ↓0")
    assert status(alice.root).ahead == 0


async def test_history_and_sync_are_in_the_palette_and_the_keys(demo_copy: Path) -> None:
    from pcsm_tui.ui.screens.help import HelpScreen

    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for words in ("History of this engagement", "History of this tool", "Sync with the team"):
            assert words in text
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"history of this tool")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.rel == RISKS
        await pilot.press("ctrl+p", *"sync with the team")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.status_text.startswith("sync stopped: no remote to sync with")


async def test_view_as_of_names_people_from_that_commits_register(demo_copy: Path) -> None:
    """Named bug (issue 12): the read-only view read today's register for the names beside
    a tool; it must show the register of the commit it shows."""
    register = "engagements/northwind-emea/stakeholders.toml"
    old = shas(demo_copy, RISKS)[1]
    then = tomllib.loads(git(demo_copy, "show", f"{old}:{register}"))["stakeholders"][0]
    text = (demo_copy / register).read_text()
    (demo_copy / register).write_text(text.replace(then["name"], "Renamed Today", 1))
    git(demo_copy, "commit", "-qam", "rename a stakeholder today")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await open_history(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AsOfScreen) and screen.commit.sha == old
        names = screen.query_one(ToolEditor).names
        assert names[then["id"]].startswith(then["name"]), names
        assert "Renamed Today" not in " ".join(names.values())
