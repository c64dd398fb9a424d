"""Python's garbage collector waits for the app's first frame, and for the app to be idle
(issue 16).

Between the app's start and its first frame pcsm makes some 100,000 objects (a team's kept
portfolio rows, the table's rows and cells, Textual's widgets and styles) and frees almost
none of them. The collections that so many new objects set off (~60 at 1,000 engagements,
the young generations walked again each time) found next to nothing to free and were
10-25 ms of the start. So the collector is off from the app's load until its first frame
has been drawn (the portfolio's first refresh; the app's own as a fallback), or until the
app ends if that comes first (the process may go on: the tests run many apps in one), then on
again, with what the start made frozen (as ui/factory.loading froze what came before the
run): switched on with 100,000 young objects, the collector's first young-generation walk
took longer than all the ones skipped, right after the first frame. A collector that was
off stays off.
When the app ends, what it froze is thawed (`thaw`): in a process that goes on (the tests
run hundreds of apps in one) every ended app's widgets, which hold cycles, would otherwise
never be collected. Thawing is a list splice: it collects nothing itself, so quitting does
not wait for it.

After that, a key or a tool's show (`hold`) switches the collector off until the app has
been idle (no key, no show, no first show still being built) for `IDLE_S`: an engagement's
kept editors are many long-lived objects, and the full collections their making set off
(100-170 ms at 1,000 engagements) landed inside the shows, the slowest of them 270-290 ms
instead of ~95. When idle, the collection held back runs (`release`): the young generations
every time (what the shows made since), and a full one when what was made since the last
full one is more than a quarter of what that one kept (CPython's own rule for its full
collections), so garbage is still collected and memory stays bounded, and a full collection
happens while nobody waits (a key that comes during it waits for its end: the collection
cannot be interrupted).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

IDLE_S = 0.3
"""No key and no show for this long: the app is idle and the held-back collection runs."""

HELD_LIMIT_S = 30.0
"""Keys that never stop for `IDLE_S` (one held down) hold the collector at most this long:
then the collection runs at the next key, so garbage cannot pile up without end."""


class CollectionPause:
    """The collector switched off (`start`) and on again once (`end`); then off from a key
    or a show (`hold`) until the app is idle (`release`)."""

    def __init__(self) -> None:
        self.paused = False
        self.froze = False
        self.held_since: float | None = None
        """When `hold` switched the collector off (None: it is not held)."""
        self._last = 0.0
        self._timer: Timer | None = None
        self._made = 0
        """Objects made (net) since the last full collection, as counted at each release."""
        self._kept = 0
        """The objects the last full collection kept (its oldest generation's size)."""
        self.building = 0
        """Shows being built over several turns of the loop (`collections_held`)."""

    def start(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def end(self) -> None:
        if self.paused:
            self.paused = False
            gc.freeze()  # what the start made is not walked by the collections to come
            self.froze = True
            gc.enable()

    def thaw(self) -> None:
        """The app has ended: the collector is back (were it ended before its first frame,
        or held), and what `end` froze is collectable again."""
        self.end()
        self.stop()
        if self.froze:
            self.froze = False
            gc.unfreeze()

    def saw(self, app: App[Any], event: events.Event) -> None:
        """An event reached the app: a key holds the collector (a show may follow)."""
        if isinstance(event, events.Key):
            self.hold(app)

    def hold(self, app: App[Any]) -> None:
        """A key or a show begins: no collection until the app has been idle `IDLE_S`."""
        now = time.monotonic()
        self._last = now
        if self.held_since is None:
            if self.paused or not gc.isenabled():
                return  # the start's pause ends by itself; a collector that was off stays off
            gc.disable()
            self.held_since = now
        elif now - self.held_since > HELD_LIMIT_S:
            self._collect()  # keys without a pause: collected now, held again after
            self.held_since = now
        if self._timer is None:
            self._timer = app.set_timer(IDLE_S, lambda: self._idle(app), name="gc-idle")

    def _idle(self, app: App[Any]) -> None:
        self._timer = None
        wait = self._last + IDLE_S - time.monotonic()
        if wait > 0 or self.building:  # a key or a show since, or one still being built
            wait = max(wait, IDLE_S / 2)
            self._timer = app.set_timer(wait, lambda: self._idle(app), name="gc-idle")
            return
        self.release()

    def release(self) -> None:
        """The collector runs again, starting with the collection held back."""
        if self.held_since is None:
            return
        self.held_since = None
        self._collect()
        gc.enable()

    def stop(self) -> None:
        """The app ends: nothing held, no timer left."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.held_since is not None:
            self.held_since = None
            gc.enable()

    def _collect(self) -> None:
        self._made += max(gc.get_count()[0], 0)
        if self._made > self._kept // 4:
            gc.collect()
            self._kept = len(gc.get_objects(generation=2))
            self._made = 0
        else:
            gc.collect(1)


def hold_collections(app: App[Any]) -> None:
    """A show begins in `app`: the pcsm app holds its collections (others have none)."""
    pause = getattr(app, "collection_pause", None)
    if isinstance(pause, CollectionPause):
        pause.hold(app)


@contextmanager
def collections_held(app: App[Any]) -> Iterator[None]:
    """A show built over several turns of the loop (a first show): the app is not idle
    until it is built, and then only once quiet for `IDLE_S`."""
    pause = getattr(app, "collection_pause", None)
    if not isinstance(pause, CollectionPause):
        yield
        return
    pause.building += 1
    pause.hold(app)
    try:
        yield
    finally:
        pause.building -= 1
        pause.hold(app)
