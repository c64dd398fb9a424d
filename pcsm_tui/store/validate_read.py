"""Parsing TOML for `pcsm validate` with the compiled build of tomllib's own parser.

tomllib is tomli copied into the standard library as pure Python; tomli's wheels are the
same parser compiled (mypyc), about three times as fast, and parsing is most of a cold
validate (26,000 files at 1,000 engagements). tomli is a dependency already
(toml_codec.read_back). But the app reads every file with tomllib (safeio.parse), and a
newer tomli reads TOML 1.1, which tomllib refuses: a validation that accepted a file the
app cannot open would hide a finding. So tomli's answer is taken only for text in which no
TOML 1.1 addition can appear:

- inline tables (`{`), which 1.1 lets span lines, hold comments and end with a comma;
- the `\\e` and `\\xHH` escapes;
- a time without seconds (`07:32`, where 1.0 requires `07:32:00`).

Text with any of these (pcsm writes none; a match inside a comment or a string is only a
slower read), text tomli refuses, and a byte-order mark all go to `toml_read.loads`
(tomllib through safeio), whose answer and messages (line, column) are the app's. The data
is the same either way (tests/test_validate_read.py compares them on generated text).
"""

from __future__ import annotations

import re
from typing import Any

import tomli

from ..safeio import MAX_DEPTH, too_deep
from .toml_read import loads

TOML_11 = re.compile(r"\{|\\[ex]|(?<![0-9:])[0-9]{2}:[0-9]{2}(?!:)")
"""Where text may use what TOML 1.1 added to 1.0 (see the module docstring)."""


def fast_loads(text: str) -> dict[str, Any]:
    """`toml_read.loads(text)`: the same data, the same errors, mostly faster."""
    if text.startswith("\ufeff") or TOML_11.search(text):
        return loads(text)
    try:
        data = tomli.loads(text)
    except (ValueError, RecursionError):  # tomllib says what is wrong, and where
        return loads(text)
    # safeio.parse's depth check: every level of nesting takes a `[`, `{` or `.`
    if text.count("[") + text.count(".") >= MAX_DEPTH and too_deep(data) is not None:
        return loads(text)  # too deep: safeio says where
    return data
