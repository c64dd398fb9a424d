"""Text from data, made safe to show: on pcsm's screens and on a terminal.

Every text that comes from a repository (names, titles, folder names, commit messages,
workbook cells) may hold characters a terminal acts on instead of showing: ESC starts
sequences that set the window title, write the clipboard (OSC 52) or move the cursor; other
C0 and C1 controls and DEL do the same on some terminals; bidi overrides and isolates
(U+202A-U+202E, U+2066-U+2069) make text read differently from what it is ("Trojan
source"). pcsm never lets them act: it shows each as the escape Python would write for it
(`\\x1b`, `\\x00`, `\\x9b`, `\\u202e`), one consistent, readable form, on screens and in CLI
output alike. Nothing here changes stored data: only what is shown.

No Textual or Rich here: the CLI (`commands/`) and the UI (`ui/`) both use it.
"""

from __future__ import annotations

import re

_UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f"  # C0 controls except tab (\x09) and newline (\x0a)
    "\x7f-\x9f"  # DEL and the C1 controls (0x9b is a one-byte CSI on some terminals)
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u2028\u2029"  # line and paragraph separators: line breaks terminals do not expect
    "\ud800-\udfff"  # lone surrogates (undecodable bytes): they cannot even be printed
)
_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
_UNSAFE_LINE = re.compile(f"[{_UNSAFE_CLASS}\t\n]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return "\\t"
    if code == 0x0A:
        return "\\n"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def display(text: str, *, lines: bool = True) -> str:
    """`text` for a screen: every control and bidi character shown as its escape.

    With `lines=False` newlines and tabs are shown escaped too, for places that hold one
    line (a title, a table cell, a palette entry)."""
    pattern = _UNSAFE if lines else _UNSAFE_LINE
    return pattern.sub(_escaped, text) if pattern.search(text) else text


def terminal(text: str) -> str:
    """`text` for a terminal or a file (CLI output): newlines and tabs are kept, every
    other control and bidi character is written as its escape, so no byte reaches the
    terminal that it would act on."""
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(dumped: str) -> str:
    """JSON (from `json.dumps(..., ensure_ascii=False)`) with the characters it leaves raw
    (DEL, C1, bidi, line separators) written as `\\uXXXX`: the same data for a script, and
    nothing a terminal acts on. These characters only occur inside JSON strings, where an
    escape means the same character."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def unsafe(text: str) -> bool:
    """Whether `text` holds a character that `display` and `terminal` would escape."""
    return _UNSAFE.search(text) is not None
