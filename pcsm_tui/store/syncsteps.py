"""Steps of `pcsm sync` beside its main line (store/sync.py): git's failures in words, the
portfolio summaries (only for a team that keeps them), and the status after a sync from
what the sync already knows."""

from __future__ import annotations

from .git import GitService
from .layout import Layout
from .plumbing import read_head
from .syncstate import LocalState, read_ref
from .syncstatus import UNPUSHED_SHOWN, SyncStatus, status

SUMMARIES = ".pcsm/summaries"
"""store/summaries.SUMMARY_DIR (a test keeps them equal): written here so that a team
without summaries never loads the portfolio analysis they are computed with."""


def explain_remote_error(error: str, remote: str, doing: str) -> str:
    """A clear sentence for a failed fetch or push, followed by git's own words."""
    low = error.lower()
    if any(
        s in low
        for s in (
            "authentication failed",
            "could not read username",
            "could not read password",
            "terminal prompts disabled",
            "permission denied (publickey",
            "http 401",
            "http 403",
            "the requested url returned error: 403",
        )
    ):
        reason = (
            f"{remote} needs you to sign in, and pcsm never asks for passwords: set up a "
            "credential helper or an SSH key for it, then sync again"
        )
    elif any(
        s in low
        for s in (
            "[rejected]",
            "[remote rejected]",
            "non-fast-forward",
            "fetch first",
            "hook declined",
        )
    ):
        reason = (
            f"{remote} refused the push (someone may have pushed meanwhile, or the remote "
            "does not accept it); nothing was forced: sync again to merge their work first"
        )
    elif any(
        s in low
        for s in (
            "could not resolve host",
            "connection refused",
            "does not appear to be a git repository",
            "unable to access",
            "could not read from remote",
            "timed out",
            "timeout",
            "no route to host",
            "network is unreachable",
        )
    ):
        reason = f"{remote} cannot be reached; check the network or the remote's address"
    else:
        reason = f"git could not {doing} {remote}"
    return f"{reason}.\nYour local commits are kept.\ngit said: {error.strip() or '(nothing)'}"


def take_summary_conflicts(git: GitService) -> list[str]:
    """Summary conflicts settled with the incoming side (store/summaries.take_theirs);
    nothing to settle, and nothing loaded, in a team that keeps no summaries."""
    if not Layout(git.root).is_real_folder(SUMMARIES) and not any(
        rel.startswith(f"{SUMMARIES}/") for rel in git.unmerged_paths()
    ):
        return []
    # start-up: the portfolio analysis loads only for a team that keeps summaries
    from .summaries import take_theirs

    return take_theirs(git)


def refresh_summaries(git: GitService, tracking: str | None, before: str | None) -> bool:
    """Commit the portfolio summaries of what changed (store/summaries.commit_refresh);
    whether a commit was made. A team without summaries pays no git process for it."""
    if not Layout(git.root).is_real_folder(SUMMARIES):
        return False
    # start-up: the portfolio analysis loads only for a team that keeps summaries
    from .summaries import changed_engagements, commit_refresh

    return commit_refresh(git, changed_engagements(git, tracking, before)) is not None


def synced_status(git: GitService, remote: str, branch: str, state: LocalState) -> SyncStatus:
    """The status after a sync that merged, committed and pushed (or had nothing to do):
    what `status(root, remote)` would say, from what the sync knows. The work tree had no
    uncommitted change when it started (else it stopped) and the merge is committed, so no
    `git status` again; ahead/behind are counted only when the remote-tracking branch is
    not HEAD itself (a remote without a fetch refspec, say)."""
    ref = f"refs/remotes/{remote}/{branch}"
    theirs = read_ref(git, ref)
    if theirs is None:
        return status(git.root, remote, synced=branch)
    head = read_head(git)
    ahead, behind = (0, 0) if theirs == head else git.ahead_behind("HEAD", ref)
    unpushed = git.log(rev=f"{ref}..HEAD", max_count=UNPUSHED_SHOWN) if ahead else []
    upstream = f"{remote}/{branch}"
    return SyncStatus(branch, remote, upstream, ahead, behind, unpushed, False, [], [])
