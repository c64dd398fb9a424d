"""Remembered import mappings: read from `import-mappings/`, written with the import.

A mapping a person chose (`pcsm import --map/--values`, or the app's mapping step) is
committed in the import's one commit as `import-mappings/<tool>-<shape digest>.toml`, so the
next workbook with a table of the same header shape is read without asking, in this clone
and in every teammate's. A file there that cannot be used (hand-edited into invalid TOML, a
field that does not exist, a hostile size) is never fatal to an import: it is left unused and
named in the report, and `pcsm validate` says which line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from pydantic import ValidationError

from ..errors import explain
from ..models.import_mapping import ColumnChoice, ImportMapping, ValueChoice
from ..safeio import Unreadable
from ..store.layout import MAPPINGS_DIR, classify
from ..store.repository import Repository, Write
from .detect import Detected, Remembered, UserMapping
from .detect.recognise import ignored
from .report import Report

HEADER = "Import mapping: how a workbook table of this header shape is read (pcsm import)"


def mapping_rel(tool: str, shape: tuple[str, ...]) -> str:
    """`import-mappings/<tool>-<8 hex digits of the shape>.toml` (names never personal)."""
    digest = hashlib.sha256("\0".join(shape).encode("utf-8")).hexdigest()[:8]
    return f"{MAPPINGS_DIR}/{tool}-{digest}.toml"


def load_remembered(repo: Repository, report: Report) -> list[Remembered]:
    """Every usable remembered mapping, by file name; the unusable ones named in `report`."""
    folder = repo.root / MAPPINGS_DIR
    try:
        names = sorted(os.listdir(folder)) if folder.is_dir() and not folder.is_symlink() else []
    except OSError as error:
        report.note(MAPPINGS_DIR, f"cannot be listed ({error.strerror}); no mapping remembered")
        return []
    out: list[Remembered] = []
    for name in names:
        rel = f"{MAPPINGS_DIR}/{name}"
        if classify(rel) is None:
            continue
        try:
            loaded = repo.load(rel)
        except (Unreadable, ValidationError, ValueError, RecursionError) as error:
            report.note(rel, f"remembered mapping not used: {explain(error)} (see pcsm validate)")
            continue
        model = loaded.model
        assert isinstance(model, ImportMapping)
        user = UserMapping(
            {c.header: c.field for c in model.columns},
            _values(model.values),
        )
        out.append(Remembered(rel, model.tool, tuple(model.headers), user, loaded.digest))
    return out


def _values(choices: Sequence[ValueChoice]) -> dict[str, dict[str, str]]:
    values: dict[str, dict[str, str]] = {}
    for choice in choices:
        values.setdefault(choice.field, {})[choice.text] = choice.value
    return values


def mapping_write(found: Detected, remembered: Sequence[Remembered]) -> Write | None:
    """The remembered mapping of a table read with a person's mapping (None: nothing new).

    A table tool's file says every column (the guessed ones too, so a later vocabulary does
    not read the same workbook otherwise); a RACI grid's only what the person said (its
    people's columns are found by their codes)."""
    chosen = found.chosen
    if chosen is None or found.sheet is None or not chosen.target:
        return None
    user = found.user
    said = any(user.field_of(h) is not None for h in found.table.headers.values())
    fields = set(chosen.columns.values())
    values = {k: v for k, v in user.values.items() if k in fields and v}
    if not said and not values:
        return None
    columns: list[ColumnChoice] = []
    for col, header in found.table.headers.items():
        field = user.field_of(header)
        if field is None and chosen.target != "raci":
            field = chosen.columns.get(col) or (None if ignored(header) else "ignore")
        if field is not None and header.strip():
            columns.append(ColumnChoice(id=f"c{len(columns) + 1}", header=header, field=field))
    choices = [
        ValueChoice(id=f"v{index}", field=key, text=text, value=value)
        for index, (key, text, value) in enumerate(
            ((k, t, v) for k, texts in sorted(values.items()) for t, v in texts.items()),
            start=1,
        )
    ]
    model = ImportMapping(
        tool=chosen.target, headers=list(found.shape), columns=columns, values=choices
    )
    rel = mapping_rel(chosen.target, found.shape)
    old = next((r for r in remembered if r.rel == rel), None)
    if old is not None and _same(old, model):
        return None
    return Write(rel, model, old.digest if old is not None else None, header=HEADER)


def _same(old: Remembered, model: ImportMapping) -> bool:
    again = UserMapping({c.header: c.field for c in model.columns}, _values(model.values))
    return old.tool == model.tool and old.user == again


__all__ = ["MAPPINGS_DIR", "load_remembered", "mapping_rel", "mapping_write"]
