"""Editing one value: a panel docked under the tables, validated as you type.

One line of text or a number or a date in an input (the allowed range in its title), long
text in a text area (ctrl+s keeps it), a choice from a list. Enter confirms, Esc cancels;
nothing is written while the value is not valid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from ...models.fields import BadValue, FieldSpec, format_value, parse_value
from ...textsafe import display
from ..appref import is_pcsm_app
from ..plain import content, line

EDIT_OPEN = "An edit is open: enter saves it, esc cancels it"
"""What the status line says while an edit box stops another tool or a reload."""

Confirm = Callable[[Any], str | None]
"""Called with the parsed value; returns an error message to keep the editor open."""


class ChoiceList(OptionList):
    """A choice list that moves with j/k like every table in the app: without them, k did
    nothing here and the Enter that followed kept the old choice without a word."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="choice.down"),
        Binding("k", "cursor_up", "Up", show=False, id="choice.up"),
    ]


class CellEditor(Vertical):
    """The docked editor for one field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel edit", id="cell.cancel"),
        Binding("ctrl+s", "confirm", "Keep the text", id="cell.confirm"),
    ]

    def __init__(self) -> None:
        super().__init__(id="cell-editor")
        self.spec: FieldSpec | None = None
        self.scales: dict[str, Any] = {}
        self._confirm: Confirm | None = None
        self._cancel: Callable[[], None] | None = None
        self._choices: list[tuple[str, Any]] = []
        self.on_preview: Callable[[Any], None] | None = None
        self._as_stored = ""
        """The value's text as stored, when the box shows it with controls escaped."""
        self._as_shown = ""
        self.display = False  # hidden from the start: never laid out, then hidden again

    def compose(self) -> ComposeResult:
        yield Label("", id="cell-title")
        # One behaviour for every box: the cursor at the end of the value, nothing selected
        # (a selected value is replaced by the first key, which is not what `e` promises).
        yield Input(id="cell-input", select_on_focus=False)
        yield TextArea(id="cell-area", soft_wrap=True, show_line_numbers=False)
        yield ChoiceList(id="cell-options", markup=False)  # choices hold names, as written
        yield Label("", id="cell-error")

    def open(
        self,
        spec: FieldSpec,
        value: Any,
        confirm: Confirm,
        cancel: Callable[[], None],
        choices: Sequence[tuple[str, Any]] = (),
        scales: dict[str, Any] | None = None,
        title: str = "",
    ) -> None:
        self.spec, self._confirm, self._cancel = spec, confirm, cancel
        self._as_stored = self._as_shown = ""
        self.scales = scales or {}
        self._choices = list(choices)
        if not self._choices and spec.kind == "choice":
            self._choices = [(str(c), c) for c in spec.choices]
            if spec.optional:
                self._choices.insert(0, ("(none)", None))
        hint = {
            "multiline": "several lines allowed · ctrl+s keeps · esc cancels",
            "date": "YYYY-MM-DD · enter keeps · esc cancels",
        }.get(spec.kind, "enter keeps · esc cancels")
        scale = self.scales.get(spec.scale or "")
        allowed = f" ({scale})" if scale else (f" ({spec.range_text})" if spec.range_text else "")
        self.query_one("#cell-title", Label).update(
            content((title or spec.label, "bold"), f"{allowed} — {hint}", lines=False)
        )
        self.query_one("#cell-error", Label).update("")
        area = self.query_one("#cell-area", TextArea)
        box = self.query_one("#cell-input", Input)
        options = self.query_one("#cell-options", OptionList)
        box.display = area.display = options.display = False
        self.display = True
        if self._choices:
            options.clear_options()
            options.add_options([Option(line(label)) for label, _ in self._choices])
            current = next((i for i, (_, v) in enumerate(self._choices) if v == value), 0)
            options.highlighted = current
            options.display = True
            options.focus()
        elif spec.kind == "multiline":
            area.text = self._shown(value or "")
            area.display = True
            area.focus()
            area.move_cursor(area.document.end)
        else:
            box.value = self._shown(format_value(spec, value))
            box.placeholder = spec.range_text or spec.label
            box.display = True
            box.focus()
            box.cursor_position = len(box.value)

    def _shown(self, stored: str) -> str:
        """The text the box shows: controls and bidi characters escaped, so that editing a
        value never sends them to the terminal. Kept unchanged, it saves what was stored."""
        self._as_stored, self._as_shown = stored, display(stored)
        return self._as_shown

    def close(self) -> None:
        self.display = False
        self.spec = None
        app = self.app
        if is_pcsm_app(app) and app.status_text == EDIT_OPEN:  # said of this box: now done
            app.clear_status()

    def _fail(self, message: str) -> None:
        self.query_one("#cell-error", Label).update(content(("✗", "bold red"), f" {message}"))

    def _parse(self, text: str) -> Any:
        assert self.spec is not None
        if text == self._as_shown:  # as shown, escapes and all: the stored text is meant
            text = self._as_stored
        return parse_value(self.spec, text, self.scales)

    @on(Input.Changed, "#cell-input")
    def _typed(self, event: Input.Changed) -> None:
        if self.spec is None:
            return
        try:
            value = self._parse(event.value)
        except BadValue as error:
            self._fail(str(error))
            return
        self.query_one("#cell-error", Label).update("")
        if self.on_preview is not None:
            self.on_preview(value)

    @on(Input.Submitted, "#cell-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._keep(event.value)

    @on(OptionList.OptionSelected, "#cell-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._deliver(self._choices[event.option_index][1])

    def action_confirm(self) -> None:
        if self.spec is None:
            return
        if self.spec.kind == "multiline":
            self._keep(self.query_one("#cell-area", TextArea).text)
        elif not self._choices:
            self._keep(self.query_one("#cell-input", Input).value)

    def _keep(self, text: str) -> None:
        try:
            value = self._parse(text)
        except BadValue as error:
            self._fail(str(error))
            return
        self._deliver(value)

    def _deliver(self, value: Any) -> None:
        if self._confirm is None:
            return
        problem = self._confirm(value)
        if problem:
            self._fail(problem)
        else:
            self.close()

    def action_cancel(self) -> None:
        cancel = self._cancel
        self.close()
        if cancel is not None:
            cancel()
