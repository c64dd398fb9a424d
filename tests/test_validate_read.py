"""`pcsm validate` parses with compiled tomli (store/validate_read) and must still say
exactly what the app's reader (tomllib through safeio) says: the same data, and for text
the app cannot open, the same error at the same line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from pcsm_tui.safeio import Unreadable
from pcsm_tui.store.toml_read import loads
from pcsm_tui.store.validate import validate_repository
from pcsm_tui.store.validate_read import fast_loads

TOML_11_ONLY = [
    "x = { a = 1, }\n",  # a trailing comma in an inline table
    "x = { a = 1,\n  b = 2 }\n",  # an inline table over two lines
    "x = { a = 1 # note\n}\n",  # a comment in one
    'x = "\\e[31m"\n',  # the escape escape
    'x = "\\x41"\n',  # a two-digit hex escape
    "x = 07:32\n",  # a time without seconds
    "x = 1979-05-27T07:32Z\n",
    "x = 1979-05-27 07:32\n",
]
"""Text TOML 1.1 reads (and so tomli 2.3 and later) that tomllib (TOML 1.0) refuses."""


def _outcome(read: Callable[[str], dict[str, Any]], text: str) -> tuple[str, object]:
    try:
        return "data", repr(read(text))  # repr: a nan is not equal to itself
    except Unreadable as error:
        return type(error).__name__, (str(error), error.line, error.column)


@pytest.mark.parametrize("text", TOML_11_ONLY)
def test_what_only_toml_1_1_reads_is_refused_as_the_app_refuses_it(text: str) -> None:
    assert _outcome(loads, text)[0] == "TomlSyntaxError"
    assert _outcome(fast_loads, text) == _outcome(loads, text)


def test_a_file_the_app_cannot_open_is_a_finding(demo_copy: Path) -> None:
    rel = "engagements/northwind-emea/risks.toml"
    path = demo_copy / rel
    path.write_text("format_version = 1\nextra = { a = 1, }\n", encoding="utf-8")
    found = [str(f) for f in validate_repository(demo_copy, cache=False)]
    assert any(f.startswith(f"{rel}:2:") and "invalid TOML" in f for f in found), found


def test_deep_and_marked_text_reads_as_the_app_reads_it() -> None:
    for text in (
        "\ufeffx = 1\n",
        "x = " + "[" * 40 + "]" * 40 + "\n",
        "x = " + "[" * 500 + "]" * 500 + "\n",
        "a" + ".b" * 40 + " = 1\n",
        "a" + ".b" * 1200 + " = 1\n",
        "[" + ".".join(["t"] * 40) + "]\nx = 1\n",
    ):
        assert _outcome(fast_loads, text) == _outcome(loads, text), text[:40]


PIECES = st.sampled_from(
    [
        "a",
        "b.c",
        '"q"',
        " = ",
        "=",
        "1",
        "-2.5",
        "true",
        '"s"',
        '"\\e"',
        '"\\x41"',
        '"\\u00e9"',
        "'lit'",
        '"""m\nl"""',
        "1979-05-27",
        "07:32",
        "07:32:00",
        "1979-05-27T07:32:00Z",
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        ",",
        "\n",
        " ",
        "# c",
        "\r\n",
        "inf",
        "nan",
        "0x1F",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_any_text_reads_as_the_app_reads_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _outcome(fast_loads, text) == _outcome(loads, text)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True),
        st.one_of(
            st.integers(), st.text(max_size=20), st.booleans(), st.lists(st.integers(), max_size=3)
        ),
        max_size=6,
    )
)
def test_written_files_read_the_same(table: dict[str, object]) -> None:
    text = tomlkit.dumps({"t": [table, table]})
    assert _outcome(fast_loads, text) == _outcome(loads, text)
