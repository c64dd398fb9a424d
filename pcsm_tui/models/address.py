"""Field addresses for scripts: `risks[r-003].likelihood`, `matrices[main].activities[a-1]
.cells[c-2]`, `scores[A]`; parsed into the path editors use, with the field's spec.

Rows are addressed by id in brackets after the list's name, map entries (RACI cells,
scores) by key in brackets after the map's name; nested fields by dots. The spec says how
to read a value typed on the command line (models/fields.parse_value), so `pcsm set`
checks a value exactly as the app's cell editor does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..errors import UsageError
from .commitment import format_raci_cell, parse_raci_cell
from .fields import BadValue, FieldSpec, field_specs, parse_value

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[[^\[\]]+\])*)")


class BadAddress(UsageError, ValueError):
    """The address does not name a field of this file; the message says what does."""


@dataclass(frozen=True)
class Address:
    path: tuple[str, ...]
    """Field names, row ids and map keys from the file's top (models/edit.py paths)."""
    spec: FieldSpec | None
    """The addressed field (None: a whole row, list or table)."""
    map_value: bool = False
    """The address is a key of a map (a RACI cell, a score)."""
    row_depth: int = 0
    """How much of `path` leads to the innermost row named (rows must exist to be set)."""


def _steps(text: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for part in _split_dots(text):
        match = _STEP.fullmatch(part)
        if match is None:
            raise BadAddress(
                f"{text!r}: {part!r} is not a field name (letters, digits, _) followed by "
                "[row id] or [key] parts, e.g. risks[r-003].likelihood"
            )
        keys = re.findall(r"\[([^\[\]]+)\]", match.group(2))
        steps.append((match.group(1), [k.strip() for k in keys]))
    return steps


def _split_dots(text: str) -> list[str]:
    """Split at dots outside brackets (row ids may hold dots)."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "["
        depth -= char == "]"
        if char == "." and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def parse_address(model: type[BaseModel], text: str) -> Address:
    """The path and spec of `text` in files of `model` (raises BadAddress)."""
    if not text.strip():
        raise BadAddress("an empty address; name a field, e.g. notes or risks[r-003].likelihood")
    path: list[str] = []
    current: type[BaseModel] | None = model
    spec: FieldSpec | None = None
    row_depth = 0
    steps = _steps(text.strip())
    for index, (name, keys) in enumerate(steps):
        if current is None:
            raise BadAddress(f"{text!r}: {'.'.join(path)} is a value; it has no field {name!r}")
        specs = {s.name: s for s in field_specs(current)}
        if name not in specs:
            known = ", ".join(specs) or "(none)"
            raise BadAddress(f"{text!r}: no field {name!r} here; the fields are: {known}")
        spec = specs[name]
        path.append(name)
        last = index == len(steps) - 1
        if spec.kind == "rows":
            if len(keys) > 1:
                raise BadAddress(f"{text!r}: one [row id] after {name}")
            if keys:
                path.append(keys[0])
                row_depth = len(path)
                current = spec.row_model
                spec = None
            else:
                current = None
        elif spec.kind in ("map", "raci"):
            if len(keys) > 1 or (keys and not last):
                raise BadAddress(f"{text!r}: {name}[key] is a value; nothing goes after it")
            if keys:
                path.append(keys[0])
                return Address(tuple(path), spec, map_value=True, row_depth=row_depth)
            current = None
        elif spec.kind == "model":
            if keys:
                raise BadAddress(f"{text!r}: {name} is a table, not a list; use {name}.field")
            current = spec.sub_model
        else:
            if keys:
                raise BadAddress(f"{text!r}: {name} is a single value, not a list")
            current = None
    return Address(tuple(path), spec, row_depth=row_depth)


def parse_for(
    address: Address, text: str, scales: dict[str, Any] | None = None, raw: str = ""
) -> Any:
    """The value `text` stands for at `address`, read by the field's type (raises BadValue).

    `""` clears an optional field (None: the key is removed), a RACI cell or a map entry.
    """
    spec = address.spec
    if spec is None or spec.kind in ("rows", "model"):
        raise BadValue(
            f"{raw or '/'.join(address.path)} is a whole row or table; set its fields one by one"
        )
    if address.map_value:
        if text.strip() == "":
            return None
        if spec.kind == "raci":
            try:
                return format_raci_cell(parse_raci_cell(text)) or None
            except ValueError as error:
                raise BadValue(f"{spec.label}: {error}") from None
        entry = FieldSpec(spec.label, spec.label, spec.entry, low=spec.low, high=spec.high)
        return parse_value(entry, text, scales)
    if spec.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    if spec.kind in ("map", "raci"):
        raise BadValue(f"{spec.label}: set one entry, e.g. {spec.name}[key]=value")
    return parse_value(spec, text, scales)
