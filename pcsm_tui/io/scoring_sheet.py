"""The onboarding scoring matrix in the template's own cells.

Scores go in C3:C6 beside the aspect names, C7 adds them up with a live formula and C8 names
the band (also a formula), the key explains each aspect and the results indicator lists the
bands, exactly where the template's instructions say. On import the aspects are found by
name wherever they are, and the score is read from the "Score" column (or the next cell).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Font

from ..framework.catalogue import TOOL_FOR_KIND
from ..models.onboarding import OnboardingScore
from .adapter import Adapter, ReadContext, finish_file
from .bundle import EngagementData
from .cells import Unusable, as_text, is_empty
from .columns import Col
from .rules import normalize
from .sheet_writer import HEADER_FILL, HEADER_FONT, LABEL_FONT, TITLE_FONT

if TYPE_CHECKING:
    from .sheet_reader import SheetReader
    from .sheet_writer import BookWriter

FILE = TOOL_FOR_KIND[OnboardingScore.kind].file
SHEET = "Onboarding Scoring"
SCORE = Col("score", "Score (0 to 5)", "int", low=0, high=5, width=14)
NOTES = Col("notes", "Notes", "multiline", width=60)


def field_of(aspect_id: str) -> str:
    return aspect_id.replace("-", "_")


class ScoringTool(Adapter):
    def sheet_names(self, data: EngagementData) -> list[str]:
        return [SHEET]

    def export(self, data: EngagementData, book: BookWriter) -> None:

        score = data.tool(FILE, OnboardingScore)
        aspects = data.framework.onboarding_aspects
        bands = sorted(data.framework.onboarding_bands, key=lambda b: b.min)
        sheet = book.sheet(SHEET)
        put = sheet.put
        put(1, 2, self.title).font = TITLE_FONT
        for col, text in ((2, "Aspect"), (3, SCORE.header), (4, "Explanations")):
            cell = put(2, col, text)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        for offset, aspect in enumerate(aspects):
            row = 3 + offset
            put(row, 2, aspect.name).font = LABEL_FONT
            sheet.style_value(put(row, 3, getattr(score, field_of(aspect.id), 0)), SCORE)
            put(row, 4, f"Score 0 for {aspect.low} and 5 for {aspect.high}")
        last = 2 + len(aspects)
        total_row = last + 1
        put(total_row, 2, "TOTAL").font = LABEL_FONT
        # From C3 to the row above the total, wherever it is now: a row a person inserts
        # above TOTAL (an aspect of their own) is counted; `C3:C8` would not grow.
        sheet.put_formula(total_row, 3, "=SUM(C3:INDEX(C:C,ROW()-1))").font = LABEL_FONT
        band = '""'
        for item in reversed(bands):
            band = f'IF(INDEX(C:C,ROW()-1)<={item.max},"{item.name}",{band})'
        put(total_row + 1, 2, "Band").font = LABEL_FONT
        sheet.put_formula(total_row + 1, 3, f"={band}").font = Font(bold=True, color="1F4E5F")
        sheet.validate(SCORE, f"C3:C{last}")
        key_row = total_row + 3
        put(key_row, 2, "Key").font = LABEL_FONT
        for offset, aspect in enumerate(aspects):
            put(key_row + offset, 3, aspect.name)
            put(key_row + offset, 4, aspect.help)
        results = key_row + len(aspects) + 2
        put(results, 2, "Results Indicator").font = LABEL_FONT
        for offset, item in enumerate(bands):
            put(results + 1 + offset, 2, f"{item.min} to {item.max}")
            put(results + 1 + offset, 3, item.name).font = LABEL_FONT
            put(results + 1 + offset, 4, item.meaning)
        notes_row = results + len(bands) + 2
        put(notes_row, 2, NOTES.header).font = LABEL_FONT
        sheet.style_value(put(notes_row, 3, score.notes), NOTES)
        for col, width in ((1, 3), (2, 22), (3, 16), (4, 70)):
            sheet.width(col, width)

    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        reader = sheets[0]
        rel = ctx.data.rel(FILE)
        stored = ctx.data.get(rel, OnboardingScore)
        aspects = {
            normalize(word): field_of(a.id)
            for a in ctx.data.framework.onboarding_aspects
            for word in (a.name, a.id, field_of(a.id))
        }
        score_col = self._score_column(reader)
        values: dict[str, Any] = {}
        for row in reader.rows_in(1, reader.max_row):
            for column, text in reader.row_cells(row, 6):
                key = normalize(as_text(text)) if isinstance(text, str) else ""
                if key == "total":
                    break
                name = aspects.get(key)
                if name is None or name in values:
                    continue
                target = score_col if score_col and score_col > column else column + 1
                raw = reader.value(row, target)
                if is_empty(raw):
                    values[name] = stored.model_dump()[name]
                    continue
                try:
                    values[name] = reader.read_cell(SCORE, raw, row, target, ctx.scales)
                except Unusable as error:
                    ctx.report.error(reader.ref(row, target), f"{as_text(text)}: {error}")
                    values[name] = None
                ctx.rows_read += 1
            else:
                continue
            break
        found = {k: v for k, v in values.items() if v is not None}
        if not values:
            ctx.report.error(
                reader.name,
                "no onboarding aspects found (expected rows named "
                + ", ".join(a.name for a in ctx.data.framework.onboarding_aspects)
                + ")",
            )
            return
        at = reader.find_label(NOTES)
        if at is not None:
            try:
                found["notes"] = reader.read_cell(
                    NOTES, reader.value(at[0], at[1] + 1), at[0], at[1] + 1, ctx.scales
                )
            except Unusable as error:
                ctx.report.error(reader.ref(at[0], at[1] + 1), f"{NOTES.header}: {error}")
        model = finish_file(OnboardingScore, stored, found, reader.name, ctx)
        if model is not None:
            ctx.produce(rel, model)

    @staticmethod
    def _score_column(reader: SheetReader) -> int | None:
        for row in reader.rows_in(1, 20):
            for column, text in reader.row_cells(row, 8):
                if isinstance(text, str) and normalize(text) in (
                    "score",
                    "punkte",
                    "punten",
                    "note",
                    "puntuación",
                ):
                    return column
        return None
