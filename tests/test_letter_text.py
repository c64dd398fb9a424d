"""The proposal's preview draws the letter from its blocks (no Markdown): every part of the
letter is shown, at any width, and every text from data is shown as text — markup, escapes,
long words, wide characters and empty fields included."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from pcsm_tui.analysis.proposal import Block, free_text, plain, proposal_blocks
from pcsm_tui.framework import default_framework
from pcsm_tui.models.commitment import Contact, Proposal, ProposalAspect, Signature
from pcsm_tui.textsafe import display
from pcsm_tui.ui.editors.letter_text import letter_lines
from pcsm_tui.ui.editors.preview import Letter, Preview

from .apphelp import WIDE, make_app, open_tool, settle
from .conftest import scaled

FRAMEWORK = default_framework()

HOSTILE = [
    "",
    "[bold]not bold[/bold] [red]x[/] [@click=app.quit]quit[/]",
    "**strong** _em_ `code` [link](https://example.com) <b>html</b> # not a heading",
    "\\[escaped\\] back\\slash \\n literal",
    "\x1b[31mred\x1b[0m bell\x07 nul-free C1\x85 bidi\u202eevil\u202c",
    "x" * 150,
    "東京都の顧客満足度向上プロジェクト担当者",
    "emoji 👩‍💻🚀 flags 🇳🇱 and ｆｕｌｌｗｉｄｔｈ",
    "- a bullet\n* another\n• third\n  continued\n\nnew paragraph\r\nsame paragraph",
    "   ",
]


def _squash(text: str) -> str:
    """Text without its whitespace: what wrapping may move or drop."""
    return "".join(ch for ch in text if not ch.isspace())


def _drawn(blocks: list[Block], width: int) -> str:
    return "\n".join(line.plain for line in letter_lines(blocks, width))


def _proposal(texts: list[str], date: dt.date | None) -> Proposal:
    one = texts[0]
    return Proposal(
        state="sent",
        date=date,
        addressee=texts[1],
        preamble=texts[2],
        aspects=[
            ProposalAspect(id=aspect.id, specifics=texts[(3 + i) % len(texts)])
            for i, aspect in enumerate(FRAMEWORK.proposal_aspects)
        ],
        csm_contact=Contact(name=one, email=texts[3], mobile=texts[4], work_phone=""),
        spl_contact=Contact(name=texts[5], email="", mobile=one, work_phone=texts[6]),
        csm_signature=Signature(name=texts[7], signed=True, date=date),
        spl_signature=Signature(name="", signed=False),
    )


def _expected_parts(proposal: Proposal, customer: str) -> list[str]:
    """Each text from data as it must appear (escaped, as one line or line by line)."""
    parts = [customer, proposal.addressee, proposal.csm_signature.name]
    for contact in (proposal.csm_contact, proposal.spl_contact):
        parts += [contact.name, contact.email, contact.mobile, contact.work_phone]
    for text in (proposal.preamble, *(a.specifics for a in proposal.aspects)):
        for line in text.replace("\r\n", "\n").split("\n"):
            stripped = line.strip()
            parts.append(stripped[2:] if stripped[:2] in ("- ", "* ", "• ") else stripped)
    return [display(part, lines=False) for part in parts]


TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))


@settings(max_examples=scaled(150), suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(TEXT, min_size=8, max_size=8),
    customer=TEXT,
    width=st.integers(min_value=6, max_value=120),
    date=st.one_of(st.none(), st.dates()),
)
def test_every_part_of_the_letter_is_shown_as_text(
    texts: list[str], customer: str, width: int, date: dt.date | None
) -> None:
    proposal = _proposal(texts, date)
    blocks = proposal_blocks(proposal, FRAMEWORK, customer)
    lines = letter_lines(blocks, width)
    assert all(line.cell_length <= width for line in lines), [line.plain for line in lines]
    drawn = _squash("".join(line.plain for line in lines))
    for part in _expected_parts(proposal, customer):
        assert _squash(part) in drawn, (part, drawn)
    for aspect in FRAMEWORK.proposal_aspects:
        assert _squash(aspect.name) in drawn and _squash(aspect.description) in drawn
    for fixed in ("Contacts", "Signatures", "State:sent", "Date:"):
        assert fixed in drawn
    # no control or bidi character reaches the terminal
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in drawn)
    assert not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in drawn)
    # data never styles itself: only the letter's own kinds carry styles
    styled = {str(span.style) for line in lines for span in line.spans}
    assert styled <= {"bold underline", "ansi_magenta underline", "italic", "bold"}, styled


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("[bold]x[/bold]", 40, [" • [bold]x[/bold]"]),
        ("**strong** and [l](u)", 40, [" • **strong** and [l](u)"]),
        ("\x1b[31mred", 40, [" • \\x1b[31mred"]),
        ("x" * 20, 12, [" • xxxxxxxxx", "   xxxxxxxxx", "   xx"]),
        ("東京都の顧客満足度", 11, [" • 東京都の", "   顧客満足", "   度"]),
        ("a b c d e f g h", 8, [" • a b c", "   d e f", "   g h"]),
        ("", 40, []),
    ],
)
def test_a_bullet_is_drawn_as_its_text(text: str, width: int, expected: list[str]) -> None:
    lines = letter_lines([Block("bullets", (text,))] if text else [], width)
    assert [line.plain.rstrip() for line in lines] == expected


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("", []),
        ("  \n\n ", []),
        ("one\ntwo", [Block("text", ("one", "two"))]),
        ("one\n\ntwo", [Block("text", ("one",)), Block("text", ("two",))]),
        ("- a\n* b\n• c", [Block("bullets", ("a", "b", "c"))]),
        ("- a\n  more\n- b", [Block("bullets", ("a more", "b"))]),
        ("lead\n- a", [Block("text", ("lead",)), Block("bullets", ("a",))]),
        ("- a\n\nafter", [Block("bullets", ("a",)), Block("text", ("after",))]),
        ("-not a bullet", [Block("text", ("-not a bullet",))]),
        ("one\r\ntwo", [Block("text", ("one", "two"))]),
    ],
)
def test_free_text_reads_paragraphs_and_bullets(text: str, blocks: list[Block]) -> None:
    assert free_text(text) == blocks


def test_empty_fields_show_their_placeholders() -> None:
    proposal = Proposal(aspects=[])
    blocks = proposal_blocks(proposal, FRAMEWORK, "")
    text = plain(blocks)
    assert "Customer Success Proposal — customer" in text
    assert "To: (the senior project lead)" in text and "Date: (no date yet)" in text
    assert text.count("(to be agreed)") == len(FRAMEWORK.proposal_aspects)
    assert "Name: …" in text and "________________ — not signed yet" in text
    assert FRAMEWORK.proposal_preamble.split()[0] in text  # the framework's standard text


def test_the_title_is_centred_in_the_width() -> None:
    lines = letter_lines([Block("title", ("Title",))], 15)
    assert [line.plain for line in lines] == ["     Title"]
    assert letter_lines([Block("title", ("x" * 30,))], 10)[0].cell_length == 10


def test_tiny_widths_do_not_fail() -> None:
    blocks = proposal_blocks(Proposal(addressee="東京"), FRAMEWORK, "顧客")
    for width in (0, 1, 2, 3):
        assert letter_lines(blocks, width)


async def test_the_preview_draws_the_letters_lines_from_data(demo_copy: Path) -> None:
    """In the app: the preview of a proposal whose fields hold markup, escapes and wide
    characters draws exactly the letter's lines (bullets with their ` • ` and hanging
    indent), text shown as text."""
    folder = demo_copy / "engagements" / "contoso-retail"
    proposal = folder / "proposal.toml"
    text = proposal.read_text(encoding="utf-8")
    hostile = 'addressee = "[bold]Hannah[/] \\u001b[31mCole'
    text = text.replace('addressee = "Hannah Cole', hostile, 1)
    text = text.replace("- Monthly review", "- **Monthly** 東京都の顧客 [link](x) review", 1)
    proposal.write_text(text, encoding="utf-8")
    subprocess.run(["git", "-C", str(demo_copy), "commit", "-qam", "markup"], check=True)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "proposal")
        await settle(pilot)
        letter = app.screen.query_one(Preview).query_one(Letter)
        width = letter.size.width
        drawn = [letter.render_line(y).text.rstrip() for y in range(letter.size.height)]
        expected = [line.plain.rstrip() for line in letter_lines(letter.blocks, width)]
        assert drawn == expected
        joined = "\n".join(drawn)
        assert "[bold]Hannah[/] \\x1b[31mCole" in joined
        assert " • **Monthly** 東京都の顧客" in joined.replace("\n   ", " ")
        assert all(cell_len(line) <= width for line in drawn)
