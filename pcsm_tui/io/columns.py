"""Columns of an exported sheet, derived from the models' field kinds.

A column knows its header (the template's own words), what kind of value it holds (which
decides the cell format, the Excel validation list or range, and how an imported cell is
read) and its width. Most columns come straight from `models.fields.field_specs`, so a new
field in a model shows up in its tool's sheet without code here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from pydantic import BaseModel

from ..models.fields import FieldSpec, field_specs

ColKind = Literal[
    "text", "multiline", "int", "float", "bool", "date", "choice", "raci", "no", "id", "formula"
]

WIDTHS: dict[str, float] = {
    "text": 22,
    "multiline": 44,
    "int": 10,
    "float": 10,
    "bool": 9,
    "date": 12,
    "choice": 14,
    "raci": 8,
    "no": 6,
    "id": 14,
    "formula": 9,
}


@dataclass(frozen=True)
class Col:
    key: str
    """The field name in the row (or a dotted path in a form; a virtual name when read-only)."""
    header: str
    kind: ColKind = "text"
    width: float = 0
    labels: Mapping[str, str] = field(default_factory=dict)
    """For choices: stored value -> what the cell shows."""
    low: float | None = None
    high: float | None = None
    scale: str | None = None
    """A repository scale (support, risk) bounding a number."""
    optional: bool = False
    """Empty means None (rather than "" or False)."""
    required: bool = False
    readonly: bool = False
    """Shown for context (e.g. a group's name beside its activities); never imported."""
    formula: str = ""
    """For `formula` columns: Excel formula with {key} standing for that column's cell."""
    percent: bool = False
    words: str = ""
    """The key whose header synonyms apply (default: `key`), e.g. `activity` for a task name."""

    @property
    def shown_width(self) -> float:
        return self.width or WIDTHS[self.kind]

    @property
    def imported(self) -> bool:
        return not self.readonly and self.kind != "formula"


def col_from_spec(spec: FieldSpec, header: str | None = None) -> Col:
    kind: ColKind
    if spec.kind in ("text", "multiline", "int", "float", "bool", "date", "choice", "raci"):
        kind = spec.kind
    else:
        raise ValueError(f"field {spec.name} ({spec.kind}) cannot be a column")
    if spec.name == "no":
        kind = "no"
    return Col(
        key=spec.name,
        header=header or spec.label,
        kind=kind,
        labels={str(c): str(c) for c in spec.choices},
        low=spec.low,
        high=spec.high,
        scale=spec.scale,
        optional=spec.optional,
        required=spec.required,
    )


def cols_of(
    model: type[BaseModel],
    headers: Mapping[str, str] | None = None,
    skip: tuple[str, ...] = (),
    only: tuple[str, ...] = (),
    **overrides: Mapping[str, object],
) -> tuple[Col, ...]:
    """The columns of a row model in declaration order, with the template's headers.

    `only` picks and orders fields; `overrides` maps a field name to Col attributes to
    change (e.g. `rapae={"labels": {...}}`).
    """
    headers = headers or {}
    specs = {s.name: s for s in field_specs(model)}
    names = only or tuple(
        name
        for name, spec in specs.items()
        if name not in skip and spec.kind not in ("rows", "model", "list", "map")
    )
    cols = []
    for name in names:
        col = col_from_spec(specs[name], headers.get(name))
        if name in overrides:
            col = replace(col, **overrides[name])  # type: ignore[arg-type]
        cols.append(col)
    return tuple(cols)


ID_HEADER = "pcsm id"


def id_col(header: str = ID_HEADER) -> Col:
    """The column that keeps each row's id so that an import finds the row again."""
    return Col("id", header, "id", optional=True)
