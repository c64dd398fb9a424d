"""The customer success proposal as the letter the framework describes (Word or Markdown).

`pcsm export ENGAGEMENT --tool proposal --docx FILE` (or `--md FILE`). The letter follows the
template: a header with the customer, the addressee and the date; the preamble (the
framework's standard text unless the proposal has its own); the four aspects of help with
their standard descriptions; the specifics agreed per aspect; the CSM's and the SPL's contact
blocks side by side; and a signature line for each. The content is worked out once
(`letter`) and rendered twice, so both formats always say the same thing.

Every text comes from data: control and bidi characters are shown as their escapes
(`shown`, as the reports do), since Word's XML cannot hold them at all and a terminal that
shows the Markdown must not act on them. python-docx is imported only when a .docx is written.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..framework.catalogue import TOOL_FOR_KIND
from ..models.commitment import Contact, Proposal, Signature
from ..store.atomic import write_atomic
from ..store.repository import Repository
from ..textsafe import display
from .bundle import EngagementData, Progress, load_engagement, no_progress
from .redact import redact as redact_data

LEAD_IN = (
    "As part of this service your company has been assigned a dedicated Customer Success "
    "Manager, who will work with you as follows:"
)
OFFER = "We will support you with the following:"
SIGNATURE_LINE = "______________________________"
CONTACT_ROWS = (
    ("Name", "name"),
    ("Email", "email"),
    ("Mobile", "mobile"),
    ("Work phone", "work_phone"),
)


@dataclass(frozen=True)
class Aspect:
    name: str
    description: str
    specifics: str


@dataclass(frozen=True)
class Person:
    contact: Contact
    signature: Signature


@dataclass(frozen=True)
class Letter:
    customer: str
    addressee: str
    date: dt.date | None
    state: str
    preamble: str
    aspects: tuple[Aspect, ...]
    csm: Person
    spl: Person
    paper: str = "A4"

    @property
    def title(self) -> str:
        return f"Customer Success Proposal: {self.customer}"

    @property
    def date_text(self) -> str:
        return self.date.isoformat() if self.date else "(date to be set)"

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.preamble.split("\n\n") if p.strip()]


def letter(data: EngagementData) -> Letter:
    """The proposal's content, with the framework's defaults filled in."""
    proposal = data.tool(TOOL_FOR_KIND[Proposal.kind].file, Proposal)
    stored = {a.id: a for a in proposal.aspects}
    aspects = [
        Aspect(a.name, a.description, stored[a.id].specifics if a.id in stored else "")
        for a in data.framework.proposal_aspects
    ]
    known = {a.id for a in data.framework.proposal_aspects}
    aspects += [Aspect(a.id, "", a.specifics) for a in proposal.aspects if a.id not in known]
    return Letter(
        customer=data.engagement.customer,
        addressee=proposal.addressee or "(addressee to be set)",
        date=proposal.date,
        state=proposal.state,
        preamble=proposal.preamble.strip() or data.framework.proposal_preamble.strip(),
        aspects=tuple(aspects),
        csm=Person(proposal.csm_contact, proposal.csm_signature),
        spl=Person(proposal.spl_contact, proposal.spl_signature),
        paper=data.paper,
    )


def _shown_person(person: Person) -> Person:
    def one(model: Contact | Signature) -> Any:
        texts = {k: display(v, lines=False) for k, v in vars(model).items() if isinstance(v, str)}
        return model.model_copy(update=texts)

    return Person(one(person.contact), one(person.signature))


def shown(content: Letter) -> Letter:
    """`content` with every text as textsafe shows it: one-line fields on one line, the
    preamble and the specifics keeping their lines."""
    return replace(
        content,
        customer=display(content.customer, lines=False),
        addressee=display(content.addressee, lines=False),
        state=display(content.state, lines=False),
        preamble=display(content.preamble),
        aspects=tuple(
            Aspect(display(a.name, lines=False), display(a.description), display(a.specifics))
            for a in content.aspects
        ),
        csm=_shown_person(content.csm),
        spl=_shown_person(content.spl),
    )


def _signed(person: Person) -> tuple[str, str, str]:
    name = person.signature.name or person.contact.name
    mark = "signed" if person.signature.signed else SIGNATURE_LINE
    date = person.signature.date.isoformat() if person.signature.date else "__________"
    return name, mark, date


def _lines(text: str) -> list[tuple[bool, str]]:
    """(is a bullet, text) for each line of free text."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        bullet = stripped[:2] in ("- ", "* ", "• ")
        out.append((bullet, stripped[2:].strip() if bullet else stripped))
    return out


CLOSING = "Yours sincerely,"
A4 = (21.0, 29.7)
"""The letter's paper in centimetres: A4, the size outside North America (python-docx's
template is US Letter, which prints with a wide bottom gap or cut on A4 printers)."""
PAPER = {"A4": A4, "Letter": (21.59, 27.94)}
"""The repository's paper ([export] paper in pcsm.toml) in centimetres."""


def sender(content: Letter) -> list[str]:
    """The sender block under the closing: the CSM's name, role and ways to reach them."""
    contact = content.csm.contact
    name = contact.name or content.csm.signature.name or "(Customer Success Manager)"
    reach = " · ".join(x for x in (contact.email, contact.work_phone or contact.mobile) if x)
    return [name, "Customer Success Manager", *([reach] if reach else [])]


def render_markdown(content: Letter) -> str:
    out = [f"# {content.title}", ""]
    if content.state != "signed":
        out += [f"*Status: {content.state}*", ""]
    out += [
        f"**To:** {content.addressee} of {content.customer}  ",
        f"**Date:** {content.date_text}",
        "",
    ]
    for paragraph in content.paragraphs():
        out += [" ".join(paragraph.split()), ""]
    out += [OFFER, ""]
    out += [f"- **{a.name}**: {a.description}" for a in content.aspects]
    out += ["", LEAD_IN, ""]
    for aspect in content.aspects:
        out += [f"## {aspect.name}", ""]
        lines = _lines(aspect.specifics) or [(False, "(to be agreed)")]
        out += [f"- {text}" if bullet else text for bullet, text in lines]
        out.append("")
    out += [CLOSING, "", *(f"{line}  " for line in sender(content)), ""]
    out += [
        "## Contacts",
        "",
        "| | Our Customer Success Manager | Your Senior Project Lead |",
        "|---|---|---|",
    ]
    for label, key in CONTACT_ROWS:
        out.append(
            f"| {label} | {getattr(content.csm.contact, key)} "
            f"| {getattr(content.spl.contact, key)} |"
        )
    out += [
        "",
        "## Signatures",
        "",
        "| | Customer Success Manager | Senior Project Lead |",
        "|---|---|---|",
    ]
    csm, spl = _signed(content.csm), _signed(content.spl)
    for index, label in enumerate(("Name", "Signature", "Date")):
        out.append(f"| {label} | {csm[index]} | {spl[index]} |")
    return "\n".join(out) + "\n"


def render_docx(content: Letter) -> bytes:
    # start-up: docx loads only when this runs
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    for section in document.sections:
        width, height = PAPER.get(content.paper, A4)
        section.page_width, section.page_height = Cm(width), Cm(height)
        section.left_margin = section.right_margin = Cm(2.0)
    document.core_properties.title = content.title
    document.core_properties.author = "pcsm"
    document.add_heading(content.title, level=0)
    if content.state != "signed":
        document.add_paragraph().add_run(f"Status: {content.state}").italic = True
    header = document.add_paragraph()
    header.add_run("To: ").bold = True
    header.add_run(f"{content.addressee} of {content.customer}")
    header.add_run("\n")
    header.add_run("Date: ").bold = True
    header.add_run(content.date_text)
    for paragraph in content.paragraphs():
        document.add_paragraph(" ".join(paragraph.split()))
    document.add_paragraph(OFFER)
    for aspect in content.aspects:
        item = document.add_paragraph(style="List Bullet")
        item.add_run(f"{aspect.name}: ").bold = True
        item.add_run(aspect.description)
    document.add_paragraph(LEAD_IN)
    for aspect in content.aspects:
        document.add_heading(aspect.name, level=2)
        for bullet, text in _lines(aspect.specifics) or [(False, "(to be agreed)")]:
            document.add_paragraph(text, style="List Bullet" if bullet else None)
    document.add_paragraph(CLOSING)
    block = document.add_paragraph()
    for index, line in enumerate(sender(content)):
        run = block.add_run(line)
        run.bold = index == 0
        if index < len(sender(content)) - 1:
            run.add_break()
    document.add_heading("Contacts", level=2)
    table = document.add_table(rows=1 + len(CONTACT_ROWS), cols=3)
    table.style = "Table Grid"
    heads = ("", "Our Customer Success Manager's details", "Your Senior Project Lead's details")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.text = text
    for row, (label, key) in zip(table.rows[1:], CONTACT_ROWS, strict=True):
        values = (label, getattr(content.csm.contact, key), getattr(content.spl.contact, key))
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    _label_and_values(table, Cm)
    document.add_heading("Signatures", level=2)
    signatures = document.add_table(rows=4, cols=3)
    signatures.style = "Table Grid"
    csm, spl = _signed(content.csm), _signed(content.spl)
    rows = (
        ("", "Customer Success Manager", "Senior Project Lead"),
        *((label, csm[i], spl[i]) for i, label in enumerate(("Name", "Signature", "Date"))),
    )
    for row, values in zip(signatures.rows, rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    _label_and_values(signatures, Cm)
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


TABLE_COLUMNS_CM = (2.6, 7.2, 7.2)
"""A narrow label column and two wide value columns filling A4 between 2 cm margins:
with equal columns, e-mail addresses broke mid-word."""


def _label_and_values(table: Any, cm: Any) -> None:
    table.autofit = False
    for column, width in zip(table.columns, TABLE_COLUMNS_CM, strict=True):
        column.width = cm(width)
        for cell in column.cells:
            cell.width = cm(width)


def export_proposal(
    repo: Repository,
    engagement: str,
    path: Path,
    form: Literal["docx", "md"],
    redact: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write the proposal letter to `path` (atomically)."""
    report = progress or no_progress
    data = load_engagement(repo, engagement)
    if redact:
        data = redact_data(data)
    report("rendering the proposal", 0.3)
    content = shown(letter(data))
    payload = render_docx(content) if form == "docx" else render_markdown(content).encode("utf-8")
    write_atomic(path, payload)
    report("done", 1.0)
    return path
