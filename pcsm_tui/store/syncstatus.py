"""Where the local branch stands against its remote, without the network (`status`), and
what a sync gives back (`SyncResult` with its outcome and exit code): the plain objects
the CLI prints and the app shows. The sync itself is store/sync.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .git import CommitInfo, GitService

if TYPE_CHECKING:  # the app's sync state at start must not load the models (validate)
    from .mergedriver import FileConflicts
    from .validate import Finding

Outcome = Literal[
    "synced", "merged", "aborted", "conflicts", "invalid", "unfinished", "remote-error", "blocked"
]
Action = Literal["sync", "continue", "abort"]

EXIT_CODES: dict[Outcome, int] = {
    "synced": 0,
    "merged": 0,
    "aborted": 0,
    "conflicts": 1,
    "invalid": 1,
    "unfinished": 1,
    "remote-error": 2,
    "blocked": 2,
}
UNPUSHED_SHOWN = 50


@dataclass(frozen=True)
class SyncStatus:
    """Where the local branch stands against its remote (as of the last fetch)."""

    branch: str | None
    """None when HEAD is detached."""
    remote: str | None
    upstream: str | None
    """The remote-tracking branch compared with, e.g. `origin/main` (None: not pushed yet)."""
    ahead: int
    behind: int
    unpushed: list[CommitInfo] = field(default_factory=list)
    """The newest local commits the remote does not have (at most UNPUSHED_SHOWN)."""
    merging: bool = False
    conflicted: list[str] = field(default_factory=list)
    dirty: list[str] = field(default_factory=list)
    """Tracked files with uncommitted changes."""

    def summary(self) -> str:
        if self.branch is None:
            return "detached HEAD"
        where = f"{self.branch} → {self.upstream}" if self.upstream else self.branch
        if self.remote is None:
            return f"{where} · no remote"
        parts = [where, f"↑{self.ahead} ↓{self.behind}"]
        if self.upstream is None:
            parts.append(f"not on {self.remote} yet")
        if self.merging:
            parts.append(f"merge unfinished ({len(self.conflicted)} conflicted)")
        if self.dirty and not self.merging:
            parts.append(f"{len(self.dirty)} uncommitted")
        return " · ".join(parts)


@dataclass
class SyncResult:
    outcome: Outcome
    message: str
    status: SyncStatus
    conflicts: list[FileConflicts] = field(default_factory=list)
    """Files waiting for resolution, with their field-level conflicts where known."""
    findings: list[Finding] = field(default_factory=list)
    """Validation errors that blocked the merge commit or the push."""
    received: int = 0
    """Commits brought in from the remote."""
    pushed: int = 0

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]


# --- status -----------------------------------------------------------------------------------


def pick_remote(git: GitService, branch: str | None, wanted: str | None = None) -> str | None:
    """The remote to sync with: asked for, the branch's own, `origin`, or the only one."""
    remotes = git.remotes()
    if wanted is not None:
        return wanted if wanted in remotes else None
    if branch is not None:
        status, configured, _ = git.run("config", f"branch.{branch}.remote", check=False)
        if status == 0 and configured in remotes:
            return configured
    if "origin" in remotes:
        return "origin"
    return remotes[0] if len(remotes) == 1 else None


def tracking_branch(git: GitService, remote: str, branch: str) -> str | None:
    ref = f"refs/remotes/{remote}/{branch}"
    return ref if git.resolve_commit(ref) else None


def dirty_files(git: GitService) -> list[str]:
    out = git.out("status", "--porcelain", "--untracked-files=no", "-z")
    return sorted({entry[3:] for entry in out.split("\0") if len(entry) > 3})


def status(root: Path, remote: str | None = None, synced: str | None = None) -> SyncStatus:
    """Branch, remote, ahead/behind and unpushed commits, without touching the network.
    `synced`: the branch a sync has just fetched, merged and pushed with `remote`, which it
    chose and checked: git is not asked again for what it has just said (each answer is a
    git process, and a sync should cost little more than git's own pull and push)."""
    git = GitService(root)
    known = synced is not None and remote is not None
    branch = synced if known else git.current_branch()
    chosen = remote if known else pick_remote(git, branch, remote)
    merging = git.merge_in_progress()
    conflicted = git.unmerged_paths() if merging else []
    dirty = dirty_files(git)
    if branch is None or chosen is None or (not known and git.head() is None):
        return SyncStatus(branch, chosen, None, 0, 0, [], merging, conflicted, dirty)
    tracking = tracking_branch(git, chosen, branch)
    if tracking is not None:
        ahead, behind = git.ahead_behind("HEAD", tracking)
        unpushed_range = f"{tracking}..HEAD"
    else:
        ahead = int(git.out("rev-list", "--count", "HEAD", "--not", f"--remotes={chosen}"))
        behind = 0
        unpushed_range = "HEAD"
    unpushed = git.log(rev=unpushed_range, max_count=UNPUSHED_SHOWN) if ahead else []
    upstream = f"{chosen}/{branch}" if tracking else None
    return SyncStatus(branch, chosen, upstream, ahead, behind, unpushed, merging, conflicted, dirty)
