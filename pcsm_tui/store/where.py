"""How a place in a file is named in messages: rows by their name, not their index.

Validation reports `risks[ERP integration late].severity`, as commit messages and
`pcsm log` do, instead of `risks[3].severity`. The path comes from pydantic (field names
and list indices); it is walked over the file's data (a valid model or the raw TOML of
an invalid one) while the model class says which field names each kind of row.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from ..models.references import reference_fields


def printable(text: str) -> str:
    """Text from a file, safe on a terminal or in a CI log: control characters escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _inner(annotation: Any) -> type[BaseModel] | None:
    """The model class a field holds directly or in a list, dict or optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    if origin in (list, tuple, dict, typing.Union, types.UnionType):
        for arg in reversed(typing.get_args(annotation)):
            found = _inner(arg)
            if found is not None:
                return found
    return None


def _field(cls: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    if cls is None:
        return None
    info = cls.model_fields.get(name)
    if info is None:
        info = next((f for f in cls.model_fields.values() if f.alias == name), None)
    return _inner(info.annotation) if info is not None else None


def _step(value: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return value[part] if isinstance(value, list) and -len(value) <= part < len(value) else None
    if isinstance(value, BaseModel):
        found = getattr(value, part, None)
        if found is None and value.model_extra:
            found = value.model_extra.get(part)
        return found
    return value.get(part) if isinstance(value, Mapping) else None


def row_name(row: Any, cls: type[BaseModel] | None, names: Mapping[str, str]) -> str | None:
    """A row's name: its label field (a reference through `names`), else its id."""
    label_field: str = getattr(cls, "label_field", "") if cls is not None else ""
    references = reference_fields(cls)
    value = _step(row, label_field) if label_field else None
    if isinstance(value, str) and value.strip():
        return names.get(value, value) if label_field in references else _short(value)
    row_id = _step(row, "id")
    if isinstance(row_id, str) and row_id:
        return names.get(row_id, row_id)
    return None


def name_location(
    loc: Iterable[str | int],
    value: Any,
    cls: type[BaseModel] | None,
    names: Mapping[str, str] | None = None,
) -> str:
    """`loc` (field names and indices) in words: `matrices[EMEA RACI].activities[Kick-off]`.

    `value` is the file's data (model or raw dicts) and `cls` its model class; an index
    whose row has no name (or a path the data does not have) stays a number.
    """
    names = names or {}
    out = ""
    for part in loc:
        if isinstance(part, int):
            row = _step(value, part)
            label = row_name(row, cls, names) if row is not None else None
            out += f"[{printable(label) if label is not None else part}]"
            value = row
            continue
        text = str(part)
        out += f".{text}" if out else text
        value = _step(value, text)
        cls = _field(cls, text) if cls is not None else None
        if isinstance(value, BaseModel):
            cls = type(value)
    return out
