"""Sync with the team's remote: fetch, merge (the driver does the files), validate, push.

The safety rules (design A2, B4): nothing invalid is ever committed by a sync or pushed —
the merge is made with `--no-commit` and only committed once every file validates, and
the push only happens after validation passes, whatever the merge driver did (or if it is
not configured, or crashed). Never force-push; git never prompts; network calls time out;
when the remote cannot be reached or refuses the push, the local commits stay as they are.
An unfinished merge is reported, never silently discarded: `--continue` or `--abort`.

`status()` (store/syncstatus.py, named here too) and `sync()` return plain objects; the CLI
prints them, the app shows them.
"""

from __future__ import annotations

from pathlib import Path

from . import faults
from .git import NETWORK_TIMEOUT_S, GitError, GitService
from .incoming import refusal, unreadable_incoming
from .journal import InterruptedSave
from .lock import locked
from .mergedriver import FileConflicts, clear_sidecars, read_sidecars
from .recovery import settle
from .repository import Repository
from .summaries import changed_engagements, commit_refresh, take_theirs
from .syncstatus import EXIT_CODES as EXIT_CODES
from .syncstatus import UNPUSHED_SHOWN as UNPUSHED_SHOWN
from .syncstatus import Action as Action
from .syncstatus import Outcome as Outcome
from .syncstatus import SyncResult as SyncResult
from .syncstatus import SyncStatus as SyncStatus
from .syncstatus import dirty_files as dirty_files
from .syncstatus import pick_remote as pick_remote
from .syncstatus import status as status
from .syncstatus import tracking_branch
from .validate import Finding, validate_repository
from .validate_units import units_of

MARKERS = ("<<<<<<< ", ">>>>>>> ")


# --- sync -------------------------------------------------------------------------------------


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


def _conflicts(git: GitService) -> list[FileConflicts]:
    unmerged = git.unmerged_paths()
    recorded = {f.rel: f for f in read_sidecars(git)}
    return [recorded.get(rel, FileConflicts(rel, [])) for rel in unmerged]


def _errors(git: GitService, since: str | None) -> list[Finding]:
    """The errors of what changed since the commit `since` (what a merge brought in, the
    commits about to be pushed) and of the files that refer to it; of every file when
    `since` is None (a first push) or a top file changed (store/validate_units)."""
    only: set[str] | None = None
    if since is not None:
        names = git.out("diff", "--name-only", "--no-renames", "-z", since, "--")
        untracked = git.out("ls-files", "--others", "--exclude-standard", "-z")
        only = units_of([n for n in f"{names}\0{untracked}".split("\0") if n])
    return [f for f in validate_repository(git.root, only=only) if f.severity == "error"]


def _has_markers(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return any(line.startswith(MARKERS) for line in text.splitlines())


def _stage_resolved(git: GitService) -> None:
    """`--continue`: stage conflicted files a person has edited free of conflict markers."""
    for rel in git.unmerged_paths():
        path = git.root / rel
        if path.exists() and not _has_markers(path):
            git.run("add", "--", rel)


def _merge_message(remote: str, branch: str) -> str:
    return f"sync: merge {remote}/{branch} into {branch}\n\nPcsm-Action: merge\n"


def _result(
    outcome: Outcome,
    message: str,
    root: Path,
    remote: str | None,
    conflicts: list[FileConflicts] | None = None,
    findings: list[Finding] | None = None,
    received: int = 0,
) -> SyncResult:
    """A result that stops the sync, with the status as it is now."""
    return SyncResult(
        outcome,
        message,
        status(root, remote),
        conflicts=conflicts or [],
        findings=findings or [],
        received=received,
    )


@locked("syncing")
def sync(root: Path, remote: str | None = None, action: Action = "sync") -> SyncResult:
    """Pull (structured merge) then push; see the module docstring for the rules."""

    repo = Repository.open(root)  # also makes sure the merge driver is configured
    root = repo.root
    git = repo.git
    if action != "abort":
        try:  # a crashed save's journal goes now, while the files still say what it did
            settle(repo)
        except InterruptedSave as error:
            return _result("blocked", str(error), root, remote)
    branch = git.current_branch()
    if branch is None:
        return _result("blocked", "HEAD is detached: check out a branch first", root, remote)
    merging = git.merge_in_progress()
    if action == "abort":
        if not merging:
            return _result("blocked", "there is no unfinished merge to abort", root, remote)
        git.run("merge", "--abort")
        clear_sidecars(git)
        return _result("aborted", "merge aborted; your local commits are kept", root, remote)
    chosen = pick_remote(git, branch, remote)
    if chosen is None:
        known = ", ".join(git.remotes()) or "none"
        wanted = f"no remote named {remote!r}" if remote else "no remote to sync with"
        return _result(
            "blocked",
            f"{wanted} (remotes: {known}); add one with: git remote add origin URL",
            root,
            remote,
        )
    if merging:
        if action != "continue":
            return _result(
                "unfinished",
                "an unfinished merge is waiting: resolve the conflicts below, then run "
                "`pcsm sync --continue`, or `pcsm sync --abort` to give it up "
                "(your local commits are kept either way)",
                root,
                chosen,
                conflicts=_conflicts(git),
            )
        _stage_resolved(git)
        if git.unmerged_paths():
            return _result(
                "conflicts",
                "some files still have conflicts",
                root,
                chosen,
                conflicts=_conflicts(git),
            )
        outcome = _conclude_merge(git, root, chosen, branch)
        if outcome is not None:
            return outcome
        return _fetch_merge_push(git, root, chosen, branch, validated=True)
    dirty = dirty_files(git)
    if dirty:
        return _result(
            "blocked",
            "uncommitted changes in " + ", ".join(dirty) + ": commit or discard them first",
            root,
            chosen,
        )
    return _fetch_merge_push(git, root, chosen, branch)


def _conclude_merge(git: GitService, root: Path, remote: str, branch: str) -> SyncResult | None:
    """Commit a merge once every file validates; otherwise leave it open and say why."""
    errors = _errors(git, "HEAD")  # the merge's result against our side
    if errors:
        return _result(
            "invalid",
            "the merged files are not valid, so the merge is not committed: fix them, then "
            "`pcsm sync --continue` (or `pcsm sync --abort`)",
            root,
            remote,
            findings=errors,
        )
    git.check_identity()
    git.run("commit", "--quiet", "--file=-", stdin=_merge_message(remote, branch).encode())
    clear_sidecars(git)
    return None


@locked("committing a merge")
def commit_merge(root: Path, remote: str | None = None) -> SyncResult:
    """Commit an unfinished merge whose conflicts are all resolved and staged (the app's
    conflict view does this): only when every file validates; nothing is fetched or pushed.

    Outcome `merged` when committed (a merge commit with both parents); `conflicts` while
    files are still unmerged; `invalid` (the merge stays open) when a file does not validate.
    """
    git = GitService(root)
    branch = git.current_branch()
    if branch is None:
        return _result("blocked", "HEAD is detached: check out a branch first", root, remote)
    if not git.merge_in_progress():
        return _result("blocked", "there is no unfinished merge to commit", root, remote)
    chosen = pick_remote(git, branch, remote) or "origin"
    if git.unmerged_paths():
        return _result(
            "conflicts", "some files still have conflicts", root, chosen, conflicts=_conflicts(git)
        )
    concluded = _conclude_merge(git, root, chosen, branch)
    if concluded is not None:
        return concluded
    return SyncResult("merged", "merge committed; not pushed yet", status(root, chosen))


def _fetch_merge_push(
    git: GitService, root: Path, remote: str, branch: str, validated: bool = False
) -> SyncResult:
    """The usual sync. `validated`: the work tree was just checked (a concluded merge)."""
    status_code, _, err = git.run(
        "fetch", "--quiet", "--prune", remote, check=False, timeout=NETWORK_TIMEOUT_S
    )
    if status_code != 0:
        return _result(
            "remote-error", explain_remote_error(err, remote, "fetch from"), root, remote
        )
    tracking = tracking_branch(git, remote, branch)
    received = 0
    before = git.head()
    if tracking is not None:
        ahead, behind = git.ahead_behind("HEAD", tracking)
        if behind:
            refused = unreadable_incoming(git, tracking)  # before anything is merged
            if refused:
                message = refusal(f"{remote}/{branch}", len(refused))
                return _result("invalid", message, root, remote, findings=refused)
            clear_sidecars(git)
            received = behind
            validated = False
            if ahead == 0:
                git.run("merge", "--ff-only", "--quiet", tracking)
            else:
                merged, _, merge_err = git.run(
                    "merge", "--no-ff", "--no-commit", "--quiet", tracking, check=False
                )
                if not git.merge_in_progress():
                    return _result(
                        "blocked",
                        f"git could not merge {remote}/{branch}: {merge_err.strip()}",
                        root,
                        remote,
                    )
                conflicted = merged != 0 or bool(git.unmerged_paths())
                # summaries only: theirs, written again below from the merged files
                if conflicted and (not take_theirs(git) or git.unmerged_paths()):
                    return _result(
                        "conflicts",
                        f"merging {remote}/{branch} found conflicts",
                        root,
                        remote,
                        conflicts=_conflicts(git),
                        received=received,
                    )
                faults.point("sync.during-merge")
                concluded = _conclude_merge(git, root, remote, branch)
                if concluded is not None:
                    concluded.received = received
                    return concluded
                validated = True
        to_push = git.ahead_behind("HEAD", tracking)[0]
    else:
        to_push = int(git.out("rev-list", "--count", "HEAD", "--not", f"--remotes={remote}"))
    if (to_push or received) and not validated:
        errors = _errors(git, before if received else tracking)
        if errors:
            return _result(
                "invalid",
                "some files are not valid, so nothing was pushed: fix them (see "
                "`pcsm validate`), commit, and sync again",
                root,
                remote,
                findings=errors,
                received=received,
            )
    if commit_refresh(git, changed_engagements(git, tracking, before)) is not None:
        to_push += 1  # the portfolio summaries of what changed (store/summaries.py)
    if to_push == 0 and tracking is not None:
        now = status(root, remote, synced=branch)
        return SyncResult("synced", _done(received, 0), now, received=received)
    faults.point("sync.before-push")
    push = ["push", "--quiet"]
    if tracking is None or git.run("config", f"branch.{branch}.remote", check=False)[0]:
        push.append("--set-upstream")
    try:
        pushed_code, _, push_err = git.run(
            *push, remote, f"HEAD:refs/heads/{branch}", check=False, timeout=NETWORK_TIMEOUT_S
        )
    except GitError as error:
        pushed_code, push_err = 1, error.stderr
    if pushed_code != 0:
        return _result(
            "remote-error",
            explain_remote_error(push_err, remote, "push to"),
            root,
            remote,
            received=received,
        )
    return SyncResult(
        "synced",
        _done(received, to_push),
        status(root, remote, synced=branch),
        received=received,
        pushed=to_push,
    )


def _done(received: int, pushed: int) -> str:
    if not received and not pushed:
        return "already up to date"
    parts = []
    if received:
        parts.append(f"received {received} commit(s)")
    if pushed:
        parts.append(f"pushed {pushed} commit(s)")
    return ", ".join(parts) + "; every file is valid"
