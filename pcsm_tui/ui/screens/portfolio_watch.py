"""The live portfolio: files changed outside the app, and files that stop reading, are
noticed while the portfolio is open (issue 13).

A timer on the screen asks, every `POLL_S`, for the change stamps (mtime, size) of every
file in the engagement folders: one `scandir` per folder in a background job (ui/jobs
run_job, one at a time), no file opened, no new dependency and nothing platform-specific.
Only the files whose stamp changed are parsed, to learn whether they still read; the rows
are then read again (the row cache re-reads only the engagements that changed). The first
look parses every file once, so a file that was broken before the app started is flagged
too.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..appref import is_pcsm_app
from ..jobs import run_job

if TYPE_CHECKING:
    from ...service import Workspace
    from ...service_watch import Stamps
    from .portfolio import PortfolioScreen

POLL_S = 0.25
"""How often the stamps are compared: a file broken by hand shows well within a second."""

REST = 4.0
"""Between two looks the watch rests at least this many times as long as the last look took:
scanning a team's 27,000 files takes ~0.2 s, and looking four times a second would keep a
core busy for as long as the portfolio is open. On the demo a look takes milliseconds and
the watch looks every POLL_S; at 1,000 engagements about once a second."""

LOOK_BATCH = 20
"""Files parsed between two checks that the app is not quitting."""

Broken = dict[str, dict[str, str]]
"""Engagement slug -> {path of a file that does not read: why}."""


class PortfolioWatch:
    """The portfolio's eyes on the working tree (see the module docstring)."""

    def __init__(self, screen: PortfolioScreen) -> None:
        self.screen = screen
        self.stamps: Stamps | None = None
        """The stamps at the last look; None before the first (and after ctrl+r)."""
        self.broken: Broken = {}
        self._looking = False
        self._unsaid = False
        self.looks = 0
        """Looks finished so far: a file broken now is found by at most the second look to
        finish after it (one may have been under way), i.e. within 2 x POLL_S plus a scan."""
        self.found_at = 0
        """The number of the look that last found the broken files changed."""
        self._rest_until = 0.0

    def start(self) -> None:
        self.screen.set_interval(POLL_S, self.look)
        # The first look after the first frame: at 1,000 engagements its scan of 27,000
        # stamps (and the kept verdicts' read) competed with the first paint for the GIL.
        self.screen.call_after_refresh(self.look)

    def forget(self) -> None:
        """ctrl+r: the next look starts afresh (every file parsed again)."""
        self.stamps = None

    def look(self) -> None:
        """Compare the stamps in a background job, unless one is running or the portfolio
        is covered by another screen (it is read again when it comes back)."""
        screen = self.screen
        # On top, not merely "current": Textual counts the screen right under the top one
        # as current, and every look woke it and so painted the whole screen above it (an
        # open engagement, eight times a second).
        if self._looking or screen.app.screen is not screen or not is_pcsm_app(screen.app):
            return
        # A verdict that waited under another screen is said after this look, not before
        # it: that screen (an unfinished merge aborted) may have mended the files since.
        if not screen.app.is_running or screen.app._exit:
            return  # quitting: no new job (it would never start)
        if time.monotonic() < self._rest_until:
            return
        self._looking = True
        workspace = screen.app.workspace
        before, broken = self.stamps, self.broken
        run_job(
            screen,
            lambda: _look(workspace, before, broken),
            self._seen,
            what="watching the engagement files",
            failed=self._failed,
            group="portfolio-watch",
            quit_waits=False,
        )

    def _failed(self, _error: BaseException) -> None:
        self._looking = False  # a failed look (a folder vanishing mid-scan) is tried again

    def _seen(self, seen: tuple[float, tuple[Stamps, Broken] | None]) -> None:
        self._looking = False
        scan_s, found = seen
        self._rest_until = time.monotonic() + REST * scan_s
        self.looks += 1
        if found is None:
            if self._unsaid:  # nothing changed since: what waited is still true
                self._say()
            return
        first = self.stamps is None
        self.stamps, broken = found
        changed_problems = broken != self.broken
        self.broken = broken
        if changed_problems:
            self.found_at = self.looks
        if not first:
            self.screen.reload()  # rows and last changes read again
        elif changed_problems:
            self.screen.fill()
        if changed_problems or self._unsaid:
            self._say()

    def _say(self) -> None:
        screen = self.screen
        if not is_pcsm_app(screen.app):
            return
        # The status line is the top screen's: a look that ends under another screen
        # (the conflict view a sync just opened) waits to speak until the portfolio is back,
        # never replacing that screen's own hints.
        self._unsaid = screen.app.screen is not screen  # a dialog over it counts as another
        if self._unsaid:
            return
        files = sorted(why for found in self.broken.values() for why in found.values())
        if files:
            more = f" (and {len(files) - 1} more)" if len(files) > 1 else ""
            screen.app.set_status(
                f"cannot read {files[0]}{more} · pcsm validate lists every problem", "error"
            )
        elif screen.app.status_text.startswith("cannot read "):
            # Only the watch's own warning is taken back: a newer message (a sync's outcome,
            # "merge aborted") says more than "every file reads again".
            screen.app.set_status("every file reads again")


def _look(
    workspace: Workspace, before: Stamps | None, broken: Broken
) -> tuple[float, tuple[Stamps, Broken] | None]:
    """In the job's thread: how long the scan of the stamps took (the watch rests in
    proportion), and None when nothing changed, otherwise the new stamps and which files do
    not read (the unchanged ones keep their last verdict)."""
    started = time.monotonic()
    now = workspace.stamps()
    scan_s = time.monotonic() - started
    if now == before:
        return scan_s, None
    old = before or {}
    changed = [rel for rel, stamp in now.items() if old.get(rel) != stamp]
    found: Broken = {}
    for slug, files in broken.items():
        kept = {rel: why for rel, why in files.items() if rel in now and rel not in changed}
        if kept:
            found[slug] = kept
    # The first look parses every file; it runs right after the first frame, so it stops
    # between batches once the app quits (Cancelled) instead of holding the interpreter.
    for start in range(0, len(changed), LOOK_BATCH):
        workspace.readers.check()
        for rel, why in workspace.broken_files(changed[start : start + LOOK_BATCH], now).items():
            parts = rel.split("/")
            if len(parts) >= 3 and parts[0] == "engagements":
                found.setdefault(parts[1], {})[rel] = why
        workspace.keep_read_verdicts()  # thousands learnt: kept even if quitting cuts this
    if before is None:  # the first look: whatever it learnt
        workspace.keep_read_verdicts(at_least=1)
    return scan_s, (now, found)
