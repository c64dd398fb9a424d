"""The export dialog: a path, redact yes/no, Export; a progress bar while it runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from ...errors import explain
from ..jobs import run_job
from ..plain import content
from .exchange_parts import DIALOG_CSS, ExportJob, Outcome, said, shown_path, typed_path

if TYPE_CHECKING:
    from ...service import Workspace


class ExportDialog(ModalScreen[Outcome | None]):
    """A path, redact yes/no, Export: a progress bar while it runs, then the path written."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="export.close"),
        Binding("ctrl+s", "export", "Export", id="export.run"),
    ]

    def __init__(self, workspace: Workspace, job: ExportJob, redact: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.job = job
        self.redact_first = redact
        self.running = False
        self.outcome: Outcome | None = None
        self.written: Path | None = None
        self._default = shown_path(self._default_path(redact))
        self._replace: Path | None = None

    def _default_path(self, redact: bool) -> Path:
        return self.workspace.export_path(
            self.job.slug, self.job.name_part, self.job.suffix, redact
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body", classes="exchange-body"):
            yield Static(said(self.job.heading, "bold"))
            yield Static(content(self.job.hint), classes="exchange-hint")
            path = Input(value=self._default, id="export-path")
            path.border_title = "Save as"
            yield path
            yield Checkbox(
                "Redact personal data (roles and pseudonyms instead of names)",
                value=self.redact_first,
                id="export-redact",
                compact=True,
            )
            with Horizontal(id="export-progress-row", classes="exchange-progress"):
                yield ProgressBar(total=100, show_eta=False, id="export-progress")
                yield Label("", id="export-step", classes="exchange-step")
            yield Static("", id="export-result", classes="exchange-result")
            with Horizontal(classes="exchange-buttons"):
                yield Button("Export", variant="primary", id="export-run", compact=True)
                yield Button("Close", id="export-close", compact=True)
                yield Label("ctrl+s exports · esc closes", classes="exchange-keys")

    def on_mount(self) -> None:
        self.query_one("#export-progress-row").display = False
        self.query_one("#export-path", Input).focus()

    @on(Checkbox.Changed, "#export-redact")
    def _redact_changed(self, event: Checkbox.Changed) -> None:
        box = self.query_one("#export-path", Input)
        if box.value == self._default:  # not typed over: follow the switch
            self._default = shown_path(self._default_path(event.value))
            box.value = self._default

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-run")
    def _run_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def _target(self) -> Path | str:
        """The file to write, or why not."""
        text = self.query_one("#export-path", Input).value
        if not text.strip():
            return "Give the file to write."
        path = typed_path(text)
        suffix = path.suffix.lower()
        if not suffix:
            return path.with_name(path.name + self.job.suffix)
        if self.job.workbook and suffix != ".xlsx":
            return "A workbook's file name ends in .xlsx."
        if not self.job.workbook and suffix not in (".docx", ".md"):
            return "The letter's file name ends in .docx (Word) or .md (Markdown)."
        if path.is_dir():
            return f"{shown_path(path)} is a folder: add a file name."
        return path

    def action_export(self) -> None:
        if self.running:
            return
        result = self.query_one("#export-result", Static)
        target = self._target()
        if isinstance(target, str):
            result.update(said("✗ ", "bold red", target))
            return
        if target.exists() and self._replace != target:
            self._replace = target
            result.update(
                said(
                    "! ",
                    "bold yellow",
                    f"{shown_path(target)} exists: press enter again to replace it.",
                )
            )
            return
        redact = self.query_one("#export-redact", Checkbox).value
        self.running = True
        self.query_one("#export-run", Button).disabled = True
        self.query_one("#export-progress-row").display = True
        self.query_one("#export-progress", ProgressBar).update(progress=0)
        result.update("")
        run_job(
            self,
            lambda: self._work(target, redact),
            lambda message: self._done(target, message),
            what="the export",
            failed=self._failed,  # every failure is shown with its own message
            group="exchange",
        )

    def _work(self, path: Path, redact: bool) -> str:
        """In the worker thread: export, reporting every step; returns what was written."""

        def progress(text: str, fraction: float) -> None:
            self.app.call_from_thread(self._progress, text, fraction)

        job = self.job
        if job.workbook:
            book = self.workspace.export_workbook(job.slug, path, job.tool, redact, progress)
            what = "redacted workbook" if book.redacted else "workbook"
            count = len(book.sheets)
            sheets = f"{count} sheet" if count == 1 else f"{count} sheets"
            return f"wrote the {what} {shown_path(path)} ({sheets})"
        form: Literal["docx", "md"] = "md" if path.suffix.lower() == ".md" else "docx"
        self.workspace.export_letter(job.slug, path, form, redact, progress)
        kind = "Word" if form == "docx" else "Markdown"
        which = "redacted proposal" if redact else "proposal"
        return f"wrote the {which} ({kind}) {shown_path(path)}"

    def _progress(self, text: str, fraction: float) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=round(fraction * 100))
        self.query_one("#export-step", Label).update(content(text, lines=False))

    def _done(self, path: Path, message: str) -> None:
        self.running = False
        self.written = path
        self._replace = None  # writing it again asks again
        self.query_one("#export-run", Button).disabled = False
        self.query_one("#export-progress", ProgressBar).update(progress=100)
        self.query_one("#export-result", Static).update(said("✓ ", "bold green", message))
        self.outcome = (message, "")
        self.app.notify(shown_path(path), title="Exported")
        self.query_one("#export-close", Button).focus()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.query_one("#export-run", Button).disabled = False
        text = explain(error)
        self.query_one("#export-result", Static).update(said("✗ Not exported: ", "bold red", text))
        self.outcome = (f"not exported: {text.splitlines()[0] if text else error}", "error")
        self.app.notify(text, title="Not exported", severity="error", timeout=15)

    def action_close(self) -> None:
        if self.running:
            self.app.notify("The export is still running; it takes a moment.")
            return
        self.dismiss(self.outcome)
