"""A remembered mapping, as detection uses it: the header shape it is for, and what it says.

The shape of a table is its header words as `normalize` makes them, in column order: the
same table exported next month (other rows, other values, a header typed with another
capital or a trailing space) has the same shape; a table with a column more or less does
not, and is asked about again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..rules import normalize
from .vocab import UserMapping


def shape_of(headers: Iterable[str]) -> tuple[str, ...]:
    """A table's header shape: its header words, normalised, in column order."""
    return tuple(normalize(h) or h.strip() for h in headers)


@dataclass(frozen=True)
class Remembered:
    """One `import-mappings/<name>.toml` that read and validated."""

    rel: str
    tool: str
    """The pcsm tool the table's rows go to."""
    shape: tuple[str, ...]
    user: UserMapping
    digest: str


def remembered_for(
    shape: tuple[str, ...], remembered: Sequence[Remembered], wanted: str | None
) -> Remembered | None:
    """The remembered mapping for a table of `shape` (one for the tool asked for with
    --tool, when one is); the first by file name when two tools were remembered for it."""
    for item in remembered:
        if item.shape == shape and (wanted is None or item.tool == wanted):
            return item
    return None


def merged(base: UserMapping, over: UserMapping) -> UserMapping:
    """`over` (what the person says now) wins over `base` (what was remembered)."""
    values = {f: dict(m) for f, m in base.values.items()}
    for key, texts in over.values.items():
        values.setdefault(key, {}).update(texts)
    return UserMapping({**base.headers, **over.headers}, values)
