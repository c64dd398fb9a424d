"""Rows named by people, ids made by pcsm: a new name typed where a reference is asked.

A person picks a stakeholder, a group or a strategy by its name; when they type a name
that is not there yet, the value is a `NewName` until the save creates the row and its id.
Ids are made here and never shown: a slug of the name for things (`Field sales team` ->
`field-sales-team`), a random one for a person, whose name must not travel into ids (ids
are kept in redacted exports and appear in commit messages).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..textfold import slug_text
from .edit import new_id


@dataclass(frozen=True)
class NewName:
    """A reference typed as a new name: a row named so is created for it on saving."""

    name: str


Ids = Callable[[str, NewName, dict[str, Any]], str]
"""Given a reference field, a new name and the referring file's data (as being edited),
the id of the row so named: an existing row with that name, or one created for it."""


def slug_id(name: str, existing: Sequence[str], prefix: str) -> str:
    """An id made from a name, unique in `existing`; `prefix` when the name has no
    letters or digits that fit an id (a name in another script)."""
    base = slug_text(name, 48) or prefix
    candidate, n = base, 2
    while candidate in existing:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def row_id(name: str, existing: Sequence[str], prefix: str, personal: bool) -> str:
    """The id of a new row named `name`: random for a person, else a slug of the name."""
    return new_id(existing, prefix) if personal else slug_id(name, existing, prefix)


__all__ = ["Ids", "NewName", "row_id", "slug_id"]
