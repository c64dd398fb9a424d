"""Asking for a day (history's "view as of a date") or for a day or a commit (the whole
engagement as of then): its own small dialog module so the history screen stays one screen."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...models.typed import parse_date
from ..plain import content

Answer = TypeVar("Answer")

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


class AskWhenScreen(ModalScreen[Answer | None], Generic[Answer]):
    """Ask for one typed answer; Enter gives it back once it reads, Esc gives up. A text
    that does not read stays in the box with the reason under it, in the parser's words."""

    DEFAULT_CSS = "AskWhenScreen { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="when.cancel"),
    ]
    BOX_ID: ClassVar[str] = "as-of-when"
    ERROR_ID: ClassVar[str] = "when-error"
    PLACEHOLDER: ClassVar[str] = "YYYY-MM-DD or a commit id"

    def __init__(self, question: str, default: dt.date) -> None:
        super().__init__()
        self.question = question
        self.default = default

    def read(self, text: str) -> Answer:
        """The answer the text gives; ValueError saying why it gives none."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(content(self.question))
            yield Input(self.default.isoformat(), placeholder=self.PLACEHOLDER, id=self.BOX_ID)
            yield Label("", id=self.ERROR_ID)
            yield Label("enter shows it · esc cancels", classes="dialog-keys")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            answer = self.read(event.value)
        except ValueError as error:  # why it is no date ("June 2026 has 30 days")
            self.query_one(f"#{self.ERROR_ID}", Label).update(
                content(("✗", "bold red"), f" {error}")
            )
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DateScreen(AskWhenScreen[dt.date]):
    """Ask for a date (YYYY-MM-DD)."""

    BOX_ID = "as-of-date"
    ERROR_ID = "date-error"
    PLACEHOLDER = "YYYY-MM-DD"

    def read(self, text: str) -> dt.date:
        return parse_date(text)


class WhenScreen(AskWhenScreen[dt.date | str]):
    """Ask for a date or a commit id."""

    def read(self, text: str) -> dt.date | str:
        return read_when(text)
