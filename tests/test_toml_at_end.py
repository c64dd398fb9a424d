"""A TOML file that ends too early (an unclosed `[`, string or table name, as a hand edit
left it) is reported where it ends: tomllib says "at end of document" without a line, and
the app and `pcsm validate` said line 1, column 1 (H47: a 27-line file, `oops = [` added at
the end, was reported at `barriers.toml:1:1`)."""

from __future__ import annotations

import pytest

from pcsm_tui.safeio import TomlSyntaxError, parse
from pcsm_tui.store.validate_read import fast_loads


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a = 1\nb = [\n", 3, 1),
        ("a = 1\nb = ", 2, 5),
        ('a = 1\nb = "x', 2, 7),
        ("a = 1\n[t", 2, 3),
        ("x", 1, 2),
    ],
)
def test_text_that_ends_too_early_is_reported_at_its_end(text: str, line: int, column: int) -> None:
    for read in (parse, fast_loads):
        with pytest.raises(TomlSyntaxError) as caught:
            read(text)
        assert (caught.value.line, caught.value.column) == (line, column), read
        assert "at end of document" in caught.value.message
