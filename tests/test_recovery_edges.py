"""Edge cases of saving and recovery found by the state machine (tests/test_stateful_clones.py),
each kept here as a focused test with real child processes killed at a fault point."""

from __future__ import annotations

import os
import subprocess
import sys

from pcsm_tui.cli import main
from pcsm_tui.store.faults import KILLED_STATUS
from pcsm_tui.store.repository import Repository

from .conftest import git

SCORE = "engagements/acme/onboarding-score.toml"


def test_finishing_a_save_that_only_took_an_outside_edit_back_makes_no_empty_commit(
    repo: Repository,
) -> None:
    """An outside edit changes a field; `pcsm set` gives it HEAD's value again. Uninterrupted,
    that writes the file and makes no commit (HEAD already holds it). Killed after writing,
    `pcsm recover --finish` must end the same way, not with an empty commit whose message
    says "layout and comments only"."""
    path = repo.root / SCORE
    path.write_text(path.read_text().replace("customization = 0", "customization = 5"))
    head = git(repo.root, "rev-parse", "HEAD")
    env = {**os.environ, "PCSM_FAULT": "save.after-rename"}
    killed = subprocess.run(
        [sys.executable, "-m", "pcsm_tui.cli", "set", "acme", "onboarding-score"]
        + ["customization=0", "--repo", str(repo.root)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert killed.returncode == KILLED_STATUS, killed.stderr
    assert main(["recover", "--finish", "--repo", str(repo.root)]) == 0
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert git(repo.root, "status", "--porcelain") == ""
    assert "customization = 0" in path.read_text()
