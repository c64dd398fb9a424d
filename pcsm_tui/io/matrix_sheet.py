"""The stakeholder matrix sheet: every month's authority, interest and support in one table.

Split from `stakeholder_sheets.py` (the plan sheets), whose people, columns and month
helpers it shares. The matrix is read after the plan sheets (`read_late`) so that a figure
changed in one place and not the other is taken as the edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..models.commitment import Assessment, StakeholderPlanMonth
from ..models.engagement import Stakeholder
from .adapter import Adapter, ReadContext, finish_file, validate_row
from .bundle import EngagementData
from .stakeholder_sheets import (
    FIGURES,
    MATRIX_COLS,
    MATRIX_SHEET,
    People,
    month_cell,
    note_unknown,
    previous_month,
    unidentified,
)

if TYPE_CHECKING:
    from .sheet_reader import ParsedRow, SheetReader
    from .sheet_writer import BookWriter


class MatrixTool(Adapter):
    read_late = True

    def sheet_names(self, data: EngagementData) -> list[str]:
        return [MATRIX_SHEET]

    def export(self, data: EngagementData, book: BookWriter) -> None:
        register = data.register.by_id()
        sheet = book.sheet(MATRIX_SHEET)
        sheet.title(
            self.title, f"{data.engagement.customer} · authority, interest and support by month"
        )
        rows: list[list[Any]] = []
        latest: tuple[int, int] | None = None
        for month in data.months():
            plan = data.month(month)
            start = len(rows)
            for a in plan.assessments:
                who = register.get(a.stakeholder)
                labels = sorted({r.strategy for r in plan.rows if r.stakeholder == a.stakeholder})
                rows.append(
                    [
                        month,
                        who.name if who else a.stakeholder,
                        who.job_role if who else "",
                        a.authority,
                        a.interest,
                        a.support,
                        ", ".join(labels),
                        a.stakeholder,
                        a.id,
                    ]
                )
            if len(rows) > start:
                latest = (start, len(rows) - 1)
        pos = sheet.table(MATRIX_COLS, rows)
        if latest is not None:
            _chart(
                sheet,
                pos.first_row + latest[0],
                pos.first_row + latest[1],
                pos.letters,
                pos.last_row + 3,
                str(rows[latest[0]][0]),
            )

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        reader = sheets[0]
        hit = reader.find_table(MATRIX_COLS, required=("name",), min_score=3)
        if hit is None:
            ctx.report.error(
                reader.name,
                "no matrix table found (expected Month, Stakeholder, Authority, Interest, Support)",
            )
            return
        note_unknown(reader, hit, ctx)
        people = People.of(ctx)
        by_month: dict[str, list[tuple[ParsedRow, Stakeholder]]] = {}
        unknown = False
        for raw in reader.raw_rows(hit, MATRIX_COLS, "name"):
            item = reader.parse_row(raw, hit, MATRIX_COLS, ctx.report, ctx.scales)
            month = month_cell(raw.cells.get("month"))
            if month is None:
                unknown = unknown or "month" in item.unusable
                if "month" not in item.unusable:
                    ctx.report.error(
                        item.refs.get("month", item.where), "Month: give the month as YYYY-MM"
                    )
                continue
            if unidentified(item):
                unknown = True
                continue
            who = people.resolve(item, ctx)
            if who is not None:
                by_month.setdefault(month, []).append((item, who))
            ctx.rows_read += 1
        for month, items in by_month.items():
            self._merge_month(month, items, ctx, unknown)

    @staticmethod
    def _merge_month(
        month: str, items: list[tuple[ParsedRow, Stakeholder]], ctx: ReadContext, unknown: bool
    ) -> None:
        """`unknown`: a row could not be told apart; assessments the sheet does not show stay."""
        rel = ctx.data.month_rel(month)
        stored = ctx.original.get(rel)
        stored_month = stored if isinstance(stored, StakeholderPlanMonth) else None
        from_plan = ctx.outputs.get(rel)
        plan_month = from_plan if isinstance(from_plan, StakeholderPlanMonth) else None
        base = plan_month or stored_month or previous_month(ctx, month) or StakeholderPlanMonth()
        old = {a.stakeholder: a for a in (stored_month.assessments if stored_month else [])}
        planned = {a.stakeholder: a for a in (plan_month.assessments if plan_month else [])}
        out: list[Assessment] = []
        seen: set[str] = set()
        for item, who in items:
            if who.id in seen:
                ctx.report.error(
                    item.where, f"{who.job_role or who.id} is listed twice for {month}"
                )
                continue
            seen.add(who.id)
            values: dict[str, Any] = {}
            for col in FIGURES:
                mine = item.values.get(col.key)
                theirs = getattr(planned.get(who.id), col.key, None)
                before = getattr(old.get(who.id), col.key, None)
                if mine is None:
                    continue
                if theirs is not None and theirs != mine:
                    if mine == before:
                        mine = theirs
                    elif theirs != before:
                        ctx.report.error(
                            item.refs.get(col.key, item.where),
                            f"{col.header.lower()} {mine} here but {theirs} on the plan sheet of "
                            f"{month}; change it in one place",
                        )
                        continue
                values[col.key] = mine
            previous = planned.get(who.id) or old.get(who.id)
            data = (
                previous.model_dump()
                if previous
                else {"id": item.id or who.id, "stakeholder": who.id}
            )
            built = validate_row(Assessment, data["id"], data, values, item, ctx)
            if built is not None:
                out.append(built)
        out += [a for s, a in planned.items() if s not in seen]
        if unknown:
            shown = {a.stakeholder for a in out}
            out += [a for s, a in old.items() if s not in shown]
        model = finish_file(StakeholderPlanMonth, base, {"assessments": out}, MATRIX_SHEET, ctx)
        if model is not None:
            ctx.produce(rel, model)


MARKER_COLOUR = "C0392B"
"""Filled markers: openpyxl's default marker has no fill and LibreOffice draws it white."""


def _chart(
    sheet: Any, first: int, last: int, letters: Mapping[str, str], at_row: int, month: str
) -> None:
    """A scatter chart of the latest month below the table (beside it, it would make the
    sheet too wide to print): interest across, authority up, one labelled
    point per stakeholder (a series each, named from the Stakeholder cell, so a name
    changed in the sheet changes on the chart too)."""
    # start-up: openpyxl loads only when this runs
    from openpyxl.chart import Reference, ScatterChart, Series
    from openpyxl.chart.data_source import StrRef
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.utils import column_index_from_string, quote_sheetname

    chart = ScatterChart()
    chart.title = f"Stakeholder matrix {month}"
    chart.style = 13
    chart.x_axis.title = "Interest"
    chart.y_axis.title = "Authority"
    chart.x_axis.scaling.min = chart.y_axis.scaling.min = 0
    chart.x_axis.scaling.max = chart.y_axis.scaling.max = 10
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.width, chart.height = 18, 14
    x_col = column_index_from_string(letters["interest"])
    y_col = column_index_from_string(letters["authority"])
    for row in range(first, last + 1):
        x = Reference(sheet.ws, min_col=x_col, min_row=row, max_row=row)
        y = Reference(sheet.ws, min_col=y_col, min_row=row, max_row=row)
        series = Series(y, x)
        name = f"{quote_sheetname(sheet.ws.title)}!${letters['name']}${row}"
        series.tx = SeriesLabel(strRef=StrRef(name))
        series.marker.symbol = "circle"
        series.marker.size = 8
        series.marker.graphicalProperties.solidFill = MARKER_COLOUR
        series.marker.graphicalProperties.line.solidFill = MARKER_COLOUR
        series.graphicalProperties.line.noFill = True
        series.dLbls = DataLabelList()
        series.dLbls.showSerName = True
        series.dLbls.showVal = False
        series.dLbls.showLegendKey = False
        series.dLbls.dLblPos = "t"
        chart.series.append(series)
    chart.legend = None
    sheet.ws.add_chart(chart, f"B{at_row}")
