"""Rules a row must keep that the file's model does not check, so that a file already
breaking them still loads: refused only when an edit in the app would break them anew.

Kept apart from naming.py and tool.py (size); dispatched by the file's model class."""

from __future__ import annotations

from typing import Any

from ...models.commitment import Raci
from .raci_parts import activity_name_taken


def refused(model: type[Any], old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """Why the edit from `old` to `new` may not be saved, in words, or None."""
    if issubclass(model, Raci):
        return activity_name_taken(old, new)
    return None
