"""A field of a tool's file named the way its editor shows it: `John Ashton (CFO) › Kind`,
`Click-and-collect programme › Funding approval › John Ashton (CFO)` for a RACI cell.

The history of a field (F) is read from git by path (field names and row ids); a person
reading it knows the row by the name the table shows, never by an id such as
`stakeholder-0728c9` that pcsm made for it. The names come from the editor (`names`: the
register's people and groups, the file's own rows, the framework's choices)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from ...models.fields import FieldSpec, field_specs

SEPARATOR = " › "


def _row_name(row: dict[str, Any], model: type[BaseModel] | None, names: Mapping[str, str]) -> str:
    """A row by the name its table shows: a known name for its id (a stakeholder's name
    and role), else its label field (through `names` when that holds an id), else a
    neutral word; never the id."""
    row_id = str(row.get("id", ""))
    if row_id in names:
        return names[row_id]
    field = getattr(model, "label_field", "") if model else ""
    value = row.get(field) if field else None
    if isinstance(value, str) and value.strip():
        return names.get(value, " ".join(value.split()))
    return str(getattr(model, "neutral_label", "") or "a row")


def _column_name(node: Any, key: str, names: Mapping[str, str]) -> str:
    """A RACI cell's column (`cells[<column id>]`) by its stakeholder's name or title."""
    for column in node.get("columns", []) if isinstance(node, dict) else []:
        if isinstance(column, dict) and column.get("id") == key:
            stakeholder = str(column.get("stakeholder") or "")
            return names.get(stakeholder) or str(column.get("title") or "") or "a RACI column"
    return names.get(key) or "a RACI column"


def field_words(
    model: type[BaseModel], data: dict[str, Any], path: Sequence[str], names: Mapping[str, str]
) -> tuple[str, FieldSpec | None]:
    """The field at `path` of a file of `model` (as `data` holds it now) in words, and its
    spec (None for a whole row): rows by name, fields by label, map keys by name."""
    parts: list[str] = []
    spec: FieldSpec | None = None
    current: type[BaseModel] | None = model
    node: Any = data
    holder: Any = data  # the row holding the step (a RACI cell's matrix has its columns)
    index = 0
    while index < len(path):
        specs = {s.name: s for s in field_specs(current)} if current else {}
        step = path[index]
        spec = specs.get(step)
        if spec is None:  # a field the model does not know: said as written
            parts.append(step)
            break
        if spec.kind == "rows" and index + 1 < len(path):
            rows = node.get(step, []) if isinstance(node, dict) else []
            row = next(
                (r for r in rows if isinstance(r, dict) and r.get("id") == path[index + 1]), {}
            )
            parts.append(_row_name(row, spec.row_model, names))
            holder = node = row
            current = spec.row_model
            spec = None
            index += 2
            continue
        if spec.kind in ("map", "raci") and index + 1 < len(path):
            key = path[index + 1]
            parts.append(
                _column_name(holder, key, names)
                if spec.kind == "raci"
                else f"{spec.label} {names.get(key, key)}"
            )
            break
        parts.append(spec.label)
        if spec.kind != "model":
            break
        node = node.get(step, {}) if isinstance(node, dict) else {}
        current = spec.sub_model
        index += 1
    return SEPARATOR.join(parts), spec
