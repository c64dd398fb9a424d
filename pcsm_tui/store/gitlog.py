"""`git log` as pcsm reads it, in one place: the formats GitService asks for and the
parsers of their output (commits; commits with their changed files from `--raw -z`).
store/lastchange streams its own walk so that quitting can cut it short."""

from __future__ import annotations

from dataclasses import dataclass

FIELD = "\x1f"
RECORD = "\x1e"
LOG_FORMAT = FIELD.join(["%H", "%an", "%ae", "%aI", "%s"]) + RECORD
"""One commit per record: `GitService.log`."""
ENTRY_FORMAT = RECORD + FIELD.join(["%H", "%P", "%an", "%ae", "%aI", "%s"])
"""One commit per record, its `--raw -z` files after it: `GitService.log_files`."""
NULL_SHA = "0" * 40


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author: str
    email: str
    date: str
    """Author date, strict ISO 8601."""
    subject: str


_FIELD = "\x1f"
_RECORD = "\x1e"
_LOG_FORMAT = _FIELD.join(["%H", "%an", "%ae", "%aI", "%s"]) + _RECORD


@dataclass(frozen=True)
class FileDelta:
    """One file changed by a commit (or between two trees) with its blob ids."""

    rel: str
    status: str
    """git's letter: A added, M modified, D deleted, T type changed."""
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class LogEntry:
    commit: CommitInfo
    parents: tuple[str, ...]
    files: tuple[FileDelta, ...]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


NULL_SHA = "0" * 40


def parse_raw(raw: str) -> list[FileDelta]:
    """Parse `--raw -z` output: `:mode mode old new STATUS\\0path\\0` per file."""
    parts = raw.lstrip("\n").split("\0")
    deltas = []
    for meta, path in zip(parts[::2], parts[1::2], strict=False):
        fields = meta.lstrip("\n").lstrip(":").split()
        if len(fields) < 5:
            continue
        old, new, status = fields[2], fields[3], fields[4][:1]
        deltas.append(
            FileDelta(
                path,
                status,
                None if old == NULL_SHA else old,
                None if new == NULL_SHA else new,
            )
        )
    return deltas


def parse_log(out: str) -> list[CommitInfo]:
    """The commits of `git log --format=LOG_FORMAT`, in git's order."""
    commits = []
    for record in out.split(RECORD):
        record = record.strip("\n")
        if record:
            sha, author, email, date, subject = record.split(FIELD)
            commits.append(CommitInfo(sha, author, email, date, subject))
    return commits


def parse_entries(out: str) -> list[LogEntry]:
    """The commits of `git log --format=ENTRY_FORMAT --raw -z`, each with its files."""
    entries = []
    for record in out.split(RECORD):
        if not record.strip("\n\0"):
            continue
        header, _, raw = record.partition("\0")
        sha, parents, author, email, date, subject = header.strip("\n").split(FIELD)
        entries.append(
            LogEntry(
                CommitInfo(sha, author, email, date, subject),
                tuple(parents.split()),
                tuple(parse_raw(raw)),
            )
        )
    return entries
