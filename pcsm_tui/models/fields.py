"""What kind of value each field holds, read from the models, for editors and exports.

Editors, validation messages and xlsx columns all need the same facts about a field: its
label, whether it is free text (one line or several), a number within a range, a date,
yes/no, one of a few choices, a reference to another row, a list of rows, or a map. They
are derived here once from the pydantic annotations, so a new tool needs no editor code.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel

from ..errors import PcsmError
from .base import FrameworkChoice, Multiline, Row
from .numbering import NUMBER
from .references import reference_fields
from .typed import NotANumber, number_text, parse_date, parse_number, range_words

Kind = Literal[
    "text",
    "multiline",
    "int",
    "float",
    "bool",
    "date",
    "choice",
    "rows",
    "model",
    "map",
    "list",
    "raci",
]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: Kind
    optional: bool = False
    """None is allowed (the TOML key may be absent)."""
    required: bool = False
    """The model has no default: a new row needs a value."""
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    row_model: type[Row] | None = None
    """For `rows`: the row class."""
    sub_model: type[BaseModel] | None = None
    """For `model`: the nested model class."""
    scale: str | None = None
    """A repository scale (support, risk) that bounds the number instead of low/high."""
    reference: bool = False
    framework_list: str = ""
    """For a choice among a framework list a team may change (models.base.FrameworkChoice):
    the list's name; `choices` are then the shipped ids, the repository's list wins."""
    entry: Kind = "int"
    """For a `map`: what each entry holds (a score is a whole number, a ticked activity's
    entry is the date it was done), so a script's value is read by the entry's type."""

    @property
    def range_text(self) -> str:
        if self.scale:
            return f"{self.scale} scale"
        if self.low is not None and self.high is not None:
            return f"{_num(self.low)}-{_num(self.high)}"
        if self.low is not None:
            return f">= {_num(self.low)}"
        return ""

    def bounds(self, scales: dict[str, Any] | None = None) -> tuple[float | None, float | None]:
        """The lowest and highest value allowed: the repository's scale when it has one."""
        if self.scale and scales and self.scale in scales:
            return scales[self.scale].low, scales[self.scale].high
        return self.low, self.high

    def range_words(self, scales: dict[str, Any] | None = None) -> str:
        """The allowed range in words ("from 0 to 10"), for messages."""
        low, high = self.bounds(scales)
        return range_words(low, high, self.scale or "")


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


SCALED: dict[tuple[str, str], str] = {
    ("Assessment", "support"): "support",
    ("Risk", "likelihood"): "risk",
    ("Risk", "severity"): "risk",
    ("Barrier", "severity"): "risk",
}
"""Fields bounded by a scale the repository chooses (see models.scales)."""

LABELS: dict[str, str] = {
    "no": "No.",
    "kpis": "KPIs",
    "csf": "CSF",
    "rapae": "RAPAE",
    "spl": "SPL",
    "am": "AM",
    "csm": "CSM",
}


def label_for(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """(base type, metadata, optional) of an annotation."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, metadata, optional
            annotation = args[0]
        else:
            return annotation, metadata, optional


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    low = high = None
    for item in metadata:
        for inner in getattr(item, "metadata", [item]):
            if isinstance(inner, annotated_types.Ge):
                low = float(inner.ge)  # type: ignore[arg-type]
            elif isinstance(inner, annotated_types.Le):
                high = float(inner.le)  # type: ignore[arg-type]
    return low, high


@cache
def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Every field of `model` except `id` and `format_version`, in declaration order."""
    specs: list[FieldSpec] = []
    references = reference_fields(model)
    for name, info in model.model_fields.items():
        if name in ("id", "format_version"):
            continue
        base, metadata, optional = _unwrap(info.annotation)
        metadata = [*metadata, *info.metadata]
        low, high = _bounds(metadata)
        origin = typing.get_origin(base)
        common: dict[str, Any] = {
            "name": name,
            "label": label_for(name),
            "optional": optional,
            "required": info.is_required(),
            "reference": name in references,
        }
        scale = SCALED.get((model.__name__, name))
        chosen = next((m for m in metadata if isinstance(m, FrameworkChoice)), None)
        if origin is Literal:
            specs.append(FieldSpec(kind="choice", choices=tuple(typing.get_args(base)), **common))
        elif chosen is not None:
            specs.append(
                FieldSpec(
                    kind="choice",
                    choices=chosen.defaults,
                    framework_list=chosen.list_name,
                    **common,
                )
            )
        elif origin is list:
            (item,) = typing.get_args(base)
            if isinstance(item, type) and issubclass(item, Row):
                specs.append(FieldSpec(kind="rows", row_model=item, **common))
            else:
                specs.append(FieldSpec(kind="list", **common))
        elif origin is dict:
            value = typing.get_args(base)[1]
            kind: Kind = "raci" if typing.get_origin(_unwrap(value)[0]) is frozenset else "map"
            vlow, vhigh = _bounds(_unwrap(value)[1])
            entry: Kind = "date" if _unwrap(value)[0] is dt.date else "int"
            specs.append(FieldSpec(kind=kind, low=vlow, high=vhigh, entry=entry, **common))
        elif isinstance(base, type) and issubclass(base, BaseModel):
            specs.append(FieldSpec(kind="model", sub_model=base, **common))
        elif base is bool:
            specs.append(FieldSpec(kind="bool", **common))
        elif base is int:
            specs.append(FieldSpec(kind="int", low=low, high=high, scale=scale, **common))
        elif base is float:
            specs.append(FieldSpec(kind="float", low=low, high=high, **common))
        elif base is dt.date:
            specs.append(FieldSpec(kind="date", **common))
        elif any(isinstance(m, Multiline) for m in metadata):
            specs.append(FieldSpec(kind="multiline", **common))
        else:
            specs.append(FieldSpec(kind="text", **common))
    return tuple(specs)


def scalar_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields a form or a table column can show (no lists of rows, no nested models)."""
    return tuple(s for s in field_specs(model) if s.kind not in ("rows", "model", "list"))


class BadValue(PcsmError, ValueError):
    """Text typed into a field that the field cannot hold; the message says what it takes."""


def parse_value(spec: FieldSpec, text: str, scales: dict[str, Any] | None = None) -> Any:
    """Read what a person typed into a field, or raise BadValue saying what is allowed."""
    raw = text if spec.kind == "multiline" else text.strip()
    if raw == "" and spec.optional:
        return None
    if spec.kind in ("text", "multiline"):
        if spec.required and not raw:
            raise BadValue(f"{spec.label} cannot be empty")
        return raw
    if spec.kind == "choice":
        for choice in spec.choices:
            if raw.lower() == str(choice).lower():
                return choice
        if spec.framework_list and raw:  # a team's own entry: validate checks the list
            return raw
        raise BadValue(f"{spec.label}: choose one of {', '.join(map(str, spec.choices))}")
    if spec.kind == "bool":
        lowered = raw.lower()
        if lowered in ("y", "yes", "true", "1", "x"):
            return True
        if lowered in ("n", "no", "false", "0"):
            return False
        raise BadValue(f"{spec.label}: answer y or n")
    if spec.kind == "date":
        try:
            return parse_date(raw)
        except ValueError as error:
            raise BadValue(f"{spec.label}: {error}") from None
    if spec.kind in ("int", "float"):
        try:
            number: float = parse_number(raw, whole=spec.kind == "int")
        except NotANumber as error:
            allowed = spec.range_words(scales)
            if not raw:
                kind = "a whole number" if spec.kind == "int" else "a number"
                raise BadValue(
                    f"{spec.label}: nothing was typed; type {kind}"
                    + (f" {allowed}" if allowed else "")
                ) from None
            hint = f"it takes {allowed}" if allowed else "write it with digits, e.g. 48000"
            raise BadValue(f"{spec.label}: {error}; {hint}") from None
        low, high = spec.bounds(scales)
        if (low is not None and number < low) or (high is not None and number > high):
            raise BadValue(
                f"{spec.label}: {number_text(number)} is outside the allowed range; "
                f"it takes {spec.range_words(scales)}"
            )
        return number
    raise BadValue(f"{spec.label} cannot be typed in")


def format_value(spec: FieldSpec, value: Any) -> str:
    """How a value reads in a cell (one line; the editor shows multi-line text whole)."""
    if value is None:
        return ""
    if spec.kind == "bool":
        return "Y" if value else "N"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


MAIN_FIELDS = 4
"""How many fields an add-row dialog asks for: the required ones, then the first others."""


def main_specs(model: type[BaseModel], count: int = MAIN_FIELDS) -> tuple[FieldSpec, ...]:
    """The fields a new row of `model` is added with, in one dialog and one commit: every
    required field, then the model's first other fields in declaration order (its own
    order says what matters most), up to `count`. A row number (`no`) is given by pcsm,
    and lists, maps and nested tables are edited in the table afterwards."""

    usable = [
        s
        for s in scalar_specs(model)
        if s.kind not in ("map", "raci") and s.name != NUMBER and s.name != "id"
    ]
    chosen = [s for s in usable if s.required]
    for spec in usable:
        if len(chosen) >= count:
            break
        if spec not in chosen:
            chosen.append(spec)
    order = {s.name: i for i, s in enumerate(usable)}
    return tuple(sorted(chosen, key=lambda s: order[s.name]))
