"""Issue 10 item 8: a change of many files appears whole or not at all, even after kill -9;
leftovers are found, explained and settled by the person; a dead pcsm's index.lock is
recognised, a live one never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pcsm_tui.store.recovery import _git_running_in
from pcsm_tui.store.repository import Repository

from .conftest import git
from .helpers import PCSM, wait_until
from .helpers import pcsm_child as pcsm


def new_beta(root: Path, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    return pcsm(root, "new", "beta", "--customer", "Beta", "--start", "2026-05-04", fault=fault)


def files_of(root: Path, slug: str) -> list[str]:
    folder = root / "engagements" / slug
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.toml"))


def test_pcsm_new_killed_after_three_files_is_reported_and_cleaned(repo: Repository) -> None:
    head = git(repo.root, "rev-parse", "HEAD")
    killed = new_beta(repo.root, fault="save.after-rename@3")
    assert killed.returncode == 137
    assert len(files_of(repo.root, "beta")) == 3  # half made, each file whole
    checked = pcsm(repo.root, "validate", ".")
    assert checked.returncode == 1
    assert checked.stdout.startswith(".git/pcsm/journal.json: error: a save was interrupted")
    assert "“beta: engagement: engagement started (24 files)”" in checked.stdout
    assert "3 of 24 file(s) were written and nothing was committed" in checked.stdout
    refused = pcsm(repo.root, "set", "acme", "onboarding-score", "customization=2")
    assert refused.returncode == 1 and "pcsm recover --finish" in refused.stderr
    another = pcsm(repo.root, "new", "gamma", "--customer", "Gamma")
    assert another.returncode == 1 and "pcsm recover --finish" in another.stderr
    assert "Traceback" not in another.stderr
    assert pcsm(repo.root, "recover").returncode == 1
    cleaned = pcsm(repo.root, "recover", "--clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert "put back 3 file(s)" in cleaned.stdout
    assert not (repo.root / "engagements" / "beta").exists()
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all") == ""
    assert pcsm(repo.root, "validate", ".").returncode == 0
    assert new_beta(repo.root).returncode == 0
    assert len(files_of(repo.root, "beta")) == 24


def test_pcsm_new_killed_half_way_can_be_finished_as_the_one_planned_commit(
    repo: Repository, tmp_path: Path
) -> None:
    head = git(repo.root, "rev-parse", "HEAD")
    assert new_beta(repo.root, fault="save.after-rename@7").returncode == 137
    finished = pcsm(repo.root, "recover", "--finish")
    assert finished.returncode == 0, finished.stderr
    assert git(repo.root, "rev-parse", "HEAD^") == head
    assert git(repo.root, "log", "-1", "--format=%s").strip() == (
        "beta: engagement: engagement started (24 files)"
    )
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all") == ""
    # The same as an uninterrupted `pcsm new` in a copy of the repository before it.
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(other)], check=True)
    git(other, "reset", "-q", "--hard", head.strip())
    assert new_beta(other).returncode == 0
    assert git(other, "rev-parse", "HEAD^{tree}") == git(repo.root, "rev-parse", "HEAD^{tree}")


def test_a_disk_error_half_way_puts_back_what_was_written(repo: Repository) -> None:
    head = git(repo.root, "rev-parse", "HEAD")
    failed = new_beta(repo.root, fault="save.after-rename@3:oserror")
    assert failed.returncode == 1
    assert "No space left on device" in failed.stderr
    assert not (repo.root / "engagements" / "beta").exists()
    assert not (repo.root / ".git" / "pcsm" / "journal.json").exists()
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert new_beta(repo.root).returncode == 0


def kill_a_save_inside_hook(repo: Repository, name: str, when: str = "") -> int:
    """Start `pcsm set`, let its git reach the hook `name` (only when its first argument is
    `when`, if given), kill pcsm and git together there, and wait until git is gone.
    Returns the killed pcsm's pid."""
    marker = repo.root.parent / "in-the-hook"
    hook = repo.root / ".git" / "hooks" / name
    only = f'[ "$1" = {when} ] || exit 0\n' if when else ""
    hook.write_text(f"#!/bin/sh\n{only}touch '{marker}'\nexec sleep 600\n")
    hook.chmod(0o755)
    child = subprocess.Popen(
        [*PCSM, "set", "acme", "onboarding-score", "customization=4"],
        cwd=repo.root,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until(marker.exists, f"the {name} hook to start")
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    hook.unlink()
    wait_until(lambda: not _git_running_in(repo.root), "the killed git to exit")
    return child.pid


def test_a_commit_killed_with_its_git_leaves_an_index_lock_that_recover_recognises(
    repo: Repository,
) -> None:
    """pcsm and its `git commit` are killed together while git holds the index lock (a
    pre-commit hook keeps it busy): the lock is git's own, and pcsm explains and removes it."""
    pid = kill_a_save_inside_hook(repo, "pre-commit")
    lock = repo.root / ".git" / "index.lock"
    assert lock.exists()  # made by git, left by the kill
    refused = pcsm(repo.root, "set", "acme", "onboarding-score", "adoption_needs=1")
    assert refused.returncode == 1
    assert f"was left by pcsm (pid {pid}), which stopped while committing" in refused.stderr
    assert lock.exists()  # explained, not removed by an ordinary save
    finished = pcsm(repo.root, "recover", "--finish")
    assert finished.returncode == 0, finished.stderr
    assert not lock.exists()
    assert "customization: 0 → 4" in git(repo.root, "log", "-1", "--format=%B")
    assert pcsm(repo.root, "set", "acme", "onboarding-score", "adoption_needs=1").returncode == 0


def test_a_commit_killed_while_git_updates_the_branch_leaves_ref_locks_that_recover_recognises(
    repo: Repository,
) -> None:
    """Killed while git holds HEAD.lock and the branch's lock (a reference-transaction hook
    keeps it there): every later commit would fail on them; pcsm names them as the dead
    pcsm's and `recover` removes them and finishes the save."""
    head = git(repo.root, "rev-parse", "HEAD")
    pid = kill_a_save_inside_hook(repo, "reference-transaction", when="prepared")
    locks = [repo.root / ".git" / "HEAD.lock", repo.root / ".git" / "refs/heads/main.lock"]
    assert any(lock.exists() for lock in locks)  # made by git, left by the kill
    assert git(repo.root, "rev-parse", "HEAD") == head
    refused = pcsm(repo.root, "set", "acme", "onboarding-score", "adoption_needs=1")
    assert refused.returncode == 1
    assert f"left by pcsm (pid {pid}), which stopped while committing" in refused.stderr
    finished = pcsm(repo.root, "recover", "--finish")
    assert finished.returncode == 0, finished.stderr
    assert not any(lock.exists() for lock in locks)
    assert "customization: 0 → 4" in git(repo.root, "log", "-1", "--format=%B")
    assert pcsm(repo.root, "set", "acme", "onboarding-score", "adoption_needs=1").returncode == 0
    assert git(repo.root, "status", "--porcelain") == ""


def test_a_branch_lock_pcsm_did_not_make_is_named_and_never_removed(repo: Repository) -> None:
    lock = repo.root / ".git" / "refs" / "heads" / "main.lock"
    lock.write_text("someone's git")
    refused = pcsm(repo.root, "set", "acme", "onboarding-score", "customization=4")
    assert refused.returncode == 1
    assert "pcsm did not make it and will not remove it" in refused.stderr
    assert str(lock) in refused.stderr
    assert pcsm(repo.root, "recover", "--finish").returncode == 1  # not while it is there
    assert lock.read_text() == "someone's git"
    lock.unlink()
    assert pcsm(repo.root, "recover", "--finish").returncode == 0
    assert "customization: 0 → 4" in git(repo.root, "log", "-1", "--format=%B")


def test_an_index_lock_pcsm_did_not_make_is_explained_and_never_removed(
    repo: Repository,
) -> None:
    lock = repo.root / ".git" / "index.lock"
    lock.write_text("someone's git")
    refused = pcsm(repo.root, "set", "acme", "onboarding-score", "customization=4")
    assert refused.returncode == 1
    assert "pcsm did not make it and will not remove it" in refused.stderr
    assert "rm " in refused.stderr and str(lock) in refused.stderr
    assert pcsm(repo.root, "recover", "--finish").returncode == 1  # not while it is there
    assert lock.read_text() == "someone's git"
    lock.unlink()
    assert pcsm(repo.root, "recover", "--finish").returncode == 0
    assert "customization: 0 → 4" in git(repo.root, "log", "-1", "--format=%B")
    lock.write_text("someone's git")
    assert pcsm(repo.root, "recover", "--forget").returncode == 0
    assert lock.read_text() == "someone's git"


def test_a_journal_whose_commit_was_made_is_dropped_without_a_word(repo: Repository) -> None:
    killed = pcsm(
        repo.root, "set", "acme", "onboarding-score", "customization=5", fault="save.after-commit"
    )
    assert killed.returncode == 137
    assert (repo.root / ".git" / "pcsm" / "journal.json").exists()
    done = pcsm(repo.root, "set", "acme", "onboarding-score", "adoption_needs=2")
    assert done.returncode == 0, done.stderr
    assert not (repo.root / ".git" / "pcsm" / "journal.json").exists()
    subjects = git(repo.root, "log", "-2", "--format=%s").splitlines()
    assert subjects == [
        "acme: onboarding-score: Adoption Needs: 0 → 2",
        "acme: onboarding-score: Customization: 0 → 5",
    ]


def test_a_pre_commit_hook_running_pcsm_validate_does_not_wait_for_the_save(
    repo: Repository,
) -> None:
    """README's pre-commit hook runs `pcsm validate` inside pcsm's own commit: the save's
    journal is work in progress there, neither reported nor waited for."""
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec {sys.executable} -m pcsm_tui.cli validate .\n")
    hook.chmod(0o755)
    os.environ["PCSM_LOCK_TIMEOUT"] = "20"
    try:
        done = pcsm(repo.root, "set", "acme", "onboarding-score", "customization=4")
    finally:
        del os.environ["PCSM_LOCK_TIMEOUT"]
    assert done.returncode == 0, done.stderr
    assert "customization: 0 → 4" in git(repo.root, "log", "-1", "--format=%B")
