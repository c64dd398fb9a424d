"""The question asked at start when an unfinished merge is found (from an earlier sync):
continue (resolve the conflicts, then commit the merge), abort it, or decide later.
Nothing is discarded either way."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label


class UnfinishedMergeScreen(ModalScreen[str | None]):
    """At start: an unfinished merge was found; continue (resolve) or abort it."""

    DEFAULT_CSS = "UnfinishedMergeScreen { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c", "answer('continue')", "Continue: resolve the conflicts", id="unfinished.continue"
        ),
        Binding("a", "answer('abort')", "Abort the merge", id="unfinished.abort"),
        Binding("escape", "answer(None)", "Later", id="unfinished.later"),
    ]

    def __init__(self, conflicted: int) -> None:
        super().__init__()
        self.conflicted = conflicted

    def compose(self) -> ComposeResult:
        files = (
            f"{self.conflicted} file(s) still have conflicts"
            if self.conflicted
            else ("every file is resolved, the merge is not committed yet")
        )
        with Vertical(id="dialog"):
            yield Label("[b]An unfinished merge was found[/b] (from an earlier sync).")
            yield Label(f"{files}. Nothing has been discarded.")
            yield Label(
                "[b]c[/b] continue: resolve the conflicts, then commit the merge\n"
                "[b]a[/b] abort the merge (your local commits are kept)\n"
                "[b]esc[/b] later (S brings this back)",
                classes="dialog-keys",
            )

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
