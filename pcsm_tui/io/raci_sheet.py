"""The RACI matrix as the template's grid: activities down, stakeholders across, codes inside.

One sheet per matrix. Above the header a grey row keeps each column's id, the rightmost
columns count the A's of each task (a live formula, shaded red unless it is exactly one) and
keep the activity's id, and the legend beside the grid gives the four definitions. On import
the stakeholder columns are the header cells that are not one of the known columns; each is
matched to the stored column (by its id in the grey row, else its title), else to the
register (job role or name), else it becomes a new column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter

from ..framework.catalogue import TOOL_FOR_KIND
from ..models.commitment import Raci, RaciActivity, RaciColumn, RaciMatrix
from ..models.engagement import Stakeholder
from ..store.personal import reads_as_role
from .adapter import Adapter, ReadContext, build_rows, finish_file, new_id, soften, valid_id
from .bundle import EngagementData
from .cells import BadCell, Unusable, as_text, is_empty, to_roles
from .columns import ID_HEADER, Col, id_col
from .rules import ImportRules, normalize
from .sheet_writer import ID_FONT

if TYPE_CHECKING:
    from .sheet_reader import Hit, ParsedRow, SheetReader
    from .sheet_writer import BookWriter

FILE = TOOL_FOR_KIND[Raci.kind].file
SHEET = "RACI Matrix"
COLUMN_IDS = "pcsm column id"
STAKEHOLDER_IDS = "pcsm stakeholder id"
MATRIX_ID = "pcsm matrix id"
_NAME = re.compile(r"^raci(\s+(matrix|chart))?(\s+\d+)?$")

NO = Col("no", "No.", "no", readonly=True)
ACTIVITY = Col("name", "Activity / task", "multiline", width=40, required=True, words="activity")
A_COUNT = Col("a_count", "A's", "formula", width=6)
TITLE = Col("title", "Matrix", "text", width=40)
MATRIX = Col("matrix_id", MATRIX_ID, "id")


def column_title(column: RaciColumn, register: dict[str, Stakeholder]) -> str:
    if column.title:
        return column.title
    found = register.get(column.stakeholder or "")
    return (found.job_role or found.name) if found else column.id


class RaciTool(Adapter):
    def sheet_names(self, data: EngagementData) -> list[str]:
        count = max(1, len(data.tool(FILE, Raci).matrices))
        return [SHEET if i == 0 else f"{SHEET} {i + 1}" for i in range(count)]

    def claims(self, name: str, data: EngagementData, rules: ImportRules) -> bool:
        return bool(_NAME.match(normalize(name))) or super().claims(name, data, rules)

    # --- export ----------------------------------------------------------------------------

    def export(self, data: EngagementData, book: BookWriter) -> None:
        raci = data.tool(FILE, Raci)
        register = data.register.by_id()
        roles = data.framework.raci_roles
        for index, matrix in enumerate(raci.matrices or [RaciMatrix(id="main")]):
            sheet = book.sheet(self.sheet_names(data)[index] if index else SHEET)
            sheet.title("RACI Matrix", f"{data.engagement.customer} · {matrix.title}")
            sheet.form([(TITLE, matrix.title), (MATRIX, matrix.id)])
            titles = [
                Col(f"column:{c.id}", column_title(c, register), "raci", width=12)
                for c in matrix.columns
            ]
            first, last = get_column_letter(3), get_column_letter(2 + max(1, len(titles)))
            a_count = Col(
                "a_count",
                "A's",
                "formula",
                width=6,
                formula=f'=COUNTIF({first}{{r}}:{last}{{r}},"*A*")',
            )
            cols = [NO, ACTIVITY, *titles, a_count, id_col()]
            ids_row = sheet.row
            sheet.put(ids_row, 2, COLUMN_IDS).font = _id_font()
            sheet.put(ids_row + 1, 2, STAKEHOLDER_IDS).font = _id_font()
            for offset, column in enumerate(matrix.columns):
                sheet.put(ids_row, 3 + offset, column.id).font = _id_font()
                sheet.put(ids_row + 1, 3 + offset, column.stakeholder).font = _id_font()
            sheet.row += 2
            rows = [
                [n, a.name, *[a.cells.get(c.id, frozenset()) for c in matrix.columns], None, a.id]
                for n, a in enumerate(matrix.activities, start=1)
            ]
            pos = sheet.table(cols, rows, freeze=False)
            letter = pos.letters["a_count"]
            if pos.last_row >= pos.first_row:
                sheet.flag_rule(
                    f"{letter}{pos.first_row}:{letter}{pos.last_row}", f"{letter}{pos.first_row}<>1"
                )
            sheet.ws.freeze_panes = f"C{pos.header_row + 1}"
            legend = [(r.id, r.name, r.definition) for r in roles]
            legend.append(("R/A", "Responsible and Accountable", "Counts as both R and A."))
            legend.append(("", "Rule", "Exactly one A per task; the A's column counts them."))
            sheet.legend("Legend", legend, len(cols) + 2, pos.header_row)

    # --- import ----------------------------------------------------------------------------

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        rel = ctx.data.rel(FILE)
        stored = ctx.data.get(rel, Raci)
        matrices = list(stored.matrices)
        seen: set[str] = set()
        since = len(ctx.report.problems)
        for index, reader in enumerate(sheets):
            matrix = self._read_sheet(reader, index, stored, ctx)
            if matrix is None:
                continue
            if matrix.id in seen:
                ctx.report.error(reader.name, f"matrix id {matrix.id!r} appears on two sheets")
                continue
            seen.add(matrix.id)
            positions = [i for i, m in enumerate(matrices) if m.id == matrix.id]
            if positions:
                matrices[positions[0]] = matrix
            else:
                matrices.append(matrix)
        soften(ctx, since, bool(seen))
        if not seen:
            return
        model = finish_file(Raci, stored, {"matrices": matrices}, sheets[0].name, ctx)
        if model is not None:
            ctx.produce(rel, model)

    def _read_sheet(
        self, reader: SheetReader, index: int, stored: Raci, ctx: ReadContext
    ) -> RaciMatrix | None:
        known = [NO, ACTIVITY, A_COUNT, id_col()]
        hit = reader.find_table(known, required=("name",), min_score=1)
        if hit is None:
            ctx.report.error(
                reader.name,
                "no RACI grid found: the header row needs an 'Activity' (or 'Task') column "
                "followed by one column per stakeholder",
            )
            return None
        title = self._form_text(reader, TITLE, ctx)
        matrix_id = self._form_text(reader, MATRIX, ctx)
        base = self._stored_matrix(stored, matrix_id, title, index)
        matrix_id = (
            matrix_id
            if valid_id(matrix_id)
            else (base.id if base else new_id(title, {m.id for m in stored.matrices}, "main"))
        )
        columns = self._columns(reader, hit, base, ctx)
        if not columns:
            ctx.report.error(reader.ref(hit.header_row), "the RACI grid has no stakeholder columns")
            return None
        parsed: list[ParsedRow] = []
        for raw in reader.raw_rows(hit, known, "name"):
            item = reader.parse_row(raw, hit, known, ctx.report, ctx.scales)
            cells: dict[str, frozenset[str]] = {}
            for column_index, column in columns:
                value = reader.value(raw.number, column_index)
                try:
                    roles = to_roles(value, ctx.rules)
                except Unusable as error:
                    ctx.report.error(reader.ref(raw.number, column_index), str(error))
                    item.keep.setdefault("cells", set()).add(column.id)
                    continue
                if roles:
                    cells[column.id] = roles
            item.values["cells"] = cells
            count = sum(1 for roles in cells.values() if "A" in roles)
            if count != 1 and item.values.get("name"):
                ctx.report.note(
                    item.where,
                    f"{count} A's on this task (the framework asks for exactly one); "
                    "imported as is",
                )
            parsed.append(item)
        activities = build_rows(RaciActivity, parsed, base.activities if base else [], ctx, "name")
        data: dict[str, Any] = base.model_dump(mode="python") if base else {}
        data.update(
            id=matrix_id,
            title=title or (base.title if base else "RACI matrix"),
            columns=[c for _, c in columns],
            activities=activities,
        )
        try:
            return RaciMatrix.model_validate(data, context=ctx.context)
        except ValueError as error:
            ctx.report.error(reader.name, str(error))
            return None

    @staticmethod
    def _form_text(reader: SheetReader, col: Col, ctx: ReadContext) -> str:
        """The text beside a form label ("" when absent or unusable: the stored one stays)."""
        at = reader.find_label(col)
        if at is None:
            return ""
        value = reader.value(at[0], at[1] + 1)
        if isinstance(value, BadCell):
            ctx.report.error(reader.ref(at[0], at[1] + 1), f"{col.header}: {value.why}")
        return as_text(value).strip()

    @staticmethod
    def _stored_matrix(stored: Raci, matrix_id: str, title: str, index: int) -> RaciMatrix | None:
        for matrix in stored.matrices:
            if matrix_id and matrix.id == matrix_id:
                return matrix
        for matrix in stored.matrices:
            if title and normalize(matrix.title) == normalize(title):
                return matrix
        if not matrix_id and not title and index < len(stored.matrices):
            return stored.matrices[index]
        return None

    def _columns(
        self, reader: SheetReader, hit: Hit, base: RaciMatrix | None, ctx: ReadContext
    ) -> list[tuple[int, RaciColumn]]:
        """(sheet column, RACI column) for every stakeholder header of the grid."""
        name_col = hit.columns["name"]
        id_rows = {
            normalize(as_text(reader.value(hit.header_row - up, name_col))): hit.header_row - up
            for up in (1, 2)
        }
        ids_row = id_rows.get(normalize(COLUMN_IDS))
        links_row = id_rows.get(normalize(STAKEHOLDER_IDS))
        stored = {c.id: c for c in (base.columns if base else [])}
        register = ctx.data.register.stakeholders
        by_id = {s.id: s for s in register}
        by_title = {normalize(column_title(c, by_id)): c for c in stored.values()}
        out: list[tuple[int, RaciColumn]] = []
        used: set[str] = set()
        for column_index, text in hit.unknown:
            if column_index <= name_col:
                continue
            if normalize(text) == normalize(ID_HEADER):
                continue
            given = as_text(reader.value(ids_row, column_index)).strip() if ids_row else ""
            link = as_text(reader.value(links_row, column_index)).strip() if links_row else ""
            column = stored.get(given) if given else None
            column = column or by_title.get(normalize(text))
            if column is None:
                person = by_id.get(link) or _find_stakeholder(register, text)
                # A header may be a person's name ("Whitfield, Jane"): an id is made from
                # it only when it reads as a role or group, else it is neutral (column-2).
                role_hint = text if reads_as_role(text) else ""
                column_id = (
                    given
                    if valid_id(given)
                    else (person.id if person else new_id(role_hint, used | set(stored), "column"))
                )
                shown = (person.job_role or person.name) if person else ""
                column = RaciColumn(
                    id=column_id if column_id not in used else new_id(role_hint, used, "column"),
                    stakeholder=person.id if person else None,
                    title="" if person and normalize(shown) == normalize(text) else text.strip(),
                )
                ctx.report.note(
                    reader.ref(hit.header_row, column_index),
                    f"new RACI column '{text.strip()}'"
                    + (f" (stakeholder {person.id})" if person else " (not in the register)"),
                )
            elif column_title(column, by_id) != text.strip() and not is_empty(text):
                column = column.model_copy(update={"title": text.strip()})
            if column.id in used:
                ctx.report.error(
                    reader.ref(hit.header_row, column_index), f"column '{text}' appears twice"
                )
                continue
            used.add(column.id)
            out.append((column_index, column))
        return out


def _find_stakeholder(register: Sequence[Stakeholder], text: str) -> Stakeholder | None:
    wanted = normalize(text)
    for stakeholder in register:
        if wanted in (normalize(stakeholder.job_role), normalize(stakeholder.name), stakeholder.id):
            return stakeholder
    return None


def _id_font() -> Any:

    return ID_FONT
