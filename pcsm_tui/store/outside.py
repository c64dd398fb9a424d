"""An edit applies to the version the person saw, even when the file changed meanwhile.

A tool is open in the app; someone (another editor, a script, a teammate's pull) changes
the file on disk; the person then edits a field. Their edit was made on what they saw
(`base`), so it is merged into what is on disk now with the same structured three-way
merge a sync uses: base = what was loaded, ours = base with the edit, theirs = the disk.
Different fields merge; the same field changed differently on both sides (or a row
deleted on one side and changed on the other) is refused, naming the fields, and nothing
is written. The merged file keeps the disk's layout and comments; which part of it is
committed is decided by saving.py (only the person's change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import PcsmError
from .atomic import digest
from .merge import Conflict, merge_texts
from .rescue import problem_of
from .toml_codec import loads, render

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..models.base import FileModel
    from .repository import Loaded, Repository, Write

SHOWN_CONFLICTS = 6


class EditConflict(PcsmError):
    """The file changed on disk in the very fields the edit changes; nothing was written."""

    def __init__(self, rel: str, conflicts: list[Conflict]) -> None:
        fields = [c.describe() for c in conflicts[:SHOWN_CONFLICTS]]
        if len(conflicts) > SHOWN_CONFLICTS:
            fields.append(f"… and {len(conflicts) - SHOWN_CONFLICTS} more")
        super().__init__(
            f"{rel} changed on disk since it was opened, in what this edit changes too:\n"
            + "\n".join(f"  {line}" for line in fields)
            + "\nNothing was written. The file is shown as it is now; make the change again."
        )
        self.rel = rel
        self.conflicts = conflicts


def _problem(repo: Repository, rel: str) -> Any:
    def check(data: Mapping[str, Any]) -> str | None:
        try:
            repo.model_class(rel).model_validate(dict(data), context=repo.context())
        except ValueError as error:
            return str(error).splitlines()[0]
        return None

    return check


def edit_write(repo: Repository, loaded: Loaded, model: FileModel, current: bytes | None) -> Write:
    """The write that saves `model` (the edit of `loaded`) over what is on disk now."""
    # cycle: store.repository imports this module
    from .repository import FileChangedOnDisk, Write, writable

    if current is not None and digest(current) == loaded.digest:
        return Write(loaded.rel, model, loaded.digest)
    if current is None:
        raise FileChangedOnDisk(loaded.rel)  # deleted meanwhile: nothing to merge into
    if problem_of(current) is not None:
        # Unreadable now: save() refuses unless the caller confirmed writing over it.
        return Write(loaded.rel, model, digest(current))
    disk = current.decode("utf-8")
    ours = render(writable(model, loads(loaded.text)), loaded.text)
    # The disk's text goes first: the merged file keeps its layout and comments.
    merged = merge_texts(loaded.text, disk, ours, check=_problem(repo, loaded.rel))
    if merged.text is None:
        raise EditConflict(loaded.rel, merged.conflicts)
    result = repo.model_class(loaded.rel).model_validate(loads(merged.text), context=repo.context())
    return Write(loaded.rel, result, digest(current), text=merged.text)


def shown_version(repo: Repository, loaded: Loaded, data: dict[str, Any]) -> Loaded:
    """`loaded` as a person sees it: with `data` (edits not saved yet) in its text. The same
    `loaded` when nothing differs, so the usual edit stays on the fast path."""
    # cycle: store.repository imports this module
    from .repository import Loaded, dump, writable

    if data == dump(loaded.model):
        return loaded
    model = type(loaded.model).model_validate(data, context=repo.context())
    text = render(writable(model, loads(loaded.text)), loaded.text)
    return Loaded(loaded.rel, model, text, digest(text.encode("utf-8")))
