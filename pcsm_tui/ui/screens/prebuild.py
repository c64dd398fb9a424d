"""The editors of the tools a CSM is likely to show next are built while the app is idle,
hidden, so that showing one is nearly a kept show (issue 16: every tool shown in 100 ms).

A tool shown for the first time is built (composed, its file read, a table mounted per
section, its columns measured), laid out until its sizes settle and painted
(first_show.py). Built ahead, its show is only the layouts and the paint: on the demo,
with a user's pause between shows, the median show was ~25% quicker (a kept editor,
already laid out, is quicker still: one layout). So when the app has been idle for
`AFTER_S` (no key, no show, the held-back collection of ui/gcpause done), the editors of
the tools beside the one shown in the wheel (the next, then the one before) are built one
at a time with `display: none`: no layout and no paint, only the build's own steps, each
its own turn of the event loop, so a key waits for one step at most.

Nothing shown is ever stale or lost: an editor built ahead is kept with the files' stamps
taken before it read them, and is built anew at its show when any differs (as every kept
editor: kept_editors.py); it never takes the focus while hidden; memory stays bounded by
the kept editors' `KEEP`; an edit box open, a first show being built or a screen not on
top puts it off. Its first show holds paints until its sizes settle (first_show.py), as a
first show does, then paints once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.containers import Container
from textual.widget import Widget

from ...framework.catalogue import TOOLS
from ..editors.cell import CellEditor
from ..editors.tool import ToolEditor
from ..gcpause import app_idle
from . import first_show

if TYPE_CHECKING:
    from textual.timer import Timer

    from .wheel import Target

AFTER_S = 0.8
"""Idle this long after a show (past ui/gcpause's IDLE_S and its collection) before the
next editor is built."""

BUILD_LIMIT_S = 5.0
"""A build ahead not ended by then (its editor removed while being built: its parts never
mount) is given up, so that it does not put off the builds after later shows for ever."""

AHEAD = 2
"""How many editors are built ahead for one shown tool (its neighbours in the wheel)."""


def neighbours(target: Target) -> list[Target]:
    """The tools a CSM likely shows after `target`: the next in the wheel, then the one
    before (a guide or phase: its phase's first tools; the engagement, the register: the
    first tools)."""
    ids = [tool.id for tool in TOOLS]
    if target[0] == "tool" and target[1] in ids:
        at = ids.index(str(target[1]))
        around = [at + 1, at - 1]
    elif target[0] == "guide":
        first = next((i for i, tool in enumerate(TOOLS) if tool.phase == target[1]), None)
        around = [] if first is None else [first, first + 1]
    elif target[0] in ("engagement", "register"):
        around = [0, 1]
    else:
        around = []
    return [("tool", ids[i]) for i in around if 0 <= i < len(ids)][:AHEAD]


class Prebuilder:
    """Builds, hidden and one at a time, the editors of the tools beside the one shown."""

    def __init__(self) -> None:
        self.enabled = True
        self.built = 0
        """How many editors were built ahead (tests count them)."""
        self._timer: Timer | None = None
        self._building: set[asyncio.Task[None]] = set()

    def schedule(
        self,
        host: Container,
        shown: Target,
        wanted: Callable[[Target], bool],
        make: Callable[[Target], Widget],
        keep: Callable[[Target, Widget], None],
    ) -> None:
        """After a show of `shown`: when idle, build the editors of its neighbours that
        `wanted` says are not kept, each handed to `keep` before it reads its file."""
        self.cancel()
        if not self.enabled:
            return
        todo = [target for target in neighbours(shown) if wanted(target)]

        def later(delay: float) -> None:
            self._timer = host.set_timer(delay, step, name="prebuild")

        def step() -> None:
            self._timer = None
            while todo and not wanted(todo[0]):
                todo.pop(0)
            if not todo or not host.is_attached:
                return
            if not self._quiet(host):
                later(AFTER_S / 2)
                return
            target = todo.pop(0)
            editor = make(target)
            if not isinstance(editor, ToolEditor):
                later(0)  # a note (no CSM set): nothing worth keeping
                return
            editor.autofocus = False  # hidden: it never takes the focus
            editor.display = False
            keep(target, editor)
            self.built += 1
            mounted = host.mount(editor)

            async def whole() -> None:
                try:
                    async with asyncio.timeout(BUILD_LIMIT_S):
                        await mounted
                        await first_show.built_and_idle(editor)
                except TimeoutError:
                    return  # removed while being built (ctrl+r, undo): its parts never mount
                if todo:
                    later(AFTER_S / 4)

            task = asyncio.get_running_loop().create_task(whole(), name="prebuild")
            self._building.add(task)
            task.add_done_callback(self._building.discard)

        later(AFTER_S)

    def _quiet(self, host: Container) -> bool:
        """Nobody is waiting: no key or show lately, no build under way (a first show's or
        one of these), the screen on top and no edit box open."""
        app = host.app
        return bool(
            app_idle(app)
            and not first_show._HOLDS
            and not self._building
            and not app._batch_count
            and host.screen.is_current
            and not any(box.display for box in host.query(CellEditor))
        )

    def cancel(self) -> None:
        """A show: the next build waits for the app to be idle again."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
