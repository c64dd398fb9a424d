"""The generic sheet: forms and tables over one file, declared per tool in `layouts.py`.

Most tools are a list of rows (or a few lists, or one list split over sheets by a field such
as the research sheet or the strategy phase) plus a few top-level fields. A `TableTool`
declares that shape once and gets export and import for free; only the RACI grid, the
stakeholder plan, the onboarding score, the proposal and the personal evaluations need sheets
of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..models.base import FileModel, Row
from .adapter import Adapter, ReadContext, build_rows, finish_file
from .bundle import EngagementData
from .columns import Col
from .rules import normalize
from .sheet_reader import OMIT

if TYPE_CHECKING:
    from .sheet_reader import Hit, ParsedRow, SheetReader
    from .sheet_writer import BookWriter, SheetWriter

Extra = Callable[[EngagementData, Row], Mapping[str, Any]]
"""Values of read-only columns joined in from elsewhere (e.g. a group's name)."""

Fix = Callable[["ParsedRow", "SheetReader", "Hit", ReadContext], bool]
"""Adjusts a parsed row before it is built (e.g. resolves a reference); False drops it."""


@dataclass(frozen=True)
class Form:
    """Top-level fields of the file as label / value rows."""

    cols: tuple[Col, ...]


@dataclass(frozen=True)
class Table:
    """The rows of one list field (or those with the `where` values) as a table."""

    field: str
    model: type[Row]
    cols: tuple[Col, ...]
    label: str | None = None
    """The key that names a row: matches hand-made rows to stored ones, and must be real."""
    where: tuple[tuple[str, Any], ...] = ()
    extra: Extra | None = None
    fix: Fix | None = None
    standard: Callable[[EngagementData], Mapping[str, str]] | None = None
    """Framework item text (normalized) -> id, for rows typed by hand."""
    merge: str | None = None
    legend_title: str = ""
    legend: tuple[tuple[str, ...], ...] = ()

    def selects(self, row: Row) -> bool:
        return all(getattr(row, key, None) == value for key, value in self.where)


@dataclass(frozen=True)
class Sheet:
    name: str
    blocks: tuple[Form | Table, ...]
    heading: str = ""
    notes: tuple[str, ...] = ()


def get_path(model: Any, key: str) -> Any:
    """`csm_contact.name` -> model.csm_contact.name."""
    for part in key.split("."):
        model = getattr(model, part, None)
    return model


def set_path(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    for part in parts[:-1]:
        inner = data.get(part)
        if not isinstance(inner, dict):
            inner = inner.model_dump(mode="python") if isinstance(inner, BaseModel) else {}
            data[part] = inner
        data = inner
    data[parts[-1]] = value


class TableTool(Adapter):
    """A tool whose sheets are forms and tables over one file."""

    def __init__(
        self,
        tool: str,
        title: str,
        filename: str,
        model: type[FileModel],
        sheets: Sequence[Sheet],
    ) -> None:
        self.tool = tool
        self.title = title
        self.filename = filename
        self.model = model
        self.sheets = tuple(sheets)

    def sheet_names(self, data: EngagementData) -> list[str]:
        return [s.name for s in self.sheets]

    # --- export ----------------------------------------------------------------------------

    def export(self, data: EngagementData, book: BookWriter) -> None:
        model = data.tool(self.filename, self.model)
        for sheet in self.sheets:
            writer = book.sheet(sheet.name)
            writer.title(sheet.heading or sheet.name, f"{data.engagement.customer} · {self.title}")
            for text in sheet.notes:
                writer.note(text)
            if sheet.notes:
                writer.row += 1
            for block in sheet.blocks:
                if isinstance(block, Form):
                    writer.form([(col, get_path(model, col.key)) for col in block.cols])
                else:
                    self._table(writer, data, model, block)

    def _table(
        self, writer: SheetWriter, data: EngagementData, model: FileModel, block: Table
    ) -> None:
        rows = [r for r in getattr(model, block.field) if block.selects(r)]
        values = []
        for row in rows:
            joined = block.extra(data, row) if block.extra else {}
            values.append(
                [
                    joined.get(col.key) if col.readonly else getattr(row, col.key, None)
                    for col in block.cols
                ]
            )
        pos = writer.table(block.cols, values, merge_runs=block.merge)
        if block.legend:
            writer.legend(
                block.legend_title,
                block.legend,
                pos.first_col + len(block.cols) + 1,
                pos.header_row,
            )

    # --- import ----------------------------------------------------------------------------

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        rel = ctx.data.rel(self.filename)
        stored = ctx.data.models.get(rel)
        current = stored if isinstance(stored, self.model) else None
        matched = self._match(sheets, ctx)
        if not matched:
            ctx.report.error(
                sheets[0].name,
                f"no sheet of the workbook is one of {self.title}'s sheets "
                f"({', '.join(s.name for s in self.sheets)}); rename the sheets to match",
            )
            return
        values: dict[str, Any] = {}
        lists: dict[str, list[list[Row] | None]] = {}
        for sheet, reader in matched:
            for block in sheet.blocks:
                if isinstance(block, Form):
                    self._read_form(reader, block, values, ctx)
        taken: dict[str, set[str]] = {}
        for sheet in self.sheets:
            found = next((r for s, r in matched if s is sheet), None)
            for block in sheet.blocks:
                if not isinstance(block, Table):
                    continue
                groups = lists.setdefault(block.field, [])
                if found is None:
                    groups.append(None)
                    continue
                groups.append(
                    self._read_table(
                        found, block, current, ctx, taken.setdefault(block.field, set())
                    )
                )
        for name, groups in lists.items():
            values[name] = self._combine(name, groups, current)
        model = finish_file(self.model, current, values, matched[0][1].name, ctx)
        if model is not None:
            ctx.produce(rel, model)

    def _match(
        self, sheets: Sequence[SheetReader], ctx: ReadContext
    ) -> list[tuple[Sheet, SheetReader]]:
        """Which reader holds which declared sheet: by name, else (one sheet) by its table."""
        found: list[tuple[Sheet, SheetReader]] = []
        left = list(sheets)
        for sheet in self.sheets:
            words = ctx.rules.sheet_words(sheet.name)
            reader = next((r for r in left if normalize(r.name) in words), None)
            if reader is not None:
                found.append((sheet, reader))
                left.remove(reader)
        if not found and left and len(self.sheets) == 1:
            found.append((self.sheets[0], left[0]))
        return found

    def _read_form(
        self, reader: SheetReader, block: Form, values: dict[str, Any], ctx: ReadContext
    ) -> None:

        for col in block.cols:
            if not col.imported:
                continue
            value = reader.labelled_value(col, ctx.scales, ctx.report)
            if value is not OMIT:
                set_path(values, col.key, value)

    def _read_table(
        self,
        reader: SheetReader,
        block: Table,
        current: FileModel | None,
        ctx: ReadContext,
        taken: set[str],
    ) -> list[Row] | None:
        required = (block.label,) if block.label else ()
        importable = [c for c in block.cols if c.imported and c.kind != "id"]
        hit = reader.find_table(
            block.cols,
            required=required,
            min_score=min(2, len(importable)),
            label_fallback=block.label,
        )
        if hit is None:
            expected = ", ".join(c.header for c in importable)
            ctx.report.error(
                reader.name,
                f"no table found with the columns of {self.title} (expected headers such as: "
                f"{expected}); nothing on this sheet was imported",
            )
            return None
        for column, text in hit.unknown:
            ctx.report.note(
                reader.ref(hit.header_row, column),
                f"column '{text}' is not part of {self.title}; not imported",
            )
        existing = (
            [r for r in getattr(current, block.field, []) if block.selects(r)] if current else []
        )
        parsed = []
        for raw in reader.raw_rows(hit, block.cols, block.label):
            item = reader.parse_row(raw, hit, block.cols, ctx.report, ctx.scales)
            if block.fix is None or block.fix(item, reader, hit, ctx):
                parsed.append(item)
        standard = block.standard(ctx.data) if block.standard else None
        return list(
            build_rows(
                block.model,
                parsed,
                existing,
                ctx,
                block.label,
                dict(block.where),
                taken,
                standard=standard,
            )
        )

    def _combine(
        self, name: str, groups: list[list[Row] | None], current: FileModel | None
    ) -> list[Row]:
        """The new list, in the stored order wherever the sheets leave it so.

        A list split over sheets (strategy activities by phase) is exported grouped, but
        the file may hold its rows in any order (a row added later for an early phase). So
        each group's stored rows go back to the places their group held in the file, in the
        group's new order; a new row follows the row above it on its sheet (the first new
        rows of a group go before its first stored row, or after everything when the group
        had none); groups whose sheet is absent, and rows no sheet covers, stay where they
        were. An untouched export therefore comes back in exactly the stored order.
        """
        stored: list[Row] = list(getattr(current, name, [])) if current else []
        blocks = [
            b for s in self.sheets for b in s.blocks if isinstance(b, Table) and b.field == name
        ]
        owner = [
            next((i for i, b in enumerate(blocks) if groups[i] is not None and b.selects(r)), None)
            for r in stored
        ]
        slots: list[list[Row]] = [[r] if owner[i] is None else [] for i, r in enumerate(stored)]
        tail: list[Row] = []
        for index, rows in enumerate(groups):
            if rows is None:
                continue
            own = {stored[i].id: i for i in range(len(stored)) if owner[i] == index}
            kept = [r for r in rows if r.id in own]
            places = sorted(own[r.id] for r in kept)
            place_of = {r.id: place for r, place in zip(kept, places, strict=True)}
            leading: list[Row] = []
            at: int | None = None
            for row in rows:
                if row.id in place_of:
                    at = place_of[row.id]
                    slots[at].append(row)
                elif at is None:
                    leading.append(row)
                else:
                    slots[at].append(row)
            if leading and places:
                slots[places[0]][:0] = leading
            else:
                tail.extend(leading)
        return [row for slot in slots for row in slot] + tail
