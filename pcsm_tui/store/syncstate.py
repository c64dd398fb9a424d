"""What a sync needs to know about the clone before it fetches, from two git processes.

A sync used to ask git one question per process: the branch (`symbolic-ref`), an
unfinished merge (`rev-parse MERGE_HEAD`, three times), the remotes (`remote`), the
branch's remote (`config`, twice), the identity (`config`), uncommitted files (`status`,
twice), conflicted files and untracked files (`diff`, `ls-files`): ~15 processes, five of
which refresh git's index (a stat of every tracked file: 50-140 ms each at 27,000 files).
Here `git config --list` answers the configuration questions and one
`git status --porcelain=v2 --branch --untracked-files=all` the work tree's (issue 16:
`pcsm sync` near git's own pull and push). Refs (the remote-tracking branch, MERGE_HEAD)
are read from git's files where they are plain files, as store/plumbing reads HEAD.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .git import GitService
from .plumbing import git_dirs

_HEX = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


@dataclass
class LocalState:
    """The clone as one sync found it before fetching."""

    branch: str | None
    """The checked-out branch; None when HEAD is detached."""
    head: str | None
    """HEAD's commit; None before the first commit."""
    merging: bool
    dirty: list[str] = field(default_factory=list)
    """Tracked files with uncommitted changes (conflicted ones included)."""
    unmerged: list[str] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)
    config: dict[str, str] = field(default_factory=dict)
    """git's configuration as git sees it (every level; the last value of a key wins)."""

    def remotes(self, git: GitService) -> list[str]:
        """The remotes configured (git is asked only when none is: legacy remote files)."""
        names: list[str] = []
        for key in self.config:
            section, _, rest = key.partition(".")
            name, dot, _variable = rest.rpartition(".")
            if section == "remote" and dot and name and name not in names:
                names.append(name)
        return sorted(names) if names else git.remotes()

    def pick_remote(self, git: GitService, wanted: str | None = None) -> str | None:
        """The remote to sync with, as store/syncstatus.pick_remote chooses it: asked for,
        the branch's own, `origin`, or the only one."""
        remotes = self.remotes(git)
        if wanted is not None:
            return wanted if wanted in remotes else None
        configured = self.config.get(f"branch.{self.branch}.remote")
        if self.branch is not None and configured in remotes:
            return configured
        if "origin" in remotes:
            return "origin"
        return remotes[0] if len(remotes) == 1 else None

    def has_identity(self) -> bool:
        return bool(self.config.get("user.name")) and bool(self.config.get("user.email"))


def read_config(git: GitService) -> dict[str, str]:
    """Every configuration key git reads here, with its last value (`config -z --list`)."""
    status, out, _ = git.run("config", "--null", "--list", check=False, strip=False)
    found: dict[str, str] = {}
    if status != 0:
        return found
    for entry in out.split("\0"):
        key, _, value = entry.partition("\n")
        if key:
            found[key] = value
    return found


def local_state(git: GitService) -> LocalState:
    """The branch, HEAD, an unfinished merge, the work tree's changes and the config."""
    config = read_config(git)
    out = git.out("status", "--porcelain=v2", "--branch", "--untracked-files=all", "-z")
    branch: str | None = None
    head: str | None = None
    dirty: set[str] = set()
    unmerged: set[str] = set()
    untracked: list[str] = []
    entries = iter(out.split("\0"))
    for entry in entries:
        kind = entry[:2]
        if entry.startswith("# branch.oid "):
            value = entry.removeprefix("# branch.oid ")
            head = value if _HEX.fullmatch(value) else None
        elif entry.startswith("# branch.head "):
            value = entry.removeprefix("# branch.head ")
            branch = None if value == "(detached)" else value
        elif kind == "1 ":
            dirty.add(entry.split(" ", 8)[8])
        elif kind == "2 ":  # a rename or copy: the new path, then the old one
            dirty.add(entry.split(" ", 9)[9])
            dirty.add(next(entries, ""))
        elif kind == "u ":
            path = entry.split(" ", 10)[10]
            dirty.add(path)
            unmerged.add(path)
        elif kind == "? ":
            untracked.append(entry[2:])
    dirty.discard("")
    in_merge = git.merge_in_progress() if head is None else merging(git)
    return LocalState(
        branch, head, in_merge, sorted(dirty), sorted(unmerged), sorted(untracked), config
    )


def merging(git: GitService) -> bool:
    """Whether a merge is unfinished: MERGE_HEAD is a file in the worktree's git folder
    (git is asked in an unusual layout: GIT_DIR set, reftable)."""
    dirs = git_dirs(git.root)
    if dirs is None or "GIT_DIR" in os.environ or (dirs[1] / "reftable").exists():
        return git.merge_in_progress()
    return (dirs[0] / "MERGE_HEAD").is_file()


def read_ref(git: GitService, ref: str) -> str | None:
    """The commit a full ref name (`refs/remotes/origin/main`) points to, from git's files
    (loose, else packed-refs); git is asked when they say nothing plain (a symbolic or
    peeled ref, reftable). None when there is no such ref."""
    dirs = git_dirs(git.root)
    unusual = dirs is None or "GIT_DIR" in os.environ or (dirs[1] / "reftable").exists()
    if dirs is None or unusual or not ref.startswith("refs/"):
        return git.resolve_commit(ref)
    common = dirs[1]
    try:
        loose = common / ref
        if loose.is_file():
            value = loose.read_text(encoding="utf-8").strip()
            return value if _HEX.fullmatch(value) else git.resolve_commit(ref)
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                sha, _, name = line.partition(" ")
                if name == ref:
                    return sha if _HEX.fullmatch(sha) else git.resolve_commit(ref)
    except (OSError, UnicodeDecodeError):
        return git.resolve_commit(ref)
    return None


def objects_dir(root: Path) -> Path | None:
    """The repository's object folder (the common git folder's), from the files."""
    dirs = git_dirs(root)
    return None if dirs is None else dirs[1] / "objects"
