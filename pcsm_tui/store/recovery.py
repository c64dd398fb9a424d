"""After a crash: a leftover save journal and git's lock files, explained and settled.

`settle` runs at the start of every save (inside the repository lock): a journal that
needs no decision goes; one that does stops the save with `InterruptedSave`, whose message
says what happened and the three choices. `assess` and `recover` are what `pcsm recover`,
`pcsm validate` and the app use to show it and to act on the person's decision.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import journal
from .atomic import write_atomic
from .journal import Decision, InterruptedSave, Journal, State
from .lock import pcsm_dir, previous_holder
from .plumbing import commit_contents, git_dirs, read_head

if TYPE_CHECKING:
    from .repository import Repository

Kind = Literal["nothing", "committed", "written", "partly", "changed"]
TIMESTAMP_SLACK_S = 0.05
"""A file's time may read a little earlier than the clock did (coarse file times)."""


@dataclass
class Assessment:
    """A leftover journal and what the files say about how far its save got."""

    journal: Journal
    states: dict[str, State]
    committed: bool
    message: str

    @property
    def kind(self) -> Kind:
        if self.committed:
            return "committed"
        found = set(self.states.values())
        if "other" in found:
            return "changed"
        if found <= {"old"}:
            return "nothing"
        return "written" if found == {"new"} else "partly"


def git_locks(root: Path) -> list[Path]:
    """The lock files a git commit holds that exist now: the index's, HEAD's, the branch's
    and packed-refs'. A kill at the wrong moment leaves any of them, and each stops every
    later commit until it goes."""
    dirs = git_dirs(root)
    own, common = dirs if dirs else (root / ".git", root / ".git")
    candidates = [own / "index.lock", own / "HEAD.lock", common / "packed-refs.lock"]
    try:
        head = (own / "HEAD").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        head = ""
    branch = head.removeprefix("ref:").strip() if head.startswith("ref:") else ""
    if branch.startswith("refs/") and ".." not in branch.split("/"):
        candidates.append(common / f"{branch}.lock")
    return [lock for lock in candidates if os.path.lexists(lock)]


def stale_git_locks(root: Path, record: Journal | None = None) -> tuple[str, bool]:
    """Git's leftover lock files in words, and whether they are shown to be a dead pcsm's.

    They are that pcsm's when a pcsm recorded (in the save journal or in the repository
    lock) that it started saving before every one of them was made, and that pcsm is no
    longer running, nor any git in this repository. Anything else may belong to a git
    command running now: never removed.
    """
    locks = git_locks(root)
    made: list[float] = []
    for lock in locks:
        try:
            made.append(lock.lstat().st_mtime)
        except OSError:
            continue
    if not made:
        return "", False
    known: tuple[int, dt.datetime] | None = None
    if record is not None and not record.failed:  # a refused commit's lock was not its own
        try:
            known = (record.pid, dt.datetime.fromisoformat(record.started))
        except ValueError:
            known = None
    known = known or previous_holder(root)
    when = dt.datetime.fromtimestamp(max(made)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    one = len(locks) == 1
    what = f"git's {locks[0]}" if one else "git's lock files " + ", ".join(map(str, locks))
    it, was, exists = ("it", "was", "exists") if one else ("them", "were", "exist")
    if known is not None and not journal.pid_alive(known[0]) and not _git_running_in(root):
        pid, since = known
        if min(made) >= since.timestamp() - TIMESTAMP_SLACK_S:
            return (
                f"{what} (made {when}) {was} left by pcsm (pid {pid}), which stopped while "
                f"committing and is no longer running; `pcsm recover` removes {it}.",
                True,
            )
    return (
        f"{what} {exists} (made {when}): another git command is running in this repository, "
        f"or one stopped without cleaning up. pcsm did not make {it} and will not remove "
        f"{it}. If no git command is running here, remove {it} yourself: "
        f"rm {' '.join(map(str, locks))}",
        False,
    )


def remove_git_locks(root: Path) -> None:
    """Remove the lock files `stale_git_locks` has just shown to be a dead pcsm's."""
    for lock in git_locks(root):
        lock.unlink(missing_ok=True)


def _git_running_in(root: Path) -> bool:
    """Whether a git process works in this repository now (Linux: /proc; elsewhere the
    answer is unknown and taken as no)."""

    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0", 1)[0]
            if os.path.basename(command) != b"git":
                continue
            if Path(os.readlink(entry / "cwd")).resolve() == root.resolve():
                return True
        except OSError:
            continue
    return False


def assess(repo: Repository) -> Assessment | None:
    """The leftover journal, if any, with the state of its files."""
    record = journal.read(repo.root)
    if record is None:
        return None
    states = journal.states(repo.root, record)
    done = journal.committed(repo.git, record)
    note = stale_git_locks(repo.root, record)[0]
    return Assessment(record, states, done, journal.describe(repo.root, record, states, note))


def settle(repo: Repository) -> None:
    """Before a save: forget a journal that needs no decision, or raise InterruptedSave."""
    if not journal.path_of(repo.root).exists():
        return
    found = assess(repo)
    if found is None:
        return
    if found.kind in ("nothing", "committed"):
        _tidy(repo, found)
        return
    raise InterruptedSave(found.message)


def pending(repo: Repository) -> str | None:
    """What a save that stopped half way left behind, in words; None when nothing did, or
    when it needs no decision (that is settled here without a word)."""
    if not journal.path_of(repo.root).exists():
        return None
    with repo.lock("checking for an interrupted save"):
        found = assess(repo)
        if found is None:
            return None
        if found.kind in ("nothing", "committed"):
            try:
                _tidy(repo, found)
            except InterruptedSave as error:
                return str(error)
            return None
        return found.message


def _tidy(repo: Repository, found: Assessment, strict: bool = True) -> None:
    """Drop a journal that needs no decision. git may have been stopped after moving HEAD
    and before updating the index: the index gets HEAD's version of these files, after its
    lock is removed when shown stale; a lock that may be in use keeps the journal (the
    evidence) and stops here with the explanation, unless `strict` is off (forget)."""
    if found.committed:
        note, stale = stale_git_locks(repo.root, found.journal)
        if stale:
            remove_git_locks(repo.root)
        elif note and strict:
            raise InterruptedSave(note)
        repo.git.run("reset", "--quiet", "--", *journal.paths(found.journal), check=False)
    journal.remove(repo.root, found.journal)


def recover(repo: Repository, decision: Decision) -> str:
    """Act on a person's decision about an interrupted save; says what was done."""
    with repo.lock("recovering an interrupted save"):
        found = assess(repo)
        note, stale = stale_git_locks(repo.root, found.journal if found else None)
        if found is None:
            if stale and decision == "forget":
                remove_git_locks(repo.root)
                return f"no interrupted save; removed the stale lock: {note}"
            return "no interrupted save was found" + (f"\n{note}" if note else "")
        kind = found.kind
        if kind == "changed" and decision != "forget":
            raise InterruptedSave(found.message)
        if note and not stale and decision == "finish" and kind != "committed":
            raise InterruptedSave(note)
        if stale:
            remove_git_locks(repo.root)
        if kind in ("nothing", "committed"):
            _tidy(repo, found, strict=decision != "forget")
            return "nothing needed doing: " + (
                "the commit had been made" if kind == "committed" else "nothing had been written"
            )
        if decision == "forget":
            journal.remove(repo.root, found.journal)
            return "forgot the interrupted save; the files stay as they are (uncommitted)"
        if decision == "clean":
            _clean(repo, found)
            return f"put back {sum(s == 'new' for s in found.states.values())} file(s)"
        sha = _finish(repo, found)
        return f"finished the save as commit {sha[:7] if sha else '(none)'}"


def _clean(repo: Repository, found: Assessment) -> None:
    record = found.journal
    blobs = repo.git.cat_blobs([f.old_blob for f in record.files if f.old_blob])
    for entry in record.files:
        if found.states[entry.rel] != "new":
            continue
        path = repo.layout.path(entry.rel)
        old = entry.old_bytes if entry.old_bytes is not None else blobs.get(entry.old_blob or "")
        if entry.old is None:
            journal.unlink_file(repo.root, entry.rel)
        elif old is not None:
            write_atomic(path, old)
        else:
            raise InterruptedSave(f"the earlier {entry.rel} cannot be found; nothing was put back")
    if record.stage:
        if read_head(repo.git) is None:
            repo.git.run("rm", "-q", "--cached", "--ignore-unmatch", "--", *record.stage)
        else:
            repo.git.run("reset", "--quiet", "--", *record.stage, check=False)
    journal.remove(repo.root, record)


def _finish(repo: Repository, found: Assessment) -> str | None:
    record = found.journal
    for entry in record.files:
        if found.states[entry.rel] != "old":
            continue
        path = repo.layout.path(entry.rel)
        if entry.new is None:
            path.unlink(missing_ok=True)
        elif entry.new_bytes is not None:
            write_atomic(path, entry.new_bytes)
        else:
            raise InterruptedSave(f"the new {entry.rel} was not recorded; use --clean instead")
    paths = [f.rel for f in record.files] + record.extra
    if record.contents:
        files: dict[str, bytes | None] = {}
        for entry in record.files:
            if entry.commit == "bytes":
                files[entry.rel] = entry.commit_bytes
            elif entry.commit == "delete":
                files[entry.rel] = None
            elif entry.commit == "work":
                files[entry.rel] = (repo.root / entry.rel).read_bytes()
        for rel in record.extra:
            files[rel] = (repo.root / rel).read_bytes()
        # Every file "skip": the save only took outside edits back to HEAD's version, and
        # uninterrupted it makes no commit (saving.commit_plan); finishing must not either.
        sha: str | None = (
            commit_contents(
                repo.git,
                read_head(repo.git),
                files,
                {},
                record.message,
                index_dir=pcsm_dir(repo.root),
            )
            if files
            else None
        )
    else:
        sha = repo.git.commit(paths, record.message, stage=record.stage)
    journal.remove(repo.root, record)
    return sha
