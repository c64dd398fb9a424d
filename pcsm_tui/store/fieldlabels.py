"""Where the row names are, derived from the models: the table `fieldview.py` ships.

`git log -p` runs the diff view once per file version, so it cannot afford to import the
models (pydantic alone costs more than the whole view). Instead `fieldview.py` carries a
literal copy of what this module derives: for each file kind, which lists of tables are
rows and which field names a row (`label_field`), and which file name is which kind. A test
compares the copy with this derivation, so a model change cannot leave the view behind.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from ..framework.catalogue import ENGAGEMENT_FILES, FILE_MODELS, PERSON_FILES
from ..models.base import Row

RowPaths = dict[str, str]
"""Dotted path of a list of rows (keys as in the file) -> label field; `PATH.*` -> "" marks
a map (keys are data, shown as `[key]`), and rows inside a map's values sit under it."""


def _is_dict(annotation: Any) -> bool:
    if typing.get_origin(annotation) is dict:
        return True
    return any(_is_dict(arg) for arg in typing.get_args(annotation))


def _models_in(annotation: Any) -> list[tuple[str, type[BaseModel]]]:
    """(`list` or `dict` or ``, model) for every model an annotation holds."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [("", annotation)]
    found: list[tuple[str, type[BaseModel]]] = []
    for arg in typing.get_args(annotation):
        for how, model in _models_in(arg):
            if origin in (list, tuple, set, frozenset):
                how = "list"
            elif origin is dict:
                how = "dict"
            found.append((how, model))
    return found


def row_paths(
    model: type[BaseModel], prefix: str = "", seen: frozenset[type] = frozenset()
) -> RowPaths:
    """Every list of rows under `model`, by dotted key path, with its rows' label field."""
    out: RowPaths = {}
    if model in seen:
        return out
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}.{key}" if prefix else key
        if _is_dict(info.annotation):
            out[f"{path}.*"] = ""
        for how, inner in _models_in(info.annotation):
            if how == "list" and issubclass(inner, Row):
                out[path] = inner.label_field or ""
                out.update(row_paths(inner, path, seen | {model}))
            elif how == "dict":
                out.update(row_paths(inner, f"{path}.*", seen | {model}))
            else:
                out.update(row_paths(inner, path, seen | {model}))
    return out


def derive() -> tuple[dict[str, str], dict[str, RowPaths]]:
    """(file name -> kind, kind -> row paths) for every file kind pcsm owns."""

    names = {**ENGAGEMENT_FILES, **PERSON_FILES}
    return names, {kind: row_paths(model) for kind, model in sorted(FILE_MODELS.items())}


def table_source() -> str:
    """The literal table for fieldview.py (paste it between its markers, then `ruff format`)."""
    names, rows = derive()
    return f"FILE_KINDS: dict[str, str] = {names!r}\n\nROWS: dict[str, dict[str, str]] = {rows!r}\n"
