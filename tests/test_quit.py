"""Quitting is immediate whatever git is doing: a read nobody wants is killed, a save in
progress ends first. The app runs in a real child process, with a git that is slow for one
command (a script earlier on PATH), so the process's own end is what is waited for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import git

CHILD = """
import sys, time
from pathlib import Path
from textual.app import App
from pcsm_tui.ui.factory import create_app
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

marks = Path(sys.argv[2])
display = App._display

def first_frame(app, screen, renderable):
    if isinstance(screen, PortfolioScreen) and renderable is not None and not app.started:
        app.started = True
        if sys.argv[3] == "save":
            def edit(data):
                data["risks"][0]["likelihood"] = 1 + data["risks"][0]["likelihood"] % 4
                return data
            app.change("engagements/northwind-emea/risks.toml", edit)
        # Quit as soon as the slow git command has started.
        app.set_interval(0.02, lambda: (marks / sys.argv[3]).exists() and app.exit())
    return display(app, screen, renderable)

App._display = first_frame
app = create_app(Path(sys.argv[1]))
app.started = False
app.run(headless=True, size=(120, 40))
print("EXITED", flush=True)
"""

SLOW_GIT = """#!/bin/sh
case "$1" in
  log) touch "$MARKS/log"; sleep 60 ;;
  commit) touch "$MARKS/save"; sleep 1 ;;
esac
exec "$REAL_GIT" "$@"
"""


def run_child(
    child: str, root: Path, tmp_path: Path, shim: str, what: str, timeout: float
) -> tuple[Path, str, str]:
    """Run `child` (the app in a process of its own) with `shim` as git, until it ends; its
    marks folder (where the shim says what it did), and what it printed and said. Fails if
    the process has not ended within `timeout` seconds, or ended with an error."""
    bin_dir, marks = tmp_path / "bin", tmp_path / "marks"
    bin_dir.mkdir()
    marks.mkdir()
    script = bin_dir / "git"
    script.write_text(shim)
    script.chmod(0o755)
    real = shutil.which("git")
    assert real is not None
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "MARKS": str(marks),
        "REAL_GIT": real,
    }
    process = subprocess.Popen(
        [sys.executable, "-c", child, str(root), str(marks), what],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"the app did not end within {timeout:g} s ({what})")
    assert process.returncode == 0 and "EXITED" in out, err
    assert "Traceback" not in err, err
    return marks, out, err


def run_app(root: Path, tmp_path: Path, what: str) -> tuple[float, str]:
    """Run the app until it quits on its own; (seconds from the slow command's start to the
    process's end, what it printed). Fails if it does not end within 20 s."""
    marks, out, _err = run_child(CHILD, root, tmp_path, SLOW_GIT, what, 20)
    return time.time() - (marks / what).stat().st_mtime, out


def test_quitting_kills_a_long_git_read(demo_copy: Path, tmp_path: Path) -> None:
    (demo_copy / ".git" / "pcsm" / "last-change.json").unlink(missing_ok=True)
    seconds, out = run_app(demo_copy, tmp_path, "log")
    assert "EXITED" in out
    assert seconds < 20  # the read would take 60 s: it was killed, not waited for


def test_quitting_lets_a_save_in_progress_finish(demo_copy: Path, tmp_path: Path) -> None:
    before = git(demo_copy, "rev-parse", "HEAD").strip()
    run_app(demo_copy, tmp_path, "save")
    assert git(demo_copy, "rev-parse", "HEAD~1").strip() == before
    assert "risks" in git(demo_copy, "log", "-1", "--format=%s")
    assert git(demo_copy, "status", "--porcelain") == ""


KEYS_CHILD = """
import asyncio, sys, time
from pathlib import Path
from pcsm_tui.ui.factory import create_app

marks = Path(sys.argv[2])

async def main():
    app = create_app(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_engagement("northwind-emea", tool="risks")
        await pilot.pause()
        await pilot.press("L")  # the tool's history: its load is the slow git read
        deadline = time.monotonic() + 60
        while not (marks / "walk").exists():
            if time.monotonic() > deadline:
                sys.exit("the history's git read never started")
            await asyncio.sleep(0.02)
        await pilot.press("q")
    print("EXITED", flush=True)

asyncio.run(main())
"""

SLOW_WALK = """#!/bin/sh
case " $* " in
  *" --raw "*) touch "$MARKS/walk"; sleep 60; touch "$MARKS/walk-ended" ;;
esac
exec "$REAL_GIT" "$@"
"""


def test_q_quits_at_once_while_a_history_is_still_loading(demo_copy: Path, tmp_path: Path) -> None:
    """`q` pressed while the history's git walk runs: the process ends, and ends before the
    walk would have (its end marker is never written: the walk was cut short)."""
    marks, _out, err = run_child(KEYS_CHILD, demo_copy, tmp_path, SLOW_WALK, "walk", 50)
    assert (marks / "walk").exists(), err
    assert not (marks / "walk-ended").exists(), "quitting waited for the walk to end"
