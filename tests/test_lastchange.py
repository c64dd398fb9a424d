"""The portfolio's last-change column: cached by HEAD, brought up to date from the previous
HEAD, and always the same answer as a walk of the whole history."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pcsm_tui.service import Workspace
from pcsm_tui.store.lastchange import CACHE_NAME, LastChanges, Touch
from pcsm_tui.store.readers import Readers

from .conftest import scaled

BASE = 1_790_000_000


class Git:
    """A plain git repository whose commits touch engagement folders at chosen times."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self("init", "-q", "--initial-branch=main")
        self.counter = 0

    def __call__(self, *args: str, when: int = BASE, who: str = "Ann") -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": who,
            "GIT_AUTHOR_EMAIL": f"{who.lower()}@example.com",
            "GIT_COMMITTER_NAME": who,
            "GIT_COMMITTER_EMAIL": f"{who.lower()}@example.com",
            "GIT_AUTHOR_DATE": f"{when} +0000",
            "GIT_COMMITTER_DATE": f"{when} +0000",
        }
        done = subprocess.run(
            ["git", "-C", str(self.root), *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def touch(self, slug: str, when: int = BASE, who: str = "Ann", name: str = "risks") -> str:
        self.counter += 1
        path = self.root / "engagements" / slug / f"{name}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"n = {self.counter}\n", encoding="utf-8")
        self("add", "--all", when=when, who=who)
        self("commit", "-q", "-m", f"{slug}: {name}: change {self.counter}", when=when, who=who)
        return self("rev-parse", "HEAD")


def answers(root: Path) -> tuple[dict[str, Touch], dict[str, Touch]]:
    """(what the cache gives, what a walk of the whole history gives)."""
    readers = Readers()
    return LastChanges(root, readers).get(), LastChanges(root, readers).full_walk()


def plant(root: Path, slug: str, sha: str) -> None:
    """Put a made-up answer for `slug` into the cache: only an update that reads the cache
    (and not the whole history) keeps it."""
    path = root / ".git" / "pcsm" / CACHE_NAME
    kept = json.loads(path.read_text(encoding="utf-8"))
    kept["engagements"][slug] = {
        "sha": sha,
        "time": BASE + 10_000,
        "when": "2030-01-01T00:00:00+00:00",
        "who": "Planted",
        "subject": "planted",
    }
    path.write_text(json.dumps(kept), encoding="utf-8")


def test_new_commits_are_read_from_the_previous_head_only(tmp_path: Path) -> None:
    git = Git(tmp_path / "repo")
    git.touch("acme", BASE)
    first = git.touch("beta", BASE + 10, who="Bob")
    cached, full = answers(git.root)
    assert cached == full
    assert cached["beta"].sha == first and cached["beta"].who == "Bob"
    assert json.loads((git.root / ".git/pcsm" / CACHE_NAME).read_text())["head"] == first
    plant(git.root, "acme", first)
    newest = git.touch("beta", BASE + 20, who="Cy")
    cached, full = answers(git.root)
    assert cached["beta"].sha == newest and cached["beta"] == full["beta"]
    assert cached["acme"].who == "Planted"  # kept from the cache: nothing older was walked
    assert cached["acme"] != full["acme"]


def test_after_a_rewrite_of_history_the_whole_history_is_walked(tmp_path: Path) -> None:
    git = Git(tmp_path / "repo")
    git.touch("acme", BASE)
    git.touch("beta", BASE + 10)
    answers(git.root)
    plant(git.root, "acme", git("rev-parse", "HEAD"))
    git("reset", "-q", "--hard", "HEAD~1")
    git.touch("gamma", BASE + 30)
    cached, full = answers(git.root)
    assert cached == full  # the planted answer is gone: the previous HEAD is not an ancestor
    assert set(cached) == {"acme", "gamma"}


def test_after_a_merge_and_on_a_fresh_clone_it_equals_a_full_walk(tmp_path: Path) -> None:
    git = Git(tmp_path / "repo")
    git.touch("acme", BASE)
    git("checkout", "-q", "-b", "side")
    git.touch("acme", BASE + 5, who="Side", name="notes")  # older than main's change below
    git.touch("beta", BASE + 50, who="Side")
    git("checkout", "-q", "main")
    git.touch("acme", BASE + 10, who="Main")
    answers(git.root)
    git("merge", "-q", "--no-ff", "-m", "sync: merge", "side", when=BASE + 60, who="Merger")
    cached, full = answers(git.root)
    assert cached == full
    assert cached["acme"].who == "Main" and cached["beta"].who == "Side"
    assert all(touch.who != "Merger" for touch in cached.values())
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(git.root), str(clone)], check=True)
    assert not (clone / ".git" / "pcsm" / CACHE_NAME).exists()
    assert answers(clone)[0] == cached


def test_commits_of_the_same_second_the_later_one_wins(tmp_path: Path) -> None:
    git = Git(tmp_path / "repo")
    for _ in range(3):
        git.touch("acme", BASE)
    last = git.touch("acme", BASE)
    cached, full = answers(git.root)
    assert cached == full and cached["acme"].sha == last


def test_a_broken_cache_is_rebuilt_and_a_repository_without_commits_has_none(
    tmp_path: Path,
) -> None:
    git = Git(tmp_path / "repo")
    assert answers(git.root) == ({}, {})
    git.touch("acme")
    answers(git.root)
    for junk in (
        "{",
        '{"format": 1, "head": "nope"}',
        "[]",
        '{"format": 1, "head": "' + "a" * 40 + '", "engagements": {"x": {"sha": 1}}}',
    ):
        (git.root / ".git" / "pcsm" / CACHE_NAME).write_text(junk, encoding="utf-8")
        cached, full = answers(git.root)
        assert cached == full and set(cached) == {"acme"}


def test_a_cache_for_head_with_fields_of_the_wrong_kind_is_no_cache(tmp_path: Path) -> None:
    """A cache for the current HEAD edited by hand or another tool (`"when": 5`): the
    portfolio's first frame and the column are the history's answer, never a crash (the
    app stopped with a traceback slicing `when`)."""
    from pcsm_tui.store.lastchange import kept_for_head

    git = Git(tmp_path / "repo")
    git.touch("acme", BASE, who="Dana")
    expected = Workspace(git.root).last_changes()
    path = git.root / ".git" / "pcsm" / CACHE_NAME
    good = json.loads(path.read_text(encoding="utf-8"))
    assert kept_for_head(git.root) is not None  # the cache as written is used
    for field, junk in (("when", 5), ("who", ["x"]), ("subject", None), ("time", "1")):
        kept = json.loads(path.read_text(encoding="utf-8"))
        kept["engagements"]["acme"][field] = junk
        path.write_text(json.dumps(kept), encoding="utf-8")
        assert kept_for_head(git.root) is None, field
        assert Workspace(git.root).last_changes() == expected, field
    for edit in ("an unknown field", "a field missing"):  # each refused, as __init__ would
        entry = dict(good["engagements"]["acme"])
        if edit == "an unknown field":
            entry["note"] = "x"
        else:
            del entry["subject"]
        path.write_text(json.dumps({**good, "engagements": {"acme": entry}}), encoding="utf-8")
        assert kept_for_head(git.root) is None, edit
        assert Workspace(git.root).last_changes() == expected, edit


def test_a_walk_git_cannot_finish_is_an_error_and_nothing_is_cached(tmp_path: Path) -> None:
    """A corrupt tree halfway down the history: the answer would be partial (only what
    came before it), so it is an error, and no cache keeps it as the truth."""
    import pytest

    from pcsm_tui.store.git import GitError

    git = Git(tmp_path / "repo")
    git.touch("acme", BASE)
    git.touch("beta", BASE + 10)
    git.touch("beta", BASE + 20)
    tree = git("rev-parse", "HEAD~1^{tree}")
    path = git.root / ".git" / "objects" / tree[:2] / tree[2:]
    path.chmod(0o644)
    path.write_bytes(b"not a git object")
    with pytest.raises(GitError, match="corrupt"):
        LastChanges(git.root, Readers()).get()
    assert not (git.root / ".git" / "pcsm" / CACHE_NAME).exists()


def test_the_workspace_gives_the_column(tmp_path: Path) -> None:
    git = Git(tmp_path / "repo")
    git.touch("acme", BASE, who="Dana")
    column = Workspace(git.root).last_changes()
    assert column["acme"].who == "Dana" and column["acme"].when == "2026-09-21"
    assert column["acme"].subject == "acme: risks: change 1"


# --- any history: random commits, merges and rewrites, the cache checked at every step -----

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("main"), st.sampled_from("abc"), st.integers(0, 3)),
        st.tuples(st.just("side"), st.sampled_from("abc"), st.integers(0, 3)),
        st.tuples(st.just("merge"), st.just(""), st.integers(0, 3)),
        st.tuples(st.just("rewrite"), st.just(""), st.just(0)),
        st.tuples(st.just("check"), st.just(""), st.just(0)),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=scaled(15))
@given(ops=OPS)
def test_any_history_gives_the_same_answer_as_a_full_walk(ops: list[tuple[str, str, int]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        git = Git(Path(folder) / "repo")
        git.touch("a", BASE)
        git("branch", "side")
        for op, slug, second in ops:
            when = BASE + second  # few distinct seconds: many ties
            if op in ("main", "side"):
                git("checkout", "-q", op)
                git.touch(slug, when, who=op.title(), name=op)
                git("checkout", "-q", "main")
            elif op == "merge":
                git("merge", "-q", "--no-ff", "-m", "merge", "side", when=when)
                git("branch", "-f", "side", "main")
            elif op == "rewrite" and git("rev-list", "--count", "HEAD") != "1":
                git("reset", "-q", "--hard", "HEAD~1")
            cached, full = answers(git.root)
            assert cached == full
