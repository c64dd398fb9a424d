"""Sync from the app (key S): run store/sync.py in a worker and report what happened.

Synced: the status line says so. Conflicts (or an unfinished merge): the conflict view
opens. A remote error: a clear message, local commits kept, S retries. At start, an
unfinished merge is offered to continue or abort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import explain
from .jobs import run_job

if TYPE_CHECKING:
    from ..gateway import Action, SyncResult
    from .app import PcsmApp

BUSY = {
    "sync": "syncing: fetch, merge, check, push…",
    "continue": "finishing the merge…",
    "abort": "aborting the merge…",
}


def _reload(app: PcsmApp) -> None:
    reload = getattr(app.screen, "reload", None)
    if callable(reload):
        reload()


def start_sync(app: PcsmApp, action: Action = "sync") -> None:
    """Sync (or continue/abort a merge) off the UI thread; one sync at a time."""
    if any(w.group == "sync" and w.is_running for w in app.workers):
        app.notify("a sync is already running", timeout=3)
        return
    app.set_status(BUSY[action], "busy")
    run_job(
        app,
        lambda: app.workspace.sync(action),
        lambda result: report_sync(app, result),
        what="sync",
        failed=lambda error: _failed(app, error),
        group="sync",
    )


def _failed(app: PcsmApp, error: BaseException) -> None:
    message = explain(error)
    app.set_status(f"sync failed: {message.splitlines()[0]} · S retries", "error")
    app.notify(message, title="Sync failed — nothing was lost", severity="error", timeout=15)
    _reload(app)


def report_sync(app: PcsmApp, result: SyncResult) -> None:
    """Tell what a sync did, and open the conflict view when a merge waits for a person."""
    outcome = result.outcome
    first = result.message.splitlines()[0]
    if outcome in ("synced", "merged", "aborted"):
        done = "synced" if outcome == "synced" else "sync"
        app.set_status(f"{done}: {first} · git {result.status.summary()}")
        app.notify(first, title="Synced" if outcome == "synced" else "Sync", timeout=5)
        _reload(app)
        return
    if outcome in ("conflicts", "unfinished") or (outcome == "invalid" and result.status.merging):
        app.set_status(f"sync: {first}: decide each conflict, then c commits", "error")
        _reload(app)
        open_conflicts(app)
        return
    if outcome == "remote-error":
        app.set_status(f"sync failed: {first} · local commits kept · S retries", "error")
        app.notify(
            f"{result.message}\n\nPress S to try again.",
            title="Sync failed — your local commits are kept",
            severity="error",
            timeout=20,
        )
        _reload(app)
        return
    if outcome == "blocked" and result.status.dirty:  # uncommitted files: offer both ways
        # start-up: ui.screens.uncommitted loads only when this runs
        from .screens.uncommitted import open_uncommitted

        app.set_status(f"sync stopped: {first}", "error")
        open_uncommitted(app, f"Sync stopped: {first}. Commit or discard, then S again.")
        return
    findings = [str(f) for f in result.findings[:6]]
    app.set_status(f"sync stopped: {first}", "error")
    app.notify(
        "\n".join([result.message, *findings]),
        title="Not synced",
        severity="error" if outcome == "invalid" else "warning",
        timeout=15,
    )
    _reload(app)


def open_conflicts(app: PcsmApp) -> None:
    # start-up: ui.screens.conflicts loads only when this runs
    from .screens.conflicts import ConflictScreen

    if isinstance(app.screen, ConflictScreen):
        app.screen.reload()
        return
    app.push_screen(ConflictScreen())


def check_unfinished_merge(app: PcsmApp) -> None:
    """At start: if a merge was left unfinished, ask whether to continue or abort it."""

    def unfinished() -> int | None:
        workspace = app.workspace
        if not workspace.merge_unfinished():
            return None
        return len(workspace.sync_status().conflicted)

    def found(conflicted: int | None) -> None:
        if conflicted is not None:
            _ask(app, conflicted)

    run_job(
        app,
        unfinished,
        found,
        what="checking for an unfinished merge",
        group="merge-check",
        quit_waits=False,
    )


def _ask(app: PcsmApp, conflicted: int) -> None:
    # start-up: ui.screens.conflicts loads only when this runs
    from .screens.conflicts import UnfinishedMergeScreen

    def answered(answer: str | None) -> None:
        if answer == "continue":
            open_conflicts(app)
        elif answer == "abort":
            start_sync(app, "abort")
        else:
            app.set_status("a merge is unfinished: S (sync) brings the conflicts back", "error")

    app.push_screen(UnfinishedMergeScreen(conflicted), answered)
