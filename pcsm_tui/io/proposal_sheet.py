"""The customer success proposal as a sheet: header fields, the aspects, both contact blocks.

The document itself (the letter) is rendered by `proposal_doc.py`; in a workbook the proposal
is kept editable: who it is addressed to and when, its state, the preamble (empty means the
framework's standard text), the agreed specifics beside each aspect's standard description,
and the CSM's and SPL's contact and signature details side by side as in the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..framework.catalogue import TOOL_FOR_KIND
from ..models.commitment import Proposal, ProposalAspect
from .adapter import Adapter, ReadContext, build_rows, finish_file
from .bundle import EngagementData
from .cells import Unusable, as_text
from .columns import Col, id_col
from .rules import normalize
from .sheet_reader import OMIT
from .sheet_writer import HEADER_FILL, HEADER_FONT, LABEL_FONT

if TYPE_CHECKING:
    from .sheet_reader import SheetReader
    from .sheet_writer import BookWriter

FILE = TOOL_FOR_KIND[Proposal.kind].file
SHEET = "Success Proposal"

HEADER = (
    Col("customer", "Customer", "text", readonly=True),
    Col("addressee", "To", "text", words="addressee"),
    Col("date", "Date", "date", optional=True),
    Col(
        "state",
        "State",
        "choice",
        labels={"draft": "draft", "sent": "sent", "signed": "signed"},
        words="status",
    ),
    Col("preamble", "Preamble", "multiline", width=80, words="preamble"),
)
ASPECTS = (
    Col("aspect", "Aspect", "text", readonly=True, width=18),
    Col("description", "What we offer", "multiline", readonly=True, width=40),
    Col("specifics", "Agreed specifics", "multiline", width=70),
    id_col(),
)
CSM_HEADER = "Our Customer Success Manager"
SPL_HEADER = "Your Senior Project Lead"
PEOPLE = (
    Col("contact.name", "Name", "text"),
    Col("contact.email", "Email", "text"),
    Col("contact.mobile", "Mobile", "text", words="mobile"),
    Col("contact.work_phone", "Work phone", "text", words="work_phone"),
    Col("signature.name", "Signed by", "text", words="signed_by"),
    Col("signature.signed", "Signed", "bool", words="signed"),
    Col("signature.date", "Date signed", "date", optional=True, words="date_signed"),
)
_CSM_WORDS = {"our customer success manager", "customer success manager", "csm"}
_SPL_WORDS = {"your senior project lead", "senior project lead", "spl", "customer"}


def _field(key: str, who: str) -> str:
    part, name = key.split(".")
    return f"{who}_{part}.{name}"


class ProposalTool(Adapter):
    def sheet_names(self, data: EngagementData) -> list[str]:
        return [SHEET]

    def export(self, data: EngagementData, book: BookWriter) -> None:
        proposal = data.tool(FILE, Proposal)
        sheet = book.sheet(SHEET)
        sheet.title(self.title, f"{data.engagement.customer} · {proposal.state}")
        values = {
            "customer": data.engagement.customer,
            "addressee": proposal.addressee,
            "date": proposal.date,
            "state": proposal.state,
            "preamble": proposal.preamble,
        }
        sheet.form([(col, values[col.key]) for col in HEADER])
        sheet.note("An empty preamble means the framework's standard preamble is used.")
        sheet.row += 1
        names = {a.id: a for a in data.framework.proposal_aspects}
        rows = []
        for aspect in proposal.aspects:
            standard = names.get(aspect.id)
            rows.append(
                [
                    standard.name if standard else aspect.id,
                    standard.description if standard else "",
                    aspect.specifics,
                    aspect.id,
                ]
            )
        sheet.table(ASPECTS, rows, freeze=False)
        top = sheet.row

        for column, text in ((2, CSM_HEADER), (3, SPL_HEADER)):
            cell = sheet.put(top, column, text)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        for offset, col in enumerate(PEOPLE, start=1):
            sheet.put(top + offset, 1, col.header).font = LABEL_FONT
            for column, who in ((2, "csm"), (3, "spl")):
                value = _get(proposal, _field(col.key, who))
                cell = sheet.put(top + offset, column, sheet.cell_value(col, value))
                sheet.style_value(cell, col)
                sheet.validate(col, cell.coordinate)
        sheet.width(3, 40)

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        reader = sheets[0]
        rel = ctx.data.rel(FILE)

        stored = ctx.data.get(rel, Proposal)
        values: dict[str, Any] = {}
        for col in HEADER:
            if not col.imported:
                continue
            value = reader.labelled_value(col, ctx.scales, ctx.report)
            if value is not OMIT and (value is not None or col.optional):
                values[col.key] = value
        grid = self._grid(reader)
        aspects = self._aspects(reader, stored, ctx, grid[0] - 1 if grid else None)
        if aspects is not None:
            values["aspects"] = aspects
        if grid is not None:
            self._people(reader, grid, stored, values, ctx)
        model = finish_file(Proposal, stored, values, reader.name, ctx)
        if model is not None:
            ctx.produce(rel, model)

    def _aspects(
        self, reader: SheetReader, stored: Proposal, ctx: ReadContext, end: int | None
    ) -> list[ProposalAspect] | None:
        hit = reader.find_table(ASPECTS, required=("specifics",), min_score=2, end_row=end)
        if hit is None:
            return None
        by_name = {normalize(a.name): a.id for a in ctx.data.framework.proposal_aspects}
        parsed = []
        for raw in reader.raw_rows(hit, ASPECTS, "specifics", end_row=end):
            item = reader.parse_row(raw, hit, ASPECTS, ctx.report, ctx.scales)
            if item.id is None and "aspect" in hit.columns:
                item.id = by_name.get(
                    normalize(as_text(reader.value(raw.number, hit.columns["aspect"])))
                )
            parsed.append(item)
        return build_rows(ProposalAspect, parsed, stored.aspects, ctx)

    @staticmethod
    def _grid(reader: SheetReader) -> tuple[int, dict[str, int]] | None:
        """The contact blocks' header row: a CSM and an SPL heading side by side."""
        for row in reader.rows_in(1, reader.max_row):
            columns: dict[str, int] = {}
            for column, text in reader.row_cells(row):
                if not isinstance(text, str):
                    continue
                key = normalize(text)
                if key in _CSM_WORDS and "csm" not in columns:
                    columns["csm"] = column
                elif key in _SPL_WORDS and "spl" not in columns:
                    columns["spl"] = column
            if len(columns) == 2:
                return row, columns
        return None

    def _people(
        self,
        reader: SheetReader,
        grid: tuple[int, dict[str, int]],
        stored: Proposal,
        values: dict[str, Any],
        ctx: ReadContext,
    ) -> None:
        row, columns = grid
        label_col = min(columns.values()) - 1
        used: set[str] = set()
        for offset in range(1, len(PEOPLE) + 4):
            label = reader.value(row + offset, label_col) if label_col >= 1 else None
            key = reader.match_key(label, PEOPLE, used)
            col = next((c for c in PEOPLE if c.key == key), None)
            if col is None:
                continue
            used.add(col.key)
            for who, column in columns.items():
                target = _field(col.key, who)
                block, name = target.split(".")
                try:
                    value = reader.read_cell(
                        col, reader.value(row + offset, column), row + offset, column, ctx.scales
                    )
                except Unusable as error:
                    ctx.report.error(reader.ref(row + offset, column), f"{col.header}: {error}")
                    continue
                if value is not None or col.optional:
                    values.setdefault(block, _get(stored, block).model_dump())[name] = value


def _get(model: Any, key: str) -> Any:
    for part in key.split("."):
        model = getattr(model, part, None)
    return model
