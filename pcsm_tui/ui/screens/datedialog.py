"""Asking for a day (history's "view as of a date"): its own small dialog module so the
history screen stays one screen."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...models.typed import parse_date
from ..plain import content


class DateScreen(ModalScreen[dt.date | None]):
    """Ask for a date (YYYY-MM-DD); Enter gives it back, Esc gives up."""

    DEFAULT_CSS = "DateScreen { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="date.cancel"),
    ]

    def __init__(self, question: str, default: dt.date) -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question)
            yield Input(self.default.isoformat(), placeholder="YYYY-MM-DD", id="as-of-date")
            yield Label("", id="date-error")
            yield Label("enter shows it · esc cancels", classes="dialog-keys")

    @on(Input.Submitted, "#as-of-date")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            day = parse_date(event.value)
        except ValueError as error:  # why it is no date ("June 2026 has 30 days")
            self.query_one("#date-error", Label).update(content(("✗", "bold red"), f" {error}"))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


_COMMIT = re.compile(r"[0-9a-fA-F]{4,40}")


def read_when(text: str) -> dt.date | str:
    """A date (YYYY-MM-DD), else a commit id (4 to 40 hexadecimal digits); ValueError with
    the date's reason ("June 2026 has 30 days") when it is neither. Eight digits are read
    as a date written without its dashes (20260301), so they get the date's reason."""
    raw = text.strip()
    try:
        return parse_date(raw)
    except ValueError:
        if _COMMIT.fullmatch(raw) and not (raw.isdigit() and len(raw) == 8):
            return raw
        raise


class WhenScreen(ModalScreen[dt.date | str | None]):
    """Ask for a date or a commit id; Enter gives it back, Esc gives up."""

    DEFAULT_CSS = "WhenScreen { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="when.cancel"),
    ]

    def __init__(self, question: str, default: dt.date) -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(content(self.question))
            yield Input(
                self.default.isoformat(), placeholder="YYYY-MM-DD or a commit id", id="as-of-when"
            )
            yield Label("", id="when-error")
            yield Label("enter shows it · esc cancels", classes="dialog-keys")

    @on(Input.Submitted, "#as-of-when")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            when = read_when(event.value)
        except ValueError as error:  # why it is no date, in the date's own words
            self.query_one("#when-error", Label).update(content(("✗", "bold red"), f" {error}"))
            return
        self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)
