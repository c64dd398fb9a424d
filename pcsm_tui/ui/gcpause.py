"""Python's garbage collector waits for the app's first frame (issue 16).

Between the app's start and its first frame pcsm makes some 100,000 objects (a team's kept
portfolio rows, the table's rows and cells, Textual's widgets and styles) and frees almost
none of them. The collections that so many new objects set off (~60 at 1,000 engagements,
the young generations walked again each time) found next to nothing to free and were
10-25 ms of the start. So the collector is off from the app's load until its first frame
has been drawn (the portfolio's first refresh; the app's own as a fallback), or until the
app ends if that comes first (the process may go on: the tests run many apps in one), then on
again, with what the start made frozen (as cli.py freezes what came before the run): switched
on with 100,000 young objects, the collector's first young-generation walk took longer than
all the ones skipped, right after the first frame. A collector that was off stays off.
When the app ends, what it froze is thawed (`thaw`): in a process that goes on (the tests
run hundreds of apps in one) every ended app's widgets, which hold cycles, would otherwise
never be collected. Thawing is a list splice: it collects nothing itself, so quitting does
not wait for it.
"""

from __future__ import annotations

import gc


class CollectionPause:
    """The collector switched off (`start`) and on again once (`end`)."""

    def __init__(self) -> None:
        self.paused = False
        self.froze = False

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
        """What `end` froze is collectable again (the app has ended)."""
        if self.froze:
            self.froze = False
            gc.unfreeze()
