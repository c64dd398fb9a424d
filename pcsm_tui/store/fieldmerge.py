"""Three-way structured merge of TOML data: rows by `id`, fields by name (design A2).

Two CSMs editing different stakeholders of the same month file change different rows, so a
line-based merge would often conflict (neighbouring lines) or, worse, merge cleanly into
something wrong. Here the unit is the field:

- a change made on one side only wins (including a deleted key or row);
- the same field changed differently on both sides is a conflict;
- a row deleted on one side and changed on the other is a conflict, never a silent delete;
- rows added on both sides are all kept (same id on both sides: merged field by field);
- multi-line text changed on both sides goes through git's own line merge (`git
  merge-file`, see linemerge.py), which may conflict in turn: never looser than git;
- a reorder made on one side wins; different reorders on both sides are a conflict.

Everything here is pure (dicts in, dicts out) but the line merge, which is injected
(`text_merger`, git's by default), so the merge driver, the app's conflict view, the save
path and the property tests share it. Where a conflict is found, the result
holds the chosen side's value (`prefer`): the base by default, which keeps the result
symmetric in its two sides and never invents data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from .linemerge import TextMerger
from .linemerge import merge_lines as merge_lines


class _Missing:
    """Marks a key or row that does not exist on one side (distinct from any TOML value)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing()

ConflictKind = Literal["both-changed", "delete-modify", "text", "order", "invalid", "unparseable"]
Side = Literal["base", "ours", "theirs"]


@dataclass(frozen=True)
class Conflict:
    """One place where the two sides cannot both be right; a person decides."""

    path: tuple[str, ...]
    """Keys and row ids from the top of the file (as in `changes.Change.path`)."""
    label: str
    """The path in words: `assessments[cfo].support`."""
    kind: ConflictKind
    base: Any = MISSING
    ours: Any = MISSING
    theirs: Any = MISSING
    note: str = ""

    def describe(self) -> str:
        what = {
            "both-changed": "changed differently on both sides",
            "delete-modify": "deleted on one side, changed on the other",
            "text": "text changed on both sides in overlapping lines",
            "order": "rows reordered differently on both sides",
            "invalid": "the merged file would not be valid",
            "unparseable": "a version does not parse as TOML",
        }[self.kind]
        where = self.label or "(whole file)"
        return f"{where}: {what}" + (f" ({self.note})" if self.note else "")


@dataclass
class MergeResult:
    data: dict[str, Any]
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


# --- equality that TOML would agree with -----------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Deep equality that tells `1` from `true` and `1.0`, and a date from a datetime."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, (dt.datetime, dt.time)):
        return bool(a == b and a.tzinfo == b.tzinfo)
    return bool(a == b)


def _rows(value: Any) -> list[Mapping[str, Any]] | None:
    """`value` as a list of rows with unique string ids, or None if it is not one."""
    if value is MISSING:
        return []
    if not isinstance(value, list):
        return None
    ids: set[str] = set()
    for row in value:
        if not isinstance(row, Mapping) or not isinstance(row.get("id"), str):
            return None
        if row["id"] in ids:
            return None
        ids.add(row["id"])
    return value


# --- line merge -------------------------------------------------------------------------------

# `merge_lines` is git's own `git merge-file` (see linemerge.py): a multi-line text changed on
# both sides merges cleanly only where git would merge it cleanly, with git's result.


def _multiline(*values: Any) -> bool:
    return all(isinstance(v, str) for v in values) and any("\n" in v for v in values)


# --- the merge --------------------------------------------------------------------------------


class _Merger:
    def __init__(self, prefer: Side, text_merger: TextMerger) -> None:
        self.prefer = prefer
        self.text_merger = text_merger
        self.conflicts: list[Conflict] = []

    def conflict(
        self, path: tuple[str, ...], label: str, kind: ConflictKind, b: Any, o: Any, t: Any
    ) -> Any:
        self.conflicts.append(Conflict(path, label, kind, b, o, t))
        return {"base": b, "ours": o, "theirs": t}[self.prefer]

    def value(self, b: Any, o: Any, t: Any, path: tuple[str, ...], label: str) -> Any:
        if same(o, t):
            return o
        if same(b, o):
            return t
        if same(b, t):
            return o
        if o is MISSING or t is MISSING:
            return self.conflict(path, label, "delete-modify", b, o, t)
        if (
            isinstance(o, Mapping)
            and isinstance(t, Mapping)
            and (b is MISSING or isinstance(b, Mapping))
        ):
            return self.table(b if isinstance(b, Mapping) else {}, o, t, path, label)
        rows = (_rows(b), _rows(o), _rows(t))
        if rows[0] is not None and rows[1] is not None and rows[2] is not None:
            return self.rows(rows[0], rows[1], rows[2], path, label)
        if b is not MISSING and _multiline(b, o, t):
            merged = self.text_merger(b, o, t)
            if merged is not None:
                return merged
            return self.conflict(path, label, "text", b, o, t)
        return self.conflict(path, label, "both-changed", b, o, t)

    def table(
        self,
        b: Mapping[str, Any],
        o: Mapping[str, Any],
        t: Mapping[str, Any],
        path: tuple[str, ...],
        label: str,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        keys = list(o) + [k for k in t if k not in o] + [k for k in b if k not in o and k not in t]
        for key in keys:
            merged = self.value(
                b.get(key, MISSING),
                o.get(key, MISSING),
                t.get(key, MISSING),
                (*path, key),
                f"{label}.{key}" if label else key,
            )
            if merged is not MISSING:
                out[key] = merged
        return out

    def rows(
        self,
        b: list[Mapping[str, Any]],
        o: list[Mapping[str, Any]],
        t: list[Mapping[str, Any]],
        path: tuple[str, ...],
        label: str,
    ) -> list[Any]:
        by_b = {r["id"]: r for r in b}
        by_o = {r["id"]: r for r in o}
        by_t = {r["id"]: r for r in t}
        merged: dict[str, Any] = {}
        seen: set[str] = set()
        for row_id in list(by_b) + list(by_o) + list(by_t):
            if row_id in seen:
                continue
            seen.add(row_id)
            value = self.value(
                by_b.get(row_id, MISSING),
                by_o.get(row_id, MISSING),
                by_t.get(row_id, MISSING),
                (*path, row_id),
                f"{label}[{row_id}]",
            )
            if value is not MISSING:
                merged[row_id] = value
        order = merge_order(list(by_b), list(by_o), list(by_t), set(merged))
        if order is None:
            self.conflict(path, label, "order", list(by_b), list(by_o), list(by_t))
            chosen = {"base": by_b, "ours": by_o, "theirs": by_t}[self.prefer]
            order = _with_leftovers([i for i in chosen if i in merged], list(by_b), set(merged))
            placed = set(order)
            order += sorted(i for i in merged if i not in placed)
        return [merged[i] for i in order]


def _with_leftovers(skeleton: list[str], base: list[str], kept: set[str]) -> list[str]:
    """Add the kept base rows missing from `skeleton`, each after its base predecessor.

    Each missing row goes right after the nearest earlier base row already placed (or
    first). That predecessor can only ever receive one row this way (a second candidate
    would have the first one nearer), so the rows form chains hanging off the skeleton,
    built in one pass: linear, where inserting into a list one by one was quadratic.
    """
    placed = set(skeleton)
    after: dict[str | None, str] = {}
    last: str | None = None
    for row_id in base:
        if row_id in placed:
            last = row_id
        elif row_id in kept:
            after[last] = row_id
            placed.add(row_id)
            last = row_id
    out: list[str] = []

    def chain(anchor: str | None) -> None:
        while anchor in after:
            anchor = after[anchor]
            out.append(anchor)

    chain(None)
    for row_id in skeleton:
        out.append(row_id)
        chain(row_id)
    return out


def merge_order(
    base: list[str], ours: list[str], theirs: list[str], kept: set[str]
) -> list[str] | None:
    """The order of the merged rows `kept`, or None if both sides reordered differently.

    The base rows follow the side that reordered them (or the base order); new rows go
    after the row they followed on their side. Runs of rows added at the same place on both
    sides are ordered by their ids, so that swapping the sides gives the same order.
    """
    base_set = set(base)

    def moved(side: list[str]) -> list[str] | None:
        relative = [i for i in side if i in base_set]
        present = set(relative)
        return relative if relative != [i for i in base if i in present] else None

    ours_moved, theirs_moved = moved(ours), moved(theirs)
    kept_base = [i for i in base if i in kept]
    if ours_moved is not None and theirs_moved is not None:
        a = [i for i in ours_moved if i in kept]
        c = [i for i in theirs_moved if i in kept]
        common = set(a) & set(c)
        if [i for i in a if i in common] != [i for i in c if i in common] or set(a) != set(c):
            return None
        sequence = a
    else:
        sequence = ours_moved or theirs_moved or kept_base
    skeleton = _with_leftovers([i for i in sequence if i in kept], base, kept)
    in_skeleton = set(skeleton)
    runs: dict[str | None, list[list[str]]] = {}
    for side in (ours, theirs):
        anchor: str | None = None
        run: list[str] = []
        for row_id in side:
            if row_id in in_skeleton:
                if run:
                    runs.setdefault(anchor, []).append(run)
                    run = []
                anchor = row_id
            elif row_id not in base_set and row_id in kept:
                run.append(row_id)
        if run:
            runs.setdefault(anchor, []).append(run)
    out: list[str] = []
    emitted: set[str] = set()

    def emit(anchor: str | None) -> None:
        for run in sorted(runs.get(anchor, [])):
            for row_id in run:
                if row_id not in emitted:
                    out.append(row_id)
                    emitted.add(row_id)

    emit(None)
    for row_id in skeleton:
        out.append(row_id)
        emitted.add(row_id)
        emit(row_id)
    return out


def merge_data(
    base: Mapping[str, Any],
    ours: Mapping[str, Any],
    theirs: Mapping[str, Any],
    prefer: Side = "base",
    text_merger: TextMerger = merge_lines,
) -> MergeResult:
    """Merge three versions of a file's data; conflicts are listed and hold `prefer`'s value.

    Everything is pure except the line merge of a multi-line text changed on both sides,
    which asks `git merge-file` by default (`text_merger` injects another, e.g. in tests).
    """
    merger = _Merger(prefer, text_merger)
    data = merger.table(base, ours, theirs, (), "")
    return MergeResult(data, merger.conflicts)
