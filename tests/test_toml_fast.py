"""The fast TOML writer (store/toml_fast.py) makes exactly tomlkit's text, or declines.

A large import writes a new engagement's file as text instead of through tomlkit; a file
that reads differently afterwards (another layout, a lost escape) would show in every later
diff. So on any data of the shapes pcsm writes — text with quotes, backslashes, line breaks
and control characters, numbers, dates, arrays, inline tables, rows — the fast text is the
tomlkit path's text, character for character, whenever the fast writer gives one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pcsm_tui.store.toml_codec import dumps_new, loads, merge_into, render
from pcsm_tui.store.toml_fast import fast_append, fast_dumps

KEYS = st.text("abcdefghijklmnopqrstuvwxyz_-0123456789", min_size=1, max_size=8)
TEXT = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc")), max_size=30
) | st.sampled_from(['a"b', "a\\b", "line\nline", "end\\", '"""', "x\r\ny", 'q"', "\nlead"])
SCALAR = st.one_of(
    TEXT,
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)
VALUE = st.one_of(
    SCALAR,
    st.lists(SCALAR, max_size=6),
    st.dictionaries(KEYS, SCALAR, max_size=3),
)
ROW = st.dictionaries(KEYS, VALUE, min_size=1, max_size=6)
DOC = st.fixed_dictionaries(
    {"format_version": st.just(1)},
    optional={"name": TEXT, "tags": st.lists(TEXT, max_size=3), "rows": st.lists(ROW, max_size=4)},
)


@settings(max_examples=300, deadline=None)
@given(DOC, st.sampled_from([None, "Adoption Risks (tool 17)", "a\nb"]))
def test_a_new_file_is_tomlkits_text_or_declined(data: dict[str, Any], header: str | None) -> None:
    fast = fast_dumps(data, header)
    if fast is not None:
        assert fast == dumps_new(data, header)
        assert loads(fast) == data


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=5), TEXT)
def test_rows_into_a_new_engagements_empty_file_are_the_merge_text(
    rows: list[dict[str, Any]], name: str
) -> None:
    empty = dumps_new({"format_version": 1, "name": "", "risks": []}, "Adoption Risks (tool 17)")
    data = {"format_version": 1, "name": name, "risks": rows}
    assert render(data, empty) == merge_into(empty, data)


def test_a_file_a_person_edited_is_merged_not_rewritten() -> None:
    edited = "# Adoption Risks (tool 17)\nformat_version = 1  # keep me\nrisks = []\n"
    data = {"format_version": 1, "risks": [{"id": "a", "name": "A"}]}
    assert "# keep me" in render(data, edited)


def _with_ids(rows: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    return [
        {"id": f"{prefix}{i}", **{k: v for k, v in r.items() if k != "id"}}
        for i, r in enumerate(rows)
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(ROW, min_size=1, max_size=4),
    st.lists(ROW, min_size=1, max_size=4),
    TEXT,
    st.sampled_from([None, "Adoption Risks (tool 17)"]),
)
def test_rows_added_to_a_file_with_rows_are_the_merge_text(
    old_rows: list[dict[str, Any]],
    new_rows: list[dict[str, Any]],
    name: str,
    header: str | None,
) -> None:
    """An import that adds rows to pcsm's own text of a file that has rows: the fast text
    is tomlkit's merge, character for character, whenever fast_append gives one."""
    kept = _with_ids(old_rows, "old-")
    old: dict[str, Any] = {"format_version": 1, "name": name, "risks": kept}
    existing = fast_dumps(old, header)
    if existing is None:
        return
    data = {**old, "risks": [*kept, *_with_ids(new_rows, "new-")]}
    fast = fast_append(existing, loads(existing), data)
    if fast is not None:
        assert fast == merge_into(existing, data)
        assert loads(fast) == data


def test_rows_appended_take_the_fast_path_only_when_nothing_else_changes() -> None:
    header = "Adoption Risks (tool 17)"
    first: dict[str, Any] = {"id": "a", "name": "A", "likelihood": 3}
    old: dict[str, Any] = {"format_version": 1, "risks": [first]}
    existing = dumps_new(old, header)
    many: list[dict[str, Any]] = [
        {"id": f"r{i}", "name": f"Risk {i}", "likelihood": i % 5} for i in range(150)
    ]
    data = {**old, "risks": [first, *many]}
    fast = fast_append(existing, old, data)
    assert fast is not None and fast == merge_into(existing, data)
    assert render(data, existing) == fast
    # A kept row changed, a person's comment, an id used twice: tomlkit's merge.
    changed = {**data, "risks": [{**first, "name": "B"}, *many]}
    assert fast_append(existing, old, changed) is None
    edited = existing.replace("likelihood = 3", "likelihood = 3  # keep me")
    assert fast_append(edited, old, data) is None
    assert "# keep me" in render(data, edited)
    twice = {**data, "risks": [first, *many, {"id": "a", "name": "again"}]}
    assert fast_append(existing, old, twice) is None
