"""What the app and the CLI may name of the storage and exchange layers, beside `Workspace`.

ui/ and commands/ never import store/ or io/ (the import-linter contract in pyproject.toml):
they ask `Workspace` (service.py and its service_*.py mixins) to do things, and take from
here the few names they need to hold the answers — the dataclasses they show, the errors
they catch, the pure helpers that put a path, a value, a diff or a report into words.
Nothing here acts on a repository.

Each name is loaded when it is first asked for (PEP 562 `__getattr__`), from its own module:
a screen that needs `classify` must not pay for the Excel importer, and the app's start-up
must not pay for any of it. The type checker sees the plain imports below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .io.forget import purge_instructions as purge_instructions
    from .io.mapping_step import Chosen as Chosen
    from .io.mapping_step import MappingStep as MappingStep
    from .io.privacy_report import report_json as report_json
    from .io.privacy_report import report_text as report_text
    from .io.xlsx_import import ImportPlan as ImportPlan
    from .store.asof import EngagementThen as EngagementThen
    from .store.blame import Blame as Blame
    from .store.blame import Stamp as Stamp
    from .store.cascade import Removal as Removal
    from .store.changes import jsonable as jsonable
    from .store.changes import show as show
    from .store.checks import ChangeRefused as ChangeRefused
    from .store.editorfiles import ForeignTaploConfig as ForeignTaploConfig
    from .store.findings import Finding as Finding
    from .store.git import CommitInfo as CommitInfo
    from .store.git import GitError as GitError
    from .store.history import FileDiff as FileDiff
    from .store.history import HistoryItem as HistoryItem
    from .store.history import file_json as file_json
    from .store.history import file_text as file_text
    from .store.history import history_json as history_json
    from .store.history import history_text as history_text
    from .store.history import pathspecs as pathspecs
    from .store.journal import Decision as Decision
    from .store.journal import InterruptedSave as InterruptedSave
    from .store.layout import BadName as BadName
    from .store.layout import classify as classify
    from .store.layout import engagement_rel as engagement_rel
    from .store.layout import plan_month_rel as plan_month_rel
    from .store.lock import set_waiting_notice as set_waiting_notice
    from .store.merge import MISSING as MISSING
    from .store.mergedriver import EXIT_INTERNAL as EXIT_INTERNAL
    from .store.mergedriver import FileConflicts as FileConflicts
    from .store.repository import CommitFailed as CommitFailed
    from .store.repository import CommitResult as CommitResult
    from .store.repository import Loaded as Loaded
    from .store.repository import NotARepository as NotARepository
    from .store.repository import dump as dump
    from .store.repository import refusals as refusals
    from .store.rescue import UnreadableFile as UnreadableFile
    from .store.resolve import ConflictedFile as ConflictedFile
    from .store.resolve import FieldConflict as FieldConflict
    from .store.resolve import Pick as Pick
    from .store.resolve import ResolveError as ResolveError
    from .store.resolve import resolved_text as resolved_text
    from .store.review import review_markdown as review_markdown
    from .store.sync import Action as Action
    from .store.sync import SyncResult as SyncResult
    from .store.toml_codec import TomlSyntaxError as TomlSyntaxError
    from .store.toml_codec import dumps_new as dumps_new
    from .store.where import printable as printable

_WHERE: dict[str, str] = {
    "Action": "store.sync",
    "BadName": "store.layout",
    "Chosen": "io.mapping_step",
    "ChangeRefused": "store.checks",
    "Blame": "store.blame",
    "CommitFailed": "store.repository",
    "CommitInfo": "store.git",
    "CommitResult": "store.repository",
    "EngagementThen": "store.asof",
    "ConflictedFile": "store.resolve",
    "Decision": "store.journal",
    "EXIT_INTERNAL": "store.mergedriver",
    "FieldConflict": "store.resolve",
    "FileConflicts": "store.mergedriver",
    "FileDiff": "store.history",
    "Finding": "store.findings",
    "ForeignTaploConfig": "store.editorfiles",
    "GitError": "store.git",
    "HistoryItem": "store.history",
    "ImportPlan": "io.xlsx_import",
    "InterruptedSave": "store.journal",
    "Loaded": "store.repository",
    "MISSING": "store.merge",
    "MappingStep": "io.mapping_step",
    "NotARepository": "store.repository",
    "Pick": "store.resolve",
    "Removal": "store.cascade",
    "ResolveError": "store.resolve",
    "Stamp": "store.blame",
    "SyncResult": "store.sync",
    "TomlSyntaxError": "store.toml_codec",
    "UnreadableFile": "store.rescue",
    "classify": "store.layout",
    "dump": "store.repository",
    "dumps_new": "store.toml_codec",
    "engagement_rel": "store.layout",
    "file_json": "store.history",
    "file_text": "store.history",
    "history_json": "store.history",
    "history_text": "store.history",
    "jsonable": "store.changes",
    "pathspecs": "store.history",
    "plan_month_rel": "store.layout",
    "printable": "store.where",
    "purge_instructions": "io.forget",
    "refusals": "store.repository",
    "report_json": "io.privacy_report",
    "report_text": "io.privacy_report",
    "resolved_text": "store.resolve",
    "review_markdown": "store.review",
    "set_waiting_notice": "store.lock",
    "show": "store.changes",
}
"""Each name and the module (under pcsm_tui) it lives in."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"pcsm_tui.{module}"), name)


__all__ = sorted(_WHERE)
