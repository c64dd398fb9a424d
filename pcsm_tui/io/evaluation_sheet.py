"""The engagement evaluation: a table of entries, and the template's grid read back too.

pcsm keeps each entry with its category and the phase it is about, so the export is a table
(category, phase, entry). The template is a grid instead: one row per category, entries in
the columns beside it ("One" ... "Six"). A workbook in that shape is read as well: each
non-empty cell right of a category name is an entry of that category.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models.evaluation import Evaluation, EvaluationEntry
from .adapter import ReadContext, build_rows, finish_file
from .cells import BadCell, as_text, is_empty
from .rules import normalize
from .sheet_reader import ParsedRow
from .tables import Sheet, Table, TableTool

if TYPE_CHECKING:
    from ..framework.catalogue import Tool
    from .sheet_reader import SheetReader

SHEET = "Engagement Evaluation"


class EvaluationTool(TableTool):
    def __init__(self, entry: Tool, table: Table) -> None:
        super().__init__(
            entry.id,
            entry.title,
            entry.file,
            entry.model,
            [Sheet(SHEET, (table,), heading=entry.title)],
        )
        self.table = table

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        matched = self._match(sheets, ctx)
        if not matched:
            return
        reader = matched[0][1]
        if reader.find_table(self.table.cols, required=("text",), min_score=2) is not None:
            super().read(sheets, ctx)
            return
        self._read_grid(reader, ctx)

    def _read_grid(self, reader: SheetReader, ctx: ReadContext) -> None:
        rel = ctx.data.rel(self.filename)
        stored = ctx.data.get(rel, Evaluation)
        categories = {normalize(c.name): c.id for c in ctx.data.framework.evaluation_categories}
        categories.update({normalize(c.id): c.id for c in ctx.data.framework.evaluation_categories})
        parsed: list[ParsedRow] = []
        by_category: dict[str, list[EvaluationEntry]] = {}
        for entry in stored.entries:
            by_category.setdefault(entry.category, []).append(entry)
        for row in reader.rows_in(1, reader.max_row):
            for column, label in reader.row_cells(row, 4):
                found = categories.get(normalize(as_text(label)))
                if found is None:
                    continue
                position = 0
                for entry_col, value in reader.row_cells(row):
                    if entry_col <= column or is_empty(value):
                        continue
                    if not isinstance(value, BadCell) and ctx.rules.is_placeholder(as_text(value)):
                        continue
                    ref = reader.ref(row, entry_col)
                    position += 1
                    if isinstance(value, BadCell):
                        # Unusable: the stored entry in this place (an own export keeps the
                        # order) stays as it is.
                        ctx.report.error(ref, f"Entry: {value.why}")
                        kept = by_category.get(found, [])
                        if position <= len(kept):
                            same = kept[position - 1]
                            parsed.append(ParsedRow(row, {}, {"text": ref}, id=same.id, where=ref))
                        continue
                    parsed.append(
                        ParsedRow(
                            row,
                            {"category": found, "text": as_text(value).strip()},
                            {"text": ref},
                            where=ref,
                        )
                    )
                break
        if not parsed:
            ctx.report.error(
                reader.name,
                "no evaluation entries found: expected a table (Category, Phase, Entry) or the "
                "template's grid (a category name, then its entries in the cells beside it)",
            )
            return
        entries = build_rows(EvaluationEntry, parsed, stored.entries, ctx, "text")
        model = finish_file(Evaluation, stored, {"entries": entries}, reader.name, ctx)
        if model is not None:
            ctx.produce(rel, model)
