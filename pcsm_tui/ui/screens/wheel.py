"""The framework wheel of an engagement: stages, phases, their guides and tools."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text, TextType
from textual.binding import Binding, BindingType
from textual.widgets import Tree

from ..plain import line, safe_text

Target = tuple[Any, ...]
"""What the wheel can show: ("engagement",), ("register",), ("guide", n), ("tool", id);
("guidance",) is the guidance panel (P), which has no leaf of its own."""


class Wheel(Tree[Target]):
    """The framework wheel: stages, phases, their guides and tools."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="wheel.down"),
        Binding("k", "cursor_up", "Up", show=False, id="wheel.up"),
        Binding("l", "expand", "Expand", show=False, id="wheel.expand"),
        Binding("h", "collapse", "Collapse", show=False, id="wheel.collapse"),
    ]

    def on_mount(self) -> None:
        self.guide_depth = 2  # narrow guides: tool names fit an 80-column wheel

    def process_label(self, label: TextType) -> Text:
        """Labels are data (the customer's name, a team's own phase names): shown as
        written, never read as markup, controls escaped."""
        shown = Text(line(label)) if isinstance(label, str) else safe_text(label, lines=False)
        return super().process_label(shown)

    def action_expand(self) -> None:
        if self.cursor_node is not None:
            self.cursor_node.expand()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is not None and node.is_expanded:
            node.collapse()
        elif node is not None and node.parent is not None:
            self.move_cursor(node.parent)
