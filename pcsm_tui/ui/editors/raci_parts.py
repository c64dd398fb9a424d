"""The RACI grid's pure parts: column heads from long names, a column taken out of a
matrix. Split from raci.py (size); no Textual here."""

from __future__ import annotations

import copy
import textwrap
from typing import Any

HEAD_WIDTH = 14
HEAD_LINES = 3


def _short(title: str, width: int = HEAD_WIDTH, lines: int = HEAD_LINES) -> str:
    """A column head: the name as written, wrapped at whole words onto up to `lines` lines
    of `width` (never letters of each word, which read as `EDOF`); a name that does not
    fit ends in `…` and the legend under the grids gives it in full."""
    title = " ".join(title.split())
    wrapped = textwrap.wrap(title, width) or [""]
    if len(wrapped) <= lines and all(len(part) <= width for part in wrapped):
        return "\n".join(wrapped)
    kept = [part[:width] for part in wrapped[:lines]]
    kept[-1] = kept[-1][: width - 1] + "…"
    return "\n".join(kept)


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
