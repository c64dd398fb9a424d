"""`pcsm export ENGAGEMENT --xlsx FILE`: an engagement (or one tool) as an Excel workbook.

The workbook follows the framework's templates (see `layouts.py` for every sheet) and stays
usable for people who keep editing it in Excel: styled, frozen headers, wrapped text,
validation lists and ranges, live formulas for totals and scores, and each row's id in a
narrow grey `pcsm id` column so that `pcsm import` finds the row again.

The API is callable from a background worker: it takes a progress callback and returns a
result; openpyxl is imported only when an export runs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..store.atomic import write_atomic
from ..store.repository import Repository
from .bundle import EngagementData, Progress, load_engagement, no_progress
from .layouts import adapters
from .redact import MARK
from .redact import redact as redact_data
from .sheet_writer import BookWriter


class UnknownTool(UsageError, LookupError):
    def __init__(self, tool: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown tool {tool!r}; the tools are: {', '.join(known)}")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sheets: list[str]
    redacted: bool


NOT_XLSX = frozenset({".ods", ".csv", ".tsv", ".txt", ".xls", ".numbers", ".fods"})
"""Names of other formats: an .xlsx written under them would not open as what they say."""


def export_xlsx(
    repo: Repository,
    engagement: str,
    path: Path,
    tool: str | None = None,
    redact: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the workbook to `path` (atomically) and say which sheets it has."""
    if path.suffix.lower() in NOT_XLSX:
        # Excel content under an .ods or .csv name opens as garbage or not at all.
        raise UsageError(
            f"{path.name}: pcsm writes Excel workbooks (.xlsx) only; name the file "
            f"{path.stem}.xlsx (LibreOffice and other spreadsheet programs open it)"
        )
    data = load_engagement(repo, engagement)
    return export_data(data, path, tool, redact, progress)


def export_data(
    data: EngagementData,
    path: Path,
    tool: str | None = None,
    redact: bool = False,
    progress: Progress | None = None,
) -> ExportResult:

    report = progress or no_progress
    chosen = list(adapters(data.framework))
    if tool is not None:
        chosen = [a for a in chosen if a.tool == tool]
        if not chosen:
            raise UnknownTool(tool, [a.tool for a in adapters(data.framework)])
    if redact:
        report("redacting personal data", 0.0)
        data = redact_data(data)
    book = BookWriter(data.scales, data.paper)
    for index, adapter in enumerate(chosen):
        report(adapter.title, index / (len(chosen) + 1))
        adapter.export(data, book)
    properties = book.workbook.properties
    properties.title = f"{data.engagement.customer}: {chosen[0].title if tool else 'engagement'}"
    properties.creator = "pcsm"
    properties.subject = f"pcsm engagement {data.slug}"
    properties.keywords = MARK if redact else "pcsm export"
    book.finish()
    report("saving the workbook", len(chosen) / (len(chosen) + 1))
    buffer = io.BytesIO()
    book.workbook.save(buffer)
    write_atomic(path, buffer.getvalue())
    report("done", 1.0)
    return ExportResult(path, [ws.title for ws in book.workbook.worksheets], redact)
