"""The app's side of safe saving: an interrupted save is offered to finish or clean, and a
file that does not read is only written over after the person says yes.

The decisions themselves are the core's (store/recovery.py, store/rescue.py); this module
asks the questions, runs the answers in the background, and says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import explain
from .jobs import run_job

if TYPE_CHECKING:
    from ..gateway import CommitResult, Decision
    from .app import PcsmApp


def check_interrupted_save(app: PcsmApp) -> None:
    """At start: ask about a save that stopped half way (settled silently if it needs no
    decision)."""

    def found(message: str | None) -> None:
        if message is not None:
            ask_interrupted_save(app, message)

    run_job(
        app,
        app.workspace.interrupted_save,
        found,
        what="checking for an interrupted save",
        # an unreadable record is shown, not hidden
        failed=lambda error: app.notify(explain(error), severity="error", timeout=15),
        group="interrupted-check",
    )


def ask_interrupted_save(app: PcsmApp, message: str) -> None:
    # start-up: ui.interrupted and ui.screens.conflicts load only when this runs
    from .interrupted import InterruptedSaveScreen
    from .screens.conflicts import UnfinishedMergeScreen

    if isinstance(app.screen, (InterruptedSaveScreen, UnfinishedMergeScreen)):
        return

    def answered(decision: Decision | None) -> None:
        if decision is None:
            app.set_status("an earlier save is unfinished: nothing is saved until it is decided")
            return
        app.set_status("settling the interrupted save…", "busy")

        def settled(said: str) -> None:
            app.set_status(said)
            _reload(app)

        def failed(error: BaseException) -> None:
            app.notify(explain(error), severity="error", timeout=15)
            app.set_status("the interrupted save is not settled", "error")

        run_job(
            app,
            lambda: app.workspace.recover(decision),
            settled,
            what="settling the interrupted save",
            failed=failed,
            group="save",
        )

    app.push_screen(InterruptedSaveScreen(message), answered)


def _reload(app: PcsmApp) -> None:
    reload = getattr(app.screen, "reload", None)
    if callable(reload):
        reload()


def confirm_overwrite(
    app: PcsmApp,
    problem: str,
    retry: Callable[[], CommitResult],
    done: Callable[[CommitResult], None] | None,
    busy: str,
) -> None:
    """Ask before writing over a file that does not read; on yes run `retry` (confirmed)."""
    # start-up: ui.editors.dialogs loads only when this runs
    from .editors.dialogs import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if yes:
            app.run_in_background(retry, done, busy)
        else:
            app.set_status("nothing was written")

    app.push_screen(
        ConfirmScreen(
            f"{problem}\n\nWrite over it anyway? Its exact bytes are kept under "
            ".git/pcsm/rescued/ first, and the commit message says where."
        ),
        answered,
    )
