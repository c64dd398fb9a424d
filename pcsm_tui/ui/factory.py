"""The one place an app is made, for the CLI and the tests alike, and where its process ends.

`end_process`: the app's process ends at once when the app has ended, as nothing is left
to lose by then. After `App.run` returns, Python's own shutdown took most of a quit: the
exit-time garbage walk over every object Textual and the models made, the teardown of
every module, and the daemon threads of reads nobody waits for any more (their git
processes are already killed, store/readers) still holding the interpreter. None of it
does anything a person needs, so the process ends with `os._exit` instead, but only once
nothing can be lost:
- the terminal is restored (Textual did it before `run` returned);
- no save is running: asyncio has joined the thread workers saves run in before `run`
  returns, and the workspace's write lock is taken once more here, so a save some other
  thread started in the meantime finishes first (its commit made, its journal removed);
- the repository lock is a `flock`, which the kernel lets go with the process;
- what the process printed is flushed (os._exit would drop a buffer).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from .app import PcsmApp


def create_app(root: Path, today: dt.date | None = None, engagement: str | None = None) -> PcsmApp:
    """The app on the repository at `root`; `today` is frozen in tests so dates do not drift.

    `engagement` opens that engagement straight away (the portfolio stays beneath it).
    """
    # `pcsm --help` and the other commands import this module and must not pay for loading
    # Textual and every screen:
    # start-up: the service, the app and its screens load only when this runs
    from ..service import Workspace
    from .app import PcsmApp

    return PcsmApp(Workspace(root, today), open_engagement=engagement)


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """No garbage collection while the app is made (`with loading(): create_app(...)`), then
    everything made so far frozen and the collector on again (if it was on).

    Loading Textual, pcsm's screens and the service makes ~100,000 objects that live as long
    as the process and frees next to none: the ~100 young collections they set off found
    nothing to free and were ~10-15 ms of each start, before the first paint. Frozen, no
    full collection walks them again either (the widgets a tool replaces are freed in
    cycles: those collections were much of showing one). The app switches the collector off
    again at its load until its first frame (ui/gcpause), which is why it must be on again
    when `run` starts: a collector that is off then stays off for good."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def end_process(app: PcsmApp) -> NoReturn:
    """End the process now that `app` has ended (see the module); exit status 0, or the
    app's return code."""
    app.workspace.wait_for_saves()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing reaches it
            stream.flush()
    code = app.return_code
    os._exit(code if isinstance(code, int) else 0)
