"""The second half of a save: from planned files to one commit that holds what it says.

`Repository.save` checks and renders every file first (nothing written); `commit_plan` then
does the rest, inside the repository lock:

1. **What goes into the commit.** A file whose bytes on disk are HEAD's (the usual case)
   is committed from the work tree with `git commit --only`. A file that differs from HEAD
   before the save (an uncommitted change made outside pcsm) is *not* committed as it will
   be on disk: its commit holds HEAD's version with only this save's change applied (a
   structured three-way merge: base = the file before the save, ours = after, theirs =
   HEAD), and the message describes the change from HEAD to exactly that. The outside
   change stays in the work tree, uncommitted, as the other editor left it (design
   choice: a person's commit never carries work they did not describe or see).
2. **Whole or nothing.** A journal (`journal.py`) lists every file before anything is
   written; a failure while writing puts back what was written; a crash leaves the
   journal for `recover`.
3. **Unreadable files** (`rescue.py`) are kept under `.git/pcsm/rescued/` before they are
   written over, which only happens when the caller confirmed it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..safeio import read_regular
from . import faults, journal
from .atomic import digest, write_atomic
from .changes import Change, diff_models
from .git import GitError
from .lock import pcsm_dir
from .merge import merge_data, render_merged, same
from .plumbing import blob_id, commit_contents, read_head, tree_blobs
from .recovery import stale_git_locks
from .repository import CommitFailed, FileChangedOnDisk, dump, writable
from .rescue import UnreadableFile, problem_of, rescue
from .toml_codec import TomlSyntaxError, loads, read_back, render

if TYPE_CHECKING:
    from ..models.base import FileModel
    from .repository import Repository, Write


@dataclass
class Planned:
    """One file of a save, checked and rendered; nothing written yet."""

    rel: str
    old: bytes | None
    """The bytes on disk before the save (None: no file)."""
    new: bytes | None
    """The bytes to write (None: delete the file)."""
    old_model: FileModel | None
    new_model: FileModel | None
    changes: list[Change] = field(default_factory=list)
    unreadable: str | None = None
    """Why the old bytes do not read, when the caller confirmed writing over them."""


@dataclass
class Outcome:
    sha: str | None
    message: str
    changes: list[Change]
    rescued: list[str]


HeadCache = dict[str, tuple[str, str | None]]
"""rel -> (HEAD commit, the file's blob id in it or None): what pcsm's own commits made."""


def plan_write(
    repo: Repository,
    write: Write,
    context: dict[str, Any],
    names: Mapping[str, str],
    confirm: bool,
) -> Planned | None:
    """One file of a save checked and rendered (saving.Planned); None: nothing to do."""

    path = repo.layout.path(write.rel)  # never through a link
    current = read_regular(path) if os.path.lexists(path) else None
    if current is not None and write.expected_digest is None:
        raise FileChangedOnDisk(write.rel)
    if write.expected_digest is not None and (
        current is None or digest(current) != write.expected_digest
    ):
        raise FileChangedOnDisk(write.rel)
    existing, existing_data, problem = _read_current(current)
    if problem is not None and not confirm:
        raise UnreadableFile(write.rel, problem)
    old_model = _model_quietly(repo, write.rel, existing_data)
    if write.model is None:
        if current is None:
            return None
        removed = Change("remove", (write.rel,), write.rel, shown=False)
        return Planned(write.rel, current, None, old_model, None, [removed], problem)
    model = type(write.model).model_validate(dump(write.model), context=context)
    data = dump(model)
    if write.text is not None:
        text = write.text
        if dump(type(model).model_validate(loads(text), context=context)) != data:
            raise ValueError(f"{write.rel}: the text given does not hold the model given")
    else:
        if existing_data is not None:
            data = writable(model, existing_data)
        text = render(data, existing, header=write.header)
        if read_back(text) != data:
            raise RuntimeError(f"internal error: {write.rel} would not read back as written")
    encoded = text.encode("utf-8")
    if encoded == current:
        return None  # nothing to write or commit for this file
    if current is None:
        changes = [Change("add", (write.rel,), write.rel, shown=False)]
    else:
        changes = diff_models(old_model, model, names)
    return Planned(write.rel, current, encoded, old_model, model, changes, problem)


def _model_quietly(repo: Repository, rel: str, data: dict[str, Any] | None) -> FileModel | None:
    """The model of the file on disk, for the change list; None if it does not validate."""
    if data is None:
        return None
    try:
        return repo.model_class(rel).model_validate(data, context=repo.context())
    except ValueError:
        return None


def _read_current(current: bytes | None) -> tuple[str | None, dict[str, Any] | None, str | None]:
    """A file's bytes as (text, TOML data, why it does not read): one decode, one parse."""
    if current is None:
        return None, None, None
    try:
        text = current.decode("utf-8")
        return text, loads(text), None
    except (UnicodeDecodeError, TomlSyntaxError):
        return None, None, problem_of(current)


def _head_blobs(
    repo: Repository, head: str | None, rels: Sequence[str], cache: HeadCache
) -> dict[str, tuple[str, str] | None]:
    """(mode, blob) of each path in HEAD (None: not there), from the cache or one git call."""
    found: dict[str, tuple[str, str] | None] = {}
    if head is None:
        return dict.fromkeys(rels)
    missing = []
    for rel in rels:
        known = cache.get(rel)
        if known is not None and known[0] == head:
            found[rel] = ("100644", known[1]) if known[1] is not None else None
        else:
            missing.append(rel)
    if missing:
        listed = tree_blobs(repo.git, head, missing)
        for rel in missing:
            found[rel] = listed.get(rel)
    return found


def _version_for_commit(
    repo: Repository, planned: Planned, head_bytes: bytes | None, names: Mapping[str, str]
) -> tuple[bytes | None, list[Change]]:
    """What the commit holds for a file that differed from HEAD before the save, and the
    changes from HEAD's version to it: HEAD's version with this save's change applied."""
    rel = planned.rel
    if planned.new is None:
        return None, [Change("remove", (rel,), rel, shown=False)] if head_bytes else []
    if head_bytes is None:
        return planned.new, [Change("add", (rel,), rel, shown=False)]
    head_model = _model_of(repo, rel, head_bytes)
    if planned.old is not None and planned.unreadable is None and head_model is not None:
        try:
            base = loads(planned.old.decode("utf-8"))
            ours = loads(planned.new.decode("utf-8"))
            head_text = head_bytes.decode("utf-8")
            theirs = loads(head_text)
        except (UnicodeDecodeError, TomlSyntaxError):
            pass
        else:
            merged = merge_data(base, ours, theirs, prefer="ours").data
            text = render_merged(head_text, merged)
            model = _model_of(repo, rel, text.encode("utf-8"))
            if model is not None and same(loads(text), merged):
                return text.encode("utf-8"), diff_models(head_model, model, names)
    # HEAD's version does not read, or the change does not apply to it: the commit holds
    # the whole new file, and the message lists every change from HEAD's version to it.
    changes = diff_models(head_model, planned.new_model, names)
    if head_model is None:
        changes = [Change("set", (rel,), f"{rel} (whole file)", shown=False)]
    return planned.new, changes


def _model_of(repo: Repository, rel: str, data: bytes) -> FileModel | None:
    try:
        return repo.model_class(rel).model_validate(
            loads(data.decode("utf-8")), context=repo.context()
        )
    except (UnicodeDecodeError, ValueError):
        return None


def _rescue_note(message: str, notes: Sequence[str]) -> str:
    """The message with a paragraph saying where unreadable files were kept."""
    if not notes:
        return message
    head, _, trailers = message.rstrip("\n").rpartition("\n\n")
    return f"{head}\n\n" + "\n".join(notes) + f"\n\n{trailers}\n"


def commit_plan(
    repo: Repository,
    files: Sequence[Planned],
    compose: Any,
    stage: Sequence[str],
    extra_paths: Sequence[str],
    env: Mapping[str, str] | None,
    cache: HeadCache,
    names: Mapping[str, str],
) -> Outcome:
    """Write the planned files and make the commit (see the module docstring).

    `compose(changes)` makes the message from the final list of changes.
    """

    git = repo.git
    head = read_head(git) if files or extra_paths else None
    blobs = _head_blobs(repo, head, [p.rel for p in files], cache)
    length = len(head) if head else 40
    commit_bytes: dict[str, bytes | None] = {}
    changes: list[Change] = []
    dirty = False
    differ_rels: set[str] = set()
    head_ids = {rel: entry[1] for rel, entry in blobs.items() if entry is not None}
    on_disk = {p.rel: blob_id(p.old, length) if p.old is not None else None for p in files}
    if files:
        differ = [p for p in files if head_ids.get(p.rel) != on_disk[p.rel]]
        differ_rels.update(p.rel for p in differ)
        texts = git.cat_blobs([head_ids[p.rel] for p in differ if p.rel in head_ids])
        for planned in files:
            if planned not in differ:
                commit_bytes[planned.rel] = planned.new
                changes.extend(planned.changes)
                continue
            dirty = True
            head_bytes = texts.get(head_ids.get(planned.rel, ""))
            content, described = _version_for_commit(repo, planned, head_bytes, names)
            commit_bytes[planned.rel] = content
            changes.extend(described)
            if content == head_bytes:
                del commit_bytes[planned.rel]  # this save changes nothing of HEAD's file
    notes = [
        f"Kept the unreadable earlier {p.rel} as {rescue(repo.root, p.rel, p.old)}."
        for p in files
        if p.unreadable is not None and p.old is not None
    ]
    message = _rescue_note(compose(changes), notes)
    paths = [p.rel for p in files] + list(extra_paths)
    if not paths:
        return Outcome(None, message, changes, notes)
    entries = []
    for p in files:
        in_head = blobs.get(p.rel)
        kept_by_git = p.old is not None and in_head is not None and in_head[1] == on_disk[p.rel]
        entries.append(
            journal.JournalFile(
                p.rel,
                digest(p.old) if p.old is not None else None,
                digest(p.new) if p.new is not None else None,
                old_blob=in_head[1] if kept_by_git and in_head is not None else None,
                old_bytes=None if kept_by_git else p.old,
                new_bytes=p.new if len(files) > 1 else None,
                commit_bytes=commit_bytes.get(p.rel) if p.rel in differ_rels else None,
                commit=_how(p, commit_bytes, differ_rels),
            )
        )
    record = journal.Journal(
        os.getpid(), journal.now(), head, message, entries, list(stage), list(extra_paths), dirty
    )
    journal.write(repo.root, record, durable=len(files) > 1)
    _write_all(repo, files)
    try:
        if dirty:
            committed = {rel: commit_bytes[rel] for rel in commit_bytes}
            for rel in extra_paths:
                committed[rel] = (repo.root / rel).read_bytes()
            if not committed:
                journal.remove(repo.root)
                return Outcome(None, message, changes, notes)
            # Modes as git has them (the cache does not keep them; this path is rare).
            listed = tree_blobs(git, head, list(committed)) if head else {}
            modes = {rel: entry[0] for rel, entry in listed.items()}
            sha: str | None = commit_contents(
                git, head, committed, modes, message, env, index_dir=pcsm_dir(repo.root)
            )
        else:
            sha = git.commit(paths, message, env=env, stage=stage)
    except GitError as error:
        record.failed = error.stderr.splitlines()[0] if error.stderr else str(error.status)
        journal.write(repo.root, record, durable=False)  # kept: `pcsm recover` finishes it
        note = stale_git_locks(repo.root, record)[0] if ".lock" in error.stderr else ""
        raise CommitFailed(paths, error, note) from error
    faults.point("save.after-commit")
    journal.remove(repo.root)
    if sha is not None:  # what HEAD now holds for each file, so the next save need not ask
        for planned in files:
            if planned.rel not in commit_bytes:  # not in this commit: HEAD's blob as it was
                cache[planned.rel] = (sha, head_ids.get(planned.rel))
                continue
            content = commit_bytes[planned.rel]
            cache[planned.rel] = (sha, blob_id(content, len(sha)) if content is not None else None)
    return Outcome(sha, message, changes, notes)


def _how(planned: Planned, commit_bytes: Mapping[str, bytes | None], differ: set[str]) -> Any:
    """How a file enters the commit, for the journal (see journal.JournalFile.commit)."""
    if planned.rel not in commit_bytes:
        return "skip"
    if commit_bytes[planned.rel] is None:
        return "delete"
    return "bytes" if planned.rel in differ else "work"


def _write_all(repo: Repository, files: Sequence[Planned]) -> None:
    """Write every file; on any failure put back the ones written, then raise."""
    written: list[Planned] = []
    try:
        faults.point("save.before-write")
        for planned in files:
            path = repo.layout.path(planned.rel)
            if planned.new is None:
                path.unlink(missing_ok=True)
                repo._drop_empty_folders(planned.rel)
            else:
                write_atomic(path, planned.new, checkpoint="save.before-rename")
            written.append(planned)
            faults.point("save.after-rename")
        faults.point("save.before-commit")
    except BaseException:
        try:
            for planned in reversed(written):
                if planned.old is None:
                    journal.unlink_file(repo.root, planned.rel)
                else:
                    write_atomic(repo.layout.path(planned.rel), planned.old)
        except OSError:
            raise  # the journal stays: `pcsm recover` finishes or cleans it
        journal.remove(repo.root)
        raise
