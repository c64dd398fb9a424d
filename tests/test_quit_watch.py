"""The portfolio's background reads give way to quitting: the watch's scan of every file's
stamp (service_watch), which at 1,000 engagements holds the interpreter for ~0.3 s right
after the first frame, and the rows read aside (a fresh clone: service_portfolio, stamping
every engagement's files before reading any) stop between two folders once the app quits;
when nobody quits they see every file and every row.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pcsm_tui.service import ReadCancelled, Workspace
from pcsm_tui.service_watch import WATCH_TOP
from pcsm_tui.store import rowcache
from pcsm_tui.store.readers import Readers
from pcsm_tui.ui.screens.portfolio_watch import _look


class QuitAfter(Readers):
    """Readers closed (the app quitting) once `folders` engagement folders were scanned."""

    def __init__(self, folders: int) -> None:
        super().__init__()
        self.folders = folders
        self.checks = 0

    def check(self) -> None:
        self.checks += 1
        if self.checks > self.folders:
            self.close()
        super().check()


def _every_file(root: Path) -> set[str]:
    """The files the watch is meant to see: the repository's settings and every file in
    the engagement folders, two levels deep."""
    found = {rel for rel in WATCH_TOP if (root / rel).is_file()}
    engagements = root / "engagements"
    for folder, _dirs, files in os.walk(engagements):
        depth = len(Path(folder).relative_to(engagements).parts)
        if depth > 2:
            continue
        rel = Path(folder).relative_to(root).as_posix()
        found.update(f"{rel}/{name}" for name in files if depth >= 1)
    return found


def test_the_scan_sees_every_file_when_nobody_quits(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    assert set(workspace.stamps()) == _every_file(demo_copy)
    _scan_s, found = _look(workspace, None, {})
    assert found is not None and set(found[0]) == _every_file(demo_copy)


def test_the_scan_stops_between_folders_once_the_app_quits(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    folders = len(workspace.engagement_slugs())
    assert folders > 2
    workspace.readers = QuitAfter(folders=1)
    with pytest.raises(ReadCancelled):
        workspace.stamps()
    assert workspace.readers.checks == 2  # the second folder was never scanned


def test_a_look_asked_after_quitting_parses_nothing(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    workspace.readers.close()
    with pytest.raises(ReadCancelled):
        _look(workspace, None, {})
    assert workspace.read_verdicts().parsed == 0


def test_rows_read_aside_stop_between_engagements_once_the_app_quits(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rowcache, "RACY_S", 0.0)  # the copy's files are kept at once
    every = Workspace(demo_copy).portfolio()  # the row cache now holds every row
    assert Workspace(demo_copy).portfolio(aside=True) == every  # nobody quits: all of them

    workspace = Workspace(demo_copy)
    workspace.readers = QuitAfter(folders=1)
    with pytest.raises(ReadCancelled):
        workspace.portfolio(aside=True)
    # Stopped while stamping: no row needed reading, so only the stamping asked.
    assert workspace.readers.checks == 2
