"""Every background job of the app goes through `run_job`: a failure is shown, never fatal.

A Textual worker that raises ends the whole app (WorkerFailed) unless it is started with
`exit_on_error=False`, and then its error is dropped without a word. Neither is acceptable
for a tool people trust with their work, so no screen starts a worker itself: `run_job` runs
the job in a thread, hands its result to `done` on the UI thread, and shows any failure —
the job's or `done`'s — with git's or the file's own words (status line and notification),
or hands it to the caller's `failed`. The app keeps running either way.

Reads the app starts by itself (the last-change column, the sync state, an unfinished merge)
pass `quit_waits=False`: they run in a daemon thread awaited by an async worker
(ui/background), so quitting never waits for them; one cut short by quitting says nothing.

A job whose worker was cancelled (an exclusive job started again, its screen closed) has
nothing left to show its result on: the result and any error are dropped, as the newer job
(or the screen the person went to) tells its own story.
"""

from __future__ import annotations

import functools
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.worker import Worker, get_current_worker

from ..errors import explain
from ..service import ReadCancelled
from .background import read_in_background

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

T = TypeVar("T")


def run_job(
    node: DOMNode,
    job: Callable[[], T],
    done: Callable[[T], object] | None = None,
    *,
    what: str,
    failed: Callable[[BaseException], object] | None = None,
    group: str = "default",
    exclusive: bool = False,
    quit_waits: bool = True,
) -> Worker[None]:
    """Run `job` in a thread worker of `node`; then `done(result)` on the UI thread.

    `what` names the job for people ("loading the history"): a failure is reported as
    "Loading the history failed" with the error's own message, unless `failed` is given
    (it is called on the UI thread with the error instead). `quit_waits=False` is for
    reads only (see the module's docstring); saves must finish, so they never use it.
    """
    app = node.app
    if not quit_waits:
        # The coroutine is made when the worker starts: one made here and never started
        # (an exclusive job started again at once) would be "never awaited".
        return node.run_worker(
            functools.partial(_read, app, job, done, what, failed),
            name=what,
            group=group,
            exclusive=exclusive,
            exit_on_error=False,
        )

    def work() -> None:
        worker = get_current_worker()
        try:
            result = job()
        except Exception as error:  # every failure is shown; nothing is swallowed
            _report(app, worker, what, error, failed)
            return
        if done is None:
            return
        try:
            _on_ui(app, worker, done, result)
        except Exception as error:  # showing the result failed: shown like any failure
            _report(app, worker, what, error, None)

    return node.run_worker(
        work, name=what, group=group, exclusive=exclusive, thread=True, exit_on_error=False
    )


async def _read(
    app: App[Any],
    job: Callable[[], T],
    done: Callable[[T], object] | None,
    what: str,
    failed: Callable[[BaseException], object] | None,
) -> None:
    """`job` in a daemon thread (ui/background); its outcome handled on the UI thread."""
    if app._exit:  # quitting (a read asked for at the first frame): nobody would see it
        return
    try:
        result = await read_in_background(job)
    except ReadCancelled:  # the app is quitting: nobody waits for this answer
        return
    except Exception as error:  # every failure is shown; nothing is swallowed
        _handle(app, what, error, failed)
        return
    if done is None or not app.is_running:
        return
    try:
        done(result)
    except Exception as error:  # showing the result failed: shown like any failure
        _handle(app, what, error, None)


def _handle(
    app: App[Any], what: str, error: BaseException, failed: Callable[[BaseException], object] | None
) -> None:
    """On the UI thread: the caller's handler, or the report; a failing handler is said too."""
    try:
        _logged(app, what, failed)(error)
    except Exception as second:
        log_failure(app, what, second)
        report_failure(app, what, second)


class InOrder:
    """Jobs that must run in the order they were started — saves and undos: `+` pressed three
    times is three commits in that order, and `u` right after an edit undoes that edit.
    Worker threads race for the workspace's lock, which is not first come, first served; so
    each job takes a ticket when it is started (on the UI thread) and waits for its turn."""

    def __init__(self) -> None:
        self._turns = threading.Condition()
        self._issued = 0
        self._serving = 0

    def wrap(self, job: Callable[[], T], alive: Callable[[], bool]) -> Callable[[], T]:
        with self._turns:
            ticket = self._issued
            self._issued += 1

        def in_turn() -> T:
            with self._turns:
                while not self._turns.wait_for(lambda: self._serving >= ticket, timeout=0.5):
                    if not alive():
                        break  # the app is closing: never wait on a job that will not run
            try:
                return job()
            finally:
                with self._turns:
                    self._serving = max(self._serving, ticket + 1)
                    self._turns.notify_all()

        return in_turn


def _on_ui(app: App[Any], worker: Worker[Any], callback: Callable[[T], object], value: T) -> None:
    """Call `callback(value)` on the UI thread, unless the job no longer matters."""
    if worker.is_cancelled or not app.is_running:
        return
    try:
        app.call_from_thread(callback, value)
    except RuntimeError:
        if app.is_running:
            raise  # the callback's own error
        # the app closed while the job ran: there is no screen left to tell


def _report(
    app: App[Any],
    worker: Worker[Any],
    what: str,
    error: BaseException,
    failed: Callable[[BaseException], object] | None,
) -> None:
    try:
        _on_ui(app, worker, _logged(app, what, failed), error)
    except Exception as second:  # the handler itself failed: say both, plainly
        _on_ui(app, worker, _logged(app, what, None), second)


def _logged(
    app: App[Any], what: str, failed: Callable[[BaseException], object] | None
) -> Callable[[BaseException], object]:
    """The handler of a failure (the caller's, or the standard report), after logging it."""

    def handle(error: BaseException) -> object:
        log_failure(app, what, error)
        return (failed or (lambda e: report_failure(app, what, e)))(error)

    return handle


def log_failure(app: App[Any], what: str, error: BaseException) -> None:
    """Every failure of a job goes to Textual's log (`textual console`, or the file named by
    TEXTUAL_LOG) with its traceback, whoever shows it to the person: what was said on screen
    in a few words can be read there in full afterwards."""
    trace = "".join(traceback.format_exception(error)).rstrip()
    app.log.error(f"{what} failed: {explain(error)}\n{trace}")


def report_failure(app: App[Any], what: str, error: BaseException) -> None:
    """The status line and a notification with the error's own words."""
    message = explain(error)
    first = message.splitlines()[0]
    set_status = getattr(app, "set_status", None)
    if callable(set_status):
        set_status(f"{what} failed: {first}", "error")
    app.notify(message, title=f"{what[:1].upper()}{what[1:]} failed", severity="error", timeout=15)


__all__ = ["InOrder", "log_failure", "report_failure", "run_job"]
