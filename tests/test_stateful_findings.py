"""What the two-clone state machine (tests/test_stateful_clones.py) found, each kept as a
focused test with real parts: child processes killed at a fault point, a bare remote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pcsm_tui.cli import main
from pcsm_tui.service import Workspace
from pcsm_tui.store.faults import KILLED_STATUS
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.resolve import Pick

from .conftest import git
from .remotes import team

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
    command = ["set", "acme", "onboarding-score", "customization=0", "--repo", str(repo.root)]
    killed = subprocess.run(
        [sys.executable, "-m", "pcsm_tui.cli", *command],
        env=env,
        capture_output=True,
        text=True,
    )
    assert killed.returncode == KILLED_STATUS, killed.stderr
    assert main(["recover", "--finish", "--repo", str(repo.root)]) == 0
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert git(repo.root, "status", "--porcelain") == ""
    assert "customization = 0" in path.read_text()


def test_a_teammates_comment_survives_a_sync_merge_of_the_same_file(
    repo: Repository, tmp_path: Path
) -> None:
    """Alice writes a note as a comment at the top of the file and commits it; Bob changes
    another field of that file; Bob's sync merges both. The merged file used to be the
    merged data written into Bob's text only, so Alice's note vanished from both clones."""
    crew = team(repo.root, tmp_path)
    alice, bob = crew.alice, crew.bob
    note = "# note: scores agreed with the customer's PMO on 3 May"
    path = alice.root / SCORE
    path.write_text(f"{note}\n" + path.read_text())
    alice.git("commit", "-q", "-a", "-m", "hand note")
    alice.edit(SCORE, lambda d: d.update(customization=3), "alice: customization")
    assert alice.sync() == 0
    bob.edit(SCORE, lambda d: d.update(adoption_needs=4), "bob: adoption needs")
    assert bob.sync() == 0
    assert alice.sync() == 0
    for clone in (alice, bob):
        text = (clone.root / SCORE).read_text()
        assert text.startswith(note + "\n"), text
        assert clone.read(SCORE)["customization"] == 3
        assert clone.read(SCORE)["adoption_needs"] == 4
        assert clone.git("status", "--porcelain") == ""


def test_a_teammates_comment_survives_a_conflict_decided_in_the_conflict_view(
    repo: Repository, tmp_path: Path
) -> None:
    """The same for a merge with a conflict: Bob keeps his own notes field in the conflict
    view; the file it writes used to be his text only, without Alice's comment."""
    crew = team(repo.root, tmp_path)
    alice, bob = crew.alice, crew.bob
    note = "# note: scores agreed with the customer's PMO on 3 May"
    path = alice.root / SCORE
    path.write_text(f"{note}\n" + path.read_text())
    alice.git("commit", "-q", "-a", "-m", "hand note")
    alice.edit(SCORE, lambda d: d.update(notes="alice's view"), "alice: notes")
    assert alice.sync() == 0
    bob.edit(SCORE, lambda d: d.update(notes="bob's view"), "bob: notes")
    assert bob.sync() == 1  # a conflict on notes
    workspace = Workspace(bob.root)
    files = workspace.conflicts()
    picks = {f.rel: {c.index: Pick("ours") for c in f.conflicts} for f in files}
    assert workspace.resolve(files, picks).outcome == "merged"
    assert bob.sync() == 0 and alice.sync() == 0
    for clone in (alice, bob):
        assert (clone.root / SCORE).read_text().startswith(note + "\n")
        assert clone.read(SCORE)["notes"] == "bob's view"


def test_a_save_killed_before_writing_does_not_block_saves_after_a_sync(
    repo: Repository, tmp_path: Path
) -> None:
    """A `pcsm set` killed before it wrote anything leaves its journal; the next save would
    drop it silently. A sync in between (which did not look at the journal) pulled a
    teammate's change to that file, so the journal then looked "changed by someone else"
    and every later save was refused until `pcsm recover --forget`."""
    crew = team(repo.root, tmp_path)
    alice, bob = crew.alice, crew.bob
    bob.edit(SCORE, lambda d: d.update(customization=3), "bob: customization")
    assert bob.sync() == 0
    command = ["set", "acme", "onboarding-score", "products_services=2"]
    env = {**os.environ, **alice.env, "PCSM_FAULT": "save.before-write"}
    killed = subprocess.run(
        [sys.executable, "-m", "pcsm_tui.cli", *command, "--repo", str(alice.root)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert killed.returncode == KILLED_STATUS, killed.stderr
    assert alice.sync() == 0
    assert main([*command, "--repo", str(alice.root)]) == 0
    assert alice.read(SCORE)["customization"] == 3
    assert alice.read(SCORE)["products_services"] == 2
    assert alice.git("status", "--porcelain") == ""
