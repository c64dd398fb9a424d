"""The hostile-input catalogue (tests/hostile_cases.py), each case as a test: `pcsm validate`
gives exactly its findings at file:line:col and no traceback, the portfolio, the summary
and `pcsm PATH` read the repository, and a sync refuses what pcsm cannot read before
merging anything (real git: a bare remote and two clones)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.validate import Finding, validate_repository
from pcsm_tui.summary import portfolio_summary

from .apphelp import TODAY
from .conftest import git
from .hostile_cases import ACME, CASES, Case, Expect, at
from .remotes import Clone, clone, make_bare


@pytest.fixture(scope="session")
def clean_repo(tmp_path_factory: pytest.TempPathFactory, isolated_git: None) -> Path:
    """A repository with two engagements (acme, beta), built once; copy it to change it."""
    repo = Repository.init(tmp_path_factory.mktemp("clean") / "central", name="Hostile")
    repo.new_engagement("acme", "Acme", today=TODAY)
    repo.new_engagement("beta", "Beta", today=TODAY)
    return repo.root


def hostile_copy(clean_repo: Path, tmp_path: Path, case: Case) -> Path:
    root = tmp_path / "central"
    shutil.copytree(clean_repo, root, symlinks=True)
    case.make(root, ACME)
    return root


def matches(finding: Finding, expect: Expect, engagement: str = ACME) -> bool:
    return (
        finding.path == at(expect.rel, engagement)
        and expect.text in finding.message
        and expect.line in (None, finding.line)
        and expect.column in (None, finding.column)
    )


def check_findings(findings: list[Finding], expected: tuple[Expect, ...], engagement: str) -> None:
    """Exactly the expected errors: one per expectation, nothing else."""
    errors = [f for f in findings if f.severity == "error"]
    for expect in expected:
        found = [f for f in errors if matches(f, expect, engagement)]
        assert len(found) == 1, f"expected {expect} in:\n" + "\n".join(map(str, errors))
    assert len(errors) == len(expected), "\n".join(map(str, errors))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_validate_reports_it_where_it_is(
    case: Case, clean_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = hostile_copy(clean_repo, tmp_path, case)
    check_findings(validate_repository(root), case.findings, ACME)
    code = main(["validate", str(root)])
    out, err = capsys.readouterr()
    assert code == (1 if case.findings else 0), out + err
    assert "Traceback" not in out + err
    for expect in case.findings:
        assert at(expect.rel) in out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_portfolio_and_summary_read_it(
    case: Case, clean_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = hostile_copy(clean_repo, tmp_path, case)
    rows = {row.slug: row for row in Workspace(root, TODAY).portfolio()}
    assert "beta" in rows and not rows["beta"].problem
    if "acme" in rows:
        if case.portfolio:
            assert case.portfolio in rows["acme"].problem
        else:
            assert rows["acme"].problem == ""
    summary = portfolio_summary(Repository.open(root), TODAY)
    assert "beta" in summary
    assert main([str(root)]) == 0  # not a terminal here: the summary
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "beta" in out


# --- sync: what a teammate pushes ---------------------------------------------------------------


def _pair(clean_repo: Path, tmp_path: Path) -> tuple[Clone, Clone, Path]:
    bare = tmp_path / "remote.git"
    make_bare(clean_repo, bare)
    alice = clone(str(bare), tmp_path / "alice", "alice")
    return alice, clone(str(bare), tmp_path / "bob", "bob"), bare


def _push_hostile(alice: Clone, case: Case, tmp_path: Path) -> None:
    if case.name == "submodule-where-files-live":
        sha = git(alice.root, "rev-parse", "HEAD").strip()
        alice.git("update-index", "--add", "--cacheinfo", f"160000,{sha},{ACME}/vendor")
    else:
        case.make(alice.root, ACME)
        alice.git("add", "-A")
    alice.git("commit", "-q", "-m", f"hostile: {case.name}")
    alice.git("push", "-q", "origin", "HEAD:main")


def _bob_edits(bob: Clone) -> None:
    rel = "engagements/beta/engagement.toml"
    bob.edit(rel, lambda data: data.update(initiative="Bob's change"), "bob: initiative")


REFUSED = [case for case in CASES if case.refused]


@pytest.mark.parametrize("local_commit", [True, False], ids=["merge", "fast-forward"])
@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_sync_refuses_it_before_merging(
    case: Case,
    local_commit: bool,
    clean_repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    alice, bob, _ = _pair(clean_repo, tmp_path)
    _push_hostile(alice, case, tmp_path)
    if local_commit:
        _bob_edits(bob)
    before = bob.git("rev-parse", "HEAD")
    assert bob.sync() == 1
    out, err = capsys.readouterr()
    assert "nothing was merged" in err and "Traceback" not in out + err
    assert bob.git("rev-parse", "HEAD") == before  # nothing merged, nothing committed
    assert git(bob.root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False) == ""
    assert bob.git("status", "--porcelain", "--ignored") == ""  # the work tree is as it was
    for rel in case.rels:
        assert not (bob.root / at(rel)).is_symlink()
    # once the teammate fixes it, the next sync goes through
    alice.git("revert", "--no-edit", "HEAD")
    alice.git("push", "-q", "origin", "HEAD:main")
    assert bob.sync() == 0
    assert bob.errors() == []


MERGED = [
    case
    for case in CASES
    if not case.refused
    and case.name not in ("named-pipe", "no-permission", "git-file-pointing-nowhere")
]
"""What pcsm can read (even if invalid) and git can hold: it comes in through the usual flow."""


@pytest.mark.parametrize("case", MERGED, ids=lambda c: c.name)
def test_sync_merges_it_or_stops_for_a_person(
    case: Case, clean_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Merged with --no-commit and validated: a valid result is committed and pushed; an
    invalid one waits for a person (fix, then --continue) or `--abort` — never a traceback."""
    alice, bob, _ = _pair(clean_repo, tmp_path)
    _push_hostile(alice, case, tmp_path)
    _bob_edits(bob)
    mine = bob.git("rev-parse", "HEAD")
    code = bob.sync()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if not case.findings:
        assert code == 0, out + err
        return
    assert code == 1, out + err
    assert "not valid" in err
    assert main(["sync", "--repo", str(bob.root), "--abort"]) == 0
    assert bob.git("rev-parse", "HEAD") == mine
