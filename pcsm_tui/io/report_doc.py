"""A small document model and its three renderings (Markdown, HTML, Word), for reports.

A report is built once as blocks (headings, paragraphs, bullets, tables, a picture) and
rendered by each writer, so the three formats always say the same thing. Every text comes
from data and is escaped for its format: HTML entities, Markdown's special characters;
Word takes plain runs. Before that, control and bidi characters are shown as their escapes
(textsafe.display) in every format: a report must not act on the terminal that shows it,
and Word's XML cannot hold them at all. python-docx is imported only for a .docx.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field, replace

from ..textsafe import display


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Picture:
    svg: str
    png: bytes
    caption: str
    name: str
    """File name stem for the picture written beside a Markdown report."""


Block = Heading | Para | Bullets | Table | Picture


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def shown(document: Document) -> Document:
    """`document` with every text as textsafe shows it (each on one line)."""

    def one(text: str) -> str:
        return display(text, lines=False)

    def block(item: Block) -> Block:
        if isinstance(item, (Heading, Para)):
            return replace(item, text=one(item.text))
        if isinstance(item, Bullets):
            return Bullets(tuple(one(i) for i in item.items))
        if isinstance(item, Table):
            return Table(
                tuple(one(h) for h in item.header),
                tuple(tuple(one(c) for c in row) for row in item.rows),
            )
        return replace(item, caption=one(item.caption))

    return Document(one(document.title), [block(b) for b in document.blocks])


_MD_INLINE = set("\\`*_[]<>|~")
_MD_LEADING = set("#+-=>!")


def md_text(text: str) -> str:
    """Data as literal Markdown text on one line: characters that would format, link or
    open HTML are escaped, as is anything that would start a heading or a list."""
    flat = " ".join(text.split())
    out = "".join(f"\\{c}" if c in _MD_INLINE else c for c in flat)
    if out[:1] in _MD_LEADING:
        out = "\\" + out
    number = len(out) - len(out.lstrip("0123456789"))
    if (
        number
        and out[number : number + 1] in (".", ")")
        and out[number + 1 : number + 2] in ("", " ")
    ):
        out = out[:number] + "\\" + out[number:]
    return out


def render_markdown(document: Document, picture_files: dict[str, str]) -> str:
    """Markdown; pictures are referenced by the file names in `picture_files`."""
    document = shown(document)
    lines = [f"# {md_text(document.title)}", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {md_text(block.text)}", ""]
        elif isinstance(block, Para):
            text = md_text(block.text)
            lines += [f"*{text}*" if block.italic else text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {md_text(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(md_text(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in block.rows]
            lines.append("")
        else:
            target = picture_files.get(block.name, "")
            lines += [f"![{md_text(block.caption)}]({target})", "", md_text(block.caption), ""]
    return "\n".join(lines).rstrip() + "\n"


def render_html(document: Document) -> str:
    """One self-contained HTML page (the picture inlined as SVG)."""
    document = shown(document)
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(document.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:56em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #bbb;"
        "padding:0.25em 0.5em;text-align:left;vertical-align:top}th{background:#f0f0f0}"
        "figcaption{font-size:0.9em;color:#444}</style>",
        "</head><body>",
        f"<h1>{e(document.title)}</h1>",
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level + 1}>{e(block.text)}</h{block.level + 1}>")
        elif isinstance(block, Para):
            text = e(block.text)
            out.append(f"<p><em>{text}</em></p>" if block.italic else f"<p>{text}</p>")
        elif isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{e(h)}</th>" for h in block.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        else:
            # The SVG is built by report_picture, which escapes every text it draws.
            out.append(f"<figure>{block.svg}<figcaption>{e(block.caption)}</figcaption></figure>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


PAGE_CM = 16.0


HEAD_CHAR_CM = 0.28
"""About the width of one character of a table's header (10.5 pt, bold)."""
CHAR_CM = 0.23
"""About the width of one character of a table's cells (10.5 pt)."""
CELL_MARGIN_CM = 0.4
"""A table cell's left and right margins together (Word's and LibreOffice's default)."""


def _longest_word(texts: list[str]) -> int:
    return min(20, max((len(word) for text in texts for word in text.split()), default=0))


def _widths(table: Table) -> list[float]:
    """Column widths (cm): each wide enough for its longest word (up to 20 characters: a
    header such as "Authority" or a status such as "behind" is never split mid-word), the
    rest of the page in proportion to their longest text (within limits), so a KPI's name
    is not squeezed into the width of a date."""
    columns = [
        [header, *(row[i] for row in table.rows if i < len(row))]
        for i, header in enumerate(table.header)
    ]
    weights = [min(40, max(9, *(len(text) for text in texts))) for texts in columns]
    least = [
        max(_longest_word(texts[:1]) * HEAD_CHAR_CM, _longest_word(texts[1:]) * CHAR_CM)
        + CELL_MARGIN_CM
        for texts in columns
    ]
    if sum(least) >= PAGE_CM:  # too many columns for whole words: share the page
        return [PAGE_CM * w / sum(least) for w in least]
    widths = [PAGE_CM * w / sum(weights) for w in weights]
    short = {i for i, (width, need) in enumerate(zip(widths, least, strict=True)) if width < need}
    while short:  # the narrow ones get their words' width, the others share what is left
        left = PAGE_CM - sum(least[i] for i in short)
        rest = sum(w for i, w in enumerate(weights) if i not in short)
        widths = [least[i] if i in short else left * w / rest for i, w in enumerate(weights)]
        more = {
            i for i, (width, need) in enumerate(zip(widths, least, strict=True)) if width < need
        }
        if more <= short:
            break
        short |= more
    return widths


def render_docx(document: Document) -> bytes:
    # start-up: docx loads only when this runs
    from docx import Document as Word
    from docx.shared import Cm, Pt

    document = shown(document)
    word = Word()
    word.styles["Normal"].font.size = Pt(10.5)
    word.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            word.add_paragraph().add_run(block.text).italic = block.italic
        elif isinstance(block, Bullets):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
            table.style = "Table Grid"
            for column, text in enumerate(block.header):
                cell = table.cell(0, column)
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for r, row in enumerate(block.rows, start=1):
                for column, text in enumerate(row):
                    table.cell(r, column).text = text
            table.autofit = False
            for column, width in enumerate(_widths(block)):
                table.columns[column].width = Cm(width)  # the grid, read by LibreOffice
                for cell in table.columns[column].cells:
                    cell.width = Cm(width)  # each cell, read by Word
            word.add_paragraph()
        else:
            word.add_picture(io.BytesIO(block.png), width=Cm(12))
            word.add_paragraph().add_run(block.caption).italic = True
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


__all__ = [
    "Block",
    "Bullets",
    "Document",
    "Heading",
    "Para",
    "Picture",
    "Table",
    "md_text",
    "render_docx",
    "render_html",
    "render_markdown",
    "shown",
]
