"""The app's first frame loads nothing heavy: the models (pydantic), tomlkit, GitPython,
openpyxl, plotext and Markdown load when something first needs them, not before the
portfolio is on the screen (README, Performance; issue 16's first-paint target). The app
runs in a real child process, headless, on a repository whose row cache is warm, and
reports what was imported at the moment the portfolio's first frame was painted."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pcsm_tui.service import Workspace
from pcsm_tui.ui.factory import loading

from .apphelp import TODAY

HEAVY = ("pydantic", "tomlkit", "git", "openpyxl", "plotext", "markdown_it", "docx")
"""Packages the first frame must not load (third-party)."""

HEAVY_OWN = ("pcsm_tui.models", "pcsm_tui.store.repository", "pcsm_tui.io")
"""pcsm's own modules that pull those in or are only needed once a file is opened."""

CHILD = """
import datetime as dt, json, sys
from pathlib import Path
from textual.app import App
from pcsm_tui.ui.factory import create_app
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

display = App._display

def first_frame(app, screen, renderable):
    if isinstance(screen, PortfolioScreen) and renderable is not None and not app.painted:
        app.painted = True
        rows = screen.query_one("#portfolio").row_count
        print(json.dumps({"rows": rows, "modules": sorted(sys.modules)}), flush=True)
        app.call_later(app.exit)
    return display(app, screen, renderable)

App._display = first_frame
app = create_app(Path(sys.argv[1]), today=dt.date.fromisoformat(sys.argv[2]))
app.painted = False
app.run(headless=True, size=(120, 40))
"""


def loaded_at_first_paint(root: Path) -> tuple[int, list[str]]:
    """(rows shown, modules imported) when the portfolio's first frame was painted (the
    app's today is the tests' frozen one, the day the row cache was warmed for)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("{"))
    found = json.loads(line)
    return int(found["rows"]), list(found["modules"])


def warm_row_cache(root: Path) -> int:
    """Read the portfolio until the row cache keeps every engagement's row (a file written
    in the last two seconds is read afresh each time: store/rowcache.RACY_S, and a copied
    demo is that new); the number of rows. Fails if the cache is not warm within 60 s."""
    cache = root / ".git" / "pcsm" / "portfolio.json"
    deadline = time.monotonic() + 60
    while True:
        count = len(Workspace(root, today=TODAY).portfolio())
        head = cache.read_text(encoding="utf-8").partition("\n")[0] if cache.exists() else ""
        kept = json.loads(head)["rows"] if head else {}  # the first line names every row
        if len(kept) == count:
            return count
        if time.monotonic() > deadline:
            pytest.fail(f"the row cache kept {len(kept)} of {count} rows after 60 s")
        time.sleep(0.1)  # polling interval of the wait above, not a wait in itself


def heavy_in(modules: list[str]) -> list[str]:
    """The heavy packages and pcsm modules among `modules`."""
    third = sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY})
    own = sorted(m for m in modules if m.startswith(HEAVY_OWN))
    return third + own


def test_first_paint_loads_nothing_heavy(demo_copy: Path) -> None:
    """On a warm row cache the portfolio is painted from the cache and the summary files:
    no model, no TOML writer, no git library, no workbook, chart or Markdown code."""
    expected = warm_row_cache(demo_copy)
    rows, modules = loaded_at_first_paint(demo_copy)
    assert rows == expected > 0  # the real first frame, rows and all
    assert heavy_in(modules) == []


def test_the_guard_sees_a_heavy_module() -> None:
    """The check itself: a pcsm model or pydantic among the modules is reported."""
    assert heavy_in(["pcsm_tui.models.base", "pydantic.main", "textual"]) == [
        "pydantic",
        "pcsm_tui.models.base",
    ]


LATER = (
    "pcsm_tui.store.journal",
    "pcsm_tui.store.lock",
    "pcsm_tui.store.plumbing",
    "pcsm_tui.store.git",
    "pcsm_tui.analysis.knowledge",
    "importlib.resources",
)
"""What only a save (its journal, the repository lock), a git command, the knowledge base or
the shipped framework's file (importlib.resources: the kept framework facts stand for it)
needs: ~17 ms of imports that the first frame does not wait for (ui/app.py and the git
facts' worker load them after it; the kept last changes and a full clone's absent rows need
no git)."""


def test_first_paint_loads_nothing_only_a_save_git_or_the_knowledge_base_needs(
    demo_copy: Path,
) -> None:
    warm_row_cache(demo_copy)
    _rows, modules = loaded_at_first_paint(demo_copy)
    assert [m for m in modules if m in LATER] == []


DIALOGS = ("pcsm_tui.ui.screens.portfolio_why", "pcsm_tui.ui.interrupted")
"""Dialogs the first frame never shows (the portfolio's why dialog, the question about an
interrupted save): each Textual class costs ~0.5 ms to make before the first frame."""


def test_first_paint_makes_no_dialog_it_does_not_show(demo_copy: Path) -> None:
    warm_row_cache(demo_copy)
    _rows, modules = loaded_at_first_paint(demo_copy)
    assert "pcsm_tui.ui.screens.portfolio" in modules  # the list is the first frame's
    assert [m for m in modules if m in DIALOGS] == []


def test_loading_holds_the_collector_and_freezes_what_it_made() -> None:
    """`pcsm` makes its app inside `loading` (cli._open): no collection while Textual and pcsm
    load, then what they made frozen and the collector on again, as the app's own pause
    (ui/gcpause) needs it on when `run` starts; also when making the app fails."""
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with loading():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]  # what the imports make: long-lived
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made)
    with pytest.raises(RuntimeError), loading():
        raise RuntimeError("the app could not be made")
    assert gc.isenabled()
    gc.unfreeze()  # this test's objects are not the process's


def test_loading_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    try:
        with loading():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
