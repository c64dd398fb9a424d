"""The key bar at the bottom of every screen: the keys that work here, one line.

Textual's own Footer rebuilds a widget per key each time the bindings may have changed
(every focus change and cursor move). Measured on the engagement screen that was ~14
widgets mounted and styled a dozen times per cell edit, enough CPU on the UI thread to
starve the background save of the GIL and make an edit take 300 ms instead of 30 ms. This
bar is one widget that renders one line of text, and only repaints when the keys it would
show actually differ.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    """One key as shown: what to press, what it does, whether it can be used now."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """One line of key hints; the command palette's key sits at the right. Click a key to
    press it."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--description { color: $footer-description-foreground; }
    KeyBar > .keybar--disabled { text-style: dim; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--key",
        "keybar--description",
        "keybar--disabled",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        self._spans: list[tuple[int, int, Key]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._collect()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._collect():
            self.refresh()

    def _collect(self) -> bool:
        """Read the screen's active bindings; True when what is shown would change."""
        palette_key = self.app.COMMAND_PALETTE_BINDING
        keys: list[Key] = []
        actions: set[str] = set()
        palette: Key | None = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            shown = Key(key, self.app.get_key_display(binding), binding.description, enabled)
            if key == palette_key and self.app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)  # one entry per action, as the keys are aliases
                keys.append(shown)
        changed = (tuple(keys), palette) != (self._keys, self._palette)
        self._keys, self._palette = tuple(keys), palette
        return changed

    def render(self) -> RenderResult:
        """The keys from the left; the palette's key always at the right edge. When the
        terminal is narrow the keys are never cut mid-word: first their descriptions lose
        what is in brackets ("Sort (next column)" is "Sort"), then the last keys are left
        out whole (they stay in ? and ctrl+p)."""
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        text_style = self.get_component_rich_style("keybar--description", partial=True)
        dim = self.get_component_rich_style("keybar--disabled", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Key]] = []

        def add(key: Key) -> None:
            start = len(line)
            line.append(f" {key.display} ", key_style + dim if not key.enabled else key_style)
            line.append(f"{key.description} ", text_style + dim if not key.enabled else text_style)
            spans.append((start, len(line), key))

        palette = self._palette
        room = self.size.width - (_width(palette) if palette is not None else 0)
        for key in fit_keys(self._keys, room):
            add(key)
        if palette is not None:
            line.append(" " * max(room - len(line), 0))
            add(palette)
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return


def _width(key: Key) -> int:
    return cell_len(f" {key.display} {key.description} ")


def fit_keys(keys: Sequence[Key], room: int) -> list[Key]:
    """The keys shown in `room` cells, each whole: all as they are when they fit, else with
    their descriptions' bracketed words left out, and then without the last ones."""
    shown = list(keys)
    if sum(_width(key) for key in shown) <= room:
        return shown
    shown = [key._replace(description=_BRACKETS.sub("", key.description)) for key in shown]
    while shown and sum(_width(key) for key in shown) > room:
        shown.pop()
    return shown


_BRACKETS = re.compile(r"\s*\([^)]*\)")
