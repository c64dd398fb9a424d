"""Choosing a stakeholder, a group, a strategy or a team member by name, never by id.

A `Picker` is a filter box over a list of names: typing narrows the list (any part of the
name, any case), up and down move in it, Enter takes the highlighted name. Where new rows
may be named on the spot, a name that is not in the list is offered as "new group “…”"
and comes back as a `NewName` (models/naming.py); the save makes the row and its id.
`PickScreen` is the same as a dialog, for changing the reference of a row already there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...models.naming import NewName
from ..plain import content, line

NOTHING = object()
"""What a picker holds when no name is highlighted."""


@dataclass(frozen=True)
class Picked:
    """A dialog's answer: the value chosen (None may be a choice: "(none)")."""

    value: Any


class Picker(Vertical):
    """A filter box over names; `value` is the highlighted choice's value (or NOTHING)."""

    DEFAULT_CSS = """
    Picker { height: auto; }
    Picker > OptionList { height: auto; max-height: 7; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next name", show=False),
        Binding("up", "move(-1)", "Previous name", show=False),
    ]

    class Chosen(Message):
        """Enter in the filter box or on a name: the highlighted value is taken."""

        def __init__(self, picker: Picker) -> None:
            super().__init__()
            self.picker = picker

    def __init__(
        self,
        choices: Sequence[tuple[str, Any]],
        noun: str = "",
        value: Any = NOTHING,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="picker")
        self.choices = list(choices)
        self.noun = noun
        """What a new name creates ("stakeholder", "group"); "" when none may be made."""
        self.initial = value
        self.shown: list[tuple[str, Any]] = []

    def compose(self) -> ComposeResult:
        hint = "type to filter or to name a new " + self.noun if self.noun else "type to filter"
        yield Input(placeholder=hint, classes="picker-filter")
        yield OptionList(markup=False, classes="picker-options")  # names, as written

    def on_mount(self) -> None:
        self.refill("")

    @property
    def filter(self) -> Input:
        return self.query_one(".picker-filter", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one(".picker-options", OptionList)

    def refill(self, text: str) -> None:
        """Show the names that contain `text`, and the new name it would make."""
        typed = " ".join(text.split())
        wanted = typed.casefold()
        self.shown = [(label, v) for label, v in self.choices if wanted in label.casefold()]
        exact = any(_name_of(label).casefold() == wanted for label, _ in self.choices)
        if self.noun and typed and not exact:
            self.shown.append((f"new {self.noun} “{typed}”", NewName(typed)))
        options = self.options
        options.clear_options()
        options.add_options([Option(line(label)) for label, _ in self.shown])
        values = [v for _, v in self.shown]
        if not typed and self.initial is not NOTHING and self.initial in values:
            options.highlighted = values.index(self.initial)
        elif typed and self.shown:
            options.highlighted = 0
        else:
            options.highlighted = None

    @property
    def value(self) -> Any:
        index = self.options.highlighted
        if index is None or not 0 <= index < len(self.shown):
            return NOTHING
        return self.shown[index][1]

    def focus_filter(self) -> None:
        self.filter.focus()

    @on(Input.Changed, ".picker-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.refill(event.value)

    @on(Input.Submitted, ".picker-filter")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Chosen(self))

    @on(OptionList.OptionSelected, ".picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.options.highlighted = event.option_index
        self.post_message(self.Chosen(self))

    def action_move(self, step: int) -> None:
        options = self.options
        if not self.shown:
            return
        current = options.highlighted
        options.highlighted = (
            0 if current is None else max(0, min(len(self.shown) - 1, current + step))
        )


def _name_of(label: str) -> str:
    """The name part of a choice's label ("Maria López (CFO)" -> "Maria López")."""
    return label.split(" (", 1)[0].strip()


class PickScreen(ModalScreen[Picked | None]):
    """Choose one name for a reference already in a row; esc leaves it as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
    ]

    def __init__(
        self, title: str, choices: Sequence[tuple[str, Any]], noun: str = "", value: Any = NOTHING
    ) -> None:
        super().__init__()
        self.heading = title
        self.picker = Picker(choices, noun, value)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(content((self.heading, "bold")))  # row and field names: data
            yield self.picker
            yield Label("", id="pick-error")
            yield Label(
                "↑↓ move · enter takes the highlighted name · esc cancels", classes="dialog-keys"
            )

    def on_mount(self) -> None:
        self.picker.focus_filter()

    @on(Picker.Chosen)
    def _chosen(self, event: Picker.Chosen) -> None:
        event.stop()
        value = self.picker.value
        if value is NOTHING:
            self.query_one("#pick-error", Label).update(
                content(("✗", "bold red"), " type part of a name, then choose it from the list")
            )
            return
        self.dismiss(Picked(value))

    def action_cancel(self) -> None:
        self.dismiss(None)
