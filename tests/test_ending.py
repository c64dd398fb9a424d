"""The app's process ends with os._exit once the app has ended (ui/factory.py): a save
confirmed just before quitting is still committed, its journal removed, the repository lock
free and what the process printed not lost. The app runs in a real child process whose git
commit is slow (a script earlier on PATH), so the quit comes while the save is under way."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .conftest import git
from .test_quit import SLOW_GIT, run_child

CHILD = """
import sys
from pathlib import Path
from textual.app import App
from pcsm_tui.ui.factory import end_process
from pcsm_tui.ui.factory import create_app
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

marks = Path(sys.argv[2])
display = App._display

def first_frame(app, screen, renderable):
    if isinstance(screen, PortfolioScreen) and renderable is not None and not app.started:
        app.started = True
        def edit(data):
            data["risks"][0]["likelihood"] = 1 + data["risks"][0]["likelihood"] % 4
            return data
        app.change("engagements/northwind-emea/risks.toml", edit)  # confirmed, then q:
        app.set_interval(0.02, lambda: (marks / "save").exists() and app.exit())
    return display(app, screen, renderable)

App._display = first_frame
app = create_app(Path(sys.argv[1]))
app.started = False
app.run(headless=True, size=(120, 40))
# Block-buffered whatever PYTHONUNBUFFERED says, as a pipe is by default:
sys.stdout = open(1, "w", buffering=65536, encoding="utf-8", closefd=False)
print("EXITED")  # not flushed: end_process must flush it before the process ends
end_process(app)
print("never printed: the process has ended", flush=True)
"""


def lock_is_free(root: Path) -> bool:
    """Whether the repository lock (a flock on .git/pcsm/lock) can be taken now."""
    fd = os.open(root / ".git" / "pcsm" / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_a_save_confirmed_before_quitting_is_committed_when_the_process_ends(
    demo_copy: Path, tmp_path: Path
) -> None:
    before = git(demo_copy, "rev-parse", "HEAD").strip()
    marks, out, err = run_child(CHILD, demo_copy, tmp_path, SLOW_GIT, "save", 30)
    assert (marks / "save").exists(), err  # the quit came while git was committing
    assert out.splitlines() == ["EXITED"]  # flushed; nothing ran after the end
    assert git(demo_copy, "rev-parse", "HEAD~1").strip() == before
    assert "risks" in git(demo_copy, "log", "-1", "--format=%s")
    assert git(demo_copy, "status", "--porcelain") == ""
    assert not (demo_copy / ".git" / "pcsm" / "journal.json").exists()
    assert lock_is_free(demo_copy)
