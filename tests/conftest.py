"""Shared fixtures: real git repositories in tmp_path with a fixed identity and fixed dates.

Git's global and system configuration are shut out so that tests see the same git on every
machine (and so the missing-identity test can really have no identity).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from pcsm_tui.store.repository import Repository

if TYPE_CHECKING:
    from .remotes import Team

# Hypothesis profiles. No deadline anywhere: examples build files and git repositories on a
# machine whose two cores are shared, so a time limit per example would only add noise.
# - dev (the default): random examples, remembered in .hypothesis/ so a failure comes back;
# - ci (when CI=true): the same examples on every run, nothing remembered, and a failure
#   printed with the blob that reproduces it (@reproduce_failure);
# - long (HYPOTHESIS_PROFILE=long): ten times the examples, for a deep run by hand.
# HYPOTHESIS_PROFILE names a profile and wins over CI.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile("long", max_examples=1000, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("true", "1") else "dev")
)


def scaled(count: int) -> int:
    """`count` examples under the dev and ci profiles, ten times as many under long: for the
    properties whose examples cost more (or less) than the usual hundred."""
    return max(1, count * settings().max_examples // 100)


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


def git(root: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> str:
    """`git -C root ARGS` with `env` added to the environment: its output, or the test fails
    with git's own words (unless check=False)."""
    if args and args[0] in ("diff", "log", "show") and "--textconv" not in args:
        # raw TOML lines, as tests compare them; the field view (pcsm's textconv) is asked
        # for with --textconv (tests/test_diffdriver.py)
        args = (args[0], "--no-textconv", *args[1:])
    done = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    """An empty pcsm repository with one engagement, `acme`."""
    repository = Repository.init(tmp_path / "central", name="Test team")
    repository.new_engagement("acme", "Acme Corp", initiative="Rollout", csm="")
    return repository


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory, isolated_git: None) -> Path:
    """The demo repository, built once per test process: tests get it as demo_copy (their
    own) or demo_dir (shared, read only)."""
    from pcsm_tui.demo import build_demo

    target = tmp_path_factory.mktemp("demo") / "central"
    build_demo(target)
    return target


@pytest.fixture
def demo_dir(demo_built: Path) -> Iterator[Path]:
    """The demo for a test that only reads it (or clones it): no copy, and the test fails if
    it changes it, since every later demo_copy of the process is copied from it."""
    with kept_as_is(demo_built):
        yield demo_built


@pytest.fixture
def demo_copy(demo_built: Path, tmp_path: Path) -> Path:
    """The demo repository, this test's own: change it at will."""
    target = tmp_path / "demo"
    shutil.copytree(demo_built, target, symlinks=True)
    return target


def _state(root: Path) -> tuple[object, ...]:
    """What a test could change in a repository: HEAD, the work tree, git's configuration,
    and pcsm's caches and git's commit-graph (which a copy would inherit)."""
    dot_git = root / ".git"
    kept = [dot_git / "pcsm", dot_git / "objects" / "info"]
    return (
        git(root, "rev-parse", "HEAD"),
        git(root, "status", "--porcelain", "--untracked-files=all", "--ignored"),
        (dot_git / "config").read_bytes(),
        sorted(
            str(p.relative_to(dot_git))
            for folder in kept
            for p in folder.rglob("*")
            # caches equal to a full walk or run (test_lastchange, test_validate_cache)
            if p.name not in ("last-change.json", "validate.json")
        ),
    )


@contextmanager
def kept_as_is(root: Path) -> Iterator[None]:
    """For a repository shared by tests that only read it: the test that commits or changes
    a file there fails, so no other test ever sees its changes as its starting point."""
    before = _state(root)
    yield
    assert _state(root) == before, (
        f"{root} is shared by tests that only read it and this test changed it: "
        "give the test a repository of its own (demo_copy)"
    )


@pytest.fixture
def two(demo_dir: Path, tmp_path: Path) -> Team:
    """alice and bob, each with a clone of the demo repository, and their shared remote."""
    from .remotes import team  # remotes uses git() above: imported here, not in a cycle

    return team(demo_dir, tmp_path)


@pytest.fixture
def no_hold_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that count what a first show does while its paints are held, not how
    long it may take: a loaded machine (a full run on 2 cores) once took longer than the
    1 s limit (`first_show.HOLD_LIMIT_S`) to build the proposal, the hold ended early and
    the layouts counted moved after it. The limit has its own test."""
    monkeypatch.setattr("pcsm_tui.ui.screens.first_show.HOLD_LIMIT_S", 60.0)


@pytest.fixture
def refreshes(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """How many times the screen on top was painted, and screens laid out (a tool's show
    is judged by these counts, never by its time)."""
    # start-up: textual loads only for the app tests that ask for this
    from textual.screen import Screen

    counts = {"paints": 0, "layouts": 0}
    paint, layout = Screen._compositor_refresh, Screen._refresh_layout

    def counted_paint(self: Screen[object]) -> None:
        counts["paints"] += self is self.app.screen  # the screens below repaint on timers
        paint(self)

    def counted_layout(self: Screen[object], *args: object, **kwargs: object) -> None:
        counts["layouts"] += 1
        layout(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_compositor_refresh", counted_paint)
    monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
    yield counts
