"""Personal evaluations (tool 23) of an engagement: one row per self-rating, areas across.

Evaluations live in each CSM's own file (`people/<id>/personal-evaluations.toml`); the sheet
shows those that name this engagement, whoever wrote them. On import each row goes back to
its person's file, in place: evaluations of other engagements are never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..models.people import PersonalEvaluation, PersonalEvaluations
from .adapter import Adapter, ReadContext, build_rows, finish_file, new_id
from .bundle import EngagementData
from .columns import Col, id_col
from .rules import normalize

if TYPE_CHECKING:
    from .sheet_reader import ParsedRow, SheetReader
    from .sheet_writer import BookWriter

SHEET = "Personal Evaluation"
PERSON = Col("person", "Person", "text", width=16)
DATE = Col("date", "Date", "date", required=True)
NOTES = Col("notes", "Notes", "multiline", width=50)


def columns(data: EngagementData) -> tuple[Col, ...]:
    areas = tuple(
        Col(f"score:{a.id}", f"{a.id} {a.name}", "int", low=0, high=10, optional=True, width=11)
        for a in data.framework.evaluation_areas
    )
    return (PERSON, DATE, *areas, NOTES, id_col())


class PersonalTool(Adapter):
    def sheet_names(self, data: EngagementData) -> list[str]:
        return [SHEET]

    def export(self, data: EngagementData, book: BookWriter) -> None:
        cols = columns(data)
        sheet = book.sheet(SHEET)
        sheet.title(
            "Personal Evaluation Tool",
            f"{data.engagement.customer} · self-ratings 0-10 per area (the spider chart's data)",
        )
        rows = []
        for person, evaluations in data.evaluations().items():
            for evaluation in evaluations.evaluations:
                if evaluation.engagement != data.slug:
                    continue
                rows.append(
                    [
                        person,
                        evaluation.date,
                        *[evaluation.scores.get(c.key.split(":", 1)[1]) for c in cols[2:-2]],
                        evaluation.notes,
                        evaluation.id,
                    ]
                )
        pos = sheet.table(cols, rows)
        legend = [(a.id, a.name) for a in data.framework.evaluation_areas]
        sheet.legend("Areas", legend, len(cols) + 2, pos.header_row)

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        reader = sheets[0]
        cols = columns(ctx.data)
        hit = reader.find_table(cols, required=("date",), min_score=3)
        if hit is None:
            ctx.report.error(
                reader.name, "no table found (expected Person, Date and the areas A-H)"
            )
            return
        members = {m.id: m.id for m in ctx.data.members}
        members.update({normalize(m.name): m.id for m in ctx.data.members})
        default = ctx.data.engagement.csm
        by_person: dict[str, list[ParsedRow]] = {}
        owners = {
            e.id: p
            for p, file in ctx.data.evaluations().items()
            for e in file.evaluations
            if e.engagement == ctx.data.slug
        }
        unknown = False
        for raw in reader.raw_rows(hit, cols, "date"):
            item = reader.parse_row(raw, hit, cols, ctx.report, ctx.scales)
            given = str(item.values.pop("person", "") or "")
            if "person" in item.unusable:
                # skipped cell: the stored evaluation keeps its person (none known: it stays)
                person = owners.get(item.id or "", "")
                if not person:
                    unknown = True
                    continue
            else:
                person = (
                    members.get(given)
                    or members.get(normalize(given))
                    or ("" if given else default)
                )
            if not person:
                ctx.report.error(
                    item.refs.get("person", item.where),
                    f"'{given}' is not a team member (pcsm.toml lists: "
                    f"{', '.join(m.id for m in ctx.data.members)})",
                )
                continue
            scores = {
                k.split(":", 1)[1]: v
                for k, v in list(item.values.items())
                if k.startswith("score:")
            }
            for key in list(item.values):
                if key.startswith("score:"):
                    del item.values[key]
            item.values["scores"] = {k: v for k, v in scores.items() if v is not None}
            item.values["engagement"] = ctx.data.slug
            by_person.setdefault(person, []).append(item)
        touched = set(by_person) | {
            p
            for p, e in ctx.data.evaluations().items()
            if any(x.engagement == ctx.data.slug for x in e.evaluations)
        }
        for person in sorted(touched):
            self._person(person, by_person.get(person, []), ctx, unknown)

    @staticmethod
    def _person(person: str, items: list[ParsedRow], ctx: ReadContext, keep: bool) -> None:
        """`keep`: a row could not be told apart; evaluations the sheet does not show stay."""
        rel = ctx.data.person_rel(person)
        stored = ctx.data.get(rel, PersonalEvaluations)
        mine = [e for e in stored.evaluations if e.engagement == ctx.data.slug]
        taken = {e.id for e in stored.evaluations if e.engagement != ctx.data.slug}
        for item in items:
            if item.id in taken:
                item.id = None  # an evaluation of another engagement (a copied workbook)
            if item.id is None and item.values.get("date") is not None:
                match = next((e for e in mine if e.date == item.values["date"]), None)
                item.id = (
                    match.id if match else new_id(f"{ctx.data.slug}-{item.values['date']}", taken)
                )
            before = next((e for e in mine if e.id == item.id), None)
            if before is not None:
                hidden = {
                    k: v
                    for k, v in before.scores.items()
                    if f"score:{k}" not in item.refs or f"score:{k}" in item.unusable
                }
                item.values["scores"] = {**hidden, **item.values["scores"]}
        rows = build_rows(PersonalEvaluation, items, mine, ctx, taken=set(taken))
        new_by_id = {r.id: r for r in rows}
        out: list[Any] = []
        placed: set[str] = set()
        for evaluation in stored.evaluations:
            if evaluation.engagement != ctx.data.slug:
                out.append(evaluation)
            elif evaluation.id in new_by_id:
                out.append(new_by_id[evaluation.id])
                placed.add(evaluation.id)
            elif keep:
                out.append(evaluation)
        out += [r for r in rows if r.id not in placed]
        model = finish_file(PersonalEvaluations, stored, {"evaluations": out}, SHEET, ctx)
        if model is not None:
            ctx.produce(rel, model)
