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
from .diffconfig import ensure_diff_driver
from .findings import Finding
from .git import NETWORK_TIMEOUT_S, GitError, GitService
from .incoming import refusal, unreadable_incoming
from .journal import InterruptedSave
from .journal import path_of as journal_path
from .layout import SETTINGS_FILE
from .lock import locked
from .mergeconfig import ensure_merge_driver
from .plumbing import read_head
from .sidecars import FileConflicts, clear_sidecars, read_sidecars
from .syncstate import LocalState, local_state, merging, read_ref
from .syncstatus import EXIT_CODES as EXIT_CODES
from .syncstatus import UNPUSHED_SHOWN as UNPUSHED_SHOWN
from .syncstatus import Action as Action
from .syncstatus import Outcome as Outcome
from .syncstatus import SyncResult as SyncResult
from .syncstatus import SyncStatus as SyncStatus
from .syncstatus import dirty_files as dirty_files
from .syncstatus import pick_remote as pick_remote
from .syncstatus import status as status
from .syncsteps import explain_remote_error as explain_remote_error
from .syncsteps import refresh_summaries, synced_status, take_summary_conflicts
from .validate_units import units_of

MARKERS = ("<<<<<<< ", ">>>>>>> ")


# --- sync -------------------------------------------------------------------------------------


def _conflicts(git: GitService) -> list[FileConflicts]:
    unmerged = git.unmerged_paths()
    recorded = {f.rel: f for f in read_sidecars(git)}
    return [recorded.get(rel, FileConflicts(rel, [])) for rel in unmerged]


def _errors(
    git: GitService, since: str | None, untracked: list[str] | None = None
) -> list[Finding]:
    """The errors of what changed since the commit `since` (what a merge brought in, the
    commits about to be pushed) and of the files that refer to it; of every file when
    `since` is None (a first push) or a top file changed (store/validate_units).

    `untracked`: the untracked files as the sync found them, when the work tree holds
    nothing uncommitted but what the sync itself merged — then git's index says what
    changed (`diff --cached`, no stat of every file). Without it (`--continue`, where a
    person edited files), the work tree is compared and the untracked files are listed."""
    # start-up: the models, pydantic and the framework load only when a unit is read
    from .validate import validate_repository

    only: set[str] | None = None
    if since is not None:
        cached = ["--cached"] if untracked is not None else []
        names = git.out("diff", *cached, "--name-only", "--no-renames", "-z", since, "--")
        if untracked is None:
            listed = git.out("ls-files", "--others", "--exclude-standard", "-z")
            untracked = [n for n in listed.split("\0") if n]
        only = units_of([*(n for n in names.split("\0") if n), *untracked])
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


def _open(root: Path) -> GitService:
    """The repository at `root` for a sync, its merge and diff drivers configured (each a
    read of git's config file when already done): what `Repository.open` did, without
    loading the repository's models."""
    if not (root / SETTINGS_FILE).is_file():
        # start-up: store.refusals (tomlkit, through the merge) loads only when this runs
        from .refusals import NotARepository

        raise NotARepository(root)
    git = GitService(root.resolve())
    ensure_merge_driver(git)  # git config does not travel with clones
    ensure_diff_driver(git)
    return git


def _settle(root: Path) -> None:
    """A crashed save's journal goes now, while the files still say what it did."""
    if journal_path(root).exists():
        # start-up: the repository (models, framework) loads only when a journal is left
        from .recovery import settle
        from .repository import Repository

        settle(Repository(root))


@locked("syncing")
def sync(root: Path, remote: str | None = None, action: Action = "sync") -> SyncResult:
    """Pull (structured merge) then push; see the module docstring for the rules."""
    git = _open(root)
    root = git.root
    if action != "abort":
        try:
            _settle(root)
        except InterruptedSave as error:
            return _result("blocked", str(error), root, remote)
    state = local_state(git)
    if state.has_identity():
        git.confirm_identity()
    branch = state.branch
    if branch is None:
        return _result("blocked", "HEAD is detached: check out a branch first", root, remote)
    merging = state.merging
    if action == "abort":
        if not merging:
            return _result("blocked", "there is no unfinished merge to abort", root, remote)
        git.run("merge", "--abort")
        clear_sidecars(git)
        return _result("aborted", "merge aborted; your local commits are kept", root, remote)
    chosen = state.pick_remote(git, remote)
    if chosen is None:
        known = ", ".join(state.remotes(git)) or "none"
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
        return _fetch_merge_push(git, chosen, branch, state, validated=True)
    if state.dirty:
        return _result(
            "blocked",
            "uncommitted changes in " + ", ".join(state.dirty) + ": commit or discard them first",
            root,
            chosen,
        )
    return _fetch_merge_push(git, chosen, branch, state)


def _conclude_merge(
    git: GitService, root: Path, remote: str, branch: str, untracked: list[str] | None = None
) -> SyncResult | None:
    """Commit a merge once every file validates; otherwise leave it open and say why.
    `untracked`: see `_errors` (a merge the sync has just made on a clean work tree)."""
    errors = _errors(git, "HEAD", untracked)  # the merge's result against our side
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
    git: GitService, remote: str, branch: str, state: LocalState, validated: bool = False
) -> SyncResult:
    """The usual sync. `validated`: the work tree was just checked (a concluded merge).
    Each question git has answered once (`state`, the counts after the fetch) is not asked
    again: one fetch, one merge or fast-forward, one commit, one push (issue 16)."""
    root = git.root
    status_code, _, err = git.run(
        "fetch", "--quiet", "--prune", remote, check=False, timeout=NETWORK_TIMEOUT_S
    )
    if status_code != 0:
        return _result(
            "remote-error", explain_remote_error(err, remote, "fetch from"), root, remote
        )
    ref = f"refs/remotes/{remote}/{branch}"
    theirs = read_ref(git, ref)
    tracking = ref if theirs is not None else None
    received = 0
    before = read_head(git)
    merged_now = False
    if tracking is not None:
        ahead, behind = (0, 0) if theirs == before else git.ahead_behind("HEAD", tracking)
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
                if not merging(git):
                    return _result(
                        "blocked",
                        f"git could not merge {remote}/{branch}: {merge_err.strip()}",
                        root,
                        remote,
                    )
                # git's exit 0 for a merge left uncommitted: no path is unmerged
                # summaries only: theirs, written again below from the merged files
                if merged != 0 and (not take_summary_conflicts(git) or git.unmerged_paths()):
                    return _result(
                        "conflicts",
                        f"merging {remote}/{branch} found conflicts",
                        root,
                        remote,
                        conflicts=_conflicts(git),
                        received=received,
                    )
                faults.point("sync.during-merge")
                concluded = _conclude_merge(git, root, remote, branch, state.untracked)
                if concluded is not None:
                    concluded.received = received
                    return concluded
                validated = merged_now = True
        to_push = ahead + (1 if merged_now else 0)  # the merge commit: one more to push
    else:
        to_push = int(git.out("rev-list", "--count", "HEAD", "--not", f"--remotes={remote}"))
    if (to_push or received) and not validated:
        errors = _errors(git, before if received else tracking, state.untracked)
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
    if refresh_summaries(git, tracking, before):
        to_push += 1  # the portfolio summaries of what changed (store/summaries.py)
    if to_push == 0 and tracking is not None:
        now = synced_status(git, remote, branch, state)
        return SyncResult("synced", _done(received, 0), now, received=received)
    faults.point("sync.before-push")
    push = ["push", "--quiet"]
    if tracking is None or f"branch.{branch}.remote" not in state.config:
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
        synced_status(git, remote, branch, state),
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
