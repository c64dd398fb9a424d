"""Shared fixtures: real git repositories in tmp_path with a fixed identity and fixed dates.

Git's global and system configuration are shut out so that tests see the same git on every
machine (and so the missing-identity test can really have no identity).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pcsm_tui.store.repository import Repository

AUTHOR = {
    "GIT_AUTHOR_NAME": "Test CSM",
    "GIT_AUTHOR_EMAIL": "test.csm@example.com",
    "GIT_COMMITTER_NAME": "Test CSM",
    "GIT_COMMITTER_EMAIL": "test.csm@example.com",
    "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+00:00",
}


@pytest.fixture(autouse=True, scope="session")
def isolated_git(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    saved = dict(os.environ)
    os.environ.update(AUTHOR)
    os.environ["HOME"] = str(home)
    os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
    os.environ["GIT_CONFIG_GLOBAL"] = str(home / "gitconfig")
    (home / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    yield
    os.environ.clear()
    os.environ.update(saved)


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    """An empty pcsm repository with one engagement, `acme`."""
    repository = Repository.init(tmp_path / "central", name="Test team")
    repository.new_engagement("acme", "Acme Corp", initiative="Rollout", csm="")
    return repository


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, isolated_git: None) -> Path:
    """The demo repository, built once per test session; copy it before changing it."""
    from pcsm_tui.demo import build_demo

    target = tmp_path_factory.mktemp("demo") / "central"
    build_demo(target)
    return target


@pytest.fixture
def demo_copy(demo_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_dir, target, symlinks=True)
    return target
