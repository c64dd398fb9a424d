"""How the conflict view shows a value: one line for a table cell (`(absent)`, a number, a
date, the start of a text) and everything about it for the detail pane. Plain text; the
screen shows it as text, never as markup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ...gateway import MISSING
from ...textcut import shorten

SIDE_NAMES = {"ours": "ours (yours)", "theirs": "theirs", "edit": "edited"}
CELL = 22


def show_value(value: Any, whole_file: bool = False, width: int = CELL) -> str:
    """One line for a table cell: `(absent)`, a number, a date, the start of a text."""
    if value is MISSING:
        return "(deleted)" if whole_file else "(absent)"
    if whole_file:
        return "(the whole file)"
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        name = next((value[k] for k in ("name", "title", "stakeholder") if k in value), "")
        return f"row {name or value.get('id', '')}".strip()
    if isinstance(value, list):
        return " → ".join(str(v) for v in value)
    text = str(value)
    first, _, rest = text.partition("\n")
    if rest.strip():
        first += " ⏎…"
    return shorten(first, width)


def full_value(value: Any, whole_file: bool = False) -> str:
    """Everything about a value, for the detail pane."""
    if value is MISSING:
        return "(deleted)" if whole_file else "(absent)"
    if isinstance(value, Mapping):
        return "\n".join(f"{k} = {show_value(v, width=60)}" for k, v in value.items())
    if isinstance(value, str) and "\n" in value:
        return value.rstrip("\n")
    if whole_file:
        return "(the whole file: " + f"{len(str(value).splitlines())} lines)"
    return show_value(value, width=200)
