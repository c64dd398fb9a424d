"""The framework wheel of an engagement: stages, phases, their guides and tools."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text, TextType
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets._tree import TOGGLE_STYLE, TreeNode

from ...textcut import cells, shorten_all
from ..appref import is_pcsm_app
from ..plain import line, safe_text

Target = tuple[Any, ...]
"""What the wheel can show: ("engagement",), ("register",), ("guide", n), ("tool", id);
("guidance",) is the guidance panel (P), which has no leaf of its own."""

Node = TreeNode[Target]

_NUMBERED = re.compile(r"^((?:[●⚠] )*\d+ )(.+)$", re.DOTALL)
"""A phase's or tool's label: its marks and number, then its name."""


class Wheel(Tree[Target]):
    """The framework wheel: stages, phases, their guides and tools.

    A label wider than the room its line really has (the pane's width less the indentation
    and the ▶ icon) is cut at a word with "…" (textcut), never clipped at the pane's edge
    mid-word; siblings cut alike are told apart (`shorten_all`), and the full name is shown
    in the status line when the cursor is on a cut label. Labels are cut again on resize
    (Tree rebuilds its lines then)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="wheel.down"),
        Binding("k", "cursor_up", "Up", show=False, id="wheel.up"),
        Binding("l", "expand", "Expand", show=False, id="wheel.expand"),
        Binding("h", "collapse", "Collapse", show=False, id="wheel.collapse"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.short_forms: dict[int, str] = {}
        """A shorter wording tried before a label is cut (node id -> text): "Guide 8/16"
        keeps the count that cutting "Activity guide 8/16" would lose."""

    def on_mount(self) -> None:
        self.guide_depth = 2  # narrow guides: tool names fit an 80-column wheel

    def clear(self) -> Wheel:
        self.short_forms = {}
        super().clear()
        return self

    def process_label(self, label: TextType) -> Text:
        """Labels are data (the customer's name, a team's own phase names): shown as
        written, never read as markup, controls escaped."""
        shown = Text(line(label)) if isinstance(label, str) else safe_text(label, lines=False)
        return super().process_label(shown)

    def render_label(self, node: Node, base_style: Style, style: Style) -> Text:
        label = Text(self.fitted(node), style=node._label.style)
        label.stylize(style)
        if node._allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + TOGGLE_STYLE), label)
        return label

    def room(self, node: Node) -> int:
        """The cells left for `node`'s label on its line (0 before the wheel is laid out)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return 0
        depth, up = 0, node.parent
        while up is not None:
            depth, up = depth + 1, up.parent
        icon = cells(self.ICON_NODE) if node._allow_expand else 0
        return max(width - depth * self.guide_depth - icon, 1)

    def fitted(self, node: Node) -> str:
        """`node`'s label as it fits its line: whole, its short form, or cut (distinct from
        its siblings' labels cut to the same room)."""
        full = node._label.plain
        room = self.room(node)
        if not room or cells(full) <= room:
            return full
        siblings = list(node.parent.children) if node.parent is not None else [node]
        texts = [self._wording(sibling, room) for sibling in siblings]
        index = siblings.index(node)
        # "4 Adoption Planning" and "5 Adoption Implementation" both cut to "N Adoption…"
        # would differ only by their numbers: siblings are told apart by their names.
        parts = [_NUMBERED.match(text) for text in texts]
        heads = [match.group(1) if match else "" for match in parts]
        names = [
            match.group(2) if match else text for match, text in zip(parts, texts, strict=True)
        ]
        rest = max(room - max(cells(head) for head in heads), 1)
        return heads[index] + shorten_all(names, rest)[index]

    def _wording(self, node: Node, room: int) -> str:
        full = node._label.plain
        short = self.short_forms.get(node.id)
        return short if short is not None and cells(full) > room else full

    @on(Tree.NodeHighlighted)
    def _name_in_full(self, event: Tree.NodeHighlighted[Target]) -> None:
        """A cut label's full name, where the cursor is (the status line)."""
        full = event.node._label.plain
        if self.fitted(event.node) != full and is_pcsm_app(self.app):
            self.app.set_status(full)

    def action_expand(self) -> None:
        if self.cursor_node is not None:
            self.cursor_node.expand()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is not None and node.is_expanded:
            node.collapse()
        elif node is not None and node.parent is not None:
            self.move_cursor(node.parent)
