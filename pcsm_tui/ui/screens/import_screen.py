"""The import screen: a workbook read into a plan, its preview and report, then one commit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from ...errors import explain
from ..jobs import run_job
from ..plain import content
from .exchange_parts import (
    DIALOG_CSS,
    Outcome,
    preview_text,
    report_text,
    said,
    shown_path,
    typed_path,
)
from .import_mapping import MappingScreen

if TYPE_CHECKING:
    from ...gateway import Chosen, CommitResult, ImportPlan, MappingStep
    from ...service import Workspace


class ImportScreen(ModalScreen[Outcome | None]):
    """A workbook's path; its preview and cell report; then one commit or nothing."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel the import (nothing is written)", id="import.cancel"),
        Binding("ctrl+s", "confirm", "Import as one commit", id="import.confirm"),
        Binding(
            "ctrl+t",
            "map",
            "Map the columns of a table found by its content by hand",
            id="import.map",
        ),
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
        self.steps: list[MappingStep] = []
        """The tables found by content in the workbook read, for the mapping step (m)."""
        self.path: Path | None = None
        self.mapped = False
        """The plan shown was read with a mapping from the mapping step (Enter imports)."""

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
                "pcsm's own export, a template filled in by hand, or a team's own register, "
                "RACI chart, risk or issue log (found by content). You see what it would "
                "change, and every cell it cannot use, before anything is written.",
                id="import-hint",
                classes="exchange-hint",
            )
            path = Input(value=value, placeholder=placeholder, id="import-path")
            path.border_title = "Workbook (.xlsx, .ods, .csv)"
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
                yield Label(
                    "ctrl+s imports · ctrl+t maps · esc cancels",
                    classes="exchange-keys",
                )

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
        self.steps = []
        self.mapped = False
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
        self.path = path
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
            said("✗ Cannot import: ", "bold red", explain(error))
        )
        steps: list[MappingStep] = list(getattr(error, "steps", []))
        if steps:  # pcsm found tables but is not sure what they are: ask the person
            self.steps = steps
            self.action_map()

    def _planned(self, plan: ImportPlan) -> None:
        self.running = False
        self.plan = plan
        self.steps = list(plan.steps)
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
            if plan.steps:
                message += " ctrl+t maps the columns by hand instead."
        self.query_one("#import-message", Static).update(message)
        if self.mapped and not errors and plan.writes:
            self.action_confirm()  # Enter on the mapping step said: import this

    # --- the mapping step ---------------------------------------------------------------

    def action_map(self) -> None:
        if self.running:
            return
        if not self.steps:
            self.query_one("#import-message", Static).update(
                "No table found by its content to map: read a workbook first (enter); sheets "
                "pcsm wrote itself need no mapping."
            )
            return
        # The first table pcsm did not import; else the first it read by itself.
        self.steps.sort(key=lambda step: step.imported)
        self.app.push_screen(MappingScreen(self.steps[0]), self._mapped)

    def _mapped(self, chosen: Chosen | None) -> None:
        step, path = (self.steps[0] if self.steps else None), self.path
        if chosen is None or step is None or path is None:
            self.query_one("#import-message", Static).update(
                "Mapping cancelled: nothing was written. ctrl+t maps the columns again."
            )
            return
        headers, values = step.mapping(chosen)
        self._forget(f"Reading {shown_path(path)} with your mapping…")
        self.mapped = True
        self.running = True
        workspace, slug = self.workspace, self.slug
        run_job(
            self,
            lambda: workspace.plan_import(slug, path, chosen.tool, None, headers, values),
            self._planned,
            what="reading the workbook",
            failed=self._read_failed,  # the mapping still leaves it unreadable: said as is
            group="exchange",
        )

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
            said("✗ Not imported: ", "bold red", explain(error))
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
