"""Text from data never acts on a terminal: the escaping rule, and every CLI command's bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.textsafe import display, json_text, terminal, unsafe

from .conftest import git, kept_as_is
from .hostile import CUSTOMER, FORBIDDEN, build_hostile, forbidden_in


def test_controls_and_bidi_are_shown_as_escapes() -> None:
    assert terminal("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert terminal("nul\x00 del\x7f csi\x9b") == "nul\\x00 del\\x7f csi\\x9b"
    assert terminal("\u202eabc\u2066") == "\\u202eabc\\u2066"
    assert terminal("two\nlines\tand tab") == "two\nlines\tand tab"
    assert display("two\nlines", lines=False) == "two\\nlines"
    assert display("Upgrade [phase 2] — café 日本") == "Upgrade [phase 2] — café 日本"


@given(st.text())
def test_nothing_forbidden_survives_and_safe_text_is_untouched(text: str) -> None:
    for shown in (terminal(text), display(text), display(text, lines=False)):
        assert not forbidden_in(shown)
        assert not unsafe(shown)
    if not unsafe(text):
        assert terminal(text) == text == display(text)


@given(st.text())
def test_json_text_is_the_same_data_without_raw_controls(text: str) -> None:
    dumped = json_text(json.dumps({"v": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"v": text}
    assert not forbidden_in(dumped)


@pytest.fixture(scope="module")
def _hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "central")


@pytest.fixture
def hostile_repo(_hostile_repo: Path) -> Iterator[Path]:
    """Built once for the module's tests, which only read it (a test that changes it fails)."""
    with kept_as_is(_hostile_repo):
        yield _hostile_repo


def pcsm(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pcsm_tui.cli", *args],
        cwd=root,
        capture_output=True,
        env={**os.environ, "COLUMNS": "120"},
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("log",),
        ("log", "--redact"),
        ("log", "--format", "json"),
        ("validate", "."),
        ("diff", "HEAD~4"),
        ("diff", "HEAD~4", "--format", "json"),
        (".",),  # the portfolio summary (output is not a terminal)
        ("get", "acme", "engagement"),
        ("get", "acme", "engagement", "customer"),
        ("get", "acme", "engagement", "--format", "json"),
    ],
    ids=lambda a: " ".join(a),
)
def test_cli_output_carries_no_control_or_bidi_bytes(hostile_repo: Path, args: tuple[str]) -> None:
    done = pcsm(hostile_repo, *args)
    out = (done.stdout + done.stderr).decode("utf-8")
    assert "Traceback" not in out
    assert done.stdout, done.stderr
    assert not forbidden_in(out), sorted(forbidden_in(out))
    if args[0] in ("log", "diff") and "--redact" not in args and "json" not in args:
        assert "\\x1b]0;pwned\\x07" in out  # shown, escaped, not dropped


def test_validate_shows_names_and_folder_names_escaped(hostile_repo: Path) -> None:
    done = pcsm(hostile_repo, "validate", ".")
    out = (done.stdout + done.stderr).decode("utf-8")
    assert "Kick-off \\x1b]0;pwned\\x07" in out  # the RACI warning names the activity
    assert "evil\\x1b]0;pwned\\x07\\u202e/engagement.toml" in out  # a finding's path
    assert not forbidden_in(out)


def test_json_output_keeps_the_exact_data(hostile_repo: Path) -> None:
    first = git(hostile_repo, "rev-list", "--max-parents=0", "HEAD").strip()
    done = pcsm(hostile_repo, "diff", first, "--format", "json")
    record = json.loads(done.stdout)
    texts = json.dumps(record, ensure_ascii=False)
    assert not forbidden_in(done.stdout.decode("utf-8"))
    assert any(c in texts for c in FORBIDDEN)  # the data itself is intact
    assert CUSTOMER.split()[0] in texts


@given(st.text())
def test_literal_markup_reads_back_as_exactly_the_shown_text(text: str) -> None:
    """Where Textual takes only markup (a palette entry's help), data still reads as data."""
    from textual.content import Content

    from pcsm_tui.ui.plain import literal_markup

    assert Content.from_markup(literal_markup(text)).plain == display(text)


@given(st.text(), st.integers(0, 20), st.integers(0, 20))
def test_escaping_rich_text_keeps_its_styles_on_the_same_characters(
    text: str, start: int, length: int
) -> None:
    from rich.text import Text

    from pcsm_tui.ui.plain import safe_text

    source = Text(text)  # Rich itself drops BEL, BS, VT, FF and CR
    plain = source.plain
    end = min(len(plain), start + length)
    if start < end:
        source.stylize("bold", start, end)
    shown = safe_text(source)
    assert shown.plain == display(plain)
    bold = "".join(shown.plain[s.start : s.end] for s in shown.spans)
    assert bold == display(plain[start:end]) if start < end else not shown.spans
