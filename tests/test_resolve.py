"""Headless: time travel (restore, as of a date) and resolving a merge field by field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pcsm_tui.service import Workspace
from pcsm_tui.store.history import pathspecs
from pcsm_tui.store.merge import MISSING
from pcsm_tui.store.resolve import Pick, ResolveError, load_conflicts, resolve_merge
from pcsm_tui.store.sync import commit_merge, status
from pcsm_tui.store.timetravel import CannotRestore, commit_on_or_before, restore

from .conftest import git
from .remotes import Team
from .test_sync import PLAN, assessment, drop_assessment, support

RISKS = "engagements/northwind-emea/risks.toml"


def test_restore_is_one_new_commit_with_the_old_text(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    shas = git(demo_copy, "log", "--format=%H", "--", RISKS).split()
    old = git(demo_copy, "show", f"{shas[1]}:{RISKS}")
    before = git(demo_copy, "rev-parse", "HEAD").strip()
    result = workspace.restore(RISKS, shas[1])
    assert result.sha is not None
    assert (demo_copy / RISKS).read_text() == old
    assert git(demo_copy, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert result.subject == f"northwind-emea: risks: restored as of 2026-08-16 ({shas[1][:7]})"
    assert "Pcsm-Action: restore" in result.message
    # Restoring the same version again changes nothing and commits nothing.
    assert workspace.restore(RISKS, shas[1]).sha is None
    with pytest.raises(CannotRestore, match="did not exist"):
        workspace.restore("engagements/northwind-emea/stakeholder-plan/2026-10.toml", shas[1])


def test_commit_on_or_before_a_date(demo_copy: Path) -> None:
    repo = Workspace(demo_copy).repo
    paths = [RISKS]
    found = commit_on_or_before(repo, paths, dt.date(2026, 9, 1))
    assert found is not None and found.date.startswith("2026-08-16")
    on_the_day = commit_on_or_before(repo, paths, dt.date(2026, 9, 5))
    assert on_the_day is not None and on_the_day.date.startswith("2026-09-05")
    assert commit_on_or_before(repo, paths, dt.date(2026, 1, 1)) is None
    everything = commit_on_or_before(repo, pathspecs("northwind-emea"), dt.date(2026, 12, 31))
    assert everything is not None
    assert (
        everything.sha
        == git(demo_copy, "log", "-1", "--format=%H", "--", "engagements/northwind-emea").strip()
    )
    with pytest.raises(CannotRestore):
        restore(repo, RISKS, "0" * 40)


def _conflict(two: Team) -> None:
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice: cfo 9")
    two.bob.edit(PLAN, assessment("cfo", support=5, interest=2), "bob: cfo 5")
    two.bob.edit(PLAN, assessment("hr-manager", support=1), "bob: hr 1")
    assert two.alice.sync() == 0
    assert two.bob.sync() == 1


def test_conflicts_are_read_from_the_index_and_resolved_with_a_real_merge(two: Team) -> None:
    _conflict(two)
    bob = two.bob.root
    (file,) = load_conflicts(bob)
    assert file.rel == PLAN
    (conflict,) = file.conflicts
    assert conflict.label == "assessments[cfo].support"
    assert (conflict.base, conflict.ours, conflict.theirs) == (8, 5, 9)
    assert conflict.spec is not None and conflict.spec.kind == "int" and conflict.editable
    with pytest.raises(ResolveError, match="not decided yet"):
        resolve_merge(bob, [file], {})
    with pytest.raises(ResolveError, match="support"):  # outside the scale: nothing written
        resolve_merge(bob, [file], {PLAN: {0: Pick("edit", 99)}})
    assert "<<<<<<<" in (bob / PLAN).read_text()
    result = resolve_merge(bob, [file], {PLAN: {0: Pick("edit", 7)}})
    assert result.outcome == "merged", result.message
    parents = two.bob.git("rev-list", "--parents", "-n", "1", "HEAD").split()
    assert len(parents) == 3  # a merge commit: itself and both parents
    assert support(two.bob, "cfo") == (2, 7)  # bob's other change to the row is kept
    assert support(two.bob, "hr-manager")[1] == 1
    assert "# Stakeholder management plan" in (bob / PLAN).read_text()  # layout kept
    assert not (bob / ".git" / "pcsm-conflicts").exists()
    assert status(bob).ahead == 3
    assert two.bob.sync() == 0
    assert two.alice.sync() == 0
    assert support(two.alice, "cfo") == (2, 7)
    assert two.alice.git("rev-parse", "HEAD") == two.bob.git("rev-parse", "HEAD")


def test_delete_modify_keeps_or_drops_the_row(two: Team) -> None:
    two.alice.edit(PLAN, drop_assessment("head-of-security"), "alice: drop")
    two.bob.edit(PLAN, assessment("head-of-security", support=2), "bob: security 2")
    assert two.alice.sync() == 0
    assert two.bob.sync() == 1
    (file,) = load_conflicts(two.bob.root)
    (conflict,) = file.conflicts
    assert conflict.kind == "delete-modify" and conflict.theirs is MISSING
    assert not conflict.editable
    result = resolve_merge(two.bob.root, [file], {PLAN: {0: Pick("theirs")}})
    assert result.outcome == "merged", result.message
    stakeholders = [r["stakeholder"] for r in two.bob.read(PLAN)["assessments"]]
    assert "head-of-security" not in stakeholders


def test_without_the_driver_the_fields_are_merged_again(two: Team) -> None:
    """git's line merge conflicted (no driver): the conflict view still sees fields."""
    (two.bob.root / ".git" / "info" / "attributes").write_text("*.toml merge=unconfigured\n")
    _conflict(two)
    (file,) = load_conflicts(two.bob.root)
    assert [c.label for c in file.conflicts] == ["assessments[cfo].support"]
    result = resolve_merge(two.bob.root, [file], {PLAN: {0: Pick("ours")}})
    assert result.outcome == "merged"
    assert support(two.bob, "cfo") == (2, 5)


def test_commit_merge_refuses_while_files_are_unmerged(two: Team) -> None:
    _conflict(two)
    result = commit_merge(two.bob.root)
    assert result.outcome == "conflicts"
    assert re.search("conflicts", result.message)
    assert two.bob.git("rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()
