"""A person's development plan as a workbook (.xlsx) or a Word document (.docx).

Built once as report blocks (io/report_doc), so the Word document says what the workbook
says; the workbook uses the same sheet writer as every tool's export (io/sheet_writer).
What a manager and the CSM go through at a quarterly review: the vision, the critical
success factors, the planned activities, the quarterly targets and reviews, the latest
personal evaluation against the one before with the lowest areas as the CPD focus, and
the hours logged by RAPAE category. Every text is data and goes in as plain text.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Literal

from ..analysis.people import PersonView
from ..store.atomic import write_atomic
from .report_doc import Bullets, Document, Heading, Para, Table, render_docx


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _hours(hours: float) -> str:
    return f"{hours:g}"


def development_document(view: PersonView, today: dt.date) -> Document:
    """The plan as report blocks (the text both formats show)."""
    plan = view.development
    role = f", {view.profile.role}" if view.profile.role else ""
    doc = Document(f"Development plan: {view.name}")
    doc.add(Para(f"{view.name}{role} · {view.id} · as of {today.isoformat()}", italic=True))
    doc.add(Heading("Vision", 1), Para(plan.vision or "(no vision written yet)"))
    csf_names = {c.id: c.factor for c in plan.csfs}
    doc.add(
        Heading("Critical success factors", 1),
        Table(("Factor", "Description"), tuple((c.factor, c.description) for c in plan.csfs)),
        Heading("Planned activities", 1),
        Table(
            ("Activity", "Serves", "Target date", "Done"),
            tuple(
                (
                    a.activity,
                    csf_names.get(a.csf, a.csf),
                    _day(a.target_date),
                    "yes" if a.done else "no",
                )
                for a in plan.activities
            ),
        ),
        Heading("Quarterly targets and reviews", 1),
        Table(
            ("Quarter", "Date", "Reviewer", "Targets", "Progress", "Notes"),
            tuple(
                (r.quarter, _day(r.date), r.reviewer, r.targets, r.progress, r.notes)
                for r in plan.reviews
            ),
        ),
    )
    doc.add(Heading("Personal evaluation", 1))
    latest, earlier = view.latest, view.earlier
    if latest is None:
        doc.add(Para("No personal evaluation yet."))
    else:
        header = ("Area", latest.date.isoformat(), *([earlier.date.isoformat()] if earlier else ()))
        rows = tuple(
            (
                f"{area.id} {area.name}",
                _score(latest.scores.get(area.id)),
                *([_score(earlier.scores.get(area.id))] if earlier else ()),
            )
            for area in view.areas
        )
        doc.add(Table(header, rows))
        focus = view.focus
        named = [f"{a} {view.area_name(a)}" for a in focus.areas] if focus else []
        doc.add(
            Para(
                "CPD focus (the lowest areas): "
                + (", ".join(named) if named else "none stands out")
            )
        )
    doc.add(
        Heading("Engagements and hours", 1),
        Table(
            ("Engagement", "Customer", "Phase", "Status", "Hours"),
            tuple(
                (e.slug, e.customer, str(e.phase), e.status, _hours(e.hours))
                for e in view.engagements
            ),
        ),
        Table(
            ("RAPAE category", "Hours"),
            tuple((name, _hours(hours)) for _, name, hours in view.hours),
        ),
    )
    if view.problems:
        doc.add(Heading("Left out (files that do not read)", 2), Bullets(view.problems))
    return doc


def _score(score: int | None) -> str:
    return "" if score is None else str(score)


def development_xlsx(document: Document) -> bytes:
    """The blocks as one sheet: each heading, then its paragraph or table below it."""
    # start-up: io.sheet_writer (openpyxl) loads only when this runs
    from .columns import Col
    from .sheet_writer import LABEL_FONT, BookWriter

    book = BookWriter({})
    sheet = book.sheet("Development plan")
    subtitle = next((b.text for b in document.blocks if isinstance(b, Para)), "")
    sheet.title(document.title, subtitle)
    for block in document.blocks[1:]:
        if isinstance(block, Heading):
            sheet.put(sheet.row, 1, block.text).font = LABEL_FONT
            sheet.row += 1
        elif isinstance(block, Para):
            sheet.put(sheet.row, 1, block.text)
            sheet.row += 2
        elif isinstance(block, Bullets):
            for item in block.items:
                sheet.put(sheet.row, 1, item)
                sheet.row += 1
            sheet.row += 1
        elif isinstance(block, Table):
            longest = [
                max([len(block.header[i]), *(len(row[i]) for row in block.rows)])
                for i in range(len(block.header))
            ]
            cols = [
                Col(f"c{i}", text, "multiline", width=min(60, max(10, longest[i] + 2)))
                for i, text in enumerate(block.header)
            ]
            sheet.table(cols, [list(row) for row in block.rows], freeze=False)
    book.finish()
    out = io.BytesIO()
    book.workbook.save(out)
    return out.getvalue()


def write_development(
    view: PersonView, path: Path, form: Literal["xlsx", "docx"], today: dt.date
) -> None:
    document = development_document(view, today)
    data = development_xlsx(document) if form == "xlsx" else render_docx(document)
    write_atomic(path, data)


__all__ = ["development_document", "development_xlsx", "write_development"]
