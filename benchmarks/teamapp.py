"""The app's figures on a team repository, for `team.py`: whole processes started headless
(first paint, the last-change column, quitting) and one app driven in-process (opening an
engagement, showing each tool). Each figure comes with the one it is compared with,
measured alternately in the same run.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import gc
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHILD = """
import gc, sys, time
mode, root = sys.argv[1], sys.argv[2]
if mode != "bare":
    gc.disable()  # as `pcsm` does while it loads (ui/factory.loading): on once frozen
from pathlib import Path
from textual.app import App
display = App._display

def report(what):
    print(f"{what} {time.time():.6f}", flush=True)

if mode == "bare":
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("a bare Textual app")

    def first(app, screen, renderable):
        if renderable is not None and not app.painted:
            app.painted = True
            report("READY")
            app.call_later(app.exit)
        return display(app, screen, renderable)

    App._display = first
    app = Bare()
else:
    from pcsm_tui.ui.factory import create_app
    from pcsm_tui.ui.screens.portfolio import PortfolioScreen

    def first(app, screen, renderable):
        if isinstance(screen, PortfolioScreen) and renderable is not None and not app.painted:
            app.painted = True
            report("READY")
            if mode in ("paint", "quit"):
                app.call_later(app.exit)
            elif screen.last:  # the column kept for this HEAD is in the first frame
                app.column_shown = True
                report("COLUMN")
                app.call_later(app.exit)
        return display(app, screen, renderable)

    shown = PortfolioScreen.show_last_changes

    def column(screen, last):
        shown(screen, last)
        if not screen.app.painted or screen.app.column_shown:
            return  # the first frame has (or had) the column
        screen.app.column_shown = True
        report("COLUMN")
        if mode == "column":
            screen.app.exit()

    App._display = first
    PortfolioScreen.show_last_changes = column
    app = create_app(Path(root))
    gc.freeze()  # as `pcsm` does before running its app (cli._open)
    gc.enable()
app.painted = False
app.column_shown = False
app.run(headless=True, size=(120, 40))
report("EXITED")
if mode != "bare":
    from pcsm_tui.ui.factory import end_process

    end_process(app)  # as `pcsm` does when its app has ended (cli._open)
"""


def child(mode: str, root: Path, timeout: float = 120) -> dict[str, float]:
    """Run the app headless in a fresh process: the moments it reported (seconds since it
    was spawned), and END, when the process had ended."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(root)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    end = time.time()
    if done.returncode != 0:
        raise SystemExit(f"the app ({mode}) failed:\n{done.stderr}")
    marks = {
        line.split()[0]: float(line.split()[1]) - start
        for line in done.stdout.splitlines()
        if line.split() and line.split()[0] in ("READY", "COLUMN", "EXITED")
    }
    marks["END"] = end - start
    return marks


def first_paint(root: Path) -> float:
    return child("paint", root)["READY"] * 1000


def bare_paint(root: Path) -> float:
    return child("bare", root)["READY"] * 1000


def column_after_paint(root: Path, before: Callable[[], None] = lambda: None) -> float:
    """From the first paint to the last-change column filled (ms)."""
    before()
    marks = child("column", root)
    return (marks["COLUMN"] - marks["READY"]) * 1000


def quit_after_start(root: Path, before: Callable[[], None] = lambda: None) -> float:
    """Exit asked at the first paint (whatever runs then) -> the process has ended (ms)."""
    before()
    marks = child("quit", root)
    return (marks["END"] - marks["READY"]) * 1000


def in_app(
    root: Path, slug: str, runs: int, git_open: Callable[[], float]
) -> dict[str, list[float]]:
    """Open the engagement (alternately with git's own read of it) and show every tool."""
    return asyncio.run(_in_app(root, slug, runs, git_open))


async def _in_app(
    root: Path, slug: str, runs: int, git_open: Callable[[], float]
) -> dict[str, list[float]]:
    """Per tool and show: "tool X" (a kept show -> Pilot's settle, which posts a callback
    to every widget of the screen: mostly not the user's time; now settled after the
    frames are over, the last quiet wait taken off), "frame X" (-> the app's
    first frame after the show) and "last frame X" (-> its last frame: the one that has
    everything the show changed, the user's time), "first ..." for the first show."""
    from textual.app import App

    from pcsm_tui.ui.factory import create_app

    app = create_app(root)
    gc.freeze()  # as `pcsm` does before running its app (cli._open)
    painted = asyncio.Event()
    marks: list[float] = []
    display = App._display

    def timed(self: App[object], screen: Any, renderable: Any) -> None:
        if renderable is not None:
            marks.append(time.perf_counter())
            painted.set()
        display(self, screen, renderable)

    App._display = timed  # type: ignore[method-assign,assignment]  # undone below
    try:
        return await _shows(app, slug, runs, git_open, painted, marks)
    finally:
        App._display = display  # type: ignore[method-assign]


async def _shows(
    app: Any,
    slug: str,
    runs: int,
    git_open: Callable[[], float],
    painted: asyncio.Event,
    marks: list[float],
) -> dict[str, list[float]]:
    from pcsm_tui.framework.catalogue import TOOLS
    from pcsm_tui.ui.screens.engagement import EngagementScreen

    found: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:

        async def settled() -> None:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()

        await settled()
        for _ in range(runs + 1):
            start = time.perf_counter()
            app.open_engagement(slug)
            await settled()
            found.setdefault("open engagement", []).append((time.perf_counter() - start) * 1000)
            found.setdefault("git: read the engagement's files", []).append(git_open())
            app.pop_screen()
            await settled()
        for key in list(found):
            found[key] = found[key][1:]  # the first opening imports the editors: warm-up
        app.open_engagement(slug)
        await settled()
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        for round_ in range(max(2, runs // 2) + 1):
            for tool in TOOLS:
                painted.clear()
                marks.clear()
                start = time.perf_counter()
                screen.show_target(("tool", tool.id))
                await asyncio.wait_for(painted.wait(), 10)
                while len(marks) < 100:  # the show's last frame: none for QUIET_S after it
                    count = len(marks)
                    await asyncio.sleep(QUIET_S)
                    if len(marks) == count:
                        break
                frame, last = ((mark - start) * 1000 for mark in (marks[0], marks[-1]))
                await settled()
                wall = (time.perf_counter() - start) * 1000
                kind = "first " if not round_ else ""
                found.setdefault(f"{kind}frame {tool.id}", []).append(frame)
                found.setdefault(f"{kind}last frame {tool.id}", []).append(last)
                if round_:
                    found.setdefault(f"tool {tool.id}", []).append(wall - QUIET_S * 1000)
    return found


QUIET_S = 0.15
"""A show's frames are over when none came for this long (Pilot's settle is not waited
for in between: it posts a callback to every widget and delays the app's own frames)."""


def tools_summary(found: dict[str, list[float]], what: str = "tool") -> tuple[str, float, float]:
    """(the slowest tool, its median, the median of every tool's median) in ms, for the
    figures named `what` ("tool", "frame", "first frame")."""
    prefix = f"{what} "
    medians = {
        key.removeprefix(prefix): statistics.median(times)
        for key, times in found.items()
        if key.startswith(prefix)
    }
    slowest = max(medians, key=lambda key: medians[key])
    return slowest, medians[slowest], statistics.median(medians.values())


def quit_in_terminal(root: Path, settle: float) -> float:
    """`q` typed in a real (pseudo-)terminal `settle` seconds after the portfolio first shows
    -> the process has ended (ms): what a person waits for, the terminal's own keyboard
    thread included (the headless figures above have none)."""
    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pcsm_tui.cli", str(root)],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
    )
    os.close(child)
    seen, shown = b"", 0.0
    deadline = time.monotonic() + 120
    try:
        while not shown or time.monotonic() < shown + settle:
            if time.monotonic() > deadline:
                raise SystemExit(f"the app never showed its keys:\n{seen[-2000:]!r}")
            if select.select([main], [], [], 0.01)[0]:
                seen += os.read(main, 65536)
                if not shown and b"Quit" in seen:
                    shown = time.monotonic()
        start = time.monotonic()
        os.write(main, b"q")
        while process.poll() is None:
            if select.select([main], [], [], 0.001)[0]:
                with contextlib.suppress(OSError):  # closed as the process ends
                    os.read(main, 65536)
        return (time.monotonic() - start) * 1000
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
