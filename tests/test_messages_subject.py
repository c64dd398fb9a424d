"""A commit subject fits its 72 characters by cutting the values and the row's name at
words, never the field's label, and never down to a value's first word when there is room."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pcsm_tui.store.changes import Change
from pcsm_tui.store.messages import SUBJECT_LIMIT, Scope, compose

LONG = "“Q2 business review with the whole executive team and the board”"


def subject(scope: Scope, change: Change) -> str:
    return compose(scope, [change]).split("\n", 1)[0]


def test_a_long_new_value_keeps_its_words() -> None:
    path = ("goals", "reduce-churn", "title")
    change = Change("set", path, "goals[Reduce churn].title", "Old", LONG)
    said = subject(Scope("acme-corporation-emea", "success-plan"), change)
    assert said.endswith(": title: Old → “Q2 business…"), said
    said = subject(Scope("acme", "risks"), change)
    assert said == "acme: risks: Reduce churn: title: Old → “Q2 business review with the…"


def test_a_top_level_field_is_never_cut_for_its_value() -> None:
    change = Change("set", ("objective",), "objective", "", LONG)
    said = subject(Scope("acme-corporation-emea", "success-plan"), change)
    assert said == "acme-corporation-emea: success-plan: Objective: “Q2 business review…"
    change = Change("set", ("objective",), "objective", "a fairly long old value that goes", "")
    said = subject(Scope("acme-corporation-emea", "success-plan"), change)
    assert said == "acme-corporation-emea: success-plan: Objective: a fairly long… cleared"


def test_a_short_old_value_stays_whole() -> None:
    label = "rows[Quarterly business review with the executive sponsor].status"
    change = Change("set", ("rows", "qbr", "status"), label, "Green", "Amber and then more words")
    said = subject(Scope("acme-corporation-emea", "success-plan"), change)
    assert ": status: Green → Amber" in said, said


words = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=14)
texts = st.lists(words, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    slug=st.from_regex(r"[a-z][a-z0-9-]{0,40}", fullmatch=True),
    row=texts,
    old=st.one_of(st.just(""), texts),
    new=st.one_of(st.just(""), texts),
)
def test_every_subject_fits_and_keeps_what_fits(slug: str, row: str, old: str, new: str) -> None:
    change = Change("set", ("rows", "r1", "note"), f"rows[{row}].note", old, new)
    said = subject(Scope(slug, "risks"), change)
    assert len(said) <= SUBJECT_LIMIT
    assert said.startswith(f"{slug}: risks: ")
    full = subject(Scope(slug, "risks"), change)
    if not new or not old or new.startswith(row):  # a value cleared or set, a rename
        return
    whole = f"{slug}: risks: {row}: note: {old} → {new}"
    if len(whole) <= SUBJECT_LIMIT:  # nothing to cut: nothing cut
        assert full == whole


def test_words_added_to_a_long_value_are_what_the_subject_shows() -> None:
    old = "Click-and-collect order orchestration across 140 UK and Ireland stores"
    change = Change("set", ("initiative",), "initiative", old, f"{old} (pilot)")
    said = subject(Scope("contoso-retail", "engagement"), change)
    assert said == "contoso-retail: engagement: Initiative: …stores → …stores (pilot)"


def test_a_word_changed_inside_a_long_value_is_what_the_subject_shows() -> None:
    old = "Reduce churn by 10% in Q2 for all of the EMEA and APAC enterprise accounts"
    change = Change("set", ("objective",), "objective", old, old.replace("10%", "15%"))
    said = subject(Scope("contoso-retail", "success-plan"), change)
    assert said == "contoso-retail: success-plan: Objective: …by 10% in… → …by 15% in…"


capitals = st.text(st.sampled_from("ABCDEFGHJK"), min_size=4, max_size=12)
long_texts = st.lists(capitals, min_size=8, max_size=12).map(" ".join)
small = st.text(st.sampled_from("abcdefghjk0123"), min_size=1, max_size=12)
small_texts = st.lists(small, min_size=1, max_size=6).map(" ".join)
"""Words that never read as the long shared start's (capitals): a shown value made only of
the start's words shows nothing of the change."""


@settings(max_examples=300, deadline=None)
@given(head=long_texts, tail=small_texts, old=small_texts, new=small_texts)
def test_a_subject_shows_more_than_the_start_two_values_share(
    head: str, tail: str, old: str, new: str
) -> None:
    """However many words two values share at their start, the subject shows past them."""
    before, after = f"{head} {old} {tail}", f"{head} {new} {tail}"
    if before == after:
        return
    change = Change("set", ("summary",), "summary", before, after)
    said = subject(Scope("acme", "engagement"), change)
    shown = said.removeprefix("acme: engagement: Summary: ").split(" → ")
    assert len(shown) == 2, said
    assert not all(value.strip("…") in head for value in shown), said  # not just the start
