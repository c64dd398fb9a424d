"""The success proposal as a readable letter, for the app's preview: a list of blocks.

The letter was a Markdown text rendered by Rich's Markdown, which cost the proposal's first
show some 100 ms (importing markdown-it, parsing, rendering) and read the data's own text as
Markdown (a `**` or a `[x](y)` in a field changed how it looked). Its structure is pcsm's
own and small, so it is kept as blocks (a title, headings, hard-broken lines, paragraphs,
bullet lists); the preview draws them, and every text from data stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..framework.definition import Framework
from ..models.commitment import Contact, Proposal, Signature

BlockKind = Literal["title", "heading", "lines", "text", "emphasis", "strong", "bullets"]
"""How a block is drawn: `lines` each on its own line (the letter's header), `text`,
`emphasis` and `strong` as one paragraph (its lines joined by spaces, as Markdown joins a
paragraph's lines), `bullets` one item per line."""

BULLETS = ("- ", "* ", "• ")
"""The starts of a bullet line in free text (as the exported letter reads them)."""


@dataclass(frozen=True)
class Block:
    """One block of the letter; its lines are text, never markup."""

    kind: BlockKind
    lines: tuple[str, ...]


def free_text(text: str) -> list[Block]:
    """Free text (the preamble, an aspect's specifics) as paragraphs and bullet lists.

    A blank line ends a paragraph or a list; a line starting with one of `BULLETS` is an
    item; a plain line after an item continues it, as in Markdown."""
    blocks: list[Block] = []
    kind: BlockKind | None = None
    lines: list[str] = []

    def end() -> None:
        if kind is not None and lines:
            blocks.append(Block(kind, tuple(lines)))
        lines.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            end()
            kind = None
        elif line[:2] in BULLETS:
            if kind != "bullets":
                end()
                kind = "bullets"
            lines.append(line[2:].strip())
        elif kind == "bullets":
            lines[-1] = f"{lines[-1]} {line}"
        else:
            kind = "text"
            lines.append(line)
    end()
    return blocks


def _contact(title: str, contact: Contact) -> list[Block]:
    items = (
        ("Name", contact.name),
        ("Email", contact.email),
        ("Mobile", contact.mobile),
        ("Work phone", contact.work_phone),
    )
    return [
        Block("strong", (title,)),
        Block("bullets", tuple(f"{label}: {value or '…'}" for label, value in items)),
    ]


def _description(text: str) -> list[Block]:
    lines = tuple(line.strip() for line in text.splitlines() if line.strip())
    return [Block("emphasis", lines)] if lines else []


def _signature(title: str, signature: Signature) -> str:
    mark = "signed" if signature.signed else "not signed yet"
    when = f" on {signature.date.isoformat()}" if signature.date else ""
    return f"{title}: {signature.name or '________________'} — {mark}{when}"


def proposal_blocks(proposal: Proposal, framework: Framework, customer: str) -> list[Block]:
    """Header, preamble, the four aspects with their agreed specifics, contacts, signatures."""
    date = proposal.date.isoformat() if proposal.date else "(no date yet)"
    blocks = [
        Block("title", (f"Customer Success Proposal — {customer or 'customer'}",)),
        Block(
            "lines",
            (
                f"To: {proposal.addressee or '(the senior project lead)'}",
                f"Date: {date}",
                f"State: {proposal.state}",
            ),
        ),
        *free_text(proposal.preamble or framework.proposal_preamble),
    ]
    specifics = {aspect.id: aspect.specifics for aspect in proposal.aspects}
    for aspect in framework.proposal_aspects:
        blocks += [
            Block("heading", (aspect.name,)),
            *_description(aspect.description),
            *(free_text(specifics.get(aspect.id, "")) or [Block("text", ("(to be agreed)",))]),
        ]
    blocks += [
        Block("heading", ("Contacts",)),
        *_contact("Customer Success Manager", proposal.csm_contact),
        *_contact("Senior project lead", proposal.spl_contact),
        Block("heading", ("Signatures",)),
        Block(
            "bullets",
            (
                _signature("Customer Success Manager", proposal.csm_signature),
                _signature("Senior project lead", proposal.spl_signature),
            ),
        ),
    ]
    return blocks


def plain(blocks: Sequence[Block]) -> str:
    """The letter as plain text: its blocks' lines, a blank line between blocks."""
    return "\n\n".join("\n".join(block.lines) for block in blocks) + "\n"
