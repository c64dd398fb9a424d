"""How a tool's file is laid out on screen: sections of fields and tables of rows.

Derived from the model alone: top-level fields make a form, each list of rows a table,
and a list whose rows hold lists of their own (checklist copies, onboarding phases, RACI
matrices) gets a table of its own rows followed by one table per row's children.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from ...models.fields import FieldSpec, field_specs, scalar_specs

SectionKind = Literal["record", "rows"]


@dataclass(frozen=True)
class Section:
    title: str
    kind: SectionKind
    path: tuple[str, ...]
    """To the record (a dict) or to the list of rows."""
    model: type[BaseModel]
    specs: tuple[FieldSpec, ...]
    map_columns: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(map field, key) pairs shown as extra columns, e.g. the A-H scores."""

    @property
    def key(self) -> str:
        return "sec-" + re.sub(r"[^A-Za-z0-9_-]", "_", "-".join(self.path) or "top")


def _shown(specs: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    return tuple(s for s in specs if s.kind not in ("map", "raci"))


SHORT_KINDS = ("int", "float", "date", "bool", "choice")


def is_short(spec: FieldSpec, label_field: str) -> bool:
    return spec.kind in SHORT_KINDS or spec.name == label_field


def _columns(specs: tuple[FieldSpec, ...], model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Table columns: the row's name and short values first so they stay in view, then
    one-line text, long text last. A row with a `name` that is not its label (a
    stakeholder is labelled by job role, so that commit messages never carry a person's
    name) still shows the name first: it is what a person looks for, and the first column
    is the one that stays when a wide table scrolls."""
    shown = _shown(specs)
    label_field = getattr(model, "label_field", "")
    short = tuple(s for s in shown if is_short(s, label_field))
    text = tuple(s for s in shown if s not in short and s.kind != "multiline")
    ordered = short + text + tuple(s for s in shown if s.kind == "multiline")
    name = next((s for s in ordered if s.name == "name" and s.kind != "multiline"), None)
    if name is None or label_field == "name":
        return ordered
    return (name, *(s for s in ordered if s is not name))


def build_sections(
    model: type[BaseModel],
    data: dict[str, Any],
    map_keys: dict[str, tuple[str, ...]] | None = None,
    path: tuple[str, ...] = (),
    title: str = "",
    skip: frozenset[str] = frozenset(),
) -> list[Section]:
    """The sections of a file (or of a nested record)."""
    map_keys = map_keys or {}
    sections: list[Section] = []
    scalars = tuple(s for s in _shown(scalar_specs(model)) if s.name not in skip)
    if scalars:
        sections.append(Section(title or "Overview", "record", path, model, scalars))
    for spec in field_specs(model):
        if spec.name in skip:
            continue
        if spec.kind == "model" and spec.sub_model is not None:
            sections += build_sections(
                spec.sub_model, data.get(spec.name, {}), map_keys, (*path, spec.name), spec.label
            )
        elif spec.kind == "rows" and spec.row_model is not None:
            row_model = spec.row_model
            maps = tuple(
                (m.name, key)
                for m in field_specs(row_model)
                if m.kind == "map"
                for key in _keys(map_keys.get(m.name, ()), data.get(spec.name, []), m.name)
            )
            sections.append(
                Section(
                    spec.label,
                    "rows",
                    (*path, spec.name),
                    row_model,
                    _columns(scalar_specs(row_model), row_model),
                    maps,
                )
            )
            nested = [s for s in field_specs(row_model) if s.kind == "rows"]
            for row in data.get(spec.name, []):
                label = _row_title(row, row_model)
                for child in nested:
                    assert child.row_model is not None
                    sections.append(
                        Section(
                            f"{label} — {child.label.lower()}",
                            "rows",
                            (*path, spec.name, str(row["id"]), child.name),
                            child.row_model,
                            _columns(scalar_specs(child.row_model), child.row_model),
                        )
                    )
    return sections


def _keys(known: tuple[str, ...], rows: list[dict[str, Any]], name: str) -> tuple[str, ...]:
    present = [k for row in rows for k in row.get(name, {}) if k not in known]
    return tuple(known) + tuple(dict.fromkeys(present))


def _row_title(row: dict[str, Any], model: type[BaseModel]) -> str:
    label_field = getattr(model, "label_field", "")
    value = row.get(label_field) if label_field else None
    return str(value) if value else str(row.get("id", "?"))
