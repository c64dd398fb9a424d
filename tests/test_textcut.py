"""The one helper that shortens text: at a word, with "…", never wider than asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.textcut import cells, shorten


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
