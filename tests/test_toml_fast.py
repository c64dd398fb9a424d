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
from pcsm_tui.store.toml_fast import fast_dumps

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
