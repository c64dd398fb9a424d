"""Small modal questions: confirm a deletion, fill the main fields of a new row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...models.fields import BadValue, FieldSpec, parse_value
from ..plain import content
from .picker import NOTHING, Picker


class ConfirmScreen(ModalScreen[bool]):
    """y confirms, n or esc does not."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "No", show=False, id="confirm.cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(content(self.question))  # names and paths, as written
            yield Label("[b]y[/b] yes   [b]n[/b] no", classes="dialog-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


Check = Callable[[dict[str, Any]], str | None]
"""Checks a new row's values before the dialog closes; returns the problem in words."""


class NewRowScreen(ModalScreen[dict[str, Any] | None]):
    """Ask for a new row's main fields at once (models/fields.main_specs), then hand them
    back: the row is added as one commit. A reference field is a `Picker` of names (and
    may name a new stakeholder or group); `check` keeps the dialog open on a problem."""

    DEFAULT_CSS = """
    NewRowScreen #dialog Label { width: 100%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="newrow.cancel"),
        Binding("ctrl+s", "submit", "Add the row", id="newrow.submit"),
    ]

    def __init__(
        self,
        title: str,
        specs: Sequence[FieldSpec],
        scales: dict[str, Any] | None = None,
        pickers: dict[str, tuple[list[tuple[str, Any]], str]] | None = None,
        check: Check | None = None,
    ) -> None:
        super().__init__()
        self.heading = title
        self.specs = list(specs)
        self.scales = scales or {}
        self.pickers = pickers or {}
        """Field name -> (choices by name, what a new name creates or "")."""
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="new-row"):
            yield Label(content((self.heading, "bold")))  # names the section: data
            for spec in self.specs:
                allowed = spec.range_words(self.scales)
                must = "" if spec.required else " · optional"
                yield Label(content(f"{spec.label}{f' ({allowed})' if allowed else ''}{must}"))
                if spec.name in self.pickers:
                    choices, noun = self.pickers[spec.name]
                    yield Picker(choices, noun, id=f"new-{spec.name}")
                elif spec.kind == "choice":  # one of a few words: picked, not spelled
                    yield Picker([(str(c), c) for c in spec.choices], id=f"new-{spec.name}")
                else:
                    hint = "YYYY-MM-DD" if spec.kind == "date" else (allowed or spec.label)
                    yield Input(id=f"new-{spec.name}", placeholder=hint)
            yield Label("", id="new-error")
            keys = "enter next field · ctrl+s adds the row · esc cancels"
            yield Label(keys, classes="dialog-keys")

    def on_mount(self) -> None:
        self._focus(0)

    def _boxes(self) -> list[Input | Picker]:
        return [self.query_one(f"#new-{spec.name}") for spec in self.specs]  # type: ignore[misc]

    def _focus(self, index: int) -> None:
        box = self._boxes()[index]
        if isinstance(box, Picker):
            box.focus_filter()
        else:
            box.focus()

    def _next(self, box: Input | Picker) -> None:
        boxes = self._boxes()
        index = boxes.index(box)
        if index == len(boxes) - 1:
            self.action_submit()
        else:
            self._focus(index + 1)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if isinstance(event.input.parent, Picker):
            return  # the picker answers with Chosen
        self._next(event.input)

    @on(Picker.Chosen)
    def _chosen(self, event: Picker.Chosen) -> None:
        event.stop()
        self._next(event.picker)

    def _fail(self, message: str, box: Input | Picker) -> None:
        self.query_one("#new-error", Label).update(content(("✗", "bold red"), f" {message}"))
        self._focus(self._boxes().index(box))

    def action_submit(self) -> None:
        values: dict[str, Any] = {}
        for spec, box in zip(self.specs, self._boxes(), strict=True):
            if isinstance(box, Picker):
                value = box.value
                if value is NOTHING:
                    if spec.required:
                        self._fail(f"{spec.label}: type part of a name and choose it", box)
                        return
                    continue
                values[spec.name] = value
                continue
            if not box.value.strip() and not spec.required:
                continue  # left empty: the field keeps its default
            try:
                values[spec.name] = parse_value(spec, box.value, self.scales)
            except BadValue as error:
                self._fail(str(error), box)
                return
        problem = self.check(values) if self.check is not None else None
        if problem:
            self.query_one("#new-error", Label).update(content(("✗", "bold red"), f" {problem}"))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
