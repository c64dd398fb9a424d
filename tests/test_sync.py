"""Team sync with real git: two clones and a bare remote (once over `git daemon`)."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.store.mergeconfig import remove_merge_driver
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.sync import explain_remote_error, status

from .conftest import git
from .remotes import Clone, Team, git_daemon, team

PLAN = "engagements/northwind-emea/stakeholder-plan/2026-10.toml"
RACI = "engagements/northwind-emea/raci.toml"

Edit = Callable[[dict[str, Any]], None]


def assessment(stakeholder: str, **values: Any) -> Edit:
    def change(data: dict[str, Any]) -> None:
        for row in data["assessments"]:
            if row["stakeholder"] == stakeholder:
                row.update(values)

    return change


def raci_cell(activity_index: int, column: str, roles: str) -> Edit:
    def change(data: dict[str, Any]) -> None:
        data["matrices"][0]["activities"][activity_index]["cells"][column] = roles

    return change


def drop_assessment(stakeholder: str) -> Edit:
    def change(data: dict[str, Any]) -> None:
        data["assessments"] = [r for r in data["assessments"] if r["stakeholder"] != stakeholder]

    return change


def support(clone: Clone, stakeholder: str) -> tuple[int, int]:
    for row in clone.read(PLAN)["assessments"]:
        if row["stakeholder"] == stakeholder:
            return row["interest"], row["support"]
    raise KeyError(stakeholder)


def remote_head(t: Team) -> str:
    return git(t.bare, "rev-parse", "HEAD").strip()


def test_different_stakeholders_and_raci_rows_merge_without_conflict(
    two: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    alice, bob = two.alice, two.bob
    alice.edit(PLAN, assessment("cfo", support=9), "alice: cfo support")
    alice.edit(RACI, raci_cell(0, "cfo", "C"), "alice: raci row 1")
    # bob: another stakeholder, the line next to alice's (interest of the same block would
    # conflict for a line merge), and another RACI row
    bob.edit(PLAN, assessment("hr-manager", support=3), "bob: hr support")
    bob.edit(PLAN, assessment("cfo", interest=2), "bob: cfo interest")
    bob.edit(RACI, raci_cell(3, "cio", "I"), "bob: raci row 4")
    assert alice.sync() == 0
    assert bob.sync() == 0
    assert alice.sync() == 0
    for clone in (alice, bob):
        assert support(clone, "cfo") == (2, 9)
        assert support(clone, "hr-manager")[1] == 3
        activities = clone.read(RACI)["matrices"][0]["activities"]
        assert activities[0]["cells"]["cfo"] == "C"
        assert activities[3]["cells"]["cio"] == "I"
        assert clone.errors() == []
    assert alice.git("rev-parse", "HEAD") == bob.git("rev-parse", "HEAD")
    assert remote_head(two) == alice.git("rev-parse", "HEAD").strip()
    merge = bob.git("log", "-1", "--format=%s%n%b", "HEAD")
    assert merge.startswith("sync: merge origin/main into main")
    assert "# Stakeholder management plan" in (bob.root / PLAN).read_text()  # comments kept
    out = capsys.readouterr().out
    assert "received" in out and "pushed" in out


def _conflict_on_cfo_support(two: Team) -> None:
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice: cfo 9")
    two.bob.edit(PLAN, assessment("cfo", support=5), "bob: cfo 5")
    two.bob.edit(PLAN, assessment("hr-manager", support=1), "bob: hr 1")
    assert two.alice.sync() == 0


def test_same_field_is_a_conflict_shown_field_by_field_then_resolved(
    two: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    _conflict_on_cfo_support(two)
    before = remote_head(two)
    capsys.readouterr()
    assert two.bob.sync() == 1
    err = capsys.readouterr().err
    assert PLAN in err
    assert "assessments[cfo].support: changed differently on both sides" in err
    assert "base: 8   ours: 5   theirs: 9" in err
    assert "pcsm sync --continue" in err
    assert remote_head(two) == before  # nothing pushed
    sidecar = two.bob.root / ".git" / "pcsm-conflicts" / f"{PLAN}.json"
    (record,) = json.loads(sidecar.read_text())["conflicts"]
    assert (record["base"], record["ours"], record["theirs"]) == (8, 5, 9)
    text = (two.bob.root / PLAN).read_text()
    assert text.count("<<<<<<< ours") == 1
    assert "support = 1" in text  # bob's other change merged around the conflict
    # Running sync again finds the unfinished merge and says so.
    assert two.bob.sync() == 1
    assert "unfinished merge" in capsys.readouterr().err
    # Resolve: keep theirs (9) by writing it, then commit, as a person would with git.
    resolved = re.sub(
        r"<<<<<<< ours\n.*?=======\n(.*?)>>>>>>> theirs\n", r"\1", text, flags=re.DOTALL
    )
    (two.bob.root / PLAN).write_text(resolved)
    two.bob.git("add", "--", PLAN)
    two.bob.git("commit", "-q", "--no-edit")
    assert two.bob.sync() == 0
    assert two.alice.sync() == 0
    for clone in (two.alice, two.bob):
        assert support(clone, "cfo")[1] == 9
        assert support(clone, "hr-manager")[1] == 1
        assert clone.errors() == []
    assert two.alice.git("rev-parse", "HEAD") == two.bob.git("rev-parse", "HEAD")


def test_continue_commits_a_resolved_merge_and_pushes(two: Team) -> None:
    _conflict_on_cfo_support(two)
    assert two.bob.sync() == 1
    assert two.bob.sync("--continue") == 1  # markers still there
    text = (two.bob.root / PLAN).read_text()
    ours = re.sub(
        r"<<<<<<< ours\n(.*?)\|\|\|\|\|\|\| base\n.*?>>>>>>> theirs\n", r"\1", text, flags=re.DOTALL
    )
    (two.bob.root / PLAN).write_text(ours)
    assert two.bob.sync("--continue") == 0
    assert two.alice.sync() == 0
    assert support(two.alice, "cfo")[1] == 5
    assert not (two.bob.root / ".git" / "pcsm-conflicts").exists()


def test_delete_against_modify_is_a_conflict_and_abort_keeps_local_work(
    two: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    two.alice.edit(PLAN, drop_assessment("head-of-security"), "alice: drop security")
    two.bob.edit(PLAN, assessment("head-of-security", support=2), "bob: security 2")
    assert two.alice.sync() == 0
    mine = two.bob.git("rev-parse", "HEAD")
    assert two.bob.sync() == 1
    err = capsys.readouterr().err
    assert "assessments[head-of-security]: deleted on one side, changed on the other" in err
    assert "ours: {…}   theirs: (absent)" in err
    assert "<<<<<<< ours" in (two.bob.root / PLAN).read_text()
    assert two.bob.sync("--abort") == 0
    assert two.bob.git("rev-parse", "HEAD") == mine
    assert support(two.bob, "head-of-security")[1] == 2  # never silently deleted
    assert two.bob.git("status", "--porcelain", "--untracked-files=no") == ""


def _strategy_b_clash(two: Team) -> str:
    """alice drops strategy B; bob adds a row for it: a line merge is clean but invalid."""

    def drop_strategy_b(data: dict[str, Any]) -> None:
        data["strategies"] = [s for s in data["strategies"] if s["id"] != "B"]
        data["rows"] = [r for r in data["rows"] if r["strategy"] != "B"]

    def add_row_b(data: dict[str, Any]) -> None:
        data["rows"].append({"id": "new-b", "strategy": "B", "stakeholder": "cfo"})

    two.alice.edit(PLAN, drop_strategy_b, "alice: no strategy B")
    two.bob.edit(PLAN, add_row_b, "bob: a row for strategy B")
    assert two.alice.sync() == 0
    return remote_head(two)


def test_an_invalid_merge_made_without_the_driver_is_never_pushed(two: Team) -> None:
    """A plain `git merge` (driver not configured) commits an invalid file: sync refuses."""
    before = _strategy_b_clash(two)
    remove_merge_driver(Repository(two.bob.root).git)
    two.bob.git("fetch", "-q")
    two.bob.git("merge", "-q", "--no-edit", "origin/main")  # git's line merge: clean
    assert any("strategy 'B'" in e for e in two.bob.errors())
    assert two.bob.sync() == 1
    assert remote_head(two) == before


def test_syncs_own_merge_without_the_driver_is_validated_before_commit(
    two: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _strategy_b_clash(two)
    # No driver behind the attribute: git falls back to its line merge.
    (two.bob.root / ".git" / "info" / "attributes").write_text("*.toml merge=unconfigured\n")
    assert two.bob.sync() == 1
    err = capsys.readouterr().err
    assert "the merged files are not valid, so the merge is not committed" in err
    assert "strategy 'B'" in err
    assert remote_head(two) == before
    assert two.bob.git("log", "-1", "--format=%s").strip() == "bob: a row for strategy B"
    assert two.bob.sync("--abort") == 0


def test_the_driver_refuses_a_clean_but_invalid_merge(
    two: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _strategy_b_clash(two)
    assert two.bob.sync() == 1
    assert "merged cleanly but the result is not valid" in capsys.readouterr().err
    assert remote_head(two) == before


@pytest.mark.parametrize(
    "driver",
    ["sh -c 'echo \"garbage = = 1\" > %A; exit 0'", "exit 200"],
    ids=["writes-garbage", "crashes"],
)
def test_a_broken_driver_never_gets_an_invalid_file_pushed(two: Team, driver: str) -> None:
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice")
    two.bob.edit(PLAN, assessment("hr-manager", support=3), "bob")
    assert two.alice.sync() == 0
    before = remote_head(two)
    (two.bob.root / ".git" / "info" / "attributes").write_text("*.toml merge=broken\n")
    two.bob.git("config", "merge.broken.driver", driver)
    assert two.bob.sync() == 1
    assert remote_head(two) == before
    assert two.bob.git("log", "-1", "--format=%s").strip() == "bob"  # no merge committed


def test_unreachable_remote_keeps_local_commits(
    two: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice")
    two.alice.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))
    assert two.alice.sync() == 2
    err = capsys.readouterr().err
    assert "origin cannot be reached" in err
    assert "Your local commits are kept" in err
    assert "git said:" in err
    assert two.alice.git("log", "-1", "--format=%s").strip() == "alice"


def test_rejected_push_says_so_and_keeps_local_commits(
    two: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    hook = two.bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice")
    assert two.alice.sync() == 2
    err = capsys.readouterr().err
    assert "origin refused the push" in err
    assert "pushes are closed today" in err
    now = status(two.alice.root)
    assert (now.ahead, now.behind) == (1, 0)
    assert [c.subject for c in now.unpushed] == ["alice"]


def test_authentication_needed_is_explained() -> None:
    message = explain_remote_error(
        "fatal: could not read Username for 'https://example.com': terminal prompts disabled",
        "origin",
        "fetch from",
    )
    assert message.startswith("origin needs you to sign in")
    assert "never asks for passwords" in message


def test_status_dirty_tree_and_missing_remote(
    two: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alice = two.alice
    assert status(alice.root).summary() == "main → origin/main · ↑0 ↓0"
    alice.edit(PLAN, assessment("cfo", support=9), "alice")
    (alice.root / RACI).write_text((alice.root / RACI).read_text() + "\n")
    assert alice.sync() == 2
    assert "uncommitted changes in " + RACI in capsys.readouterr().err
    alice.git("checkout", "--", RACI)
    two.bob.edit(PLAN, assessment("hr-manager", support=3), "bob")
    assert two.bob.sync() == 0
    alice.git("fetch", "-q")
    now = status(alice.root)
    assert (now.branch, now.remote, now.upstream, now.ahead, now.behind) == (
        "main",
        "origin",
        "origin/main",
        1,
        1,
    )
    alice.git("remote", "remove", "origin")
    assert alice.sync() == 2
    assert "no remote to sync with" in capsys.readouterr().err


def test_over_git_daemon(demo_dir: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    served.mkdir()
    bare = served / "central.git"
    git(tmp_path, "clone", "-q", "--bare", str(demo_dir), str(bare))
    with git_daemon(served) as url:
        t = team(demo_dir, tmp_path, bare=bare, url=f"{url}/central.git")
        t.alice.edit(PLAN, assessment("cfo", support=9), "alice")
        t.bob.edit(PLAN, assessment("cfo", interest=2), "bob")
        assert t.alice.sync() == 0
        assert t.bob.sync() == 0
        assert t.alice.sync() == 0
        assert support(t.alice, "cfo") == support(t.bob, "cfo") == (2, 9)
        assert t.alice.git("rev-parse", "HEAD") == t.bob.git("rev-parse", "HEAD")


def test_first_sync_to_an_empty_remote_pushes_and_sets_the_upstream(
    repo: Repository, tmp_path: Path
) -> None:
    bare = tmp_path / "empty.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(repo.root, "remote", "add", "origin", str(bare))
    before = status(repo.root)
    assert (before.upstream, before.ahead) == (None, 2)
    assert "not on origin yet" in before.summary()
    assert Clone("test", repo.root).sync() == 0
    after = status(repo.root)
    assert (after.upstream, after.ahead, after.behind) == ("origin/main", 0, 0)
    assert git(bare, "rev-parse", "main") == git(repo.root, "rev-parse", "HEAD")
