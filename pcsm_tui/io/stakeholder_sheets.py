"""The stakeholder management plan (one sheet per month) and the stakeholder matrix.

The plan sheet is the template's: strategy, who the stakeholder is (from the register), the
month's authority, interest and support, then the plan columns; equal strategy cells are
merged as in the template's example, and the month's strategies are listed beside. The matrix
sheet lists every month's figures in one long table (with a chart of the latest month), so
the figures a person edits in either place come back.

Facts stay where they live: who a stakeholder is comes from the register (a name the register
does not know becomes a new stakeholder, noted in the report); the figures belong to the
month. When both sheets of a month are imported and disagree, the one that differs from the
stored figure is the edit; if both differ the cell is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..models.commitment import Assessment, PlanRow, PlanStrategy, StakeholderPlanMonth
from ..models.engagement import Stakeholder
from .adapter import Adapter, ReadContext, build_rows, finish_file, new_id, valid_id, validate_row
from .bundle import EngagementData
from .columns import Col, cols_of, id_col
from .plan_people import MONTH_N, month_of_sheet
from .plan_people import People as People
from .plan_people import month_cell as month_cell
from .rules import ImportRules, normalize
from .sheet_reader import ParsedRow

if TYPE_CHECKING:
    from .sheet_reader import Hit, SheetReader
    from .sheet_writer import BookWriter

MATRIX_SHEET = "Stakeholder Matrix"
_STRATEGY = re.compile(r"^strategy\s+(\S+)", re.IGNORECASE)

STRATEGY = Col("strategy", "Strategy", "text", width=10)
WHO = (
    Col("name", "Name", "text", width=24),
    Col("job_role", "Job role", "text", width=20),
    Col("relevance", "Relevance", "multiline", width=26),
    Col("seniority", "Seniority level", "text", width=10),
)
FIGURES = (
    Col("authority", "Authority", "int", low=0, high=10),
    Col("interest", "Interest", "int", low=0, high=10),
    Col("support", "Support", "int", scale="support"),
)
PLAN_FIELDS = cols_of(
    PlanRow,
    headers={"specific_strategy": "Specific strategy", "assigned_to": "Assigned to"},
    skip=("strategy", "stakeholder"),
)
STAKEHOLDER_ID = Col("stakeholder", "stakeholder id", "text", width=14)
PLAN_COLS = (STRATEGY, *WHO, *FIGURES, *PLAN_FIELDS, STAKEHOLDER_ID, id_col())
STRATEGY_COLS = (
    Col("id", "Strategy", "id", width=10),
    Col("title", "Title", "text", width=30, required=True),
    Col("description", "Description", "multiline", width=50),
)
MATRIX_COLS = (
    Col("month", "Month", "text", width=10),
    Col("name", "Stakeholder", "text", width=26),
    Col("job_role", "Job role", "text", width=22, readonly=True),
    *FIGURES,
    Col("strategies", "Strategies", "text", width=12, readonly=True),
    STAKEHOLDER_ID,
    id_col(),
)


def month_sheet_name(index: int, month: str) -> str:
    return f"Month {index + 1} ({month})"


# --- the plan -----------------------------------------------------------------------------


class PlanTool(Adapter):
    def sheet_names(self, data: EngagementData) -> list[str]:
        return [month_sheet_name(i, m) for i, m in enumerate(data.months())]

    def claims(self, name: str, data: EngagementData, rules: ImportRules) -> bool:
        wanted = normalize(name)
        return bool(MONTH_N.match(wanted)) or bool(re.match(r"^(plan\s+)?\d{4}\s\d{1,2}$", wanted))

    def export(self, data: EngagementData, book: BookWriter) -> None:
        register = data.register.by_id()
        for index, month in enumerate(data.months()):
            plan = data.month(month)
            sheet = book.sheet(month_sheet_name(index, month))
            sheet.title(self.title, f"{data.engagement.customer} · {month}")
            rows = [
                self._row(row.strategy, row, register.get(row.stakeholder), plan, row.stakeholder)
                for row in plan.rows
            ]
            planned = {row.stakeholder for row in plan.rows}
            rows += [
                self._row("", None, register.get(a.stakeholder), plan, a.stakeholder)
                for a in plan.assessments
                if a.stakeholder not in planned
            ]
            pos = sheet.table(PLAN_COLS, rows, merge_runs="strategy")
            sheet.ws.freeze_panes = f"C{pos.header_row + 1}"
            after = sheet.row
            sheet.row = pos.header_row
            strategies = [[s.id, s.title, s.description] for s in plan.strategies]
            sheet.table(STRATEGY_COLS, strategies, first_col=len(PLAN_COLS) + 2, freeze=False)
            sheet.row = max(after, sheet.row)

    @staticmethod
    def _row(
        label: str,
        row: PlanRow | None,
        who: Stakeholder | None,
        plan: StakeholderPlanMonth,
        stakeholder: str,
    ) -> list[Any]:
        figures = plan.assessment_of(stakeholder)
        values: list[Any] = [label]
        values += [getattr(who, c.key, "") if who else "" for c in WHO]
        values += [getattr(figures, c.key, None) if figures else None for c in FIGURES]
        values += [getattr(row, c.key, "") if row else "" for c in PLAN_FIELDS]
        values += [stakeholder, row.id if row else None]
        return values

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        for reader in sheets:
            month = month_of_sheet(reader, ctx.data, ctx)
            if month is None:
                continue
            if month in ctx.extras.setdefault("plan_months", {}):
                ctx.report.error(reader.name, f"month {month} is on two sheets")
                continue
            model = self._read_month(reader, month, ctx)
            if model is not None:
                ctx.extras["plan_months"][month] = reader.name
                ctx.produce(ctx.data.month_rel(month), model)

    def _read_month(
        self, reader: SheetReader, month: str, ctx: ReadContext
    ) -> StakeholderPlanMonth | None:
        rel = ctx.data.month_rel(month)
        stored = ctx.original.get(rel)
        base = stored if isinstance(stored, StakeholderPlanMonth) else previous_month(ctx, month)
        hit = reader.find_table(PLAN_COLS, required=("name",), min_score=2)
        if hit is None:
            ctx.report.error(
                reader.name,
                "no plan table found (expected headers such as Strategy, Name, Job role, "
                "Authority, Interest, Support, Primary desires)",
            )
            return None
        note_unknown(reader, hit, ctx, STRATEGY_COLS)
        strategies = self._strategies(reader, base, ctx)
        people = People.of(ctx)
        assessments: dict[str, dict[str, Any]] = {}
        refs: dict[str, ParsedRow] = {}
        plan_items: list[tuple[ParsedRow, str]] = []
        previous_label = ""
        stored_rows = {r.id: r for r in (base.rows if base else [])}
        unknown = False
        """A row could not be told apart (its identifying cells are unusable): what the month
        holds and the sheet does not show stays, since that row may be it."""
        for raw in reader.raw_rows(hit, PLAN_COLS, "name"):
            item = reader.parse_row(raw, hit, PLAN_COLS, ctx.report, ctx.scales)
            known = stored_rows.get(item.id or "")
            if known is not None and "stakeholder" not in item.values:
                item.values["stakeholder"] = known.stakeholder
            if unidentified(item):
                unknown = True
                continue
            who = people.resolve(item, ctx)
            if who is None:
                continue
            figures = {
                c.key: item.values[c.key] for c in FIGURES if item.values.get(c.key) is not None
            }
            if figures or item.unusable & {c.key for c in FIGURES}:
                seen = assessments.get(who.id)
                if seen is not None and any(seen.get(k, v) != v for k, v in figures.items()):
                    ctx.report.error(
                        item.refs.get("support", item.where),
                        f"figures of {who.job_role or who.id} differ from an earlier row of this "
                        "month; a stakeholder has one set of figures a month",
                    )
                else:
                    assessments.setdefault(who.id, {}).update(figures)
                    refs.setdefault(who.id, item)
            content = any(item.values.get(c.key) for c in PLAN_FIELDS)
            label = self._label(str(item.values.get("strategy") or ""), strategies)
            if not label and known is not None and item.unusable:
                label = known.strategy  # skipped cells: the stored row stays in its strategy
            if not label and content:
                label = previous_label
            if label:
                previous_label = label
                if label not in {s.id for s in strategies}:
                    strategies.append(PlanStrategy(id=label, title=f"Strategy {label}"))
                    ctx.report.note(
                        item.refs.get("strategy", item.where),
                        f"strategy {label} added to this month",
                    )
                plan_items.append((item, label))
                item.values["stakeholder"] = who.id
                item.values["strategy"] = label
            ctx.rows_read += 1
        if unknown and isinstance(stored, StakeholderPlanMonth):
            where = _message_row(reader.name)
            for kept in stored.assessments:
                assessments.setdefault(kept.stakeholder, {})
                refs.setdefault(kept.stakeholder, where)
        figures_rows = self._assessments(assessments, refs, base, ctx)
        rows = self._plan_rows(plan_items, base, ctx)
        if unknown and isinstance(stored, StakeholderPlanMonth):
            shown = {r.id for r in rows}
            rows += [r for r in stored.rows if r.id not in shown]
        return finish_file(
            StakeholderPlanMonth,
            stored if isinstance(stored, StakeholderPlanMonth) else None,
            {"strategies": strategies, "assessments": figures_rows, "rows": rows},
            reader.name,
            ctx,
        )

    def _strategies(
        self, reader: SheetReader, base: StakeholderPlanMonth | None, ctx: ReadContext
    ) -> list[PlanStrategy]:
        stored = list(base.strategies) if base else []
        hit = reader.find_table(STRATEGY_COLS, required=("id", "title"), min_score=2)
        if hit is None:
            return stored
        parsed = []
        for raw in reader.raw_rows(hit, STRATEGY_COLS, "title"):
            item = reader.parse_row(raw, hit, STRATEGY_COLS, ctx.report, ctx.scales)
            if item.id is None:
                ctx.report.error(
                    item.refs.get("title", item.where), "a strategy needs a label (A, B, ...)"
                )
                continue
            parsed.append(item)
        ctx.rows_read -= len(parsed)  # counted as plan content, not as rows of their own
        return build_rows(PlanStrategy, parsed, stored, ctx, "title")

    @staticmethod
    def _label(text: str, strategies: list[PlanStrategy]) -> str:
        text = text.strip()
        if not text:
            return ""
        if valid_id(text) and len(text) <= 12:
            return text
        found = _STRATEGY.match(text)
        if found and valid_id(found.group(1)):
            return found.group(1)
        for strategy in strategies:
            if normalize(strategy.title) == normalize(text):
                return strategy.id
        return new_id(text, set(), "strategy")

    @staticmethod
    def _assessments(
        figures: dict[str, dict[str, Any]],
        refs: dict[str, ParsedRow],
        base: StakeholderPlanMonth | None,
        ctx: ReadContext,
    ) -> list[Assessment]:
        stored = {a.stakeholder: a for a in (base.assessments if base else [])}
        order = [
            a.stakeholder for a in (base.assessments if base else []) if a.stakeholder in figures
        ]
        order += [s for s in figures if s not in order]
        out: list[Assessment] = []
        for stakeholder in order:
            old = stored.get(stakeholder)
            data = old.model_dump() if old else {"id": stakeholder, "stakeholder": stakeholder}
            built = validate_row(
                Assessment, data["id"], data, figures[stakeholder], refs[stakeholder], ctx
            )
            if built is not None:
                out.append(built)
        return out

    @staticmethod
    def _plan_rows(
        items: list[tuple[ParsedRow, str]], base: StakeholderPlanMonth | None, ctx: ReadContext
    ) -> list[PlanRow]:
        stored = list(base.rows) if base else []
        by_pair = {(r.strategy, r.stakeholder): r for r in stored}
        for item, _label in items:
            if item.id is None:
                match = by_pair.get((item.values["strategy"], item.values["stakeholder"]))
                if match is not None:
                    item.id = match.id
                else:
                    item.id = new_id(
                        f"{item.values['strategy']}-{item.values['stakeholder']}",
                        {r.id for r in stored},
                    )
            for key in ("name", "job_role", "relevance", "seniority", *(c.key for c in FIGURES)):
                item.values.pop(key, None)
        rows = build_rows(PlanRow, [i for i, _ in items], stored, ctx)
        ctx.rows_read -= len(items)  # already counted once per sheet row
        return rows


def unidentified(item: ParsedRow) -> bool:
    """The row's stakeholder cannot be told: its identifying cells are unusable (reported)."""
    if item.values.get("stakeholder") or item.values.get("name") or item.values.get("job_role"):
        return False
    return bool(item.unusable & {"stakeholder", "name", "job_role"})


def _message_row(where: str) -> ParsedRow:
    """A row for messages about kept content that no sheet row shows."""

    return ParsedRow(0, {}, where=where)


def previous_month(ctx: ReadContext, month: str) -> StakeholderPlanMonth | None:
    """A new month starts as a copy of the last month before it (the framework's rule)."""
    earlier = [m for m in ctx.data.months() if m < month]
    for candidate in reversed(earlier):
        found = ctx.original.get(ctx.data.month_rel(candidate))
        if isinstance(found, StakeholderPlanMonth):
            return StakeholderPlanMonth.model_validate(
                {"strategies": [s.model_dump() for s in found.strategies]}
            )
    return None


def note_unknown(reader: SheetReader, hit: Hit, ctx: ReadContext, also: Sequence[Col] = ()) -> None:
    for column, text in hit.unknown:
        if reader.match_key(text, also) is None:
            ctx.report.note(reader.ref(hit.header_row, column), f"column '{text}' is not imported")
