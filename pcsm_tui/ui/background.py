"""Reads that never hold up quitting: a daemon thread, awaited by an async worker.

Textual runs a thread worker in asyncio's default executor, and the process does not end
until every such thread has returned; a worker that is importing a module or waiting on
git at that moment held a quit right after start for up to two seconds. The reads the app
starts by itself when it opens (the last-change column, the sync state, an unfinished
merge) run here instead: the worker awaiting one is cancelled at once when the app quits,
and the daemon thread is left behind (its git process is killed by Workspace.readers, its
answer is dropped). Saves never run here: they must finish, so they stay thread workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def read_in_background(job: Callable[[], T]) -> T:
    """Run `job` in a daemon thread and return (or raise) what it does."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(setter: Callable[[Any], None], value: Any) -> None:
        if not future.done():  # not cancelled meanwhile (the app quit, the screen reloaded)
            setter(value)

    def run() -> None:
        try:
            result = job()
        except BaseException as error:  # handed to the awaiting worker, never lost
            outcome: tuple[Callable[[Any], None], Any] = (future.set_exception, error)
        else:
            outcome = (future.set_result, result)
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
            loop.call_soon_threadsafe(deliver, *outcome)

    threading.Thread(target=run, name="pcsm-read", daemon=True).start()
    return await future
