"""The one helper that shortens text: at a word, with "…", never wider than asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.textcut import ELLIPSIS, cells, shorten, shorten_all


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
