"""Excel workbooks and the proposal as a document, in the app: export dialog, import screen.

Both run the headless functions of `pcsm_tui/io` (through the Workspace) in a worker thread
and feed their `progress(text, fraction)` to a progress bar with `call_from_thread`.
openpyxl and python-docx are imported by those functions only, when a job runs, never when
the app starts.

- **Export** (`O` the engagement, `T` the tool on screen, `W` the proposal as a letter; the
  palette also has the redacted variants and the proposal as Markdown): a file path
  prefilled beside the repository, a redact switch, a progress bar, then the path written
  (in the dialog, a notification and, on closing, the status line) or the error.
- **Import** (`I`): a path; the workbook is read into an import plan in a worker; the
  preview (what each file would change) and the report of unusable cells (`Sheet!B7: why`)
  are shown; ctrl+s writes the plan as one commit, esc cancels with nothing written. With
  unusable cells the import is refused unless "Skip the unusable cells" is ticked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from ...framework.catalogue import TOOLS_BY_ID
from ..jobs import run_job
from ..plain import content, safe_content

if TYPE_CHECKING:
    from ...io.xlsx_import import ImportPlan
    from ...service import Workspace
    from ...store.repository import CommitResult
    from .engagement import EngagementScreen

Outcome = tuple[str, str]
"""What the status line says when a dialog closes: (text, kind) as for `set_status`."""

ExportWhat = Literal["engagement", "tool", "docx", "md"]

PALETTE_EXPORTS: tuple[tuple[str, ExportWhat, bool], ...] = (
    ("Export engagement to Excel (redacted)", "engagement", True),
    ("Export this tool to Excel (redacted)", "tool", True),
    ("Export the proposal as Word (redacted)", "docx", True),
    ("Export the proposal as Markdown", "md", False),
    ("Export the proposal as Markdown (redacted)", "md", True),
)
"""The exports without a key of their own (the keys are O, T and W on the engagement screen)."""

REDACT_HELP = "personal data replaced by roles and pseudonyms, to share outside the team"

DIALOG_CSS = """
ExportDialog, ImportScreen {
    align: center middle;
}
.exchange-body {
    max-width: 96%;
    padding: 0 2;
    border: thick $accent;
    background: $surface;
}
#export-body {
    width: 90;
    height: auto;
    padding: 1 2;
}
#import-body {
    width: 116;
    height: 100%;
    margin: 1 0;
}
.exchange-hint, .exchange-step {
    color: $text-muted;
}
.exchange-body Input {
    margin: 1 0 0 0;
}
.exchange-body Checkbox {
    border: none;
    padding: 0;
}
.exchange-progress {
    height: 1;
    margin: 1 0 0 0;
}
.exchange-step {
    width: 1fr;
    margin: 0 0 0 2;
}
.exchange-result {
    height: auto;
    margin: 1 0 0 0;
}
.exchange-buttons {
    height: auto;
    margin: 1 0 0 0;
}
.exchange-buttons Button {
    margin: 0 2 0 0;
}
.exchange-keys {
    color: $text-muted;
    margin: 0 0 0 2;
}
#import-preview-box {
    height: 1fr;
    margin: 1 0 0 0;
    border: round $primary-darken-2;
    padding: 0 1;
}
#import-message {
    margin: 0;
}
"""


# --- paths as a person types and reads them ------------------------------------------------


def _here() -> Path | None:
    try:
        return Path.cwd().resolve()
    except OSError:  # the folder the app was started in is gone
        return None


def shown_path(path: Path, cwd: Path | None = None) -> str:
    """`path` relative to the current folder (or its parent) when it lies there, else whole."""
    here = cwd or _here()
    if here is not None:
        with suppress(ValueError):
            return str(path.relative_to(here))
        if here.parent != here:
            with suppress(ValueError):
                return os.path.join(os.pardir, path.relative_to(here.parent))
    return str(path)


def typed_path(text: str, cwd: Path | None = None) -> Path:
    """The path a person typed: `~` expanded, relative to the folder the app started in."""
    path = Path(text.strip()).expanduser()
    if not path.is_absolute():
        path = (cwd or _here() or Path("/")) / path
    return Path(os.path.normpath(path))


# --- what is exported ----------------------------------------------------------------------


@dataclass(frozen=True)
class ExportJob:
    slug: str
    heading: str
    hint: str
    suffix: str
    """The default file ending: .xlsx, .docx or .md."""
    tool: str | None = None
    """Workbooks only: the exporter's tool id, or None for the whole engagement."""
    name_part: str | None = None
    """In the default file name, after the slug (`risks`, `proposal`)."""

    @property
    def workbook(self) -> bool:
        return self.suffix == ".xlsx"


def export_tool(target: tuple[Any, ...] | None) -> tuple[str, str] | None:
    """The exporter's tool id and a title for what the engagement screen shows, if a tool."""
    if target is None:
        return None
    if target[0] == "engagement":
        return "engagement", "Engagement details"
    if target[0] == "register":
        return "stakeholders", "Stakeholder register"
    if target[0] == "tool" and str(target[1]) in TOOLS_BY_ID:
        tool = TOOLS_BY_ID[str(target[1])]
        return tool.id, f"{tool.number} {tool.title}"
    return None


def export_job(screen: EngagementScreen, what: ExportWhat) -> ExportJob | None:
    customer = str(screen.engagement.get("customer") or screen.slug)
    if what == "engagement":
        return ExportJob(
            screen.slug,
            f"Export {customer} ({screen.slug}) to Excel",
            "Every tool of the engagement in one workbook, laid out like the framework's "
            "templates; pcsm reads it back with I.",
            ".xlsx",
        )
    if what == "tool":
        found = export_tool(screen.current)
        if found is None:
            return None
        tool, title = found
        return ExportJob(
            screen.slug,
            f"Export {title} to Excel",
            f"{customer}: this tool's sheets, laid out like the framework's template.",
            ".xlsx",
            tool=tool,
            name_part=tool,
        )
    return ExportJob(
        screen.slug,
        f"Export the customer success proposal of {customer}",
        "The letter the framework describes. The file's ending decides the format: "
        ".docx for Word, .md for Markdown.",
        f".{what}",
        name_part="proposal",
    )


def open_export(screen: EngagementScreen, what: ExportWhat, redact: bool = False) -> None:
    """The export dialog for the engagement screen (keys O, T, W and the palette)."""
    job = export_job(screen, what)
    if job is None:
        screen.app.notify(
            "An activity guide is not a tool: choose a tool in the wheel, or press O to "
            "export the whole engagement.",
            severity="warning",
        )
        return
    screen.app.push_screen(
        ExportDialog(screen.workspace, job, redact), after_dialog(screen, reload=False)
    )


def open_import(screen: EngagementScreen) -> None:
    """The import screen for the engagement screen (key I); reloads it after a commit."""
    customer = str(screen.engagement.get("customer") or screen.slug)
    found = export_tool(screen.current)
    screen.app.push_screen(
        ImportScreen(screen.workspace, screen.slug, customer, found),
        after_dialog(screen, reload=True),
    )


def after_dialog(screen: EngagementScreen, reload: bool) -> Callable[[Outcome | None], None]:
    """After a dialog: its outcome on the status line (and the screen read again)."""

    def done(outcome: Outcome | None) -> None:
        if outcome is None:
            return
        if reload and outcome[1] != "error":
            screen.reload()
        set_status = getattr(screen.app, "set_status", None)
        if callable(set_status):
            set_status(*outcome)

    return done


def _error_text(error: BaseException) -> str:
    from ..app import describe_error

    return describe_error(error)


# --- the export dialog ---------------------------------------------------------------------


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
        text = _error_text(error)
        self.query_one("#export-result", Static).update(said("✗ Not exported: ", "bold red", text))
        self.outcome = (f"not exported: {text.splitlines()[0] if text else error}", "error")
        self.app.notify(text, title="Not exported", severity="error", timeout=15)

    def action_close(self) -> None:
        if self.running:
            self.app.notify("The export is still running; it takes a moment.")
            return
        self.dismiss(self.outcome)


# --- the import screen ---------------------------------------------------------------------


class ImportScreen(ModalScreen[Outcome | None]):
    """A workbook's path; its preview and cell report; then one commit or nothing."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel the import (nothing is written)", id="import.cancel"),
        Binding("ctrl+s", "confirm", "Import as one commit", id="import.confirm"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        slug: str,
        customer: str,
        tool: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.slug = slug
        self.customer = customer
        self.tool = tool
        self.plan: ImportPlan | None = None
        self.running = False
        self.refused = False
        """Set when a confirm was refused because of unusable cells (nothing was written)."""

    def _suggested(self) -> tuple[str, str]:
        """A path to start from: a workbook exported today beside the repository, if any."""
        names = [self.workspace.export_path(self.slug, None, ".xlsx")]
        if self.tool is not None:
            names.insert(0, self.workspace.export_path(self.slug, self.tool[0], ".xlsx"))
        for path in names:
            if path.is_file():
                return shown_path(path), ""
        return "", f"e.g. {shown_path(names[-1])}"

    def compose(self) -> ComposeResult:
        value, placeholder = self._suggested()
        with Vertical(id="import-body", classes="exchange-body"):
            yield Static(said(f"Import an Excel workbook into {self.customer}", "bold"))
            yield Static(
                "pcsm's own export, or a template filled in by hand. You see what it would "
                "change, and every cell it cannot use, before anything is written.",
                id="import-hint",
                classes="exchange-hint",
            )
            path = Input(value=value, placeholder=placeholder, id="import-path")
            path.border_title = "Workbook (.xlsx)"
            yield path
            if self.tool is not None:
                yield Checkbox(
                    f"Read as {self.tool[1]} only (for sheets named otherwise)",
                    id="import-as-tool",
                    compact=True,
                )
            with Horizontal(id="import-progress-row", classes="exchange-progress"):
                yield ProgressBar(total=100, show_eta=False, id="import-progress")
                yield Label("", id="import-step", classes="exchange-step")
            with VerticalScroll(id="import-preview-box"):
                yield Static(
                    "Enter reads the workbook; nothing is written until you confirm.",
                    id="import-preview",
                )
                yield Static("", id="import-report", classes="exchange-result")
            skip = Checkbox(
                "Skip the unusable cells: they keep their stored values",
                id="import-skip",
                compact=True,
            )
            skip.display = False
            yield skip
            yield Static("", id="import-message", classes="exchange-result")
            with Horizontal(classes="exchange-buttons"):
                yield Button("Read workbook", id="import-read", compact=True)
                yield Button(
                    "Import as one commit",
                    variant="primary",
                    id="import-confirm",
                    disabled=True,
                    compact=True,
                )
                yield Button("Cancel", id="import-cancel", compact=True)
                yield Label("ctrl+s imports · esc cancels", classes="exchange-keys")

    def on_mount(self) -> None:
        self.query_one("#import-progress-row").display = False
        self.query_one("#import-path", Input).focus()

    # --- reading ------------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-read")
    def _read_asked(self) -> None:
        self.action_read()

    @on(Input.Changed, "#import-path")
    @on(Checkbox.Changed, "#import-as-tool")
    def _source_changed(self) -> None:
        """Another file or another reading: the plan shown no longer applies."""
        if self.plan is not None and not self.running:
            self._forget("Enter reads the workbook again.")

    def _forget(self, text: str) -> None:
        self.plan = None
        self.refused = False
        self.query_one("#import-confirm", Button).disabled = True
        self.query_one("#import-skip", Checkbox).display = False
        self.query_one("#import-preview", Static).update(content(text))
        self.query_one("#import-report", Static).update("")
        self.query_one("#import-message", Static).update("")

    def action_read(self) -> None:
        if self.running:
            return
        text = self.query_one("#import-path", Input).value
        if not text.strip():
            self.query_one("#import-message", Static).update(
                "[b red]✗[/] Give the workbook's path."
            )
            return
        path = typed_path(text)
        tool: str | None = None
        if self.tool is not None and self.query_one("#import-as-tool", Checkbox).value:
            tool = self.tool[0]
        self._forget(f"Reading {shown_path(path)}…")
        self.running = True
        self.query_one("#import-progress-row").display = True
        self.query_one("#import-progress", ProgressBar).update(progress=0)
        run_job(
            self,
            lambda: self._read(path, tool),
            self._planned,
            what="reading the workbook",
            failed=self._read_failed,  # a file error or invalid engagement files: shown as is
            group="exchange",
        )

    def _read(self, path: Path, tool: str | None) -> ImportPlan:
        def progress(text: str, fraction: float) -> None:
            self.app.call_from_thread(self._progress, text, fraction)

        return self.workspace.plan_import(self.slug, path, tool, progress)

    def _progress(self, text: str, fraction: float) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=round(fraction * 100))
        self.query_one("#import-step", Label).update(content(text, lines=False))

    def _read_failed(self, error: BaseException) -> None:
        self.running = False
        self.query_one("#import-progress-row").display = False
        self._forget("")
        self.query_one("#import-message", Static).update(
            said("✗ Cannot import: ", "bold red", _error_text(error))
        )

    def _planned(self, plan: ImportPlan) -> None:
        self.running = False
        self.plan = plan
        self.query_one("#import-progress", ProgressBar).update(progress=100)
        # Done: the room goes to the preview and the report (small terminals too).
        self.query_one("#import-progress-row").display = False
        self.query_one("#import-hint").display = False
        self.query_one("#import-preview", Static).update(preview_text(plan))
        self.query_one("#import-report", Static).update(report_text(plan))
        errors = len(plan.report.errors)
        skip = self.query_one("#import-skip", Checkbox)
        skip.value = False
        skip.display = errors > 0
        self.query_one("#import-confirm", Button).disabled = False
        if errors:
            message = (
                f"[b red]{errors} cell(s) cannot be used.[/] Fix them in the workbook and read "
                "it again, or tick “Skip the unusable cells” to import the rest."
            )
        elif not plan.writes:
            message = "Nothing to import: the engagement already holds what the workbook says."
        else:
            message = (
                f"Ready: ctrl+s writes {len(plan.writes)} file(s) as one commit; "
                "esc cancels and writes nothing."
            )
        self.query_one("#import-message", Static).update(message)

    @on(Checkbox.Changed, "#import-skip")
    def _skip_changed(self, event: Checkbox.Changed) -> None:
        plan = self.plan
        if plan is None or not plan.report.errors:
            return
        count = len(plan.report.errors)
        self.query_one("#import-message", Static).update(
            f"ctrl+s imports the rest; the {count} cell(s) listed keep their stored values."
            if event.value
            else f"[b red]{count} cell(s) cannot be used:[/] the import is refused unless "
            "“Skip the unusable cells” is ticked."
        )

    # --- confirming ---------------------------------------------------------------------

    @on(Button.Pressed, "#import-confirm")
    def _confirm_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#import-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_confirm(self) -> None:
        if self.running:
            return
        message = self.query_one("#import-message", Static)
        plan = self.plan
        if plan is None:
            message.update("[b red]✗[/] Read the workbook first (enter); nothing was written.")
            return
        skip = self.query_one("#import-skip", Checkbox).value
        if plan.report.errors and not skip:
            self.refused = True
            message.update(
                f"[b red]✗ Refused:[/] {len(plan.report.errors)} cell(s) cannot be used and "
                "“Skip the unusable cells” is not ticked. Nothing was written."
            )
            return
        if not plan.writes:
            self.dismiss(("nothing to import: the engagement already holds the workbook", ""))
            return
        self.running = True
        self.query_one("#import-confirm", Button).disabled = True
        message.update("Committing…")
        workspace = self.workspace
        run_job(
            self,
            lambda: workspace.apply_import(plan, skip_bad_cells=skip),
            self._applied,
            what="the import",
            failed=self._apply_failed,  # refused, file changed on disk, git said no: as is
            group="exchange",
        )

    def _apply_failed(self, error: BaseException) -> None:
        self.running = False
        self.query_one("#import-confirm", Button).disabled = False
        self.query_one("#import-message", Static).update(
            said("✗ Not imported: ", "bold red", _error_text(error))
        )

    def _applied(self, result: CommitResult) -> None:
        self.running = False
        if result.sha is None:
            text = "nothing to import: the engagement already holds the workbook"
        else:
            text = f"committed {result.sha[:7]}: {result.subject}"
            self.app.notify(result.subject, title="Imported as one commit")
        self.dismiss((text, ""))

    def action_cancel(self) -> None:
        if self.running and self.plan is not None:
            self.app.notify("The import is being committed; it takes a moment.")
            return
        self.dismiss(None)


def said(lead: str, style: str, text: str = "") -> Content:
    """`lead` in `style`, then `text` as it is: data is never read as markup, and its
    control and bidi characters are shown as escapes."""
    return content((lead, style), text)


def preview_text(plan: ImportPlan) -> Content:
    heading = f": {plan.source.name} → {plan.engagement} ({plan.rows} rows read)"
    lines = [said("Preview", "bold", heading)]
    lines += [Content(f"  {line}") for line in plan.preview_lines()]
    return safe_content(Content("\n").join(lines))  # cells of a workbook are data


def report_text(plan: ImportPlan) -> Content:
    errors, notes = plan.report.errors, plan.report.notes
    if not errors and not notes:
        return said("Report", "bold", ": every cell could be used.")
    lines = [
        said("Report", "bold", f": {len(errors)} cell(s) cannot be used, {len(notes)} note(s)")
    ]
    lines += [Content.styled(f"  ✗ {p}", "red") for p in errors]
    lines += [Content.styled(f"  · {p}", "dim") for p in notes]
    return safe_content(Content("\n").join(lines))
