"""The RACI grid's pure parts: column heads from long names, a column taken out of a
matrix. Split from raci.py (size); no Textual here."""

from __future__ import annotations

import copy
import textwrap
from typing import Any

from ...textcut import shorten

__all__ = ["_short", "_without_column", "activity_name_taken", "shorten"]

HEAD_WIDTH = 14
HEAD_LINES = 3


def _short(title: str, width: int = HEAD_WIDTH, lines: int = HEAD_LINES) -> str:
    """A column head: the name as written, wrapped at whole words onto up to `lines` lines
    of `width` (never letters of each word, which read as `EDOF`); a name that does not
    fit has its last line cut at a word with `…` (textcut) and the legend under the grids
    gives it in full."""
    title = " ".join(title.split())
    wrapped = textwrap.wrap(title, width) or [""]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    rest = shorten(" ".join(wrapped[lines - 1 :]), width)
    return "\n".join([*wrapped[: lines - 1], rest])


def _without_column(data: dict[str, Any], matrix: str, column: str) -> dict[str, Any]:
    """The matrix without the column and without that column's cells in every activity."""
    new = copy.deepcopy(data)
    for candidate in new.get("matrices", []):
        if candidate.get("id") == matrix:
            candidate["columns"] = [
                c for c in candidate.get("columns", []) if c.get("id") != column
            ]
            for activity in candidate.get("activities", []):
                activity.get("cells", {}).pop(column, None)
    return new


def _key(name: object) -> str:
    """An activity name as compared: case and spaces do not make two names different."""
    return "".join(str(name or "").split()).casefold()


def activity_name_taken(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """Why `new` may not be saved when an add or rename gives an activity the name another
    activity of its matrix already has (case and spaces ignored), else None. Two rows read
    alike in the grid, in commits and in the workbook; only names doubled by this change are
    refused, so a file that already holds twins (a hand edit, a merge) stays editable."""
    before = {str(m.get("id")): m for m in old.get("matrices", [])}
    for matrix in new.get("matrices", []):
        old_rows = before.get(str(matrix.get("id")), {}).get("activities", [])
        was = [_key(a.get("name")) for a in old_rows]
        seen: dict[str, str] = {}
        for activity in matrix.get("activities", []):
            key, name = _key(activity.get("name")), str(activity.get("name") or "")
            if not key:
                continue
            now = sum(1 for a in matrix.get("activities", []) if _key(a.get("name")) == key)
            if key in seen and now > was.count(key):
                title = str(matrix.get("title") or "RACI matrix")
                return (
                    f"the matrix “{title}” already has an activity “{seen[key]}”: "
                    "give this one another name"
                )
            seen.setdefault(key, name)
    return None
