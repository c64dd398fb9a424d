"""Excel workbooks and the proposal as a document through the service (`Workspace`
inherits them): pcsm_tui/io's exporters and importer. openpyxl and python-docx are imported
by these methods only, when they run, so neither the app's start nor the CLI pays for them."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .io.bundle import Progress
    from .io.xlsx_export import ExportResult
    from .io.xlsx_import import ImportPlan
    from .store.repository import CommitResult, Repository


class ExchangeService:
    """Mixed into `Workspace`: needs its `repo`, `root`, `today`, `_lock` and the undo
    bookkeeping (an import is a step of session undo)."""

    root: Path
    today: dt.date
    _lock: threading.Lock
    _remember: Callable[[CommitResult], CommitResult]

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def export_path(self, slug: str, what: str | None, suffix: str, redact: bool = False) -> Path:
        """Where an export goes unless told otherwise: beside the repository, not inside it.

        `northwind-emea-2026-11-22.xlsx`, `northwind-emea-risks-redacted-2026-11-22.xlsx`.
        """
        parts = [slug, *([what] if what else []), *(["redacted"] if redact else [])]
        return self.root.parent / f"{'-'.join(parts)}-{self.today.isoformat()}{suffix}"

    def export_workbook(
        self,
        slug: str,
        path: Path,
        tool: str | None = None,
        redact: bool = False,
        progress: Progress | None = None,
    ) -> ExportResult:
        """The engagement (or one tool, by the exporter's tool id) as an .xlsx workbook."""
        # start-up: io.xlsx_export loads only when this runs
        from .io.xlsx_export import export_xlsx

        return export_xlsx(self.repo, slug, path, tool, redact, progress)

    def export_letter(
        self,
        slug: str,
        path: Path,
        form: Literal["docx", "md"],
        redact: bool = False,
        progress: Progress | None = None,
    ) -> Path:
        """The customer success proposal as a Word or Markdown letter."""
        # start-up: io.proposal_doc loads only when this runs
        from .io.proposal_doc import export_proposal

        return export_proposal(self.repo, slug, path, form, redact, progress)

    def plan_import(
        self,
        slug: str,
        path: Path,
        tool: str | None = None,
        progress: Progress | None = None,
        mapping: Mapping[str, str] | None = None,
        values: Mapping[str, Mapping[str, str]] | None = None,
        remember: bool = True,
    ) -> ImportPlan:
        """Read a workbook into an import plan (preview and report); nothing is written.

        `mapping`: header -> field (or `ignore`) for tables found by content; `values`:
        field -> cell text -> the value to store (`--map`, `--values` of `pcsm import`);
        `remember`: commit them in `import-mappings/` with the import, for the next workbook
        of the same shape."""
        # start-up: io.xlsx_import loads only when this runs
        from .io.xlsx_import import plan_import

        return plan_import(self.repo, path, slug, tool, progress, mapping, values, remember)

    def apply_import(
        self,
        plan: ImportPlan,
        skip_bad_cells: bool = False,
        confirm_overwrite_unreadable: bool = False,
    ) -> CommitResult:
        """Write the plan as one commit, or raise ImportRefused and write nothing."""
        # start-up: io.xlsx_import loads only when this runs
        from .io.xlsx_import import apply_import

        with self._lock:
            return self._remember(
                apply_import(
                    self.repo,
                    plan,
                    skip_bad_cells,
                    confirm_overwrite_unreadable=confirm_overwrite_unreadable,
                )
            )
