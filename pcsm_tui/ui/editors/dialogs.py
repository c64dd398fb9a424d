"""Small modal questions: confirm a deletion, fill the required fields of a new row."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...models.fields import BadValue, FieldSpec, parse_value
from ..plain import content


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


class NewRowScreen(ModalScreen[dict[str, Any] | None]):
    """Ask for the fields a new row cannot do without, then hand them back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="newrow.cancel"),
    ]

    def __init__(
        self, title: str, specs: list[FieldSpec], scales: dict[str, Any] | None = None
    ) -> None:
        super().__init__()
        self.heading = title
        self.specs = specs
        self.scales = scales or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(content((self.heading, "bold")))  # names the section: data
            for spec in self.specs:
                allowed = f" ({spec.range_text})" if spec.range_text else ""
                yield Label(content(f"{spec.label}{allowed}"))
                yield Input(id=f"new-{spec.name}", placeholder=spec.range_text or spec.label)
            yield Label("", id="new-error")
            yield Label("enter on the last field adds the row · esc cancels", classes="dialog-keys")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
            return
        values: dict[str, Any] = {}
        for spec, box in zip(self.specs, inputs, strict=True):
            try:
                values[spec.name] = parse_value(spec, box.value, self.scales)
            except BadValue as error:
                self.query_one("#new-error", Label).update(content(("✗", "bold red"), f" {error}"))
                box.focus()
                return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
