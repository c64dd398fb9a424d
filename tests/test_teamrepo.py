"""The benchmarks' team-repository generator: valid content, real history, deterministic."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import teamrepo

from pcsm_tui.store.validate import validate_repository

from .conftest import git


def test_a_small_team_repository_is_valid_and_has_the_history_asked_for(tmp_path: Path) -> None:
    stats = teamrepo.generate(
        tmp_path / "team", engagements=7, commits=120, authors=4, years=1, hot_commits=10
    )
    root = tmp_path / "team"
    findings = validate_repository(root)
    assert [f for f in findings if f.severity == "error"] == []
    assert int(git(root, "rev-list", "--count", "HEAD")) == 120 == stats.commits
    assert stats.merges > 0 and stats.hot == 10
    merges = git(root, "rev-list", "--merges", "HEAD").split()
    assert len(merges) == stats.merges
    assert len(list((root / "engagements").iterdir())) == 7
    assert len(list((root / "people").iterdir())) == 4
    authors = set(git(root, "log", "--format=%an").splitlines())
    assert len(authors) == 4
    assert git(root, "status", "--porcelain") == ""
    first, last = git(root, "log", "--format=%at", "--date-order").split()[::-1][0::119]
    assert 0.9 * 365 * 86400 < int(last) - int(first) <= 366 * 86400


def test_the_same_seed_gives_the_same_repository(tmp_path: Path) -> None:
    heads = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        teamrepo.generate(
            tmp_path / name, engagements=4, commits=30, authors=2, seed=seed, hot_commits=3
        )
        heads.append(git(tmp_path / name, "rev-parse", "HEAD").strip())
    assert heads[0] == heads[1] != heads[2]
