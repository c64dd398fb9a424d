"""The editors an engagement screen keeps: a tool shown again is the editor built before,
made visible, when none of the files it can show changed since it was built.

Building a tool's editor (composing it, reading its file, mounting a table per section,
measuring every column) cost half a second on a small machine, every time a tool was
chosen in the wheel; showing a kept one is one layout and one paint. It is never stale:
the editor is kept with the full stamps (inode, size, modification and change time) of
the engagement's files, the CSM's own files and the repository's settings at the time it
was built, and it is built anew when any of them differs, whoever changed the file (an
edit in the app, an outside editor, undo, sync, a revert). A file changed in the last two
seconds gives no stamp at all (git's racy rule), and the editor is then built anew too.
Only the last `KEEP` are kept, so memory stays bounded.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from textual.containers import Container
from textual.reactive import Reactive
from textual.widget import Widget

from ...gateway import engagement_rel
from ..editors.cell import CellEditor
from ..editors.tool import ToolEditor
from ..gcpause import hold_collections
from .first_show import NoHeldRenders, paint_when_built, paint_when_settled
from .wheel import Target

KEEP = 30
"""How many editors one engagement screen keeps (the one shown included)."""

Stamp = tuple[tuple[str, tuple[int, ...]], ...]


def shown_folders(slug: str, engagement: dict[str, Any]) -> list[str]:
    """The folders whose files an engagement's editors show: the engagement's own (names
    from the register, the plan's months) and its CSM's (the personal evaluation)."""
    csm = engagement.get("csm")
    person = [f"people/{csm}"] if isinstance(csm, str) and csm else []
    return [engagement_rel(slug), *person]


def shown_cell_editors(screen: Widget) -> list[CellEditor]:
    """The edit boxes of what the screen's editor host shows. A hidden kept editor never
    has one open (no other tool is shown while one is), and querying the whole screen
    walked every kept editor's widgets too: hundreds, ~6 ms on every show."""
    host = screen.query_one("#editor-host", Container)
    return [box for child in host.displayed_children for box in child.query(CellEditor)]


class QuietFocus(NoHeldRenders):
    """For a screen: a change of focus does not repaint the whole screen, and nothing is
    rendered while a first show holds paints (`NoHeldRenders`). Textual's screen
    repainted every line of itself (every widget's lines composed again, a full frame of
    its own) each time the focus moved, though nothing drawn depends on which widget has
    it but the two widgets themselves, which restyle and repaint on their own; a kept
    editor shown again (the focus back where it was) paid that frame on every show."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class KeptEditors:
    """The editors built for one screen's targets, the most recently shown last."""

    def __init__(self, limit: int = KEEP) -> None:
        self.limit = limit
        self._kept: OrderedDict[Target, tuple[Stamp, Widget]] = OrderedDict()
        self._focus: dict[Target, Widget] = {}
        self.built = 0
        """How many editors were built (tests count reuse with it)."""

    def show(
        self,
        host: Container,
        target: Target,
        stamp: Stamp | None,
        make: Callable[[Target], Widget],
        shown: Target | None,
    ) -> Widget:
        """Show `target`'s editor in `host`: the kept one if `stamp` (the files' stamps now,
        None: not to be trusted) is the one it was built with, else a new one."""
        hold_collections(host.app)  # no collection while it is built and drawn (ui/gcpause)
        focused = host.app.focused
        for child in list(host.children):
            within = focused is not None and (focused is child or child in focused.ancestors)
            if child.display and within and shown is not None:
                self._focus[shown] = focused  # type: ignore[assignment]  # back where it was
            if not self._is_kept(child):
                child.remove()  # a guide, a note: cheap to build, not kept
            else:
                child.display = False
        kept = self._kept.pop(target, None)
        if kept is not None and stamp is not None and kept[0] == stamp and kept[1].is_attached:
            editor = kept[1]
            editor.display = True
            host.move_child(editor, before=0)  # the one shown comes first (query_one finds it)
            self._refocus(target, editor)
            paint_when_settled(host.app, editor)  # one frame, not one per layout it asks
        else:
            if kept is not None:
                kept[1].remove()
            self._focus.pop(target, None)
            editor = make(target)
            self.built += 1
            mounted = host.mount(editor, before=0) if host.children else host.mount(editor)
            paint_when_built(host.app, editor, mounted)  # painted once, when whole
        if stamp is not None and isinstance(editor, ToolEditor):
            self._kept[target] = (stamp, editor)
        self._evict()
        return editor

    def _is_kept(self, child: Widget) -> bool:
        return any(widget is child for _stamp, widget in self._kept.values())

    def _refocus(self, target: Target, editor: Widget) -> None:
        """The widget that had the focus when the editor was left, else its first table
        (a new editor lands there too), without scrolling it into view."""
        widget = self._focus.pop(target, None)
        shown = widget is not None and all(node.display for node in widget.ancestors_with_self)
        if widget is not None and shown and widget.is_attached and widget.focusable:
            # At once, not when the app is next idle (`focus`): the table's restyle is then
            # in the show's first frame, not in one of its own after it.
            editor.screen.set_focus(widget, scroll_visible=False)
            return
        if isinstance(editor, ToolEditor):  # laid out already: at once, in the same paint
            editor.autofocus = True
            editor.focus_first_table()

    def _evict(self) -> None:
        while len(self._kept) > self.limit:
            target, (_stamp, editor) = self._kept.popitem(last=False)
            self._focus.pop(target, None)
            editor.remove()

    def forget_hidden(self) -> None:
        """Drop every editor not on screen (after an undo or ctrl+r: read everything again)."""
        for target, (_stamp, editor) in list(self._kept.items()):
            if not editor.display:
                del self._kept[target]
                self._focus.pop(target, None)
                editor.remove()
