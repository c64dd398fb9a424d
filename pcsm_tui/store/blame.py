"""Field history: for every field and row of a file, its value, when it last changed and
by whom, and every value it has had (`pcsm blame`, and the app's history of one cell).

Like a cell's history in a database with versions, built from git alone: the file's
history is read once (`git log --raw` for the blob ids of each commit's two sides, one
`cat-file --batch` for the blobs, each version parsed once), each commit's own change is
found with store/changes.py (rows matched by id, as in `pcsm log`), and every changed
field is stamped with that commit. History simplification is git's own, as `git blame`'s:
a side branch whose changes a merge threw away is not followed, and a merge itself only
stamps what differs from every one of its parents (a conflict resolved by hand).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from ..models.base import FileModel, Row
from .changes import Change, _public, diff_models, jsonable, row_label
from .toml_codec import TomlSyntaxError, loads

if TYPE_CHECKING:
    from .repository import Repository

Path = tuple[str, ...]

SKIPPED_FIELDS = frozenset({"format_version"})
"""pcsm's own bookkeeping, not a field anyone edits."""


@dataclass(frozen=True)
class Stamp:
    """A commit as field history shows it."""

    sha: str
    date: str
    """Author date, strict ISO 8601."""
    author: str
    email: str
    subject: str


@dataclass(frozen=True)
class Version:
    """One value a field had from commit `stamp` on (`present` False: removed there)."""

    stamp: Stamp
    value: Any
    present: bool = True


@dataclass
class FieldHistory:
    """A field (or a whole row, `row` True) of the file as it is now, with its past."""

    path: Path
    """Field names, row ids and map keys from the top of the file (as in changes.py)."""
    label: str
    value: Any
    shown: bool
    """Whether the value may be shown without `reveal` (not personal text)."""
    row: bool = False
    history: list[Version] = field(default_factory=list)
    """Oldest first; for a row: when it was added, moved, and when any of its fields changed."""

    @property
    def last(self) -> Stamp | None:
        return self.history[-1].stamp if self.history else None


@dataclass(frozen=True)
class Blame:
    rel: str
    fields: list[FieldHistory]
    commits: int
    notes: tuple[str, ...] = ()

    def find(self, path: Path) -> FieldHistory | None:
        return next((f for f in self.fields if f.path == path), None)


@dataclass(frozen=True)
class _Leaf:
    label: str
    value: Any
    shown: bool
    row: bool


def leaves(model: BaseModel, names: Mapping[str, str]) -> dict[Path, _Leaf]:
    """Every field, row and map entry of `model` by path, in file order, labelled as
    changes.py labels them."""

    out: dict[Path, _Leaf] = {}

    def walk(value: Any, path: Path, label: str, public: bool) -> None:
        if isinstance(value, BaseModel):
            extras = value.model_extra or {}
            for name in [*type(value).model_fields, *sorted(extras)]:
                if (not path and name in SKIPPED_FIELDS) or (
                    isinstance(value, Row) and name == "id"
                ):
                    continue  # bookkeeping, and a row's id (the row itself stands for it)
                text = f"{label}.{name}" if label else name
                shown = _public(type(value), name) if name not in extras else False
                walk(getattr(value, name, extras.get(name)), (*path, name), text, shown)
        elif isinstance(value, list) and value and all(isinstance(v, Row) for v in value):
            for row in value:
                row_path, text = (*path, row.id), f"{label}[{row_label(row, names)}]"
                out[row_path] = _Leaf(text, None, True, True)
                walk(row, row_path, text, public)
        elif isinstance(value, dict) and value:
            for key, item in value.items():
                walk(item, (*path, str(key)), f"{label}[{names.get(str(key), str(key))}]", public)
        else:
            out[path] = _Leaf(label, value, public, False)

    walk(model, (), "", False)
    return out


def _under(paths: Mapping[Path, Any], prefix: Path) -> Iterator[Path]:
    return (p for p in paths if p[: len(prefix)] == prefix)


def _changed(
    old: dict[Path, _Leaf], new: dict[Path, _Leaf], changes: list[Change]
) -> dict[Path, tuple[Any, bool]]:
    """Path -> (value, present) for every leaf and row a commit's changes touched."""
    found: dict[Path, tuple[Any, bool]] = {}
    for change in changes:
        if change.op == "move":
            found[change.path] = (f"moved to position {change.new}", True)
            continue
        for path in _under(new, change.path):
            found[path] = (new[path].value, True)
        for path in _under(old, change.path):
            if path not in new:
                found[path] = (None, False)
    return found


@dataclass(frozen=True)
class _Step:
    """One commit of the file's history with its sides (one per parent for a merge)."""

    stamp: Stamp
    sides: tuple[tuple[str | None, str | None], ...]
    """(old blob, new blob) against each parent that differs (None: absent)."""


def _walk(repo: Repository, rel: str) -> list[_Step]:
    """The commits that changed `rel`, oldest first (parents before children)."""
    steps: dict[str, _Step] = {}
    for entry in repo.git.log_files([rel], rev="HEAD", merges_per_parent=True):
        c = entry.commit
        sides = tuple((d.old_blob, d.new_blob) for d in entry.files if d.rel == rel)
        known = steps.get(c.sha)
        if known is None:
            steps[c.sha] = _Step(Stamp(c.sha, c.date, c.author, c.email, c.subject), sides)
        else:  # a merge, shown once per parent
            steps[c.sha] = _Step(known.stamp, known.sides + sides)
    return list(reversed(steps.values()))


class _Models:
    """Each blob parsed once; None for a version that does not parse or validate."""

    def __init__(self, repo: Repository, rel: str, blobs: Mapping[str, bytes]) -> None:
        self.model_class = repo.model_class(rel)
        self.context = repo.context()
        self.names = repo.names(repo.kind_of(rel).engagement)
        self.blobs = blobs
        self.cache: dict[str, tuple[FileModel | None, dict[Path, _Leaf]]] = {}

    def get(self, sha: str | None) -> tuple[FileModel | None, dict[Path, _Leaf]]:
        if sha is None:
            return None, {}
        if sha not in self.cache:
            try:
                text = self.blobs[sha].decode("utf-8")
                model = self.model_class.model_validate(loads(text), context=self.context)
                self.cache[sha] = (model, leaves(model, self.names))
            except (KeyError, UnicodeDecodeError, TomlSyntaxError, ValidationError):
                self.cache[sha] = (None, {})
        return self.cache[sha]


def blame(repo: Repository, rel: str) -> Blame:
    """The field history of `rel` as of HEAD (raises ValueError for a file pcsm does not
    manage or that HEAD does not have)."""
    steps = _walk(repo, rel)
    blobs = repo.git.cat_blobs([s for step in steps for side in step.sides for s in side if s])
    models = _Models(repo, rel, blobs)
    history: dict[Path, list[Version]] = {}
    notes: list[str] = []
    current: dict[Path, _Leaf] = {}
    for step in steps:
        found: dict[Path, tuple[Any, bool]] | None = None
        for old_sha, new_sha in step.sides:
            old, old_leaves = models.get(old_sha)
            new, new_leaves = models.get(new_sha)
            if new_sha is not None and new is None:
                notes.append(f"{step.stamp.sha[:7]}: this version does not validate (skipped)")
                found = None
                break
            if old is not None and new is not None:
                touched = _changed(old_leaves, new_leaves, diff_models(old, new, models.names))
            else:  # created, deleted, or the side before does not validate: compare values
                base = old_leaves if old is not None else current if old_sha else {}
                touched = {
                    p: (leaf.value, True)
                    for p, leaf in new_leaves.items()
                    if p not in base or base[p].value != leaf.value or leaf.row
                }
                touched |= {p: (None, False) for p in base if p not in new_leaves}
            found = touched if found is None else {p: v for p, v in found.items() if p in touched}
            current = new_leaves
        for path, (value, present) in (found or {}).items():
            history.setdefault(path, []).append(Version(step.stamp, value, present))
    return _result(repo, rel, models, steps, history, notes)


def _result(
    repo: Repository,
    rel: str,
    models: _Models,
    steps: list[_Step],
    history: dict[Path, list[Version]],
    notes: list[str],
) -> Blame:
    head = repo.git.run("rev-parse", "--verify", "--quiet", f"HEAD:{rel}", check=False)[1]
    if not head:
        raise ValueError(f"{rel} is not in the newest commit (HEAD)")
    model, now = models.get(head)
    if model is None:
        raise ValueError(f"{rel} as of HEAD does not validate (run pcsm validate)")
    order = {step.stamp.sha: index for index, step in enumerate(steps)}
    fields = []
    for path, leaf in now.items():
        past = list(history.get(path, []))
        if leaf.row:  # a row changed whenever one of its fields did
            inner = [v for p in _under(history, path) if p != path for v in history[p]]
            seen = {v.stamp.sha for v in past}
            past += [Version(v.stamp, None) for v in inner if v.stamp.sha not in seen]
            past = sorted({v.stamp.sha: v for v in past}.values(), key=lambda v: order[v.stamp.sha])
        fields.append(FieldHistory(path, leaf.label, leaf.value, leaf.shown, leaf.row, past))
    return Blame(rel, fields, len(steps), tuple(notes))


def author_of(stamp: Stamp, repo: Repository) -> str:
    """Who made a change as the repository wants it shown: the name git recorded, or
    (`[privacy] blame_authors = "role"` in pcsm.toml) the member's role, matched by email
    and then by name; someone not in the member list is `not a team member`."""
    settings = repo.settings
    if settings.blame_authors == "name":
        return stamp.author
    email = stamp.email.casefold()
    for member in settings.members:
        if member.email and member.email.casefold() == email:
            return member.role or member.id
    for member in settings.members:
        if member.name == stamp.author:
            return member.role or member.id
    return "not a team member"


def put_value(data: dict[str, Any], path: Path, version: Version) -> dict[str, Any]:
    """`data` (a file as plain data) with the field at `path` set to `version`'s value, or
    removed if the field did not exist then (ValueError if its row is gone now)."""

    if not path:
        raise ValueError("a whole file is restored with restore(), not one value")
    node: Any = data
    for part in path[:-1]:
        if isinstance(node, list):
            node = next((r for r in node if isinstance(r, dict) and r.get("id") == part), None)
        elif isinstance(node, dict):
            node = node.setdefault(part, {}) if part not in node else node[part]
        if node is None:
            raise ValueError(f"{'.'.join(path)}: its row no longer exists; restore the row first")
    if not isinstance(node, dict):
        raise ValueError(f"{'.'.join(path)} is not a field that can be restored alone")
    if version.present and version.value is not None:
        node[path[-1]] = jsonable(version.value)
    else:
        node.pop(path[-1], None)
    return data
