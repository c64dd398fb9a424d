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

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...framework.catalogue import DOCUMENT_TOOL, TOOLS_BY_ID
from .exchange_parts import (
    REDACT_HELP,
    ExportJob,
    ExportWhat,
    Outcome,
    shown_path,
    typed_path,
)
from .export_dialog import ExportDialog
from .import_screen import ImportScreen

if TYPE_CHECKING:
    from .engagement import EngagementScreen


PALETTE_EXPORTS: tuple[tuple[str, ExportWhat, bool], ...] = (
    ("Export engagement to Excel (redacted)", "engagement", True),
    ("Export this tool to Excel (redacted)", "tool", True),
    ("Export the proposal as Word (redacted)", "docx", True),
    ("Export the proposal as Markdown", "md", False),
    ("Export the proposal as Markdown (redacted)", "md", True),
)
"""The exports without a key of their own (the keys are O, T and W on the engagement screen)."""


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
        name_part=DOCUMENT_TOOL.id,
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


__all__ = [
    "PALETTE_EXPORTS",
    "REDACT_HELP",
    "ExportDialog",
    "ExportWhat",
    "ImportScreen",
    "Outcome",
    "open_export",
    "open_import",
    "shown_path",
    "typed_path",
]
