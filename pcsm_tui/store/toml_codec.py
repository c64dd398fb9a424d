"""Read TOML fast with tomllib; write with tomlkit merged into the existing document.

Merging (rather than re-rendering) is what keeps a person's comments, spacing, key order
and unknown keys through the app's saves, and what makes a one-field edit a one-line diff.
Rows of arrays of tables are matched by `id`, so reordering or editing a row moves its
comments with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import tomli
import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Item, String, Table
from tomlkit.toml_document import TOMLDocument

from ..safeio import TomlSyntaxError as TomlSyntaxError
from .toml_fast import fast_append, fast_dumps, fast_replace
from .toml_layout import LongArray, PaddedInlineTable, lay_out, tables_in
from .toml_read import loads as loads


def read_back(text: str) -> dict[str, Any]:
    """Text pcsm has just rendered, parsed to check that it reads back as the data it was
    rendered from. The same parser as tomllib (tomli, which the standard library copies)
    in its compiled build: about twice as fast, which is a second of a 20,000-row import's
    commit. Only for pcsm's own text: a person's file goes through `loads`, whose messages
    say where it is wrong."""
    return tomli.loads(text)


# --- rendering new values -------------------------------------------------------------------


def _is_row_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _string(text: str) -> String:
    # Not multi-line when the text ends in a backslash: taplo (the editors' TOML parser)
    # misreads the valid `\\"""` as an escaped quote and flags the whole file.
    if "\n" in text and "\r" not in text and not text.endswith("\\"):
        # tomlkit starts a multi-line string with a newline of its own (trimmed by readers).
        return tomlkit.string(text, multiline=True)
    return tomlkit.string(text)


def _scalar(value: Any, inline: bool = False) -> Any:
    """A value in pcsm's layout (store/toml_layout.py); `inline` inside an inline table,
    where an array stays on one line."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        array = tomlkit.array()
        array.extend(_scalar(v, inline) for v in value)
        if len(array.as_string()) > 80 and not inline:
            return LongArray(_scalar(v) for v in value)
        return array
    if isinstance(value, Mapping):
        table = PaddedInlineTable()
        for key, item in value.items():
            table[key] = _scalar(item, inline=True)
        return table
    if isinstance(value, (bool, int, float, dt.date, dt.datetime, dt.time)):
        return value
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_flat_mapping(value: Any) -> bool:
    return isinstance(value, Mapping) and not any(
        isinstance(v, Mapping) or _is_row_list(v) for v in value.values()
    )


def _new_table(data: Mapping[str, Any], in_row: bool) -> Table:
    table = tomlkit.table()
    _fill(table, data, in_row=True)
    return table


def _fill(container: Table | TOMLDocument, data: Mapping[str, Any], in_row: bool) -> None:
    """Add `data` to an empty container: scalars first, then sub-tables and row lists."""
    later: list[tuple[str, Any]] = []
    for key, value in data.items():
        if _is_row_list(value) or (
            isinstance(value, Mapping) and not (in_row and _is_flat_mapping(value))
        ):
            later.append((key, value))
        else:
            container[key] = _scalar(value)
    for key, value in later:
        if len(container):
            container.add(tomlkit.nl())
        container[key] = _new_container(value, in_row)


def _new_container(value: Any, in_row: bool) -> Item:
    if _is_row_list(value):
        aot = tomlkit.aot()
        for row in value:
            aot.append(_new_table(row, in_row=True))
        return aot
    if isinstance(value, Mapping):
        if in_row and _is_flat_mapping(value):
            return _scalar(value)  # type: ignore[no-any-return]
        return _new_table(value, in_row)
    return _scalar(value)  # type: ignore[no-any-return]


def dumps_new(data: Mapping[str, Any], header: str | None = None) -> str:
    """Render a brand-new file in the data's key order."""
    doc = tomlkit.document()
    if header:
        for line in header.splitlines():
            doc.add(tomlkit.comment(line))
    _fill(doc, data, in_row=False)
    lay_out(doc, {id(t) for _key, item in doc.body for t in tables_in(item)}, new_file=True)
    return _tidy(tomlkit.dumps(doc))


def _tidy(text: str) -> str:
    """Exactly one newline at the end of the file."""
    return text.rstrip("\n") + "\n"


# --- merging into an existing document ------------------------------------------------------


def _equal(existing: Any, new: Any) -> bool:
    value = existing.unwrap() if isinstance(existing, Item) else existing
    return bool(value == new and type(value) is type(new))


class _Merge:
    """What a merge did: `reshaped` when it added, removed or moved keys, tables or rows
    rather than only putting new values in existing places."""

    __slots__ = ("fresh", "reshaped")

    def __init__(self) -> None:
        self.reshaped = False
        self.fresh: set[int] = set()
        """Ids of the tables the merge made (they are laid out by store/toml_layout.py)."""

    def made(self, item: Any) -> Any:
        if isinstance(item, Item):
            self.fresh.update(id(table) for table in tables_in(item))
        return item


def _merge_table(
    target: Table | TOMLDocument | InlineTable,
    data: Mapping[str, Any],
    in_row: bool,
    merge: _Merge,
) -> None:
    for key in [k for k in target if k not in data]:
        del target[key]
        merge.reshaped = True
    for key, value in data.items():
        if key not in target:
            if isinstance(target, InlineTable):
                target[key] = _scalar(value)
            else:
                target[key] = merge.made(_new_container(value, in_row))
            merge.reshaped = True
            continue
        current = target[key]
        if _equal(current, value):
            continue
        if isinstance(current, AoT) and _is_row_list(value):
            _merge_aot(current, value, merge)
        elif isinstance(current, Table) and isinstance(value, Mapping):
            _merge_table(current, value, in_row, merge)
        elif isinstance(current, InlineTable) and isinstance(value, Mapping):
            target[key] = _scalar(value)  # written anew: merging in would crowd `{a = 1,b = 2}`
        elif isinstance(current, Array) and isinstance(value, list) and not _is_row_list(value):
            target[key] = _scalar(value)
        else:
            replacement = merge.made(_new_container(value, in_row))
            if isinstance(current, (Table, AoT)) or isinstance(replacement, (Table, AoT)):
                merge.reshaped = True
            target[key] = replacement


def _merge_aot(aot: AoT, rows: list[Mapping[str, Any]], merge: _Merge) -> None:
    existing: dict[Any, Table] = {}
    for table in aot.body:
        row_id = table.get("id")
        if row_id is not None and row_id not in existing:
            existing[row_id] = table
    successor = {id(a): b for a, b in itertools.pairwise(aot.body)}
    fresh: set[int] = set()
    ordered: list[Table] = []
    for row in rows:
        found: Table | None = existing.pop(row["id"], None) if "id" in row else None
        if found is None:
            table = merge.made(_new_table(row, in_row=True))
            fresh.add(id(table))
        else:
            table = found
            _merge_table(table, row, in_row=True, merge=merge)
        ordered.append(table)
    if existing or fresh:
        merge.reshaped = True
    ends_blank = bool(aot.body) and aot.body[-1].as_string().endswith("\n\n")
    if ordered and ends_blank and not ordered[-1].as_string().endswith("\n\n"):
        ordered[-1].add(tomlkit.nl())
    for table, following in itertools.pairwise(ordered):
        moved = successor.get(id(table)) is not following
        if (id(table) in fresh or moved) and not table.as_string().endswith("\n\n"):
            table.add(tomlkit.nl())
    if [id(t) for t in ordered] != [id(t) for t in aot.body]:
        merge.reshaped = True
        while len(aot.body):
            aot.body.pop()
        for table in ordered:
            aot.body.append(table)


# Parsing with tomlkit is the largest part of a save's own work (~6 ms for a typical tool
# file, against ~1 ms for tomllib), and the app saves the same file again and again. So the
# document a merge produced is kept, keyed by the exact text it renders to: the next merge
# into that text (the file as this process last wrote it) starts from it instead of parsing.
# An entry is taken out while it is used, so a merge that fails half-way leaves nothing
# behind, and any other text (an outside edit, a pull) simply misses and is parsed afresh.
_DOCUMENTS: OrderedDict[str, TOMLDocument] = OrderedDict()
_DOCUMENTS_LOCK = threading.Lock()
_DOCUMENTS_KEPT = 16


def _document(text: str) -> TOMLDocument:
    with _DOCUMENTS_LOCK:
        doc = _DOCUMENTS.pop(text, None)
    return doc if doc is not None else tomlkit.parse(text)


def _keep(text: str, doc: TOMLDocument) -> None:
    with _DOCUMENTS_LOCK:
        _DOCUMENTS[text] = doc
        while len(_DOCUMENTS) > _DOCUMENTS_KEPT:
            _DOCUMENTS.popitem(last=False)


def forget_documents() -> None:
    """Drop the kept documents (tests compare merges with and without them)."""
    with _DOCUMENTS_LOCK:
        _DOCUMENTS.clear()


def merge_into(text: str, data: Mapping[str, Any]) -> str:
    """Write `data` into the document `text`, changing only what differs."""
    if not data:
        return text
    doc = _document(text)
    merge = _Merge()
    _merge_table(doc, data, in_row=False, merge=merge)
    lay_out(doc, merge.fresh, new_file=False)
    merged = tomlkit.dumps(doc)
    if not merge.reshaped:  # a reshaped document may lay out later edits unlike a parse
        _keep(merged, doc)
    else:  # rows taken out at the end leave their blank lines behind
        merged = _tidy(merged)
    return merged


def render(data: Mapping[str, Any], existing: str | None, header: str | None = None) -> str:
    """The text to write: merged into `existing` when there is one, else a new document."""
    if existing is None or not existing.strip():
        fast = fast_dumps(data, header)
        return fast if fast is not None else dumps_new(data, header)
    fast = None
    if len(existing) < _SMALL:  # a new engagement's empty file: written anew as text
        fast = _as_text(fast_replace, existing, data)
    elif _adds_many_rows(existing, data):  # an import into a file that already has rows
        fast = _as_text(fast_append, existing, data)
    return fast if fast is not None else merge_into(existing, data)


def _as_text(
    write: Callable[[str, Mapping[str, Any], Mapping[str, Any]], str | None],
    existing: str,
    data: Mapping[str, Any],
) -> str | None:
    """`write`'s text for `data` over `existing`; None (tomlkit merges instead) when it
    cannot tell, or when `existing` does not parse."""
    try:
        return write(existing, loads(existing), data)
    except TomlSyntaxError:
        return None


def _adds_many_rows(existing: str, data: Mapping[str, Any]) -> bool:
    """Whether `data` holds many more rows than `existing` has row headers (a count of the
    text, no parse): only then is the fast path worth trying (fast_append decides)."""
    rows = sum(len(v) for v in data.values() if _is_row_list(v))
    return rows - existing.count("[[") >= _MANY_NEW_ROWS


_SMALL = 4096
"""Files up to this size are checked for the fast path (a file with rows never takes it)."""
_MANY_NEW_ROWS = 100
"""Rows added at once from which a file that has rows is tried as text (toml_fast.fast_append)."""
