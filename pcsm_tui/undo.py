"""Undo and redo of the changes made in this session, scoped to what is on screen.

The workspace records every commit it makes itself (an edit, a restore, an import, a sync's
merge commit) as a step. Undo takes back the newest step in the scope (an engagement's
folder on its screen, everything on the portfolio) with a new commit and keeps it for redo;
redo takes the undo back. Only this session's own commits are ever steps: a teammate's
commit brought in by a sync, or a commit made before the app started, never is.

Undoing a step that created files (an engagement, a month) or a sync merge first raises
`UndoNeedsConfirmation` with a question that says what would go; the caller asks and tries
again with the step's commit as `confirm`. A step whose files changed since cannot be
undone (Repository.undo refuses and says which file), and stays on the stack.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .errors import PcsmError

if TYPE_CHECKING:
    from .store.repository import CommitResult, Repository

Scope = tuple[str, ...] | None
"""Path prefixes a step's files must all fall under (`engagements/acme/`); None: any."""

Kind = Literal["change", "merge"]
LISTED = 6
"""Files named in a confirmation question; the rest are counted."""


class NothingToUndo(PcsmError):
    """There is no change of this session in the scope to undo (or redo)."""


class UndoNeedsConfirmation(PcsmError):
    """The undo would delete files or take out a merge: ask, then pass `sha` as confirm."""

    def __init__(self, sha: str, question: str) -> None:
        super().__init__(question)
        self.sha = sha
        self.question = question


@dataclass(frozen=True)
class Step:
    """A commit this session made, as the undo stack keeps it."""

    sha: str
    what: str
    """What it did, without the engagement and tool (`added row r-1a2b3c`)."""
    paths: tuple[str, ...]
    kind: Kind = "change"

    def within(self, scope: Scope) -> bool:
        return scope is None or all(path.startswith(tuple(scope)) for path in self.paths)


@dataclass(frozen=True)
class Undone:
    """A step that was undone, with the commit that undid it (what a redo takes back)."""

    step: Step
    undo_sha: str


def _area(path: str) -> str:
    """The engagement's or person's folder a path is in (or '' for the repository's files)."""
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else ""


@dataclass
class UndoStack:
    """This session's steps (newest last) and the undone ones that can be redone."""

    done: list[Step] = field(default_factory=list)
    undone: list[Undone] = field(default_factory=list)

    def record(self, step: Step) -> None:
        """A new change: it can be undone, and redoing older undos in its area would now
        overwrite it, so they are forgotten (as in any editor)."""
        areas = {_area(p) for p in step.paths}
        self.undone = [u for u in self.undone if not areas & {_area(p) for p in u.step.paths}]
        self.done.append(step)

    def newest(self, scope: Scope) -> Step | None:
        return next((s for s in reversed(self.done) if s.within(scope)), None)

    def newest_outside(self, scope: Scope) -> Step | None:
        """The newest step when it is outside every engagement's and person's folder (a
        team template, pcsm.toml) while `scope` is one such folder; else None."""
        newest = self.done[-1] if self.done and scope is not None else None
        if newest is None or newest.within(scope):
            return None
        if any(p.startswith(("engagements/", "people/")) for p in newest.paths):
            return None  # another engagement's or person's change: its own screen undoes it
        return newest

    def after(self, one: Step, other: Step) -> bool:
        """Whether `one` was made after `other`."""
        return self.done.index(one) > self.done.index(other)

    def newest_undone(self, scope: Scope) -> Undone | None:
        return next((u for u in reversed(self.undone) if u.step.within(scope)), None)

    def was_undone(self, step: Step, undo_sha: str) -> None:
        self.done.remove(step)
        self.undone.append(Undone(step, undo_sha))

    def was_redone(self, entry: Undone, step: Step) -> None:
        self.undone.remove(entry)
        self.done.append(step)


def step_of(result: CommitResult) -> Step | None:
    """The step for a commit the session made (None when nothing was committed)."""
    # start-up: store.messages loads only when this runs
    from .store.messages import ENGAGEMENT_TRAILER, PERSON_TRAILER, TOOL_TRAILER, parse_trailers
    from .store.messages import Scope as MessageScope

    if result.sha is None:
        return None
    found = parse_trailers(result.message)
    prefix = MessageScope(
        engagement=found.get(ENGAGEMENT_TRAILER, ""),
        tool=found.get(TOOL_TRAILER, ""),
        person=found.get(PERSON_TRAILER, ""),
    ).prefix
    what = result.subject.removeprefix(f"{prefix}: ")
    return Step(result.sha, what, tuple(result.paths))


def merge_step(repo: Repository, before: str | None) -> Step | None:
    """The merge commit a sync (or the conflict view) just made on top of `before`, if any:
    a fast-forward brings only teammates' commits, which are never steps."""
    head = repo.git.head()
    if head is None or head == before:
        return None
    parents = repo.git.out("rev-list", "--parents", "-n", "1", head).split()[1:]
    if len(parents) != 2 or parents[0] != before:
        return None
    changed = repo.git.out("diff", "--name-only", "--no-renames", parents[0], head)
    subject = repo.git.message(head).split("\n", 1)[0]
    return Step(head, subject, tuple(filter(None, changed.split("\n"))), kind="merge")


def confirmation(repo: Repository, step: Step) -> str | None:
    """The question to ask before undoing `step`, or None when it may just be undone."""
    if step.kind == "merge":
        first, second = repo.git.out("rev-list", "--parents", "-n", "1", step.sha).split()[1:3]
        count = int(repo.git.out("rev-list", "--count", f"{first}..{second}"))
        return (
            f"Undo the sync merge “{step.what}”?\n"
            f"It takes out what {count} commit(s) of your teammates brought in: "
            f"{_listed(step.paths)}.\n"
            "This is a new commit: the history keeps everything, and the next sync shares it."
        )
    created = repo.git.out(
        "diff-tree", "--no-commit-id", "--name-only", "--diff-filter=A", "-r", "--root", step.sha
    )
    files = [line for line in created.split("\n") if line]
    if not files:
        return None
    return (
        f"Undo “{step.what}”?\n"
        f"It deletes the {len(files)} file(s) it created: {_listed(files)}.\n"
        "This is a new commit: the history keeps them (U redoes it)."
    )


def outside_words(step: Step) -> str:
    """Why u on an engagement's screen does not take back the last change."""
    return (
        f"your last change is outside this engagement: {_listed(step.paths)} "
        f"(“{step.what}”); u does not take back a team template (replace it with ctrl+t, "
        "or remove the file with git)"
    )


def outside_question(step: Step, older: Step, also: str | None) -> str:
    """Undoing on an engagement's screen when the last change was made outside it: the
    older change of this engagement is undone only when the person says so."""
    question = (
        f"{outside_words(step)[0].upper()}{outside_words(step)[1:]}.\n"
        f"Undo instead your change before it in this engagement, “{older.what}”?"
    )
    return question + (f"\n{also.split(chr(10), 1)[-1]}" if also else "")


class SessionUndo:
    """Undo and redo for the Workspace (service.py), which mixes this in: every method of
    the workspace that commits passes its result to `_remember`."""

    undo_stack: UndoStack
    _lock: threading.Lock

    @property
    def repo(self) -> Repository:
        raise NotImplementedError

    def _remember(self, result: CommitResult) -> CommitResult:
        step = step_of(result)
        if step is not None:
            self.undo_stack.record(step)
        return result

    def _remember_merge(self, before: str | None) -> None:
        """A merge commit this session just made is a step (a teammate's commit never is)."""
        step = merge_step(self.repo, before)
        if step is not None:
            self.undo_stack.record(step)

    def undo(
        self,
        scope: Scope = None,
        confirm: str | None = None,
        confirm_overwrite_unreadable: bool = False,
    ) -> CommitResult:
        """Take back this session's newest change within `scope` (path prefixes; None: any)
        with a new commit. Raises NothingToUndo; UndoNeedsConfirmation for a change that
        created files or a sync merge, unless `confirm` is that change's commit; the store's
        CannotUndo when its files changed since."""
        with self._lock:
            step = self.undo_stack.newest(scope)
            outside = self.undo_stack.newest_outside(scope)
            if outside is not None and (step is None or self.undo_stack.after(outside, step)):
                # The last change is the repository's, not this screen's (a team template
                # saved from here): said, and an older change is only undone when asked.
                if step is None:
                    raise NothingToUndo(outside_words(outside))
                if confirm != step.sha:
                    also = confirmation(self.repo, step)
                    raise UndoNeedsConfirmation(step.sha, outside_question(outside, step, also))
            if step is None:
                raise NothingToUndo(
                    "nothing to undo here: no change of yours from this session "
                    "(u never takes back a teammate's commit or one made before pcsm started)"
                )
            if confirm != step.sha:
                question = confirmation(self.repo, step)
                if question is not None:
                    raise UndoNeedsConfirmation(step.sha, question)
            result = self.repo.undo(
                step.sha,
                headline=f"undo “{step.what}”",
                merge=step.kind == "merge",
                confirm_overwrite_unreadable=confirm_overwrite_unreadable,
            )
            if result.sha is None:  # nothing left to take back: the step is spent
                self.undo_stack.done.remove(step)
            else:
                self.undo_stack.was_undone(step, result.sha)
            return result

    def redo(self, scope: Scope = None, confirm_overwrite_unreadable: bool = False) -> CommitResult:
        """Take back this session's newest undo within `scope`: the change is made again,
        in a commit that says "redo …" (and undoing that says "undo …" again)."""
        with self._lock:
            entry = self.undo_stack.newest_undone(scope)
            if entry is None:
                raise NothingToUndo("nothing to redo here: undo (u) something first")
            step = entry.step
            result = self.repo.undo(
                entry.undo_sha,
                headline=f"redo “{step.what}”",
                action="redo",
                confirm_overwrite_unreadable=confirm_overwrite_unreadable,
            )
            if result.sha is None:
                self.undo_stack.undone.remove(entry)
            else:
                again = Step(result.sha, step.what, tuple(result.paths) or step.paths)
                self.undo_stack.was_redone(entry, again)
            return result


def _listed(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:LISTED])
    return shown + (f" and {len(paths) - LISTED} more" if len(paths) > LISTED else "")


__all__ = [
    "NothingToUndo",
    "Scope",
    "SessionUndo",
    "Step",
    "UndoNeedsConfirmation",
    "UndoStack",
    "Undone",
    "confirmation",
    "merge_step",
    "step_of",
]
