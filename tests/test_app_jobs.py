"""A failing background job never closes the app: each kind of job meets a real fault (a
corrupt git object, a corrupt index, a remote that is gone, a file that is no workbook, a
month that does not read…) and the app keeps running and shows git's or the file's words."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.jobs import InOrder
from pcsm_tui.ui.screens.history import HistoryScreen

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle
from .conftest import git

SLUG = "northwind-emea"
Setup = Callable[[Path], None]
Trigger = Callable[[Pilot[None]], Awaitable[None]]


def corrupt_oldest_tree(root: Path) -> None:
    """Overwrite the loose object of the tree of the engagement's first commit: git's own
    history walks then stop with `fatal: loose object … is corrupt`."""
    first = git(root, "log", "--format=%H", "--", f"engagements/{SLUG}").split()[-1]
    tree = git(root, "rev-parse", f"{first}^{{tree}}").strip()
    path = root / ".git" / "objects" / tree[:2] / tree[2:]
    path.chmod(0o644)
    path.write_bytes(b"not a git object")


def corrupt_a_recent_tree(root: Path) -> None:
    """The tree of the commit before HEAD: `git status` still works (it reads HEAD's tree
    only), but reading which engagement each commit touched stops there. The last-change
    cache goes too (with it, nothing would need the history)."""
    (root / ".git" / "pcsm" / "last-change.json").unlink(missing_ok=True)
    tree = git(root, "rev-parse", "HEAD~1^{tree}").strip()
    path = root / ".git" / "objects" / tree[:2] / tree[2:]
    path.chmod(0o644)
    path.write_bytes(b"not a git object")


def corrupt_index(root: Path) -> None:
    (root / ".git" / "index").write_bytes(b"DIRC garbage, not an index")


def unfinished_merge_with_corrupt_index(root: Path) -> None:
    head = git(root, "rev-parse", "HEAD").strip()
    (root / ".git" / "MERGE_HEAD").write_text(head + "\n")
    corrupt_index(root)


def remote_gone(root: Path) -> None:
    gone = root.parent / "gone.git"
    subprocess.run(["git", "init", "-q", "--bare", str(gone)], check=True)
    git(root, "remote", "add", "origin", str(gone))
    git(root, "push", "-q", "-u", "origin", "HEAD:main")
    git(root, "commit", "-q", "--allow-empty", "-m", "local work")
    subprocess.run(["rm", "-rf", str(gone)], check=True)


def earlier_month_broken(root: Path) -> None:
    path = root / f"engagements/{SLUG}/stakeholder-plan/2026-09.toml"
    path.write_text(path.read_text().replace("support = ", "support = 99 #", 1))


def index_locked(root: Path) -> None:
    (root / ".git" / "index.lock").write_text("")


async def nothing(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def history(pilot: Pilot[None]) -> None:
    await open_tool(pilot, SLUG, "risks")
    await press(pilot, "H")
    assert isinstance(pilot.app.screen, HistoryScreen)


async def engagement(pilot: Pilot[None]) -> None:
    await open_tool(pilot, SLUG, "risks")


async def sync(pilot: Pilot[None]) -> None:
    await press(pilot, "S")


async def movement(pilot: Pilot[None]) -> None:
    await open_tool(pilot, SLUG, "stakeholder-matrix")
    pilot.app.screen.query("RecordTable").first().focus()
    await press(pilot, "m")


async def save(pilot: Pilot[None]) -> None:
    await open_tool(pilot, SLUG, "risks")
    assert isinstance(pilot.app, PcsmApp)
    put_cursor(pilot.app, ("risks",), "erp-delay", "severity")
    await press(pilot, "e", "ctrl+u", "5", "enter")


async def export(pilot: Pilot[None]) -> None:
    await open_tool(pilot, SLUG, "risks")
    await press(pilot, "T")
    box = pilot.app.screen.query_one("#export-path", Input)
    box.value = str(_root(pilot).parent / "blocker" / "risks.xlsx")
    box.focus()
    await press(pilot, "enter")


async def import_preview(pilot: Pilot[None]) -> None:
    await open_tool(pilot, SLUG, "risks")
    await press(pilot, "I")
    box = pilot.app.screen.query_one("#import-path", Input)
    box.value = str(_root(pilot).parent / "blocker")
    box.focus()
    await press(pilot, "enter")


def _root(pilot: Pilot[None]) -> Path:
    assert isinstance(pilot.app, PcsmApp)
    return pilot.app.workspace.root


def not_a_workbook(root: Path) -> None:
    (root.parent / "blocker").write_bytes(b"this is not an Excel workbook")


def shown(app: PcsmApp) -> str:
    """Every notification and every message box on screen, as text."""
    notes = [f"{n.title}: {n.message}" for n in app._notifications]
    boxes = [
        str(w.render())
        for w in app.screen.query(Static)
        if w.id in ("export-result", "import-message")
    ]
    return "\n".join(notes + boxes)


JOBS: dict[str, tuple[Setup, Trigger, str, str]] = {
    "history loading": (corrupt_oldest_tree, history, "Loading the history failed", "corrupt"),
    "portfolio last change": (
        corrupt_a_recent_tree,
        nothing,
        "Reading each engagement's last change failed",
        "is corrupt",
    ),
    "unfinished merge check": (
        unfinished_merge_with_corrupt_index,
        nothing,
        "Checking for an unfinished merge failed",
        "index",
    ),
    "engagement status": (
        corrupt_index,
        engagement,
        "Reading the repository status failed",
        "index",
    ),
    "sync (git fails)": (corrupt_index, sync, "Sync failed — nothing was lost", "index"),
    "sync (remote gone)": (
        remote_gone,
        sync,
        "Sync failed — your local commits are kept",
        "gone.git",
    ),
    "save": (index_locked, save, "The change was not committed", "index.lock"),
    "chart data": (earlier_month_broken, movement, "Drawing the chart failed", "support"),
    "export": (not_a_workbook, export, "✗ Not exported", "blocker"),
    "import preview": (not_a_workbook, import_preview, "✗ Cannot import", "not an Excel workbook"),
}


@pytest.mark.parametrize("kind", JOBS)
async def test_a_failing_job_is_shown_and_the_app_keeps_running(kind: str, demo_copy: Path) -> None:
    setup, trigger, title, words = JOBS[kind]
    setup(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await trigger(pilot)
        text = shown(app)
        assert title in text, text
        assert words in text.split(title, 1)[1], text
        # still running, still answering keys
        while isinstance(app.screen, ModalScreen):
            await press(pilot, "escape")
        await press(pilot, "question_mark")
        assert app.is_running and app.return_code is None
        assert type(app.screen).__name__ == "HelpScreen"


def test_saves_and_undos_run_in_the_order_they_were_asked_for() -> None:
    """Worker threads may start in any order; jobs still run in the order of their tickets."""
    in_order = InOrder()
    order: list[int] = []

    def job(index: int) -> Callable[[], None]:
        return lambda: order.append(index)

    jobs = [in_order.wrap(job(i), lambda: True) for i in range(8)]
    threads = [threading.Thread(target=job) for job in reversed(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
        assert not thread.is_alive()
    assert order == list(range(8))
