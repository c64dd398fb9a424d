"""What the live screens watch: the files' change stamps, which files do not read (kept
between runs: store/readverdicts), and the stamp an editor was built under (issue 13, 16).

A mixin of `Workspace` (service.py). Nothing here opens a file it need not: stamps come from
`scandir`/`lstat`, and a file is parsed only when its full stamp is not one a verdict was
kept for. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .safeio import Unreadable
from .store.layout import Layout, engagement_rel
from .store.readverdicts import KEEP_AFTER, ReadVerdicts

if TYPE_CHECKING:
    from .store.readers import Readers

Stamps = dict[str, tuple[int, ...]]
"""Repository-relative path -> its full stamp (`_full_stamp`: inode, size, modification and
change times in ns): what the portfolio's watch compares, and what the read verdicts are
kept under, so the watch's first look needs no second stat of every file."""

WATCH_TOP = ("pcsm.toml", "framework.toml")
"""Files outside the engagement folders whose change changes every row."""

_VERDICTS_MADE = threading.Lock()
"""The watch's thread and the UI thread may both ask first: one set of verdicts is made."""


class FileWatch:
    """The stamps and verdicts of the working tree's files (mixed into Workspace)."""

    root: Path

    if TYPE_CHECKING:
        readers: Readers

        def engagement_slugs(self) -> list[str]: ...

    def stamps(self) -> Stamps:
        """The full stamp of every file in the engagement folders and the repository's own
        settings: one `scandir` per folder, no file opened (cheap enough to poll).

        Raises Cancelled (store/readers) between two folders once the app is quitting: at
        1,000 engagements the scan is ~0.3 s of Python holding the interpreter, and the
        watch's first look runs right after the first frame, so a `q` typed then shared
        the interpreter with it until the process ended."""
        found: Stamps = {}
        for rel in WATCH_TOP:
            _stamp_into(found, self.root / rel, rel)
        for slug in self.engagement_slugs():
            self.readers.check()
            rel = engagement_rel(slug)
            _scan(found, self.root / rel, rel, depth=2)
        return found

    def broken_files(self, rels: list[str], stamps: Stamps | None = None) -> dict[str, str]:
        """Which of `rels` (.toml files) do not read, and why (`file:line:col: why`).
        A file is parsed only when its stamp is not one a verdict was kept for, in this
        run or an earlier one (store/readverdicts). `stamps`: full stamps just taken (the
        watch's scan); a file's stamp is otherwise taken here."""

        layout = Layout(self.root)
        verdicts = self.read_verdicts()
        found: dict[str, str] = {}
        for rel in rels:
            if not rel.endswith(".toml"):
                continue
            stamp = stamps.get(rel) if stamps is not None else None
            if stamp is None:
                stamp = _full_stamp(self.root / rel)
            known = verdicts.get(rel, stamp) if stamp is not None else None
            if known is not None:
                if known:
                    found[rel] = known
                continue
            why = ""
            verdicts.parsed += 1
            try:
                layout.read_toml(rel)
            except FileNotFoundError:
                continue
            except Unreadable as error:
                why = error.located(Path(rel).name)
            except OSError as error:
                why = f"{Path(rel).name}: {error.strerror or error}"
            if why:
                found[rel] = why
            if stamp is not None and not _racy(stamp):
                verdicts.put(rel, stamp, why)
        return found

    def read_verdicts(self) -> ReadVerdicts:
        """This workspace's verdicts on which files read (made once, on first use)."""
        verdicts: ReadVerdicts | None = self.__dict__.get("_read_verdicts")
        if verdicts is None:
            with _VERDICTS_MADE:
                verdicts = self.__dict__.get("_read_verdicts")
                if verdicts is None:
                    verdicts = self.__dict__["_read_verdicts"] = ReadVerdicts(self.root)
        return verdicts

    def keep_read_verdicts(self, at_least: int = KEEP_AFTER) -> None:
        """Write the verdicts learnt when `at_least` are new (the portfolio's first look
        learns thousands), so that the next start does not parse every file again."""
        self.read_verdicts().keep(at_least)

    def engagement_broken(self, slug: str) -> dict[str, str]:
        """Every file of one engagement that does not read (the plan's months included)."""
        stamps: Stamps = {}
        rel = engagement_rel(slug)
        _scan(stamps, self.root / rel, rel, depth=2)
        return self.broken_files(sorted(stamps), stamps)

    def shown_stamp(self, folders: list[str]) -> tuple[tuple[str, tuple[int, ...]], ...] | None:
        """What an editor on screen was built from, for the app to show it again instead of
        building it anew: the full stamp of every file under `folders` (two levels) and of
        the repository's settings. None when a file changed in the last two seconds (the
        racy rule): then nothing may be reused, a second write could keep every stamp."""
        found: dict[str, tuple[int, ...]] = {}
        for rel in WATCH_TOP:
            stamp = _full_stamp(self.root / rel)
            if stamp is not None:
                found[rel] = stamp
        for folder in folders:
            _scan(found, self.root / folder, folder, depth=2)
        if any(_racy(stamp) for stamp in found.values()):
            return None
        return tuple(sorted(found.items()))


def _full_stamp(path: Path) -> tuple[int, ...] | None:
    """What says a file is the one read before: opening an engagement asks which of its
    files do not read, and parsing every file (the plan's months too) on each opening cost
    most of the opening's time. The change time is in it because a writer can put the old
    size and modification time back; it cannot put back the change time."""
    try:
        return _stamp_of(os.lstat(path))
    except OSError:
        return None


def _stamp_of(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


RACY_NS = 2_000_000_000
"""How recent a change makes a stamp untrustworthy (tests that reuse at once set it to 0)."""


def _racy(stamp: tuple[int, ...]) -> bool:
    """Changed in the last two seconds: a second write in the same clock tick could keep
    every stamp (git's "racy" rule), so such a file is read again next time."""
    return time.time_ns() - max(stamp[2], stamp[3]) < RACY_NS


def _stamp_into(found: Stamps, path: Path, rel: str) -> None:
    try:
        info = os.lstat(path)
    except OSError:
        return
    found[rel] = _stamp_of(info)


def _scan(found: Stamps, folder: Path, rel: str, depth: int) -> None:
    """Full stamps of the files in `folder` and (depth) its sub-folders; links are not
    followed (a link itself is stamped: it is a problem the row shows)."""
    for inner, info in _files(folder, rel, depth):
        found[inner] = _stamp_of(info)


def _files(folder: Path, rel: str, depth: int) -> Iterator[tuple[str, os.stat_result]]:
    """(path, lstat) of every file in `folder` and (depth) its sub-folders, links unfollowed;
    a folder or file that vanishes meanwhile is left out."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                inner = f"{rel}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if depth > 1:
                        yield from _files(Path(entry.path), inner, depth - 1)
                    continue
                try:
                    yield inner, entry.stat(follow_symlinks=False)
                except OSError:
                    continue
    except OSError:
        return
