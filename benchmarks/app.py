"""The app's own figures: first paint of the portfolio, and edit -> commit through the UI.

    .venv/bin/python benchmarks/app.py [--runs N]

First paint: a fresh process runs the app headless on the demo repository and reports the
moment the first frame of the portfolio is written to the terminal; the figure is that
moment minus the time the process was spawned (so interpreter start-up and every import are
included). The same on a team-sized copy (the demo's engagements copied to 1,002), without
and with the portfolio's row cache. Edit -> commit: in
one app, a risk's likelihood is changed with the keys and the time until the commit is on
disk is taken. Medians over N runs with min and max.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import IDENTITY, show

CHILD = """
import sys, time
from pathlib import Path
from textual.app import App
from pcsm_tui.ui.factory import create_app
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

display = App._display

def first_frame(app, screen, renderable):
    # The moment the first frame of the portfolio goes to the (headless) terminal.
    if isinstance(screen, PortfolioScreen) and renderable is not None and not app.painted:
        app.painted = True
        print(f"READY {time.time():.6f}", flush=True)
        app.call_later(app.exit)
    return display(app, screen, renderable)

App._display = first_frame
app = create_app(Path(sys.argv[1]))
app.painted = False
app.run(headless=True, size=(120, 40))
"""


def first_paint(root: Path) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root)], capture_output=True, text=True, check=True
    ).stdout
    ready = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("READY"))
    return (ready - start) * 1000


async def edit_round_trips(root: Path, runs: int) -> tuple[list[float], list[float]]:
    """From the confirmed cell edit (ToolEditor.commit) to the commit made (the worker's
    save returns) and to the screen showing it again (the commit reported back)."""
    from pcsm_tui.service import Workspace
    from pcsm_tui.ui.app import PcsmApp
    from pcsm_tui.ui.editors.tool import ToolEditor
    from pcsm_tui.ui.factory import create_app

    marks: list[float] = []
    times: list[float] = []
    committed: list[float] = []
    commit, finished, change = ToolEditor.commit, PcsmApp._finished, Workspace.change

    def timed_change(self: Workspace, *args: object, **kwargs: object) -> object:
        result = change(self, *args, **kwargs)  # type: ignore[arg-type]
        committed.append((time.perf_counter() - marks[-1]) * 1000)
        return result

    Workspace.change = timed_change  # type: ignore[method-assign,assignment]

    def timed_commit(self: ToolEditor, *args: object, **kwargs: object) -> object:
        marks.append(time.perf_counter())
        return commit(self, *args, **kwargs)  # type: ignore[arg-type]

    def timed_finished(self: PcsmApp, *args: object) -> None:
        finished(self, *args)  # type: ignore[arg-type]
        times.append((time.perf_counter() - marks[-1]) * 1000)

    ToolEditor.commit = timed_commit  # type: ignore[method-assign,assignment]
    PcsmApp._finished = timed_finished  # type: ignore[method-assign,assignment]
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_engagement("northwind-emea", tool="risks")
        await pilot.pause()
        await app.workers.wait_for_complete()
        from pcsm_tui.ui.editors.table import RecordTable

        for index in range(1, runs + 1):
            table = next(t for t in app.screen.query(RecordTable) if t.section.path == ("risks",))
            table.focus()
            table.move_cursor(
                row=0, column=[str(k.value) for k in table.columns].index("likelihood")
            )
            value = str(index % 5)
            await pilot.press("e", "ctrl+u", value, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert len(times) == runs, "every edit must have been committed"
    return committed, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    os.environ.update(IDENTITY)
    from pcsm_tui.demo import build_demo

    work = Path(tempfile.mkdtemp(prefix="pcsm-bench-app-"))
    build_demo(work / "demo")
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; runs: {args.runs}")
    first_paint(work / "demo")  # warm the file cache and bytecode
    show(
        "process start -> portfolio painted", [first_paint(work / "demo") for _ in range(args.runs)]
    )
    team = team_sized(work / "demo", work / "team")
    cache = team / ".git" / "pcsm" / "portfolio.json"
    time.sleep(2.5)  # let the copies' stamps settle (see store/rowcache.py)
    cold = []
    for _ in range(max(2, args.runs // 3)):
        cache.unlink(missing_ok=True)
        cold.append(first_paint(team))
    show("  1,002 engagements, fresh clone (no row cache)", cold)
    show("    reading their rows (a worker, after paint)", read_rows(team, max(2, args.runs // 3)))
    first_paint(team)
    show("  1,002 engagements, row cache", [first_paint(team) for _ in range(args.runs)])
    show("matrix redraw, 20 stakeholders (data+plotext)", matrix_redraws(args.runs * 3))
    committed, shown = asyncio.run(edit_round_trips(work / "demo", args.runs))
    show("edit a cell -> commit made (in the app)", committed)
    show("edit a cell -> screen shows it again", shown)
    print(f"(left in {work}; delete it when done)")


def read_rows(root: Path, runs: int) -> list[float]:
    """Reading every portfolio row with no row cache: what a fresh clone's worker does."""
    from pcsm_tui.service import Workspace

    cache = root / ".git" / "pcsm" / "portfolio.json"
    times = []
    for _ in range(runs):
        cache.unlink(missing_ok=True)
        start = time.perf_counter()
        Workspace(root).portfolio()
        times.append((time.perf_counter() - start) * 1000)
    return times


def team_sized(demo: Path, target: Path) -> Path:
    """The demo with its three engagements copied to 1,002 (one commit): a team's portfolio."""
    import shutil

    shutil.copytree(demo, target, symlinks=True)
    engagements = target / "engagements"
    for slug in sorted(p.name for p in engagements.iterdir()):
        for copy in range(1, 334):
            shutil.copytree(engagements / slug, engagements / f"{slug}-{copy}")
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    subprocess.run(["git", "commit", "-qm", "team-sized"], cwd=target, check=True)
    return target


def matrix_redraws(runs: int) -> list[float]:
    """One redraw of the stakeholder matrix with 20 key stakeholders: the chart data, the
    label layout and plotext building the picture (what a month change or an edit costs)."""
    from textual_plotext.plot import Plot

    from pcsm_tui.analysis.charts import matrix_chart
    from pcsm_tui.framework import default_framework
    from pcsm_tui.models.commitment import StakeholderPlanMonth
    from pcsm_tui.models.engagement import Register
    from pcsm_tui.models.scales import Scale
    from pcsm_tui.ui.charts.matrix import draw_matrix

    register = Register.model_validate(
        {
            "stakeholders": [
                {
                    "id": f"s{i}",
                    "name": f"Stakeholder {i}",
                    "job_role": f"Director of area {i}",
                    "key": True,
                }
                for i in range(20)
            ]
        }
    )
    month = StakeholderPlanMonth.model_validate(
        {
            "assessments": [
                {
                    "id": f"a{i}",
                    "stakeholder": f"s{i}",
                    "authority": 3 + i % 6,
                    "interest": 2 + i % 7,
                    "support": i % 11,
                }
                for i in range(20)
            ]
        }
    )
    rules = default_framework().strategy_rules
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        plot = Plot()
        plot.plotsize(90, 24)
        chart = matrix_chart(register, month, Scale(0, 10), rules, 85, 19, earlier=month)
        draw_matrix(plot, chart, "s3", "Stakeholder matrix", (85, 19))
        plot.build()
        times.append((time.perf_counter() - start) * 1000)
    return times


if __name__ == "__main__":
    main()
