"""The save journal: a change of several files appears whole or not at all, even after kill -9.

Before a save writes anything it records in `.git/pcsm/journal.json` what it is about to
do: each file's digest before and after, how to get the old bytes back (HEAD's blob, or
the bytes themselves), the new bytes when there is more than one file, and the commit
message. The journal is removed once the commit is made. A journal found later means a
save stopped half way (the process was killed, the machine went down, git refused the
commit); `settle` decides what that means before any other save runs:

- nothing was written yet, or the commit was made after all: the journal goes, silently;
- otherwise the person decides (`pcsm recover`, or the app asks): **finish** writes what
  is missing and makes the planned commit, **clean** puts every file back as it was,
  **forget** leaves the files as they are (git shows them as uncommitted). Finish and
  clean refuse when a file has been changed since the save stopped.

Git's leftover lock files (`index.lock`, `HEAD.lock`, the branch's) are explained from the
journal and the repository lock's record (which pcsm, which pid, since when) and only
removed by `recover` when shown to come from the dead pcsm's own commit (see
`recovery.stale_git_locks`).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import PcsmError
from .atomic import digest, write_atomic
from .lock import pcsm_dir
from .plumbing import read_head

FORMAT = 1
State = Literal["old", "new", "other"]
Decision = Literal["finish", "clean", "forget"]


class InterruptedSave(PcsmError):
    """An earlier save stopped half way; a person decides before pcsm saves anything else."""


@dataclass
class JournalFile:
    rel: str
    old: str | None
    """Digest of the bytes before (None: the file did not exist)."""
    new: str | None
    """Digest of the bytes after (None: the save deletes the file)."""
    old_blob: str | None = None
    """A blob holding the old bytes (HEAD's version), when there is one."""
    old_bytes: bytes | None = None
    """The old bytes themselves, when no blob holds them (an uncommitted outside change)."""
    new_bytes: bytes | None = None
    """The new bytes, kept when the save writes several files (so that it can be finished)."""
    commit_bytes: bytes | None = None
    """What the commit holds for this file when it is not the new bytes (see saving.py)."""
    commit: Literal["work", "bytes", "delete", "skip"] = "work"
    """How the file enters the commit: its new bytes, `commit_bytes`, deleted, or not."""


@dataclass
class Journal:
    pid: int
    started: str
    head: str | None
    message: str
    files: list[JournalFile]
    stage: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    contents: bool = False
    """The commit is built from `commit_bytes` (plumbing), not from the work tree."""
    failed: str = ""
    """git refused the commit (its words): any git lock file found later is not this save's."""


def path_of(root: Path) -> Path:
    return pcsm_dir(root) / "journal.json"


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _bytes(text: Any) -> bytes | None:
    return None if text is None else base64.b64decode(str(text))


def write(root: Path, journal: Journal, durable: bool) -> None:
    """Record the plan (atomically; fsynced when `durable`, i.e. for several files)."""
    payload = {
        "format": FORMAT,
        "pid": journal.pid,
        "started": journal.started,
        "head": journal.head,
        "message": journal.message,
        "stage": journal.stage,
        "extra": journal.extra,
        "contents": journal.contents,
        "failed": journal.failed,
        "files": [
            {
                "rel": f.rel,
                "old": f.old,
                "new": f.new,
                "old_blob": f.old_blob,
                "old_bytes": _b64(f.old_bytes),
                "new_bytes": _b64(f.new_bytes),
                "commit_bytes": _b64(f.commit_bytes),
                "commit": f.commit,
            }
            for f in journal.files
        ],
    }
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    target = path_of(root)
    if durable:
        write_atomic(target, data)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".journal.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def unlink_file(root: Path, rel: str) -> None:
    """Remove a file a save created, and the folders it made for it that are now empty
    (a half-made engagement folder goes entirely)."""
    path = root / rel
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()  # only ever removes an empty folder
        except OSError:
            break
        folder = folder.parent


def remove(root: Path, record: Journal | None = None) -> None:
    """Drop the journal, and the temporary files its save may have left (`.name.*.tmp`,
    written but never renamed: only ever pcsm's own, and nobody writes them now)."""
    if record is not None:
        for entry in record.files:
            path = root / entry.rel
            if path.parent.is_dir():
                for leftover in path.parent.glob(f".{path.name}.*.tmp"):
                    leftover.unlink(missing_ok=True)
    path_of(root).unlink(missing_ok=True)


def read(root: Path) -> Journal | None:
    """The leftover journal, if any (raises InterruptedSave if it does not read)."""
    path = path_of(root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        files = [
            JournalFile(
                str(f["rel"]),
                f["old"],
                f["new"],
                f.get("old_blob"),
                _bytes(f.get("old_bytes")),
                _bytes(f.get("new_bytes")),
                _bytes(f.get("commit_bytes")),
                f.get("commit", "work"),
            )
            for f in data["files"]
        ]
        return Journal(
            int(data["pid"]),
            str(data["started"]),
            data.get("head"),
            str(data["message"]),
            files,
            list(data.get("stage", [])),
            list(data.get("extra", [])),
            bool(data.get("contents", False)),
            str(data.get("failed", "")),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise InterruptedSave(
            f"{path} (the record of an interrupted save) does not read ({error}). Look at "
            "`git status`; then `pcsm recover --forget` removes the record."
        ) from None


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="microseconds")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def file_state(root: Path, entry: JournalFile) -> State:
    path = root / entry.rel
    try:
        current: str | None = digest(path.read_bytes())
    except FileNotFoundError:
        current = None
    if current == entry.new:
        return "new"
    if current == entry.old:
        return "old"
    return "other"


def states(root: Path, journal: Journal) -> dict[str, State]:
    return {f.rel: file_state(root, f) for f in journal.files}


def subject_of(message: str) -> str:
    return message.split("\n", 1)[0]


def describe(root: Path, journal: Journal, found: Mapping[str, State], lock_note: str = "") -> str:
    """What happened and what the person can do, in words."""
    written = [rel for rel, state in found.items() if state == "new"]
    changed = [rel for rel, state in found.items() if state == "other"]
    total = len(found)
    try:
        when = dt.datetime.fromisoformat(journal.started).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        when = journal.started
    who = "is still running" if pid_alive(journal.pid) else "is no longer running"
    lines = [
        f"a save was interrupted: pcsm (pid {journal.pid}, which {who}) started it at {when}: "
        f"“{subject_of(journal.message)}”.",
        f"{len(written)} of {total} file(s) were written and nothing was committed"
        + (f" (git said: {journal.failed})." if journal.failed else "."),
    ]
    if changed:
        lines.append(
            "Changed since by someone else, so pcsm will not finish or clean it: "
            + ", ".join(changed)
            + ". Check them, then `pcsm recover --forget` drops the record and leaves every "
            "file as it is."
        )
    else:
        lines.append(
            "`pcsm recover --finish` writes the rest and makes the commit; `pcsm recover "
            "--clean` puts the files back as they were; `pcsm recover --forget` leaves the "
            "files as they are (uncommitted)."
        )
    if lock_note:
        lines.append(lock_note)
    return "\n".join(lines)


def committed(git: Any, journal: Journal) -> bool:
    """Whether the planned commit was made after all (git finished after pcsm died)."""

    head = read_head(git)
    if head is None or head == journal.head:
        return False
    span = f"{journal.head}..HEAD" if journal.head else "HEAD"
    wanted = journal.message.strip()
    return any(message.strip() == wanted for message in git.messages(span, 50))


def paths(journal: Journal) -> Sequence[str]:
    return [f.rel for f in journal.files]
