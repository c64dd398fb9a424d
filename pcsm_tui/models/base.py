"""Shared building blocks of every file model.

Models own validation: ranges, enums, date order and id uniqueness are checked here so
that the store, the CLI and the UI all reject the same things. Unknown keys are allowed
(and kept) because people edit these files by hand and other tools may add their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1

ROW_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
RowId = Annotated[str, StringConstraints(pattern=ROW_ID_PATTERN)]
"""A stable row identifier: kept through edits and reorders, used for references."""


class Multiline:
    """Marks a text field that may span several lines (edited in a text area)."""


Text = Annotated[str, Multiline()]
"""Free text; may span several lines (written as a TOML multi-line string)."""

Score0to5 = Annotated[int, Field(ge=0, le=5)]
Score0to10 = Annotated[int, Field(ge=0, le=10)]
Percent = Annotated[int, Field(ge=0, le=100)]
MAX_PHASE = 20
"""The highest phase number: the framework ships phases 1-7 and a team may add its own
after them (framework.toml `[[phases.add]]`, numbers 8 and up, or a number it removed)."""
PhaseNumber = Annotated[int, Field(ge=1, le=MAX_PHASE)]
Hours = Annotated[float, Field(ge=0, le=10_000)]
Money = Annotated[float, Field(ge=0)]


class FrameworkChoice:
    """Marks a text field that holds the id of one entry of a framework list a team may
    change (framework.toml `[items.<list>]`): the editor offers the repository's list by
    name, and `pcsm validate` reports a value the framework no longer has (kept, never
    rewritten). `defaults` are the shipped ids, for places that have no repository."""

    def __init__(self, list_name: str, defaults: tuple[str, ...]) -> None:
        self.list_name = list_name
        self.defaults = defaults


class Model(BaseModel):
    """Base of every table in every file."""

    model_config = ConfigDict(
        extra="allow",
        validate_assignment=True,
        populate_by_name=True,
        defer_build=True,
    )

    label_field: ClassVar[str] = ""
    """The field that names a row in messages (public text or a reference id)."""
    public_fields: ClassVar[frozenset[str]] = frozenset()
    """Text fields that never hold personal data, so their values may appear in commits."""
    computed_columns: ClassVar[tuple[str, ...]] = ()
    """Properties worth showing beside the fields (never stored), e.g. a risk's score."""


class Row(Model):
    """One row of a growable list; `id` is what references and merges key on."""

    number_group: ClassVar[tuple[str, ...]] = ()
    """For rows numbered by a `no` field: the fields whose values each start their own
    numbering (a strategy's activities are numbered per phase). See models/numbering.py."""

    id: RowId


def check_date_order(
    start: dt.date | None, end: dt.date | None, start_name: str, end_name: str
) -> None:
    """Raise the framework's 'planned end >= start' rule as a validation error."""
    if start is not None and end is not None and end < start:
        raise ValueError(f"{end_name} ({end}) is before {start_name} ({start})")


def iter_row_lists(
    value: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], list[Row]]]:
    """Yield every list of rows inside a model, with its location, depth first."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            inner = getattr(value, name)
            # Only a model or a list can hold rows: a generator per scalar field of every
            # row cost more than the check itself on a 20,000-row file.
            if isinstance(inner, (BaseModel, list)):
                yield from iter_row_lists(inner, (*loc, name))
    elif isinstance(value, list) and value and all(isinstance(v, Row) for v in value):
        yield loc, value
        for index, row in enumerate(value):
            yield from iter_row_lists(row, (*loc, index))


class FileModel(Model):
    """A whole TOML file. Carries the format version so that old files can be migrated."""

    kind: ClassVar[str] = ""
    """The file kind's name, used for schemas and messages."""

    format_version: Annotated[int, Field(ge=1, le=FORMAT_VERSION)] = FORMAT_VERSION
    """The version of the pcsm file format this file was written with."""

    @model_validator(mode="after")
    def _unique_row_ids(self) -> FileModel:
        for loc, rows in iter_row_lists(self):
            seen: dict[str, int] = {}
            for index, row in enumerate(rows):
                if row.id in seen:
                    where = ".".join(str(p) for p in loc)
                    raise PydanticCustomError(
                        "duplicate_id",
                        "duplicate id '{id}' in {where} (rows {first} and {second}); "
                        "every row needs its own id",
                        {
                            "id": row.id,
                            "where": where,
                            "first": seen[row.id] + 1,
                            "second": index + 1,
                            "at": (*loc, index, "id"),
                        },
                    )
                seen[row.id] = index
        return self
