"""A refused change in words a person reads: rows and fields by their labels, not paths.

pydantic says `activities[0]: planned_end (2026-01-02) is before planned_start (…)`;
a CSM should read `Activity 1 “Kick-off”: planned end 2026-01-02 is before planned start
…`. Where a row is comes from the error's location; what names it (its `label_field`) from
the table fieldlabels.py derives for the diff view, so the two never disagree; a row whose
label is a reference (an adoption activity names its group by id) is named through the
names the editor shows. Nothing here changes what is checked, only how it reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ..models.fields import FieldSpec, field_specs, label_for
from ..models.typed import number_text, range_words
from .fieldlabels import row_paths

_ORDER = re.compile(
    r"(?P<end>[a-z_]+) \((?P<end_value>[^)]*)\) is before "
    r"(?P<start>[a-z_]+) \((?P<start_value>[^)]*)\)"
)


def singular(name: str) -> str:
    """`activities` -> `activity`, `matrices` -> `matrix`, `risks` -> `risk`."""
    for plural, one in (("ices", "ix"), ("ies", "y"), ("sses", "ss"), ("s", "")):
        if name.endswith(plural) and len(name) > len(plural):
            return name[: -len(plural)] + one
    return name


def _words(name: str) -> str:
    """A field's label in the middle of a sentence: `planned_end` -> `planned end`."""
    label = label_for(name)
    return label if label.isupper() or label.endswith(".") else label.lower()


def where(
    model: type[BaseModel],
    loc: Sequence[str | int],
    data: Mapping[str, Any] | None,
    names: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """(the row in words, e.g. `Activity 1 “Kick-off”`; the field's label or ""), for a
    location in a file of `model` whose data (as edited) is `data`."""
    labels = row_paths(model)
    parts: list[str] = []
    path: list[str] = []
    value: Any = data
    field = ""
    for step in loc:
        if isinstance(step, int):
            row = value[step] if isinstance(value, list) and 0 <= step < len(value) else None
            noun = singular(path[-1]) if path else "row"
            text = f"{label_for(noun)} {step + 1}"
            label_field = labels.get(".".join(path), "")
            shown = row.get(label_field) if isinstance(row, dict) and label_field else None
            if isinstance(shown, str) and shown.strip():
                shown = (names or {}).get(shown, shown)
                text += f" “{shown.strip()}”"
            parts = [text]
            field = ""
            value = row
        else:
            path.append(step)
            field = step
            value = value.get(step) if isinstance(value, Mapping) else None
    if field and parts and path and field == path[-1] and labels.get(".".join(path)) is not None:
        field = ""  # the location is the list itself
    return " · ".join(parts), (label_for(field) if field else "")


def field_spec(model: type[BaseModel], loc: Sequence[str | int]) -> FieldSpec | None:
    """The spec of the field at `loc` (rows and nested tables followed), if it is one."""
    current: type[BaseModel] | None = model
    found: FieldSpec | None = None
    for step in loc:
        if isinstance(step, int):
            continue
        if current is None:
            return None
        found = next((s for s in field_specs(current) if s.name == step), None)
        if found is None:
            return None
        current = found.row_model or found.sub_model
    return found


def _message(item: Mapping[str, Any], label: str, spec: FieldSpec | None = None) -> str:
    """One problem's words, with `label` (the field) where the message needs it."""
    kind = str(item.get("type", ""))
    given = item.get("input")
    context = item.get("ctx") or {}
    subject = label or "The value"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        low = context.get("ge", context.get("gt"))
        high = context.get("le", context.get("lt"))
        if spec is not None:  # both ends of the range, not only the one crossed
            low = spec.low if spec.low is not None else low
            high = spec.high if spec.high is not None else high
        shown = number_text(given) if isinstance(given, (int, float)) else repr(given)
        allowed = range_words(low, high)
        return f"{subject}: {shown} is outside the allowed range" + (
            f"; it takes {allowed}" if allowed else ""
        )
    if kind in ("int_parsing", "int_from_float", "float_parsing", "int_type", "float_type"):
        what = "a whole number" if kind.startswith("int") else "a number"
        return f"{subject}: {given!r} is not {what}"
    if kind == "string_pattern_mismatch":
        return (
            f"{subject}: {given!r} cannot be used here; it must start with a letter or digit "
            "and hold only letters, digits, '-', '_' and '.' (choose from the list instead)"
        )
    if kind == "missing":
        return f"{subject} must be filled in"
    message = str(item.get("msg", "")).removeprefix("Value error, ")
    message = _ORDER.sub(
        lambda m: (
            f"{_words(m['end'])} {m['end_value']} is before {_words(m['start'])} {m['start_value']}"
        ),
        message,
    )
    return f"{label}: {message}" if label else message


def explain_for_people(
    error: ValidationError,
    model: type[BaseModel],
    data: Mapping[str, Any] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """The first problem of `error` (validating `data` as `model`) as a sentence."""
    first = error.errors()[0]
    row, label = where(model, first["loc"], data, names)
    message = _message(first, label, field_spec(model, first["loc"]))
    return f"{row}: {message}" if row else message


__all__ = ["explain_for_people", "singular", "where"]
