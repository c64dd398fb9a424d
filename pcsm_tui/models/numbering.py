"""Row numbers (`no`) follow the table.

Several tools number their rows (strategy activities per phase, the activity log, risks,
barriers, capabilities, onboarding activities). A new row gets the number after the highest
one in its list (within its group: a strategy's phase); a duplicated row the next number
after the original's that is free. Two rows with the same number are a warning in
`pcsm validate`, not an error: people renumber by hand and the data stays usable.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from .base import iter_row_lists
from .edit import add_row, duplicate_row, resolve

NUMBER = "no"
"""The field that numbers a row."""


def is_numbered(row_class: type[BaseModel]) -> bool:
    return NUMBER in row_class.model_fields


def _group(row_class: type[BaseModel]) -> tuple[str, ...]:
    return tuple(getattr(row_class, "number_group", ()))


def _key(row: Mapping[str, Any], group: Sequence[str]) -> tuple[Any, ...]:
    return tuple(row.get(name) for name in group)


def _numbers(
    rows: Sequence[Mapping[str, Any]], group: Sequence[str], key: tuple[Any, ...]
) -> set[int]:
    return {
        number
        for row in rows
        if isinstance(number := row.get(NUMBER), int) and _key(row, group) == key
    }


def next_number(
    row_class: type[BaseModel], rows: Sequence[Mapping[str, Any]], row: Mapping[str, Any]
) -> int:
    """The number after the highest one among `rows` in `row`'s group."""
    group = _group(row_class)
    return max(_numbers(rows, group, _key(row, group)), default=0) + 1


class NumberSequence:
    """Numbers for rows added one after another (an import of thousands of rows): the
    highest number of each group is kept, so no row list is scanned again per row."""

    def __init__(self, row_class: type[BaseModel], rows: Sequence[Mapping[str, Any]]) -> None:
        self.group = _group(row_class)
        self.highest: dict[tuple[Any, ...], int] = {}
        for row in rows:
            self.see(row)

    def see(self, row: Mapping[str, Any]) -> None:
        number = row.get(NUMBER)
        if isinstance(number, int) and not isinstance(number, bool):
            key = _key(row, self.group)
            self.highest[key] = max(self.highest.get(key, 0), number)

    def next(self, row: Mapping[str, Any]) -> int:
        key = _key(row, self.group)
        self.highest[key] = self.highest.get(key, 0) + 1
        return self.highest[key]


def free_number_after(
    row_class: type[BaseModel], rows: Sequence[Mapping[str, Any]], row: Mapping[str, Any]
) -> int:
    """The first number after `row`'s own that no row of its group uses."""
    group = _group(row_class)
    used = _numbers(rows, group, _key(row, group))
    start = row.get(NUMBER)
    number = (start if isinstance(start, int) else 0) + 1
    while number in used:
        number += 1
    return number


def add_numbered_row(
    data: dict[str, Any],
    list_path: Sequence[str],
    row: dict[str, Any],
    row_class: type[BaseModel],
    after: str | None = None,
) -> dict[str, Any]:
    """`add_row`, numbering the row after the highest number in its list (unless given)."""
    if is_numbered(row_class) and NUMBER not in row:
        rows = _rows(data, list_path)
        row = {**row, NUMBER: next_number(row_class, rows, row)}
    return add_row(data, list_path, row, after=after)


def duplicate_numbered_row(
    data: dict[str, Any],
    list_path: Sequence[str],
    row_id: str,
    row_class: type[BaseModel],
    prefix: str = "r",
) -> tuple[dict[str, Any], str]:
    """`duplicate_row`, the copy numbered with the next free number after the original's."""
    new, twin_id = duplicate_row(data, list_path, row_id, prefix)
    if is_numbered(row_class):
        rows = _rows(new, list_path)
        twin = next(r for r in rows if r.get("id") == twin_id)
        others = [r for r in rows if r.get("id") != twin_id]
        twin[NUMBER] = free_number_after(row_class, others, twin)
    return new, twin_id


def _rows(data: dict[str, Any], list_path: Sequence[str]) -> list[dict[str, Any]]:
    try:
        rows = resolve(data, list_path)
    except KeyError:
        return []
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


@functools.cache
def holds_numbered_rows(model_class: type[BaseModel]) -> bool:
    """Whether a model has numbered rows anywhere inside (decided once per class: this runs
    on every save, and walking a big RACI for numbers it cannot have costs milliseconds)."""
    pending = [model_class.model_fields[name].annotation for name in model_class.model_fields]
    while pending:
        annotation = pending.pop()
        if (
            isinstance(annotation, type)
            and issubclass(annotation, BaseModel)
            and (is_numbered(annotation) or holds_numbered_rows(annotation))
        ):
            return True
        pending.extend(typing.get_args(annotation))
    return False


def duplicate_numbers(model: BaseModel) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(location, message) for every row whose number an earlier row of its group has.
    Only numbers written in the file count: rows without one all default to 1."""
    if not holds_numbered_rows(type(model)):
        return
    for loc, rows in iter_row_lists(model):
        row_class = type(rows[0])
        if not is_numbered(row_class):
            continue
        group = _group(row_class)
        seen: dict[tuple[Any, ...], int] = {}
        for index, row in enumerate(rows):
            if NUMBER not in row.model_fields_set:
                continue  # a row written without a number (by hand) has none to clash
            values = tuple(getattr(row, name, None) for name in group)
            number = getattr(row, NUMBER)
            first = seen.setdefault((*values, number), index)
            if first != index:
                within = "".join(
                    f", {name} {value}" for name, value in zip(group, values, strict=True)
                )
                where = ".".join(str(p) for p in loc)
                yield (
                    (*loc, index, NUMBER),
                    f"number {number} is used twice in {where}{within} (rows {first + 1} and "
                    f"{index + 1}): give one of them the next free number",
                )


__all__ = [
    "NUMBER",
    "add_numbered_row",
    "duplicate_numbered_row",
    "duplicate_numbers",
    "free_number_after",
    "is_numbered",
    "next_number",
]
