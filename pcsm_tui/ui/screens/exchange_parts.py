"""What the export dialog and the import screen share: paths as a person types and reads
them, the export job, the dialogs' styles (exchange.tcss) and how results are worded."""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.content import Content

from ..plain import content, safe_content

if TYPE_CHECKING:
    from ...gateway import ImportPlan

Outcome = tuple[str, str]
"""What the status line says when a dialog closes: (text, kind) as for `set_status`."""

ExportWhat = Literal["engagement", "tool", "docx", "md"]

REDACT_HELP = "personal data replaced by roles and pseudonyms, to share outside the team"

DIALOG_CSS = files("pcsm_tui.ui.screens").joinpath("exchange.tcss").read_text(encoding="utf-8")
"""The dialogs' styles, kept in exchange.tcss beside this module."""


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
