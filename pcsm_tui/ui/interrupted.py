"""The question about a save that stopped half way (ui/saveflow asks it), apart so that its
class is made only when there is such a save, not before the portfolio's first frame
(every Textual class costs ~0.5 ms to make: DOMNode.__init_subclass__)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

if TYPE_CHECKING:
    from ..gateway import Decision


class InterruptedSaveScreen(ModalScreen["Decision | None"]):
    """A save stopped half way (a crash): finish it, clean it, or leave the files."""

    DEFAULT_CSS = "InterruptedSaveScreen { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "answer('finish')", "Finish the save", id="interrupted.finish"),
        Binding("c", "answer('clean')", "Clean: put the files back", id="interrupted.clean"),
        Binding("l", "answer('forget')", "Leave the files as they are", id="interrupted.forget"),
        Binding("escape", "answer(None)", "Later", id="interrupted.later"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("An earlier save did not finish.", classes="dialog-title")
            yield Label(self.message, markup=False)  # paths and subjects, as written
            yield Label(
                "[b]f[/b] finish it (write the rest, make its commit)\n"
                "[b]c[/b] clean: put the files back as they were\n"
                "[b]l[/b] leave the files as they are (uncommitted)\n"
                "[b]esc[/b] later (nothing can be saved until it is decided)",
                classes="dialog-keys",
            )

    def action_answer(self, answer: Decision | None) -> None:
        self.dismiss(answer)
