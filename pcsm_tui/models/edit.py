"""Edits as pure functions on a file's data: set a field, add, delete, copy, move rows.

A path walks from the file's top down by field names and row ids, e.g.
`("matrices", "main", "activities")` is the activity list of the matrix with id `main`.
Editors build the new data with these functions and validate it through the model, so
what reaches the store is always a whole, valid file.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from ..errors import PcsmError

Path = tuple[str, ...]


class PathError(PcsmError, KeyError):
    """The path does not lead anywhere in this file (a row was removed meanwhile)."""


def resolve(data: Any, path: Sequence[str]) -> Any:
    """The value at `path`: a field value, a row (dict) or a list of rows."""
    current = data
    for step in path:
        if isinstance(current, list):
            current = next((row for row in current if row.get("id") == step), None)
            if current is None:
                raise PathError(f"no row {step!r} at {'/'.join(path)}")
        elif isinstance(current, dict):
            if step not in current:
                raise PathError(f"no field {step!r} at {'/'.join(path)}")
            current = current[step]
        else:
            raise PathError(f"{'/'.join(path)} goes past a value")
    return current


def _container(
    data: dict[str, Any], path: Sequence[str], create: bool = True, leaf: type = list
) -> Any:
    """The dict or list at `path`, creating what is missing on the way (a `leaf` at the end)."""
    current: Any = data
    for index, step in enumerate(path):
        if isinstance(current, list):
            current = next((row for row in current if row.get("id") == step), None)
            if current is None:
                raise PathError(f"no row {step!r} at {'/'.join(path)}")
        else:
            if step not in current:
                if not create:
                    raise PathError(f"no field {step!r} at {'/'.join(path)}")
                current[step] = leaf() if index == len(path) - 1 else {}
            current = current[step]
    return current


def set_value(data: dict[str, Any], path: Sequence[str], value: Any) -> dict[str, Any]:
    """A copy of `data` with the field at `path` set (None removes the key)."""
    new = copy.deepcopy(data)
    *parent, name = path
    target = _container(new, parent, leaf=dict)
    if value is None:
        target.pop(name, None)
    else:
        target[name] = value
    return new


def new_id(existing: Sequence[str], prefix: str = "r") -> str:
    """A short random id, unique in this list; random so two people adding rows in two
    clones do not collide when their work is merged."""
    while True:
        candidate = f"{prefix}-{secrets.token_hex(3)}"
        if candidate not in existing:
            return candidate


def add_row(
    data: dict[str, Any], list_path: Sequence[str], row: dict[str, Any], after: str | None = None
) -> dict[str, Any]:
    """A copy with `row` inserted after the row `after` (or at the end)."""
    new = copy.deepcopy(data)
    rows = _container(new, list_path)
    index = len(rows)
    if after is not None:
        index = next((i + 1 for i, r in enumerate(rows) if r.get("id") == after), index)
    rows.insert(index, row)
    return new


def delete_row(data: dict[str, Any], list_path: Sequence[str], row_id: str) -> dict[str, Any]:
    new = copy.deepcopy(data)
    rows = _container(new, list_path, create=False)
    kept = [r for r in rows if r.get("id") != row_id]
    if len(kept) == len(rows):
        raise PathError(f"no row {row_id!r} to delete")
    rows[:] = kept
    return new


def duplicate_row(
    data: dict[str, Any], list_path: Sequence[str], row_id: str, prefix: str = "r"
) -> tuple[dict[str, Any], str]:
    """A copy with the row duplicated right below it (new ids inside); returns the new id."""
    rows = resolve(data, list_path)
    original = next((r for r in rows if r.get("id") == row_id), None)
    if original is None:
        raise PathError(f"no row {row_id!r} to copy")
    twin = copy.deepcopy(original)
    twin["id"] = new_id([r["id"] for r in rows], prefix)
    _renew_nested_ids(twin, prefix)
    return add_row(data, list_path, twin, after=row_id), twin["id"]


def _renew_nested_ids(row: dict[str, Any], prefix: str) -> None:
    for value in row.values():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            taken: list[str] = []
            for child in value:
                if "id" in child:
                    child["id"] = new_id(taken, prefix)
                    taken.append(child["id"])
                _renew_nested_ids(child, prefix)


def move_row(
    data: dict[str, Any], list_path: Sequence[str], row_id: str, offset: int
) -> dict[str, Any]:
    """A copy with the row moved `offset` places (clamped to the list)."""
    new = copy.deepcopy(data)
    rows = _container(new, list_path, create=False)
    index = next((i for i, r in enumerate(rows) if r.get("id") == row_id), None)
    if index is None:
        raise PathError(f"no row {row_id!r} to move")
    target = max(0, min(len(rows) - 1, index + offset))
    rows.insert(target, rows.pop(index))
    return new


def rebuild(model: BaseModel, data: dict[str, Any], context: dict[str, Any]) -> BaseModel:
    """Validate edited data into a model of the same kind (raises pydantic's ValidationError)."""
    return type(model).model_validate(data, context=context)
