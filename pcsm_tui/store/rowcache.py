"""Portfolio rows kept between runs, so the first screen of a big repository paints at once.

A portfolio row is read from seven files of an engagement; on a team's repository of 1,000
engagements that is 7,000 TOML parses, about five seconds here. Each kept row carries the
stamps of the files it was read from (inode, size, modification and change times) and what
else it depends on (the framework's facts, today's date for "overdue"). A row is used again
only when all of that is the same, so an edit in pcsm, by hand, or by a pull or checkout
(which write new files) reads that engagement afresh; nothing else is trusted.

Like git's index, a stamp taken within a moment of the file's last change is "racy": the
file could change again within the same clock tick and keep its stamp. Such rows are not
kept. The cache lives in `.git/pcsm/` (never committed, never shared) and is only a cache:
a missing, old or unreadable one is rebuilt without a word.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .sealed import read_sealed, write_sealed

FORMAT = 5
"""3: a row's file names and stamps are kept as one string each (`_joined`, `_encoded`): the
cache of 1,000 engagements held 56,000 numbers in 14,000 lists, and parsing them was most of
the 20 ms its `json.loads` took before the first frame; strings parse in a third of that.
4: each row is kept as its own line of JSON after the first line, parsed only when the row
is used: before the first frame every row is only ordered and a screenful checked.
5: the file names and stamps moved into the row's line too. The first line held them for
every row (1.2 MB of the 1.7 MB at 1,000 engagements) and was parsed whole before the first
frame for the ~40 rows it checks; now it holds each row's place only (its line number,
customer and problem: ~60 kB), and a row's names, stamps and values are parsed together
when the row is checked. The file is read as bytes and a line decoded only when parsed:
opening the cache at 1,000 engagements took 7-9 ms, now 3.5-4.5 (checking every row after
the first frame, ~80 ms, is the same)."""
RACY_S = 2.0
"""Files changed this recently are read every time, until their stamps settle."""

Stamp = tuple[int, int, int, int] | None


def stamp(path: str) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class RowCache:
    """Rows by engagement, valid while the stamps of their files and the context hold."""

    def __init__(self, root: Path, context: str) -> None:
        git_dir = root / ".git"
        self.path = git_dir / "pcsm" / "portfolio.json" if git_dir.is_dir() else None
        self.context = context
        self._rows: dict[str, dict[str, Any]] = {}
        """By folder name: the row's `order` (customer, problem) and its `line`, the JSON of
        its file names, stamps and values, parsed only when the row is checked (`_kept`)."""
        self._dirty = False
        if self.path is not None:
            lines: list[bytes] = []
            try:  # bytes: a row's line is decoded only when it is parsed (json takes UTF-8)
                head, _, body = self.path.read_bytes().partition(b"\n")
                kept = json.loads(head)
                lines = body.split(b"\n")
            except (OSError, ValueError):
                kept = None
            if isinstance(kept, dict) and kept.get("format") == FORMAT:
                if kept.get("context") == context and isinstance(kept.get("rows"), dict):
                    self._rows = _with_lines(kept["rows"], lines)
                else:
                    self._dirty = True  # another framework or another day: start afresh

    @staticmethod
    def _stamps(folder: Path, files: Sequence[str]) -> list[Stamp]:
        base = f"{folder}{os.sep}"  # plain strings: 7,000 paths cost 60 ms with pathlib
        return [stamp(base + name) for name in files]

    def _kept(self, folder: Path, names: list[str], stamps: list[Stamp]) -> dict[str, Any] | None:
        entry = self._rows.get(folder.name)
        if entry is None:
            return None
        try:
            kept = json.loads(entry["line"])
        except ValueError:
            return None  # a cache edited by hand: the row is read afresh
        if (
            isinstance(kept, dict)
            and kept.get("files") == _joined(names)
            and kept.get("stamps") == _encoded(stamps)
            and isinstance(kept.get("row"), dict)
        ):
            row: dict[str, Any] = kept["row"]
            return row
        return None

    def unchecked(self, names: Sequence[str]) -> dict[str, tuple[str, str]]:
        """The kept order (customer, problem) of each folder (by its name) the cache has a
        row for, with NOTHING checked: no stamp compared, so any of them may be stale. Only
        for ordering rows before they are checked with `rows` (ui/screens/portfolio_first);
        never to be shown."""
        found: dict[str, tuple[str, str]] = {}
        for name in names:
            kept = self._rows.get(name)
            if kept is not None:
                customer, problem = kept["order"]  # checked when read (_with_lines)
                found[name] = (customer, problem)
        return found

    def rows(
        self,
        folders: Sequence[Path],
        files: Sequence[str] | Callable[[Path], Sequence[str]],
        read: Callable[[Path], dict[str, Any]],
        progress: Callable[[int, int], None] | None = None,
        limit: int | None = None,
        prune: bool = True,
        check: Callable[[], None] | None = None,
    ) -> tuple[list[dict[str, Any]], int]:
        """The row of each folder, and how many folders were left unread.

        A row is kept when its files' stamps match, else `read` afresh (stamps first, so a
        change made while reading is seen next time). When more than `limit` folders need
        reading, none is read: the kept rows come back with the count, for the caller to
        read them later (with `progress`, which hears (done, total) every 50 reads).
        `files` may depend on the folder (the months of its stakeholder plan): a file that
        appears or goes away reads the row afresh. `prune`: `folders` are all there are, so
        the kept rows of any other folder go (False: checking a few of them). `check` is
        called before each folder is stamped and may raise to stop (a background read the
        app no longer wants: at 1,000 engagements stamping is ~0.2 s before any read).
        """
        named = [(folder, list(files(folder) if callable(files) else files)) for folder in folders]
        stamped = []
        for folder, names in named:
            if check is not None:
                check()
            stamped.append((folder, names, self._stamps(folder, names)))
        kept = [self._kept(folder, names, stamps) for folder, names, stamps in stamped]
        unread = kept.count(None)
        if limit is not None and unread > limit:
            return [row for row in kept if row is not None], unread
        settled = (time.time() - RACY_S) * 1e9
        result: list[dict[str, Any]] = []
        done = 0
        for (folder, names, stamps), row in zip(stamped, kept, strict=True):
            if row is None:
                row = read(folder)
                done += 1
                if progress is not None and done % 50 == 0:
                    progress(len(result) + 1, len(folders))
                self._keep(folder.name, names, stamps, row, settled)
            result.append(row)
        if prune:
            for gone in set(self._rows) - {folder.name for folder in folders}:
                del self._rows[gone]
                self._dirty = True
        return result, 0

    def _keep(
        self, name: str, names: list[str], stamps: list[Stamp], row: dict[str, Any], settled: float
    ) -> None:
        if all(s is None or (s[2] < settled and s[3] < settled) for s in stamps):
            line = {"files": _joined(names), "stamps": _encoded(stamps), "row": row}
            self._rows[name] = {
                "order": [row.get("customer", ""), row.get("problem", "")],
                "line": json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode(),
            }
            self._dirty = True
        elif self._rows.pop(name, None) is not None:
            self._dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a failure only means the next start reads more."""
        if self.path is None or not self._dirty:
            return
        rows: dict[str, dict[str, Any]] = {}
        lines: list[bytes] = []
        for name, kept in list(self._rows.items()):
            rows[name] = {"order": kept["order"], "row": len(lines)}  # the row's line number
            lines.append(kept["line"])
        head = json.dumps(
            {"format": FORMAT, "context": self.context, "rows": rows},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        data = b"\n".join([head.encode(), *lines])  # json.dumps never writes a line break
        # One temporary file per process and thread: the portfolio may be read by the
        # screen and a worker at once; the last rename wins, both are whole files.
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            self.path.parent.mkdir(exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)
            return
        self._dirty = False


def _with_lines(rows: dict[str, Any], lines: list[bytes]) -> dict[str, dict[str, Any]]:
    """The kept entries, each its row's `order` and `line`; an entry that is not one (a
    cache cut short or edited by hand) is dropped, and that engagement read again."""
    found: dict[str, dict[str, Any]] = {}
    count = len(lines)
    for name, kept in rows.items():
        if isinstance(kept, dict):
            index, order = kept.get("row"), kept.get("order")
            if (
                type(index) is int
                and 0 <= index < count
                and type(order) is list
                and len(order) == 2
                and type(order[0]) is str
                and type(order[1]) is str
            ):
                found[name] = {"order": order, "line": lines[index]}
    return found


def _joined(names: list[str]) -> str:
    """A row's file names as one string (no file name can hold a NUL)."""
    return "\0".join(names)


def _encoded(stamps: list[Stamp]) -> str:
    """A row's stamps as one string: equal strings, equal stamps ("-" for a missing file)."""
    return ";".join("-" if s is None else f"{s[0]},{s[1]},{s[2]},{s[3]}" for s in stamps)


def _pcsm_file(root: Path, name: str) -> Path | None:
    git_dir = root / ".git"
    return git_dir / "pcsm" / name if git_dir.is_dir() else None


def kept_json(root: Path, name: str, key: str) -> Any:
    """The data kept in `.git/pcsm/<name>` under `key` (a digest of all it was made from),
    or None: missing, unreadable, kept under another key, or edited by hand (store/sealed)."""
    path = _pcsm_file(root, name)
    return read_sealed(path, key) if path is not None else None


def keep_json(root: Path, name: str, key: str, data: Any) -> None:
    """Keep `data` under `key` (whole file or nothing); a failure only means recomputing."""
    path = _pcsm_file(root, name)
    if path is not None:
        write_sealed(path, key, data)
