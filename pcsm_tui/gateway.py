"""What the app and the CLI may name of the storage and exchange layers, beside `Workspace`.

ui/ and commands/ never import store/ or io/ (the import-linter contract in pyproject.toml):
they ask `Workspace` (service.py) to do things, and take from here the few names they need
to hold the answers — the dataclasses they show, the errors they catch, the pure helpers
that put a path or a value into words. Nothing here acts on a repository.

Each name is loaded when it is first asked for (PEP 562 `__getattr__`), from its own module:
a screen that needs `classify` must not pay for the Excel importer, and the app's start-up
must not pay for any of it. The type checker sees the plain imports below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .io.xlsx_import import ImportPlan as ImportPlan
    from .store.cascade import Removal as Removal
    from .store.git import CommitInfo as CommitInfo
    from .store.history import FileDiff as FileDiff
    from .store.history import HistoryItem as HistoryItem
    from .store.history import file_text as file_text
    from .store.history import pathspecs as pathspecs
    from .store.journal import Decision as Decision
    from .store.journal import InterruptedSave as InterruptedSave
    from .store.layout import classify as classify
    from .store.layout import engagement_rel as engagement_rel
    from .store.layout import plan_month_rel as plan_month_rel
    from .store.lock import set_waiting_notice as set_waiting_notice
    from .store.merge import MISSING as MISSING
    from .store.repository import CommitResult as CommitResult
    from .store.repository import Loaded as Loaded
    from .store.repository import dump as dump
    from .store.rescue import UnreadableFile as UnreadableFile
    from .store.resolve import ConflictedFile as ConflictedFile
    from .store.resolve import FieldConflict as FieldConflict
    from .store.resolve import Pick as Pick
    from .store.resolve import ResolveError as ResolveError
    from .store.resolve import resolved_text as resolved_text
    from .store.sync import Action as Action
    from .store.sync import SyncResult as SyncResult

_WHERE: dict[str, str] = {
    "Action": "store.sync",
    "CommitInfo": "store.git",
    "CommitResult": "store.repository",
    "ConflictedFile": "store.resolve",
    "Decision": "store.journal",
    "FieldConflict": "store.resolve",
    "FileDiff": "store.history",
    "HistoryItem": "store.history",
    "ImportPlan": "io.xlsx_import",
    "InterruptedSave": "store.journal",
    "Loaded": "store.repository",
    "MISSING": "store.merge",
    "Pick": "store.resolve",
    "Removal": "store.cascade",
    "ResolveError": "store.resolve",
    "SyncResult": "store.sync",
    "UnreadableFile": "store.rescue",
    "classify": "store.layout",
    "engagement_rel": "store.layout",
    "plan_month_rel": "store.layout",
    "dump": "store.repository",
    "file_text": "store.history",
    "pathspecs": "store.history",
    "resolved_text": "store.resolve",
    "set_waiting_notice": "store.lock",
}
"""Each name and the module (under pcsm_tui) it lives in."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"pcsm_tui.{module}"), name)


__all__ = sorted(_WHERE)
