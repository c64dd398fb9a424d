"""Tools kept as one sheet per entry of an outer list: checklists per adoption phase, the
onboarding work plan's phases.

The templates copy a sheet per adoption phase (readiness, value realization) or per phase of
the onboarding project. Each sheet carries its entry's own fields as a small form (title,
outcome, and its id) above the table of items. Sheets are recognized by name (`Readiness 2`,
`Value Realization 3`, `Onboarding 1 ...`); entries absent from the workbook stay as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..framework import Framework
from ..models.base import FileModel, Row
from .adapter import Adapter, ReadContext, build_rows, finish_file, new_id, soften, valid_id
from .bundle import EngagementData
from .cells import Unusable
from .columns import Col
from .rules import ImportRules, normalize
from .sheet_reader import OMIT
from .tables import get_path

if TYPE_CHECKING:
    from .sheet_reader import SheetReader
    from .sheet_writer import BookWriter

NUMBER = Col("#", "No.", "no", readonly=True)


class NestedTool(Adapter):
    def __init__(
        self,
        tool: str,
        title: str,
        filename: str,
        model: type[FileModel],
        outer: tuple[str, type[Row], tuple[Col, ...]],
        inner: tuple[str, type[Row], tuple[Col, ...], str],
        sheet_name: Callable[[int, Row], str],
        pattern: str,
        standard: Callable[[Framework], Mapping[str, str]] | None = None,
    ) -> None:
        self.tool = tool
        self.title = title
        self.filename = filename
        self.model = model
        self.outer_field, self.outer_model, self.outer_cols = outer
        self.inner_field, self.inner_model, self.inner_cols, self.inner_label = inner
        self.sheet_name = sheet_name
        self.pattern = re.compile(pattern)
        self.standard = standard
        self.outer_id = Col("id", f"pcsm {self.outer_field.rstrip('s')} id", "id")

    def _cols(self) -> tuple[Col, ...]:
        """The item columns, led by a row number unless the items have their own."""
        if any(c.kind == "no" for c in self.inner_cols):
            return self.inner_cols
        return (NUMBER, *self.inner_cols)

    def sheet_names(self, data: EngagementData) -> list[str]:
        model = data.tool(self.filename, self.model)
        return [self.sheet_name(i, r) for i, r in enumerate(getattr(model, self.outer_field))]

    def claims(self, name: str, data: EngagementData, rules: ImportRules) -> bool:
        return bool(self.pattern.match(normalize(name))) or super().claims(name, data, rules)

    def export(self, data: EngagementData, book: BookWriter) -> None:
        model = data.tool(self.filename, self.model)
        cols = self._cols()
        for index, outer in enumerate(getattr(model, self.outer_field)):
            sheet = book.sheet(self.sheet_name(index, outer))
            label = getattr(outer, self.outer_cols[0].key, "")
            sheet.title(self.title, f"{data.engagement.customer} · {label}")
            sheet.form([(c, get_path(outer, c.key)) for c in (*self.outer_cols, self.outer_id)])
            rows = [
                [n if c is NUMBER else getattr(item, c.key, None) for c in cols]
                for n, item in enumerate(getattr(outer, self.inner_field), start=1)
            ]
            sheet.table(cols, rows)

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        rel = ctx.data.rel(self.filename)
        stored = ctx.data.get(rel, self.model)
        outers: list[Row] = list(getattr(stored, self.outer_field))
        done: set[str] = set()
        since = len(ctx.report.problems)
        for index, reader in enumerate(sheets):
            built = self._read_sheet(reader, index, outers, done, ctx)
            if built is None:
                continue
            done.add(built.id)
            positions = [i for i, o in enumerate(outers) if o.id == built.id]
            if positions:
                outers[positions[0]] = built
            else:
                outers.append(built)
        soften(ctx, since, bool(done))
        if not done:
            return
        model = finish_file(self.model, stored, {self.outer_field: outers}, sheets[0].name, ctx)
        if model is not None:
            ctx.produce(rel, model)

    def _read_sheet(
        self, reader: SheetReader, index: int, outers: list[Row], done: set[str], ctx: ReadContext
    ) -> Row | None:
        cols = self._cols()
        hit = reader.find_table(
            cols,
            required=(self.inner_label,),
            min_score=2,
            label_fallback=self.inner_label,
        )
        if hit is None:
            ctx.report.error(
                reader.name,
                f"no {self.title} table found (expected headers such as "
                f"{', '.join(c.header for c in self.inner_cols if c.kind != 'id')})",
            )
            return None
        fields: dict[str, Any] = {}

        for col in (*self.outer_cols, self.outer_id):
            at = reader.find_label(col, max_col=3)
            if at is None or at[0] >= hit.header_row:
                continue
            try:
                value = reader.read_cell(
                    col, reader.value(at[0], at[1] + 1), at[0], at[1] + 1, ctx.scales
                )
            except Unusable as error:
                ctx.report.error(reader.ref(at[0], at[1] + 1), f"{col.header}: {error}")
                continue
            if value is not None and value is not OMIT:  # a blank cell keeps the stored value
                fields[col.key] = value
        given = fields.pop("id", None)
        label_key = self.outer_cols[0].key
        base = next((o for o in outers if valid_id(given) and o.id == given), None)
        if base is None and fields.get(label_key):
            base = next(
                (
                    o
                    for o in outers
                    if normalize(str(getattr(o, label_key))) == normalize(str(fields[label_key]))
                    and o.id not in done
                ),
                None,
            )
        if base is None and not given and index < len(outers) and outers[index].id not in done:
            base = outers[index]
        outer_id = (
            base.id
            if base
            else (
                given
                if valid_id(given)
                else new_id(str(fields.get(label_key) or reader.name), {o.id for o in outers})
            )
        )
        if base is None and not fields.get(label_key):
            fields[label_key] = reader.name
        standard = self.standard(ctx.data.framework) if self.standard else None
        parsed = [
            reader.parse_row(raw, hit, cols, ctx.report, ctx.scales)
            for raw in reader.raw_rows(hit, cols, self.inner_label)
        ]
        items = build_rows(
            self.inner_model,
            parsed,
            getattr(base, self.inner_field, []) if base else [],
            ctx,
            self.inner_label,
            standard=standard,
        )
        data = base.model_dump(mode="python") if base else {}
        data.update(fields)
        data.update({"id": outer_id, self.inner_field: items})
        try:
            return self.outer_model.model_validate(data, context=ctx.context)
        except ValueError as error:
            ctx.report.error(reader.name, str(error))
            return None
