"""Resolving an unfinished merge field by field (the app's conflict view), headless.

While a merge is unfinished git keeps the three versions of each conflicted file in its
index (stage 1 base, 2 ours, 3 theirs). They are merged again here with the merge driver's
own function (`merge.merge_texts` and the same validity check), which gives the same
field-level conflicts the driver recorded in its sidecars — and gives them also when the
driver never ran (not configured: git's line merge left markers around whole regions).

A person decides each conflict: ours, theirs, or a value of their own. The file is then
built from the merged data with those decisions, written into the local side's document
(its layout and comments kept), checked against its model, and staged. Every file is
checked before the first one is written. The merge itself is committed by
`sync.commit_merge` (both parents), which validates the whole repository first; nothing
is pushed here.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from ..errors import PcsmError
from ..framework.catalogue import FILE_MODELS
from ..models.fields import FieldSpec, field_specs
from .atomic import write_atomic
from .git import GitService
from .layout import Layout, classify
from .layoutmerge import both_layouts
from .linemerge import merge_lines
from .lock import locked
from .merge import MISSING, Conflict, _with_leftovers, merge_texts, render_merged, same
from .mergedriver import model_check
from .sync import commit_merge
from .toml_codec import TomlSyntaxError, loads

if TYPE_CHECKING:
    from .sync import SyncResult

PickSide = Literal["ours", "theirs", "edit"]


class ResolveError(PcsmError, ValueError):
    """A decision that cannot be written (the message says which file and why)."""


@dataclass(frozen=True)
class Pick:
    """How one conflict is decided; `value` is the edited value (MISSING deletes)."""

    side: PickSide
    value: Any = MISSING


@dataclass(frozen=True, kw_only=True)
class FieldConflict(Conflict):
    """One conflicting field (or row, or order, or whole file) of a conflicted file: the
    merge's conflict, where it is, and how a value could be typed in."""

    rel: str
    index: int
    spec: FieldSpec | None = None
    """The field's kind, when a value can be typed in (None: choose a side)."""

    @property
    def whole_file(self) -> bool:
        """The conflict is about the whole file: keep the local or the remote version."""
        return not self.path

    @property
    def editable(self) -> bool:
        return (
            self.spec is not None
            and not self.whole_file
            and self.kind in ("both-changed", "text", "delete-modify")
            and not isinstance(self.ours, (Mapping, list))
            and not isinstance(self.theirs, (Mapping, list))
        )

    def side(self, side: Literal["base", "ours", "theirs"]) -> Any:
        return {"base": self.base, "ours": self.ours, "theirs": self.theirs}[side]


@dataclass
class ConflictedFile:
    """A file git could not merge, with what a person has to decide in it."""

    rel: str
    base_text: str | None
    ours_text: str | None
    theirs_text: str | None
    data: dict[str, Any] | None = None
    """The structured merge, with the base value standing at each conflict."""
    conflicts: list[FieldConflict] = field(default_factory=list)
    merged_text: str | None = None
    """Set when the fields merge cleanly after all (git's line merge had conflicted)."""


# --- reading the conflicts ----------------------------------------------------------------


def _stage(git: GitService, stage: int, rel: str) -> str | None:
    status, out, _ = git.run("show", f":{stage}:{rel}", check=False, strip=False)
    return out if status == 0 else None


def spec_at(model: type[BaseModel], path: Sequence[str]) -> FieldSpec | None:
    """The kind of the value at `path` (field names and row ids) in a file of `model`."""
    current: type[BaseModel] = model
    index = 0
    while index < len(path):
        name = path[index]
        spec = next((s for s in field_specs(current) if s.name == name), None)
        if spec is None:
            return None
        last = index == len(path) - 1
        if last:
            return spec if spec.kind not in ("rows", "model", "map", "raci", "list") else None
        if spec.kind == "rows" and spec.row_model is not None:
            if index + 1 == len(path) - 1:
                return None  # a whole row
            current, index = spec.row_model, index + 2
        elif spec.kind == "model" and spec.sub_model is not None:
            current, index = spec.sub_model, index + 1
        elif spec.kind in ("map", "raci") and index + 1 == len(path) - 1:
            key = path[-1]
            if spec.kind == "raci":
                return FieldSpec(name=key, label=f"{spec.label} {key}", kind="text", optional=True)
            return FieldSpec(
                name=key,
                label=f"{spec.label} {key}",
                kind="int",
                optional=True,
                low=spec.low,
                high=spec.high,
            )
        else:
            return None
    return None


def _file_conflict(
    rel: str, texts: tuple[str | None, str | None, str | None], conflict: Conflict
) -> FieldConflict:
    """A conflict about the whole file; its sides are the file's versions (None: absent)."""
    base, ours, theirs = (MISSING if t is None else t for t in texts)
    return FieldConflict((), "", conflict.kind, base, ours, theirs, conflict.note, rel=rel, index=0)


def read_conflicts(
    rel: str, base: str | None, ours: str | None, theirs: str | None, root: Path
) -> ConflictedFile:
    """What is left to decide in one file, from its three versions (None: absent there)."""

    found = ConflictedFile(rel, base, ours, theirs)
    texts = (base, ours, theirs)
    if ours is None or theirs is None:
        note = "the file was deleted on one side and changed on the other"
        found.conflicts = [_file_conflict(rel, texts, Conflict((), "", "delete-modify", note=note))]
        return found
    outcome = merge_texts(base or "", ours, theirs, model_check(rel, root))
    found.data = outcome.data
    if outcome.text is not None:
        found.merged_text = outcome.text
        return found
    whole = next((c for c in outcome.conflicts if not c.path), None)
    if whole is not None:
        found.conflicts = [_file_conflict(rel, texts, whole)]
        return found
    kind = classify(rel)
    model = FILE_MODELS[kind.kind] if kind is not None else None
    found.conflicts = [
        FieldConflict(
            c.path,
            c.label,
            c.kind,
            c.base,
            c.ours,
            c.theirs,
            c.note,
            rel=rel,
            index=index,
            spec=spec_at(model, c.path) if model is not None else None,
        )
        for index, c in enumerate(outcome.conflicts)
    ]
    return found


def load_conflicts(root: Path) -> list[ConflictedFile]:
    """Every file of the unfinished merge that git left unmerged, with its conflicts."""
    git = GitService(root)
    return [
        read_conflicts(rel, _stage(git, 1, rel), _stage(git, 2, rel), _stage(git, 3, rel), root)
        for rel in git.unmerged_paths()
    ]


# --- deciding ---------------------------------------------------------------------------------


def _child(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return node.get(key, MISSING)
    if isinstance(node, list):
        return next(
            (row for row in node if isinstance(row, dict) and row.get("id") == key), MISSING
        )
    return MISSING


def _reorder(rows: list[Any], order: Sequence[str]) -> list[Any]:
    """`rows` in the order of the ids in `order`; rows it does not name stay after the row
    they follow now (merge's linear placement of leftovers)."""
    by_id = {row["id"]: row for row in rows}
    ids = [row["id"] for row in rows]
    skeleton = list(dict.fromkeys(row_id for row_id in order if row_id in by_id))
    return [by_id[row_id] for row_id in _with_leftovers(skeleton, ids, set(ids))]


def apply_value(data: dict[str, Any], conflict: FieldConflict, value: Any) -> None:
    """Put the decided `value` at the conflict's place in `data` (MISSING removes it)."""
    node: Any = data
    for key in conflict.path[:-1]:
        node = _child(node, key)
        if node is MISSING:
            raise ResolveError(f"{conflict.rel}: {conflict.label}: {key} is not there")
    last = conflict.path[-1]
    if conflict.kind == "order":
        rows = _child(node, last)
        if not isinstance(rows, list) or not isinstance(value, list):
            raise ResolveError(f"{conflict.rel}: {conflict.label}: no rows to order")
        node[last] = _reorder(rows, [str(v) for v in value])
        return
    if isinstance(node, dict):
        if value is MISSING:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
        return
    if isinstance(node, list):
        index = next(
            (i for i, row in enumerate(node) if isinstance(row, dict) and row.get("id") == last),
            None,
        )
        if value is MISSING:
            if index is not None:
                del node[index]
        elif index is None:
            node.append(copy.deepcopy(value))
        else:
            node[index] = copy.deepcopy(value)
        return
    raise ResolveError(f"{conflict.rel}: {conflict.label}: cannot hold a value")


def check_text(rel: str, text: str, root: Path) -> None:
    """Raise ResolveError unless `text` parses and holds a valid file of its kind."""
    try:
        data = loads(text)
    except TomlSyntaxError as error:
        raise ResolveError(f"{rel}:{error.line}:{error.column}: {error.message}") from None
    check = model_check(rel, root)
    problem = check(data) if check is not None else None
    if problem is not None:
        raise ResolveError(f"{rel}: {problem}")


def resolved_text(file: ConflictedFile, picks: Mapping[int, Pick], root: Path) -> str | None:
    """The file's text with every conflict decided (None: the file is deleted).

    Raises ResolveError when a conflict is not decided yet or the result is not valid.
    """
    if not file.conflicts and file.merged_text is not None:
        return file.merged_text
    undecided = [c.label or "(whole file)" for c in file.conflicts if c.index not in picks]
    if undecided:
        raise ResolveError(f"{file.rel}: not decided yet: {', '.join(undecided)}")
    whole = next((c for c in file.conflicts if c.whole_file), None)
    if whole is not None:
        side = picks[whole.index].side
        if side == "edit":
            raise ResolveError(f"{file.rel}: keep your version (ours) or take theirs")
        text = file.ours_text if side == "ours" else file.theirs_text
        if text is not None:
            check_text(file.rel, text, root)
        return text
    if file.data is None or file.ours_text is None:
        raise ResolveError(f"{file.rel}: nothing to write")
    data = copy.deepcopy(file.data)
    for conflict in file.conflicts:
        pick = picks[conflict.index]
        value = {"ours": conflict.ours, "theirs": conflict.theirs}.get(pick.side, pick.value)
        apply_value(data, conflict, value)
    text = render_merged(file.ours_text, data)
    if file.base_text is not None and file.theirs_text is not None:  # their comments too
        text = both_layouts(file.base_text, text, file.theirs_text, data, merge_lines) or text
    if not same(loads(text), data):
        raise ResolveError(f"{file.rel}: internal error: the result does not read back")
    check_text(file.rel, text, root)
    return text


@locked("resolving a merge")
def resolve_merge(
    root: Path,
    files: Sequence[ConflictedFile],
    picks: Mapping[str, Mapping[int, Pick]],
    remote: str | None = None,
) -> SyncResult:
    """Write every decided file, stage it, and commit the merge (nothing is pushed).

    Every file is built and checked before the first is written; the merge commit (both
    parents) is only made when the whole repository validates (`sync.commit_merge`).
    """

    git = GitService(root)
    if not git.merge_in_progress():
        raise ResolveError("there is no unfinished merge any more")
    if sorted(f.rel for f in files) != git.unmerged_paths():
        raise ResolveError("the merge changed since its conflicts were read: open them again")
    texts = {file.rel: resolved_text(file, picks.get(file.rel, {}), root) for file in files}
    for rel, text in texts.items():
        if text is None:
            git.run("rm", "--quiet", "--force", "--", rel)
        else:
            write_atomic(Layout(root).path(rel), text.encode("utf-8"))  # never via a link
            git.run("add", "--", rel)
    return commit_merge(root, remote)
