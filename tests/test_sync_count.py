"""`pcsm sync` runs few git processes (issue 16): each costs a process start and many stat
every tracked file (27,000 at 1,000 engagements), so the count is what decides how close
a sync comes to git's own pull and push. Counted with a `git` on PATH that notes its
arguments before running the real one (git's own helpers run from git's exec path, so
only what pcsm starts is counted)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from pcsm_tui.store import summaries, syncsteps

from .remotes import Team

RISKS = "engagements/northwind-emea/risks.toml"
REGISTER = "engagements/northwind-emea/stakeholders.toml"

AT_MOST = 13
"""fetch, merge, commit, push; one `config --list` and one `status` for the state; the
count after the fetch; the incoming side's files (diff, sizes, contents); what the merge
brought in (`diff --cached`); the validation cache's look at the index (two). Before
issue 16's work: 30 (two of them GitPython's `git version`)."""


def _counting_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `git` first on PATH that appends its arguments to the returned log, then runs git."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "counting-bin"
    folder.mkdir()
    log = tmp_path / "git-commands.log"
    log.touch()
    shim = folder / "git"
    shim.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


def _waited_for(log: Path) -> list[str]:
    """The commands the person waits for: all but the commit-graph writer, which runs in
    the background after the sync (store/graph.py)."""
    return [line for line in log.read_text().splitlines() if not line.startswith("commit-graph")]


def test_a_sync_of_one_commit_each_way_runs_few_git_commands(
    two: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, bob = two.alice, two.bob
    alice.edit(RISKS, lambda data: data["risks"][0].update(name="Alice's title"), "risk")
    assert alice.sync() == 0
    bob.edit(REGISTER, lambda data: data["stakeholders"][0].update(notes="Bob's"), "register")
    log = _counting_git(tmp_path, monkeypatch)

    assert bob.sync() == 0

    commands = _waited_for(log)
    assert len(commands) <= AT_MOST, "\n".join(commands)
    verbs = [line.split()[0] for line in commands]
    for once in ("fetch", "merge", "commit", "push", "status"):
        assert verbs.count(once) == 1, "\n".join(commands)
    assert "version" not in verbs  # no GitPython
    assert bob.read(RISKS)["risks"][0]["name"] == "Alice's title"
    assert (
        bob.git("rev-parse", "HEAD").strip() == alice.git("ls-remote", "origin", "main").split()[0]
    )


def test_a_sync_with_nothing_to_do_asks_git_four_times(
    two: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Up to date: the state (config, status), the fetch, and nothing else."""
    assert two.bob.sync() == 0
    log = _counting_git(tmp_path, monkeypatch)
    assert two.bob.sync() == 0
    commands = _waited_for(log)
    assert [line.split()[0] for line in commands] == ["config", "status", "fetch"], commands


def test_the_summaries_folder_is_named_as_the_summaries_name_it() -> None:
    assert syncsteps.SUMMARIES == summaries.SUMMARY_DIR
