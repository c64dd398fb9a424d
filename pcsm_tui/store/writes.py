"""What a save takes and gives: a file as loaded (`Loaded`, with the digest that later
shows whether it changed on disk), one file of a change (`Write`), the commit made
(`CommitResult`), and the data a model is written as (`dump`, `writable`: a person's minimal
hand-written file stays minimal)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models.base import FileModel
from .changes import Change


@dataclass(frozen=True)
class Loaded:
    """A file as read: the model, the exact text and its digest (to detect later changes)."""

    rel: str
    model: FileModel
    text: str
    digest: str


@dataclass(frozen=True)
class Write:
    """One file of a change: the new model (None deletes) and the digest it was loaded at."""

    rel: str
    model: FileModel | None
    expected_digest: str | None = None
    """The loaded file's digest; None when the file must not exist yet."""
    header: str | None = None
    text: str | None = None
    """Exact text to write instead of rendering `model` (it must parse to `model`)."""


@dataclass(frozen=True)
class CommitResult:
    sha: str | None
    """None when the change turned out to change nothing."""
    message: str
    changes: list[Change] = field(default_factory=list)
    rescued: list[str] = field(default_factory=list)
    """Lines saying where unreadable files that were written over are kept."""
    paths: list[str] = field(default_factory=list)
    """The files the commit changed (what an undo of it is scoped by)."""

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]


def dump(model: FileModel) -> dict[str, Any]:
    """The TOML-ready data of a model: no None values, RACI cells as text."""
    return model.model_dump(mode="python", exclude_none=True, by_alias=True)


def writable(model: FileModel, existing: dict[str, Any]) -> dict[str, Any]:
    """The data to merge into an existing file: `dump(model)` without the keys the file
    does not have and that only hold their default. A person's minimal hand-written file
    then stays minimal, and a one-field edit stays a one-line diff."""
    return _prune(model, dump(model), existing)


def _prune(model: Any, data: dict[str, Any], existing: dict[str, Any]) -> dict[str, Any]:
    # start-up: pydantic loads only when this runs
    from pydantic import BaseModel

    fields = type(model).model_fields
    out: dict[str, Any] = {}
    for key, value in data.items():
        info = fields.get(key)
        current = getattr(model, key, None) if info is not None else None
        if (
            info is not None
            and key not in existing
            and not info.is_required()
            and current == info.get_default(call_default_factory=True)
        ):
            continue
        before = existing.get(key)
        if isinstance(current, BaseModel) and isinstance(value, dict):
            value = _prune(current, value, before) if isinstance(before, dict) else value
        elif isinstance(current, list) and isinstance(value, list) and isinstance(before, list):
            old_rows = {r.get("id"): r for r in before if isinstance(r, dict)}
            value = [
                _prune(row, item, old_rows[item.get("id")])
                if isinstance(row, BaseModel)
                and isinstance(item, dict)
                and item.get("id") in old_rows
                else item
                for row, item in zip(current, value, strict=False)
            ]
        out[key] = value
    return out
