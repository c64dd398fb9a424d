"""The one helper that shortens text: at a word, with "…", never wider than asked."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.textcut import (
    DANGLING,
    ELLIPSIS,
    cells,
    shorten,
    shorten_all,
    shorten_items,
    shorten_message,
    shorten_name,
)
from pcsm_tui.textsafe import display


def test_cut_at_a_word_with_an_ellipsis() -> None:
    assert shorten("Stakeholder Management Plan", 20) == "Stakeholder…"
    assert shorten("Adoption Requirements", 18) == "Adoption…"
    assert shorten("Short", 10) == "Short"
    assert shorten("Supercalifragilistic", 8) == "Superca…"  # one long word: cut inside


@given(st.text(max_size=60), st.integers(min_value=1, max_value=40))
def test_never_wider_than_asked_and_marked_when_cut(text: str, width: int) -> None:
    out = shorten(text, width)
    assert cells(out) <= width
    if out != text:
        assert out.endswith("…")
        assert text.startswith(out[:-1])


def test_a_cut_between_words_keeps_the_word_before_it() -> None:
    # the room ends on the space after "Management": both words are kept
    assert shorten("Stakeholder Management Plan", 25) == "Stakeholder Management…"
    assert shorten("Stakeholder Management Plan", 24) == "Stakeholder Management…"


@given(
    st.lists(st.text(alphabet="ab,-\u4e2d", min_size=1, max_size=5), max_size=8).map(" ".join),
    st.integers(min_value=1, max_value=30),
    st.booleans(),
)
def test_more_room_never_shows_less(text: str, width: int, whole_words: bool) -> None:
    """One cell wider shows the same text or more of it, never fewer words."""
    narrow = shorten(text, width, whole_words).removesuffix(ELLIPSIS).rstrip(DANGLING)
    wider = shorten(text, width + 1, whole_words).removesuffix(ELLIPSIS)
    assert wider.startswith(narrow)


def test_siblings_cut_alike_are_told_apart_by_their_end() -> None:
    names = ["Stakeholder Management Plan", "Stakeholder Management Tracker", "Risks"]
    assert shorten_all(names, 22) == ["Stakeholder… Plan", "Stakeholder… Tracker", "Risks"]


def test_a_text_that_fits_is_never_changed() -> None:
    assert shorten_all(["Risks", "Risks and issues log"], 5) == ["Risks", "Risk…"]


@given(
    st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=8, unique=True),
    st.integers(min_value=3, max_value=40),
)
def test_distinct_texts_stay_distinct_within_the_width(texts: list[str], width: int) -> None:
    out = shorten_all(texts, width)
    assert all(cells(shown) <= width for shown in out)
    for text, shown in zip(texts, out, strict=True):
        if cells(text) <= width:
            assert shown == text  # fits: shown whole
        else:
            assert ELLIPSIS in shown  # cut: marked
        if ELLIPSIS in shown and ELLIPSIS not in text:
            assert cells(text) > width  # "…" only where something was left out
    assert len(set(out)) == len(out) or width < 4


# --- combining marks and zero-width characters (H47) ------------------------------------------

MARKED = st.text(
    alphabet=st.sampled_from("ab cé\u0301\u0308\u20dd\u200b\u200d\u4e2d\uff21-"), max_size=40
)


def test_a_name_typed_with_combining_accents_is_measured_as_it_is_drawn() -> None:
    """ "Société" as macOS often writes it (e + U+0301) takes 7 cells, not 10: counted as
    10, a name that fits its column was cut ("Société…" for "Société Générale de…")."""
    import unicodedata

    composed = "Société Générale de Réunion"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed and cells(decomposed) == cells(composed) == 27
    assert shorten(decomposed, 27) == decomposed
    assert unicodedata.normalize("NFC", shorten(decomposed, 21)) == shorten(composed, 21)
    assert cells("x\u200by\u200dz") == 3


@given(st.text(alphabet=st.sampled_from("ab cé\u0301\u0308\u20dd\u200b\u4e2d\uff21-"), max_size=40))
def test_cells_agree_with_the_measure_the_screen_uses(text: str) -> None:
    """(A joiner is left out: Rich joins it with the next character whatever it is.)"""
    from rich.cells import cell_len

    assert cells(text) == cell_len(text)


@given(MARKED, st.integers(min_value=1, max_value=30))
def test_a_cut_never_parts_a_letter_from_its_accent(text: str, width: int) -> None:
    import unicodedata

    out = shorten(text, width)
    assert cells(out) <= width
    if out != text and out[:-1]:  # something kept: the next character is no mark of it
        assert text.startswith(out[:-1])
        rest = text[len(out) - 1 :]
        assert not rest or unicodedata.category(rest[0]) not in ("Mn", "Me"), (out, rest)


ESCAPE = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[tn])")


def test_a_cut_never_falls_inside_an_escaped_control_character() -> None:
    shown = display("Acme\x1b[31mRed corp")
    assert shorten(shown, 8) == "Acme…"  # not "Acme\x1…", another escape to a reader
    assert shorten(shown, 9) == "Acme\\x1b…"
    told_apart = shorten_all([shown, display("Acme\x1b[32mRed corp")], 8)
    assert told_apart == ["Acme…1", "Acme…2"], told_apart  # the numbers, no "\x1…"


@given(
    st.text(alphabet=st.sampled_from("ab c\x1b\x07\t\n\u202e\u2066\x9b[-"), max_size=30),
    st.integers(min_value=1, max_value=30),
)
def test_escapes_are_shown_whole_or_not_at_all(text: str, width: int) -> None:
    shown = display(text, lines=False)
    for out in (shorten(shown, width), *shorten_all([shown, shown + "x"], width)):
        head = out.removesuffix(ELLIPSIS)
        cut = len(head) if shown.startswith(head) else 0
        for match in ESCAPE.finditer(shown):
            assert match.end() <= cut or match.start() >= cut, (shown, out)


@given(
    items=st.lists(st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=20)),
    width=st.integers(min_value=1, max_value=80),
)
def test_a_list_of_keys_is_cut_at_a_whole_key(items: list[str], width: int) -> None:
    text = " · ".join(items)
    said = shorten_items(text, width)
    assert cells(said) <= width
    if cells(text) <= width:
        assert said == text
    elif said.endswith(" · …"):  # whole items, then a sign that there is more
        assert text.startswith(said.removesuffix(" · …") + " · ")
    else:  # not even one item fits: the text cut at a word
        assert said == shorten(text, width)


def test_a_status_line_of_keys_ends_at_a_key_not_a_separator() -> None:
    hint = "enter/v view as of · D as of a date · R restore · u undo your last change · esc back"
    assert shorten_items(hint, 78) == (
        "enter/v view as of · D as of a date · R restore · u undo your last change · …"
    )


@given(
    words=st.lists(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)),
    path=st.lists(st.from_regex(r"[a-z0-9._-]{1,20}", fullmatch=True), min_size=1, max_size=8),
    width=st.integers(min_value=1, max_value=100),
)
def test_a_message_keeps_a_long_paths_file_name(
    words: list[str], path: list[str], width: int
) -> None:
    where = "/" + "/".join(path)
    text = " ".join(["wrote", where, *words])
    said = shorten_message(text, width)
    assert cells(said) <= width
    if cells(text) <= width:
        assert said == text
        return
    shown = said.split(" ")
    if len(shown) > 1 and ELLIPSIS in shown[1] and not shown[1].endswith(ELLIPSIS):
        head, _, tail = shown[1].partition(ELLIPSIS)  # cut in the path's middle: both ends
        assert where.startswith(head) and where.endswith(tail)
        assert len(tail) >= min(len(path[-1]) + 1, 8)  # the file's name, or 8 of its end


def test_a_status_message_with_a_path_keeps_the_file_name() -> None:
    text = "wrote the workbook /home/maria/clients/2026/exports/northwind-emea-2026-11-22.xlsx"
    assert (
        shorten_message(text, 60) == "wrote the workbook /home/mar…/northwind-emea-2026-11-22.xlsx"
    )


def test_a_cut_never_ends_on_a_separator() -> None:
    """The engagement header at 80 columns read "… · phase 2 Commitment ·…": the item the
    "·" announced was not shown, so the separator goes with it."""
    title = "Contoso Retail Group — contoso-retail · phase 2 Commitment · git 3 ahead"
    assert shorten(title, 61) == "Contoso Retail Group — contoso-retail · phase 2 Commitment…"
    assert shorten("Adoption • Value | Health", 11) == "Adoption…"


def test_a_name_too_long_keeps_its_first_name_and_initials() -> None:
    """Cut at a word, "Dev Patel" and "Dev Shah" both read "Dev…" in the history list."""
    assert shorten_name("Dev Patel", 8) == "Dev P."
    assert shorten_name("Dev Shah", 7) == "Dev S."
    assert shorten_name("Maria Lopez Garcia", 11) == "Maria L. G."
    assert shorten_name("Maria Lopez Garcia", 10) == "Maria L."  # the initials that fit
    assert shorten_name("Dev Patel", 9) == "Dev Patel"  # fits: whole
    assert shorten_name("Bartholomew Jones", 6) == "Barth…"  # no room for an initial


@given(st.text(max_size=40), st.integers(min_value=0, max_value=30))
def test_a_shortened_name_is_never_wider_than_asked(name: str, width: int) -> None:
    assert cells(shorten_name(name, width)) <= width
