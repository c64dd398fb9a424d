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
measures its rows then); the screen is then laid out, still held, until its sizes settle
(`_settled`), and painted once.

Settling matters because one layout is not the last: the first finds the editor taller
than its pane, which then shows a scrollbar (two cells off every width), and in the second
the tables, narrower, show a horizontal scrollbar of their own (a line taller) until a
table that cuts a column to its room (`VimTable.on_resize`) is cut again, which asks for a
third. Painted at each, the proposal took four layouts and five frames after the hold.

Nothing is rendered while held either (`NoHeldRenders`): each held layout asked the
compositor for a picture of what it changed (Textual renders after every layout, and
drops the picture when paints are held), three or four per first show, each about as
costly as the picture painted at the end, for pictures never painted.

Only painting waits: keys are handled throughout. The hold never outlasts
`HOLD_LIMIT_S`, so an editor whose build fails or never ends is painted as it stands.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager, ExitStack
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.widget import AwaitMount, Widget

from ..gcpause import collections_held

if TYPE_CHECKING:
    from textual.screen import Screen

    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

HOLD_LIMIT_S = 1.0
"""Paints are held for at most this long, whatever the editor's build does."""

SETTLE_LAYOUTS = 6
"""At most this many layouts are made while paints are held (sizes that never settle are
painted as they stand; four is the most a tool has needed, the proposal)."""

_HOLDS: set[asyncio.Task[None]] = set()
"""The holds under way (asyncio keeps only a weak reference to a task)."""


def paint_when_built(app: App[Any], editor: Widget, mounted: AwaitMount) -> None:
    """Hold the app's paints until `editor`, whose mount is `mounted`, is whole."""

    async def built() -> None:
        await mounted
        await _all_mounted(editor)
        await _all_idle([editor, *editor.walk_children(Widget)])
        await _settled(editor)

    # no collection until it is whole (ui/gcpause)
    _hold_paints(app, editor, built, "first-show", collections_held(app))


def _hold_paints(
    app: App[Any],
    editor: Widget,
    until: Callable[[], Awaitable[None]],
    name: str,
    *also: AbstractContextManager[object],
) -> None:
    """Hold the app's paints (and whatever `also` holds) until `until` is done or
    `HOLD_LIMIT_S` has passed, then paint what the held layouts marked, once."""
    screen = app.screen
    hold = ExitStack()
    hold.enter_context(app.batch_update())
    for held in also:
        hold.enter_context(held)

    async def held_until() -> None:
        try:
            async with asyncio.timeout(HOLD_LIMIT_S):
                await until()
        except TimeoutError:
            pass  # painted as it stands
        finally:
            hold.close()
            if editor.is_attached:
                editor.refresh()  # the screen paints what the held layouts marked, with it
            screen.check_idle()  # and lays out what is still asked for (a hold cut short)

    task = asyncio.get_running_loop().create_task(held_until(), name=name)
    _HOLDS.add(task)
    task.add_done_callback(_HOLDS.discard)


def paint_when_settled(app: App[Any], editor: Widget) -> None:
    """Hold the app's paints while a kept `editor`, shown again, settles: one frame.

    Showing a kept editor is a layout, but not the last: the focus it gets back restyles
    its table, whose scrollbars then ask for a layout of their own, and that layout a
    repaint of the scrollbars. Painted as they came (each after the screen's update
    timer), research's kept show took three frames, its last 70-100 ms after the show
    with 30-40 of them waiting; held, the layouts are made back to back (`_settled`,
    the scrollbars waited for too) and painted once."""
    _hold_paints(app, editor, lambda: _settled(editor), "kept-show")


class NoHeldRenders(_ScreenBase):
    """For a screen: while a first show holds paints, a layout renders no picture (the
    compositor keeps what it has to redraw, painted when the hold ends). Textual rendered
    the screen's changed regions after each layout and threw the picture away unpainted:
    3-4 renders of the new editor per first show, at sizes that did not last."""

    def _compositor_refresh(self) -> None:
        if _HOLDS and self.app._batch_count:
            return  # what the layouts marked to redraw is kept for the paint after the hold
        super()._compositor_refresh()


async def _all_idle(widgets: list[Widget]) -> None:
    """Wait until each widget has handled what it was sent so far, and with it the refresh
    it asks for when it goes idle (a layout of the screen): asked for while paints are
    held, all of them are done in one layout."""
    loop = asyncio.get_running_loop()
    handled: list[asyncio.Future[None]] = []
    for widget in widgets:
        done: asyncio.Future[None] = loop.create_future()
        if widget.post_message(events.Callback(callback=_Done(done))):  # False: it is gone
            handled.append(done)
    if handled:
        await asyncio.wait(handled)


class _Done:
    """Settles a future when a widget runs it. Textual counts a callback's parameters on
    each call unless it says how many (`_param_count`): `call_later` wraps it in a new
    `partial` whose function's signature was parsed every time, ~0.03 ms each, for every
    widget of the editor at every step of a hold (~100 per first show)."""

    _param_count = 0

    def __init__(self, future: asyncio.Future[None]) -> None:
        self.future = future

    def __call__(self) -> None:
        self.future.set_result(None)


async def _settled(editor: Widget) -> None:
    """Lay the screen out while paints are held until a layout asks for no other (the
    scrollbars it shows, the tables it resizes): the paint when the hold ends is then of
    sizes that stay. A layout made while held renders nothing (`NoHeldRenders`): what
    each one marked to redraw is kept, and painted once when the hold ends."""
    if not editor.is_attached:
        return  # removed while being built (another part shown): nothing to settle
    screen = editor.screen
    for made in range(SETTLE_LAYOUTS + 1):
        await _all_idle(_with_scrollbars([editor, *editor.walk_children(Widget)]))
        await _all_idle([screen])  # the layouts the widgets asked of it
        if made == SETTLE_LAYOUTS or not screen._layout_required or not screen.is_current:
            break
        screen._refresh_layout()
        screen._layout_required = False


def _with_scrollbars(widgets: list[Widget]) -> list[Widget]:
    """The widgets and the scrollbars they made: a scrollbar is no child in the DOM, but
    it asks for a layout of its own when its table is restyled (a change of focus)."""
    bars = [
        bar
        for widget in widgets
        for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar)
        if bar is not None
    ]
    return [*widgets, *bars]


async def _all_mounted(editor: Widget) -> None:
    """Wait until everything under `editor` is mounted, including what the mounts
    themselves mounted (the sections an editor's `on_mount` adds)."""
    while pending := [child for child in editor.walk_children(Widget) if not child.is_mounted]:
        await AwaitMount(editor, pending)
