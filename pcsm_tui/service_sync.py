"""The sharing part of the service (`Workspace` inherits it) that the CLI drives: `pcsm
sync` with a chosen remote, the status without the network, and git's merge driver. The
app's own sync (no remote chosen, session undo) stays in service.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .store.layout import SETTINGS_FILE

if TYPE_CHECKING:
    from .store.sync import Action, SyncResult, SyncStatus


class SyncService:
    """Mixed into `Workspace`: needs its `root` only (a status reads any git repository)."""

    root: Path

    def remote_status(self, remote: str | None = None) -> SyncStatus:
        """Branch, `remote` (None: the tracked one), ahead/behind as of the last fetch and
        the unpushed commits; never touches the network."""
        # start-up: store.sync loads only when this runs
        from .store.sync import status

        return status(self.root, remote)

    def sync_with(self, remote: str | None, action: Action = "sync") -> SyncResult:
        """Fetch from `remote`, merge field by field, validate, push (or continue or abort
        an unfinished merge); then bring git's commit-graph up to date in the background so
        history stays fast after a pull."""
        # start-up: store.graph, store.sync load only when this runs
        from .store.graph import upkeep
        from .store.sync import sync

        result = sync(self.root, remote, action)
        upkeep(self.root)
        return result

    def merge_driver(self, base: Path, ours: Path, theirs: Path, rel: str) -> int:
        """git's merge driver for one file (`pcsm merge-driver`): the structured merge,
        writing the result into `ours`; git's exit convention (0 clean, 1 conflicts)."""
        # start-up: store.mergedriver loads only when this runs
        from .store.mergedriver import run_merge_driver

        return run_merge_driver(base, ours, theirs, rel, self.root)


class Syncing(SyncService):
    """`pcsm sync` alone: a `Workspace` would import the analyses, the guide and the
    exchange formats (~0.4 s) that a sync never uses; the sync opens the repository itself
    (store/sync: its merge driver configured) and loads the models only when what a merge
    brings in is validated (issue 16: a sync near git's own time)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()


def syncing_at(path: Path) -> Syncing:
    """The repository at `path` for a sync; NotARepository names `path` as given."""
    if not (path / SETTINGS_FILE).is_file():
        # start-up: store.refusals (tomlkit, through the merge) loads only when this runs
        from .store.refusals import NotARepository

        raise NotARepository(path)
    return Syncing(path)
