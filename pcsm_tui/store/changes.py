"""Field-level changes between two versions of a model: the body of every commit.

Rows are matched by `id`, so an edit reads as "support of cfo: 7 → 8", not as TOML lines.
Values are only written where they cannot be personal data (numbers, dates, yes/no,
choices, RACI codes, and text fields a model declares public such as activity names);
other text shows as "changed". This is what keeps personal data out of commit messages.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ..models.base import Row

Path = tuple[str, ...]
Op = Literal["set", "add", "remove", "move"]


@dataclass(frozen=True)
class Change:
    op: Op
    path: Path
    """Field names and row ids from the file's top down."""
    label: str
    """The changed thing in words, e.g. `activities[Funding approval].cells[CFO]`."""
    old: Any = None
    new: Any = None
    shown: bool = True
    """Whether old and new values may be written out (not personal data)."""

    def describe(self) -> str:
        if self.op == "add":
            return f"{self.label}: added"
        if self.op == "remove":
            return f"{self.label}: removed"
        if self.op == "move":
            return f"{self.label}: moved from position {self.old} to {self.new}"
        if not self.shown:
            return f"{self.label}: changed"
        return f"{self.label}: {show(self.old)} → {show(self.new)}"


def show(value: Any) -> str:
    if value is None or value == "" or value == frozenset():
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, frozenset):
        from ..models.commitment import format_raci_cell

        return format_raci_cell(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v) for v in value)
    return str(value)


def _public(model: type[BaseModel], field: str) -> bool:
    public: frozenset[str] = getattr(model, "public_fields", frozenset())
    if field in public:
        return True
    info = model.model_fields.get(field)
    if info is None:
        return False
    return _safe_type(info.annotation)


def _safe_type(annotation: Any) -> bool:
    """Types whose values are never personal text."""
    if annotation in (int, float, bool, dt.date, dt.datetime):
        return True
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return True
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return all(_safe_type(a) for a in args)
    if origin is typing.Annotated:
        return _safe_type(typing.get_args(annotation)[0])
    if origin is frozenset:
        return True
    if origin is dict:
        return _safe_type(typing.get_args(annotation)[1])
    return False


def row_label(row: Row, names: Mapping[str, str]) -> str:
    """A row's name in messages: its public label field, else a known name for its id."""
    field = getattr(type(row), "label_field", "")
    if field:
        value = getattr(row, field, "")
        if isinstance(value, str) and value:
            return (
                names.get(value, value)
                if field in getattr(type(row), "reference_fields", frozenset())
                else _short(value)
            )
    return names.get(row.id, row.id)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff_models(
    old: BaseModel | None, new: BaseModel | None, names: Mapping[str, str] | None = None
) -> list[Change]:
    """Every change from `old` to `new` (either may be None for a created or deleted file)."""
    names = names or {}
    changes: list[Change] = []
    if old is None or new is None:
        return changes
    _diff_model(old, new, (), "", names, changes)
    return changes


def _join(label: str, part: str) -> str:
    return f"{label}.{part}" if label else part


def _diff_model(
    old: BaseModel,
    new: BaseModel,
    path: Path,
    label: str,
    names: Mapping[str, str],
    out: list[Change],
) -> None:
    model = type(new)
    fields = list(model.model_fields)
    extras_old = old.model_extra or {}
    extras_new = new.model_extra or {}
    for name in fields:
        _diff_value(
            getattr(old, name),
            getattr(new, name),
            (*path, name),
            _join(label, name),
            _public(model, name),
            names,
            out,
        )
    for name in sorted(set(extras_old) | set(extras_new)):
        _diff_value(
            extras_old.get(name),
            extras_new.get(name),
            (*path, name),
            _join(label, name),
            False,
            names,
            out,
        )


def _diff_value(
    old: Any,
    new: Any,
    path: Path,
    label: str,
    public: bool,
    names: Mapping[str, str],
    out: list[Change],
) -> None:
    if old == new:
        return
    if isinstance(old, BaseModel) and isinstance(new, BaseModel) and type(old) is type(new):
        _diff_model(old, new, path, label, names, out)
    elif _rows(old) and _rows(new):
        _diff_rows(old, new, path, label, names, out)
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if old.get(key) != new.get(key):
                _diff_value(
                    old.get(key),
                    new.get(key),
                    (*path, str(key)),
                    f"{label}[{names.get(str(key), str(key))}]",
                    public,
                    names,
                    out,
                )
    else:
        out.append(Change("set", path, label, old, new, public))


def _rows(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, Row) for v in value)


def _diff_rows(
    old: list[Row],
    new: list[Row],
    path: Path,
    label: str,
    names: Mapping[str, str],
    out: list[Change],
) -> None:
    old_by_id = {r.id: r for r in old}
    new_by_id = {r.id: r for r in new}
    for row in old:
        if row.id not in new_by_id:
            out.append(
                Change("remove", (*path, row.id), f"{label}[{row_label(row, names)}]", shown=False)
            )
    common_old = [r.id for r in old if r.id in new_by_id]
    common_new = [r.id for r in new if r.id in old_by_id]
    moved = _moved(common_old, common_new)
    for index, row in enumerate(new):
        row_path = (*path, row.id)
        row_text = f"{label}[{row_label(row, names)}]"
        if row.id not in old_by_id:
            out.append(Change("add", row_path, row_text, None, index + 1, shown=False))
            continue
        if row.id in moved:
            out.append(
                Change(
                    "move",
                    row_path,
                    row_text,
                    common_old.index(row.id) + 1,
                    common_new.index(row.id) + 1,
                )
            )
        _diff_model(old_by_id[row.id], row, row_path, row_text, names, out)


def _moved(before: list[str], after: list[str]) -> set[str]:
    """Ids outside a longest common subsequence: the fewest rows that explain a reorder."""
    n, m = len(before), len(after)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1
                if before[i] == after[j]
                else max(table[i + 1][j], table[i][j + 1])
            )
    keep: set[str] = set()
    i = j = 0
    while i < n and j < m:
        if before[i] == after[j]:
            keep.add(before[i])
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return set(after) - keep
