"""A tool shown for the first time is painted when its editor is whole, not while it is
being built.

Building an editor happens in steps, each in its own turn of the event loop: the editor is
mounted and composes its parts, reads its file in `on_mount`, mounts a title and a table
per section, and each table measures its columns when it is next idle. Textual lays the
screen out and paints it whenever the screen is idle in between, so a first show cost five
layouts and ten paints, most of them of an editor half built (the same region rendered
again and again, pictures no one could read). Here paints are held
(`App.batch_update`) from the moment the editor is mounted until it and everything its
`on_mount` mounted are mounted and each of them has handled what it was sent (a table
measures its rows then); the screen is then laid out and painted with the editor whole.

Only painting waits: keys are handled throughout. The hold never outlasts
`HOLD_LIMIT_S`, so an editor whose build fails or never ends is painted as it stands.
"""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from typing import Any

from textual.app import App
from textual.widget import AwaitMount, Widget

from ..gcpause import collections_held

HOLD_LIMIT_S = 1.0
"""Paints are held for at most this long, whatever the editor's build does."""

_HOLDS: set[asyncio.Task[None]] = set()
"""The holds under way (asyncio keeps only a weak reference to a task)."""


def paint_when_built(app: App[Any], editor: Widget, mounted: AwaitMount) -> None:
    """Hold the app's paints until `editor`, whose mount is `mounted`, is whole."""
    hold = ExitStack()
    hold.enter_context(app.batch_update())
    hold.enter_context(collections_held(app))  # no collection until it is whole (ui/gcpause)

    async def built() -> None:
        try:
            async with asyncio.timeout(HOLD_LIMIT_S):
                await mounted
                await _all_mounted(editor)
                await _all_idle([editor, *editor.walk_children(Widget)])
        except TimeoutError:
            pass  # painted as it stands
        finally:
            hold.close()

    task = asyncio.get_running_loop().create_task(built(), name="first-show")
    _HOLDS.add(task)
    task.add_done_callback(_HOLDS.discard)


async def _all_idle(widgets: list[Widget]) -> None:
    """Wait until each widget has handled what it was sent so far, and with it the refresh
    it asks for when it goes idle (a layout of the screen): asked for while paints are
    held, all of them are done in one layout."""
    loop = asyncio.get_running_loop()
    handled: list[asyncio.Future[None]] = []
    for widget in widgets:
        done: asyncio.Future[None] = loop.create_future()
        if widget.call_later(done.set_result, None):  # False: it is gone (not waited for)
            handled.append(done)
    if handled:
        await asyncio.wait(handled)


async def _all_mounted(editor: Widget) -> None:
    """Wait until everything under `editor` is mounted, including what the mounts
    themselves mounted (the sections an editor's `on_mount` adds)."""
    while pending := [child for child in editor.walk_children(Widget) if not child.is_mounted]:
        await AwaitMount(editor, pending)
