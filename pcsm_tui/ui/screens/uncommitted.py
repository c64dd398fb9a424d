"""Commit or discard changes made outside pcsm (C, the palette, or when sync refuses for
them): each changed file's difference field by field (store/fieldview, the view git's
textconv shows), then commit them with a message, or discard them after a question — the
discarded bytes are kept under `.git/pcsm/rescued/` first. Both act on exactly what was
shown: a file that changed again meanwhile is refused, never committed or lost unseen."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...errors import explain
from ..appref import pcsm_app
from ..editors.dialogs import ConfirmScreen
from ..jobs import run_job
from ..plain import content

if TYPE_CHECKING:
    from ...gateway import CommitResult
    from ...service_engagements import Uncommitted


DIFF_LINES = 22
"""The differences' box at most (pcsm.tcss #uncommitted-diff)."""
DIALOG_LINES = 14
"""The rest of the dialog: borders, padding, title, message label and box, error, keys."""


def diff_content(items: list[Uncommitted]) -> Content:
    """The differences as plain text (data is never markup): + green, - red."""
    parts: list[Content] = []
    for item in items:
        parts.append(content((item.rel, "bold")))
        for line in item.diff.splitlines():
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
            parts.append(content((line, style) if style else line))
        parts.append(Content(""))
    return Content("\n").join(parts)


class UncommittedScreen(ModalScreen[None]):
    """The changed files' differences, a message box, and the two ways out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "commit", "Commit these changes", id="uncommitted.commit"),
        # priority: the message box would take ctrl+d as "delete right" (discard asks first)
        Binding(
            "ctrl+d",
            "discard",
            "Discard these changes (asks first)",
            id="uncommitted.discard",
            priority=True,
        ),
        Binding("ctrl+r", "reload", "Look again", show=False, id="uncommitted.reload"),
        Binding("escape", "close", "Close", id="uncommitted.close"),
    ]

    def __init__(self, reason: str = "") -> None:
        super().__init__()
        self.reason = reason
        self.items: list[Uncommitted] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide-dialog"):
            yield Label(content(("Changes not committed yet", "bold")))
            if self.reason:
                yield Label(content(self.reason), id="uncommitted-reason")
            with VerticalScroll(id="uncommitted-diff"):
                yield Static("reading the changes…", id="uncommitted-text")
            yield Label("Commit message (what the change is)")
            yield Input(id="uncommitted-message", placeholder="e.g. risks reviewed with the SPL")
            yield Label("", id="uncommitted-error")
            yield Label(
                "enter or ctrl+s commits · ctrl+d discards (asks; a copy is kept) · esc closes",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#uncommitted-message", Input).focus()
        self.reload()

    def reload(self) -> None:
        workspace = pcsm_app(self).workspace
        run_job(self, workspace.uncommitted, self._shown, what="reading the uncommitted changes")

    def action_reload(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        """On a short screen (80x24) the differences take what the message box and the keys
        leave, so the box one types in stays in sight (the dialog scrolls if still too tall)."""
        room = self.size.height - DIALOG_LINES - (2 if self.reason else 0)
        self.query_one("#uncommitted-diff").styles.max_height = max(4, min(DIFF_LINES, room))

    def _shown(self, items: list[Uncommitted]) -> None:
        self.items = items
        text = self.query_one("#uncommitted-text", Static)
        if not items:
            text.update("Nothing to commit or discard: every file is as the last commit has it.")
            return
        text.update(diff_content(items))

    def _error(self, message: str) -> None:
        self.query_one("#uncommitted-error", Label).update(
            content(("✗", "bold red"), f" {message}")
        )

    @on(Input.Submitted, "#uncommitted-message")
    def _submitted(self, _event: Input.Submitted) -> None:
        self.action_commit()

    def action_commit(self) -> None:
        message = self.query_one("#uncommitted-message", Input).value.strip()
        if not self.items:
            self._error("nothing to commit")
            return
        if not message:
            self._error("type a commit message first: it says what the change is")
            self.query_one("#uncommitted-message", Input).focus()
            return
        app = pcsm_app(self)
        shown = list(self.items)
        app.run_in_background(
            lambda: app.workspace.commit_uncommitted(shown, message),
            self._committed,
            "committing the changes…",
            failed=self._failed,
        )

    def _committed(self, _result: CommitResult) -> None:
        self.dismiss(None)
        _reload_under(self)

    def _failed(self, error: BaseException) -> None:
        message = explain(error)
        pcsm_app(self).set_status(f"nothing done: {message.splitlines()[0]}", "error")
        self._error(message)
        self.reload()

    def action_discard(self) -> None:
        if not self.items:
            self._error("nothing to discard")
            return
        shown = list(self.items)
        names = ", ".join(item.rel for item in shown)
        question = (
            f"Discard the changes to {names}? The files go back to the last commit; their "
            "current text is kept under .git/pcsm/rescued/ first."
        )
        self.app.push_screen(ConfirmScreen(question), lambda yes: self._discard(shown, yes))

    def _discard(self, shown: list[Uncommitted], yes: bool | None) -> None:
        if not yes:
            pcsm_app(self).set_status("nothing discarded")
            return
        app = pcsm_app(self)
        app.set_status("discarding the changes…", "busy")
        run_job(
            self,
            lambda: app.workspace.discard_uncommitted(shown),
            lambda kept: self._discarded(len(shown), kept),
            what="discarding the changes",
            failed=self._failed,
        )

    def _discarded(self, count: int, kept: list[str]) -> None:
        app = pcsm_app(self)
        where = f"; kept: {', '.join(kept)}" if kept else ""
        app.set_status(f"discarded the changes to {count} file(s){where}")
        app.notify(
            "\n".join(kept) or "nothing needed keeping", title="Discarded; copies kept", timeout=8
        )
        self.dismiss(None)
        _reload_under(self)

    def action_close(self) -> None:
        self.dismiss(None)


def _reload_under(screen: ModalScreen[None]) -> None:
    refresh = getattr(screen.app.screen, "reload", None)
    if callable(refresh):
        refresh()


def open_uncommitted(app: object, reason: str = "") -> None:
    if isinstance(app, App):
        app.push_screen(UncommittedScreen(reason))
