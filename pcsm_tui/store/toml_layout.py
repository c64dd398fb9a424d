"""pcsm's TOML layout: the one `taplo fmt` keeps, so an editor's format-on-save is a no-op.

The layout (the demo's, and taplo's with the settings `pcsm schemas --write` puts into
`.taplo.toml`): a table nested under another table's header is indented two spaces per
level, its entries with it; a long array has one item a line, two spaces in from its key,
with a trailing comma; an inline table is padded, `{ a = 1, b = 2 }`.

Only what pcsm writes anew is laid out: values and tables already in a file keep their
text, and a file whose nested tables are flush left (written by hand, or by an older pcsm)
keeps getting flush-left tables, so a save never re-indents lines it did not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tomlkit.container import Container
from tomlkit.items import AoT, Array, InlineTable, Item, Table, Trivia, Whitespace
from tomlkit.toml_document import TOMLDocument

STEP = "  "
"""One level of indentation (taplo's default `indent_string`)."""


class LongArray(Array):
    """A multi-line array laid out as taplo lays it out (tomlkit's own indents items by 4)."""

    def __init__(self, values: Iterable[Any]) -> None:
        super().__init__([], Trivia(), multiline=True)
        self.extend(values)

    def as_string(self) -> str:
        values = [group.value for group in self._value if group.value is not None]
        if not values:
            return "[]"
        lead = self.trivia.indent.rsplit("\n", 1)[-1]
        items = "".join(f"{lead}{STEP}{value.as_string()},\n" for value in values)
        return f"[\n{items}{lead}]"


class PaddedInlineTable(InlineTable):
    """An inline table written `{ key = value }` (taplo's `compact_inline_tables = false`)."""

    def __init__(self) -> None:
        super().__init__(Container(), Trivia(), new=True)

    def as_string(self) -> str:
        pairs = [
            f"{key.as_string()} = {value.as_string()}"
            for key, value in self.value.body
            if key is not None
        ]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"


def tables_in(item: Item) -> Iterator[Table]:
    """Every table (rows of arrays of tables included) in a value pcsm has just made."""
    if isinstance(item, AoT):
        for row in item.body:
            yield from tables_in(row)
    elif isinstance(item, Table):
        yield item
        for _key, child in item.value.body:
            yield from tables_in(child)


def _levels(body: list[tuple[Any, Item]], depth: int) -> Iterator[tuple[Table, int, bool]]:
    """(table, indentation level, has a header) for every table, as taplo counts levels:
    one per enclosing table that has a header of its own."""
    for _key, item in body:
        rows = item.body if isinstance(item, AoT) else [item] if isinstance(item, Table) else []
        for table in rows:
            headed = isinstance(item, AoT) or not table.is_super_table()
            yield table, depth, headed
            yield from _levels(table.value.body, depth + 1 if headed else depth)


def _set(trivia: Trivia, depth: int) -> None:
    """Indent to `depth`, keeping the blank lines that stand before the line."""
    head = trivia.indent[: trivia.indent.rfind("\n") + 1]
    trivia.indent = head + STEP * depth


def lay_out(doc: TOMLDocument, fresh: set[int], new_file: bool) -> None:
    """Indent the tables pcsm has just made (ids in `fresh`) by their level.

    A file that already has nested tables keeps its own habit: when they are all flush
    left, new ones are too (tomlkit's default); otherwise they are indented.
    """
    if not fresh:
        return
    levels = list(_levels(doc.body, 0))
    if not new_file:
        habits = {
            bool(table.trivia.indent.rsplit("\n", 1)[-1])
            for table, depth, headed in levels
            if headed and depth and id(table) not in fresh
        }
        if habits == {False}:
            return
    for table, depth, headed in levels:
        if id(table) not in fresh:
            continue
        if headed:
            _set(table.trivia, depth)
        for key, entry in table.value.body:
            if key is not None and not isinstance(entry, (Table, AoT, Whitespace)):
                _set(entry.trivia, depth)
