"""History, time travel, field history, sync and conflicts through the service (`Workspace`
inherits them): store/history, timetravel, blame, sync and resolve. Reads go through
`readers` (closed when the app quits); writes take the service lock and are steps of
session undo."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store.asof import EngagementThen
    from .store.blame import Blame, FieldHistory, Stamp, Version
    from .store.git import CommitInfo
    from .store.history import FileDiff, HistoryItem
    from .store.readers import Readers
    from .store.repository import CommitResult, Loaded, Repository
    from .store.resolve import ConflictedFile, Pick
    from .store.sync import Action, SyncResult, SyncStatus


class HistoryService:
    """Mixed into `Workspace`: needs its `repo`, `root`, `readers`, `_lock`, `change` and
    `keep_history_fast`, and the undo bookkeeping of undo.SessionUndo."""

    root: Path
    readers: Readers
    _lock: threading.Lock
    _remember: Callable[[CommitResult], CommitResult]
    _remember_merge: Callable[[str | None], None]
    change: Callable[..., CommitResult]
    keep_history_fast: Callable[[], subprocess.Popen[bytes] | None]

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def history(self, paths: list[str], max_count: int | None = 1000) -> list[HistoryItem]:
        """Commits touching `paths` (git pathspecs), newest first, without their diffs."""
        # start-up: store.history loads only when this runs
        from .store.history import history

        repo = self.repo
        with self.readers.reading():
            return history(repo, paths, max_count=max_count, with_diffs=False)

    def commit_diff(self, item: HistoryItem, paths: list[str]) -> list[FileDiff]:
        # start-up: store.timetravel loads only when this runs
        from .store.timetravel import commit_diff

        repo = self.repo
        with self.readers.reading():
            return commit_diff(repo, item, paths)

    def file_at(self, rel: str, sha: str) -> str | None:
        # start-up: store.timetravel loads only when this runs
        from .store.timetravel import file_at

        repo = self.repo
        with self.readers.reading():
            return file_at(repo, rel, sha)

    def commit_on_or_before(self, paths: list[str], day: dt.date) -> CommitInfo | None:
        # start-up: store.timetravel loads only when this runs
        from .store.timetravel import commit_on_or_before

        repo = self.repo
        with self.readers.reading():
            return commit_on_or_before(repo, paths, day)

    def load_text(self, rel: str, text: str) -> Loaded:
        """A file's model from an old version's text (for viewing it as of a commit)."""
        # start-up: store.timetravel loads only when this runs
        from .store.timetravel import loaded_from_text

        return loaded_from_text(self.repo, rel, text)

    def engagement_as_of(self, slug: str, when: dt.date | str) -> EngagementThen:
        """The engagement's files as of the end of day `when` or as of the commit it names,
        for the read-only "engagement as of a date" screen; NothingThen (a PcsmError) says
        when it did not exist yet or `when` names no commit."""
        # start-up: store.asof loads only when this runs
        from .store.asof import engagement_then

        repo = self.repo
        with self.readers.reading():
            return engagement_then(repo, slug, when)

    def restore(
        self, rel: str, sha: str, confirm_overwrite_unreadable: bool = False
    ) -> CommitResult:
        """Make `rel` what it was as of `sha` again, as one new commit."""
        # start-up: store.timetravel loads only when this runs
        from .store.timetravel import restore

        with self._lock:
            return self._remember(
                restore(
                    self.repo, rel, sha, confirm_overwrite_unreadable=confirm_overwrite_unreadable
                )
            )

    def blame(self, rel: str) -> Blame:
        """Every field and row of `rel` with its value and its history (store/blame.py)."""
        # start-up: store.blame loads only when this runs
        from .store.blame import blame

        return blame(self.repo, rel)

    def field_history(self, rel: str, path: tuple[str, ...]) -> FieldHistory | None:
        """Every value one field (or row) of `rel` has had, oldest first: when, who, in
        which commit. `path` is field names and row ids, as in `Change.path`."""
        return self.blame(rel).find(path)

    def restore_value(self, rel: str, history: FieldHistory, version: Version) -> CommitResult:
        """Give one field back a value it had (an entry of its history), as one new commit;
        every other field stays as it is now. Checked and saved like any edit."""
        # start-up: store.blame loads only when this runs
        from .store.blame import put_value

        if history.row:
            raise ValueError(f"{history.label} is a row: restore its fields, or the file")
        stamp = version.stamp
        return self.change(
            rel,
            lambda data: put_value(data, history.path, version),
            headline=f"restored {history.label} as of {stamp.date[:10]} ({stamp.sha[:7]})",
        )

    def author_of(self, stamp: Stamp) -> str:
        """Who made a change, by name or by role as pcsm.toml's [privacy] wants."""
        # start-up: store.blame loads only when this runs
        from .store.blame import author_of

        return author_of(stamp, self.repo)

    def sync_status(self) -> SyncStatus:
        # start-up: store.sync loads only when this runs
        from .store.sync import status as sync_status

        root = self.repo.root
        with self.readers.reading():
            return sync_status(root)

    def sync(self, action: Action = "sync") -> SyncResult:
        """Fetch, merge (field by field), validate, push; or continue/abort a merge."""
        # start-up: store.sync loads only when this runs
        from .store.sync import sync

        with self._lock:
            before = self.repo.git.head()
            result = sync(self.repo.root, action=action)
            self._remember_merge(before)
        self.keep_history_fast()  # a pull brings commits the graph does not hold yet
        return result

    def merge_unfinished(self) -> bool:
        # start-up: store.git loads only when this runs
        from .store.git import GitService

        with self.readers.reading():  # asked at start: a quit kills it, never waits for it
            return GitService(self.root).merge_in_progress()

    def conflicts(self) -> list[ConflictedFile]:
        """The unfinished merge's conflicted files, each with its conflicting fields."""
        # start-up: store.resolve loads only when this runs
        from .store.resolve import load_conflicts

        return load_conflicts(self.repo.root)

    def resolve(self, files: list[ConflictedFile], picks: dict[str, dict[int, Pick]]) -> SyncResult:
        """Write the decided files and commit the merge (validated; nothing pushed)."""
        # start-up: store.resolve loads only when this runs
        from .store.resolve import resolve_merge

        with self._lock:
            before = self.repo.git.head()
            result = resolve_merge(self.repo.root, files, picks)
            self._remember_merge(before)
            return result
