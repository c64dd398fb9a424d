"""Undo as pcsm does it: a change is taken back with a new commit, never by rewriting
history, and only when every file it touched is still as that change left it (else someone
has worked on it since, and undoing would overwrite that work)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..safeio import read_regular
from .atomic import digest
from .layout import classify
from .messages import (
    ENGAGEMENT_TRAILER,
    PERSON_TRAILER,
    TOOL_TRAILER,
    UNDOES_TRAILER,
    Scope,
    parse_trailers,
)
from .refusals import CannotUndo
from .toml_codec import loads
from .writes import CommitResult, Write

if TYPE_CHECKING:
    from .repository import Repository


def undo_commit(
    repo: Repository,
    sha: str | None = None,
    env: Mapping[str, str] | None = None,
    confirm_overwrite_unreadable: bool = False,
    headline: str | None = None,
    action: str = "undo",
    merge: bool = False,
) -> CommitResult:
    """Take back a change (the last commit by default) with a new commit; never rewrite
    (`Repository.undo` is this function).

    Every file the change touched must still be as that change left it; otherwise
    someone has worked on it since and undoing would overwrite that work. `headline`
    and `action` let the session's undo stack say "undo …" or "redo …" itself; `merge`
    allows taking back what a (sync) merge brought in, back to its first parent.
    """

    target = sha or repo.git.head()
    if target is None:
        raise CannotUndo("there is nothing to undo: the repository has no commits")
    message = repo.git.message(target)
    subject = message.split("\n", 1)[0]
    parents = repo.git.out("rev-list", "--parents", "-n", "1", target).split()[1:]
    if len(parents) != 1 and not (merge and len(parents) == 2):
        raise CannotUndo(f"{subject!r} is a merge or the first commit; undo it with git")
    changed = (
        repo.git.changed_files(target)
        if len(parents) == 1
        else repo.git.out("diff", "--name-only", "--no-renames", parents[0], target).split("\n")
    )
    writes: list[Write] = []
    for rel in filter(None, changed):
        if classify(rel) is None:
            raise CannotUndo(f"{subject!r} changed {rel}, which pcsm does not manage")
        path = repo.layout.path(rel)  # never through a link
        current = read_regular(path) if os.path.lexists(path) else None
        if current != repo.git.show_bytes(target, rel):  # bytes: any encoding compares
            raise CannotUndo(f"{rel} has changed since {subject!r}; undo would overwrite it")
        before = repo.git.show_file(parents[0], rel)
        expected = digest(current) if current is not None else None
        if before is None:
            writes.append(Write(rel, None, expected))
            continue
        try:
            model = repo.model_class(rel).model_validate(loads(before), context=repo.context())
        except ValueError as error:
            raise CannotUndo(f"the earlier {rel} does not validate: {error}") from error
        writes.append(Write(rel, model, expected, text=before))
    found = parse_trailers(message)
    scope = Scope(
        engagement=found.get(ENGAGEMENT_TRAILER, ""),
        tool=found.get(TOOL_TRAILER, "" if len(parents) == 1 else "sync"),
        person=found.get(PERSON_TRAILER, ""),
    )
    short = subject.removeprefix(f"{scope.prefix}: ")
    return repo.save(
        writes,
        scope,
        headline=headline or f"undo “{short}”",
        action=action,
        env=env,
        trailers=[(UNDOES_TRAILER, target)],
        confirm_overwrite_unreadable=confirm_overwrite_unreadable,
    )
