"""The milestone report dialog: Word, Markdown or HTML, a path, redact yes/no, Write.

The report is written by the service (`Workspace.write_report`, the same as `pcsm report`)
in a background job (ui/jobs.run_job): the app stays responsive, a failure is shown in
its own words, and the dialog says where it wrote (a Markdown report's picture too).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from ...errors import explain
from ...gateway import engagement_rel
from ..jobs import run_job
from ..plain import content, line
from .exchange_parts import Outcome, said, shown_path, typed_path
from .guide_dialogs import GUIDE_DIALOG_CSS

if TYPE_CHECKING:
    from ...service import Workspace
    from ...service_guide import ReportForm

FORMS: tuple[tuple[ReportForm, str, str], ...] = (
    ("docx", "Word (.docx)", ".docx"),
    ("md", "Markdown (.md, the matrix as an SVG beside it)", ".md"),
    ("html", "HTML (.html, one page)", ".html"),
)


class ReportDialog(ModalScreen[Outcome | None]):
    DEFAULT_CSS = GUIDE_DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "write", "Write the report", id="report.write"),
        Binding("escape", "close", "Close", id="report.close"),
    ]

    def __init__(self, workspace: Workspace, slug: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.slug = slug
        self.running = False
        self.outcome: Outcome | None = None
        self.written: list[Path] = []
        self._default = self._default_path(0, False)

    def _default_path(self, form: int, redact: bool) -> str:
        path = self.workspace.export_path(self.slug, "report", FORMS[form][2], redact)
        return shown_path(path)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="guide-dialog", id="report-body"):
            customer = self.workspace.read_quietly(engagement_rel(self.slug, "engagement.toml"))
            name = customer.get("customer")  # the customer by name; the folder only if unnamed
            title = name if isinstance(name, str) and name.strip() else self.slug
            yield Static(content(("Milestone report: ", "bold"), (title, "bold")))
            yield Label(
                content(("ctrl+s", "bold"), " writes   ", ("esc", "bold"), " closes"),
                classes="dialog-keys",
            )
            yield Static(
                content(
                    "Phase and progress, what was done since the last report, value KPIs, "
                    "go/no-go, open risks, next steps and the stakeholder matrix, from the "
                    "engagement's data as of today."
                ),
                classes="guide-hint",
            )
            with RadioSet(id="report-form"):
                for index, (_form, label, _suffix) in enumerate(FORMS):
                    yield RadioButton(label, value=index == 0)
            path = Input(value=self._default, id="report-path")
            path.border_title = "Save as"
            yield path
            yield Static(content(self._folder_words()), id="report-folder", classes="guide-hint")
            yield Checkbox(
                "Redact personal data (roles and pseudonyms instead of names)",
                id="report-redact",
                compact=True,
            )
            yield Static("", id="report-result", classes="guide-hint")

    def on_mount(self) -> None:
        self.query_one("#report-form", RadioSet).focus()

    def _folder_words(self, text: str | None = None) -> str:
        """Where the report goes, as a full path: a relative name is read from the folder
        the app started in, which the person may not know."""
        typed = self._default if text is None else text
        if not typed.strip():
            return "Folder: (give a file name)"
        return "Folder: " + path_in_lines(str(typed_path(typed).parent))

    @on(Input.Changed, "#report-path")
    def _path_changed(self, event: Input.Changed) -> None:
        self.query_one("#report-folder", Static).update(content(self._folder_words(event.value)))

    def _form(self) -> int:
        return max(0, self.query_one("#report-form", RadioSet).pressed_index)

    def _follow(self) -> None:
        """A path not typed over follows the chosen format and the redact switch."""
        box = self.query_one("#report-path", Input)
        if box.value == self._default:
            redact = self.query_one("#report-redact", Checkbox).value
            self._default = self._default_path(self._form(), redact)
            box.value = self._default

    @on(RadioSet.Changed, "#report-form")
    def _form_changed(self) -> None:
        self._follow()

    @on(Checkbox.Changed, "#report-redact")
    def _redact_changed(self) -> None:
        self._follow()

    @on(Input.Submitted, "#report-path")
    def _submitted(self) -> None:
        self.action_write()

    def _target(self) -> Path | str:
        text = self.query_one("#report-path", Input).value
        if not text.strip():
            return "Give the file to write."
        path = typed_path(text)
        suffix = FORMS[self._form()][2]
        if not path.suffix:
            path = path.with_name(path.name + suffix)
        if path.suffix.lower() != suffix:
            return f"This format's file name ends in {suffix}."
        if path.is_dir():
            return f"{shown_path(path)} is a folder: add a file name."
        return path

    def action_write(self) -> None:
        if self.running:
            return
        result = self.query_one("#report-result", Static)
        target = self._target()
        if isinstance(target, str):
            result.update(said("✗ ", "bold red", target))
            return
        form = FORMS[self._form()][0]
        redact = self.query_one("#report-redact", Checkbox).value
        self.running = True
        result.update(content("writing the report…"))
        run_job(
            self,
            lambda: self.workspace.write_report(self.slug, target, form, None, redact),
            self._done,
            what="the report",
            failed=self._failed,
            group="report",
        )

    def _done(self, written: list[Path]) -> None:
        self.running = False
        self.written = written
        where = " and ".join(shown_path(p) for p in written)
        redacted = "redacted " if self.query_one("#report-redact", Checkbox).value else ""
        message = f"wrote the {redacted}report to {where}"
        self.query_one("#report-result", Static).update(said("✓ ", "bold green", message))
        self.outcome = (message, "")
        self.app.notify(line(where), title="Report written", markup=False)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        text = explain(error)
        self.query_one("#report-result", Static).update(said("✗ Not written: ", "bold red", text))
        self.outcome = (f"report not written: {text.splitlines()[0] if text else error}", "error")
        self.app.notify(
            line(text), title="Report not written", severity="error", timeout=15, markup=False
        )

    def action_close(self) -> None:
        if self.running:
            self.app.notify("The report is still being written; it takes a moment.")
            return
        self.dismiss(self.outcome)


__all__ = ["FORMS", "ReportDialog"]


PATH_LINE = 56
"""A longer folder is shown on several lines, each break after a `/`: a path has no spaces
to wrap at, and a dialog at 80 columns would otherwise cut it."""


def path_in_lines(path: str) -> str:
    first, *rest = path.split("/")
    lines = [first]
    for part in rest:
        piece = "/" + part
        if lines[-1] and len(lines[-1]) + len(piece) > PATH_LINE:
            lines.append(piece)
        else:
            lines[-1] += piece
    return "\n".join(lines)
