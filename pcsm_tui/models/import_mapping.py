"""`import-mappings/<name>.toml`: how a team's own workbook table is read, chosen once.

A person who maps a table pcsm could not recognise (each column to a tool's field or
`ignore`, each level word to a value of the field's scale) should not have to do it again
next month, nor should a teammate: the choice is committed with the import it was made
for, keyed by the table's header shape (its header words, normalised, in order). The next
workbook whose table has the same header words is read with it without asking.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from .base import FileModel, Row

FieldName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
"""A field of the import vocabulary (`challenge`, `likelihood`) or `ignore`."""
ToolName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,63}$")]
ShortText = Annotated[str, StringConstraints(max_length=200)]


class ColumnChoice(Row):
    """One source column and the field it is read as."""

    header: ShortText
    """The column's header as the workbook says it (compared normalised)."""
    field: FieldName
    """The field it goes to, or `ignore` (not imported)."""


class ValueChoice(Row):
    """One cell text of a field and the value stored for it (`A` -> 8)."""

    field: FieldName
    text: ShortText
    """The cell's text as the workbook says it (compared normalised)."""
    value: ShortText
    """What is stored instead (a number of the field's scale, or a word)."""


class ImportMapping(FileModel):
    """A remembered reading of one shape of workbook table."""

    kind: ClassVar[str] = "import-mapping"

    tool: ToolName
    """The pcsm tool the table's rows go to (`challenges`, `risks`, `stakeholders`)."""
    headers: Annotated[list[ShortText], Field(min_length=1, max_length=200)]
    """The table's header words, normalised, in column order: the shape this mapping is
    for (a workbook whose table has exactly these headers is read with it)."""
    columns: list[ColumnChoice] = Field(default_factory=list)
    values: list[ValueChoice] = Field(default_factory=list)
