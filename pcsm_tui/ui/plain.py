"""Text from data on screen: shown as written, never read as markup, never a terminal control.

Names, titles, paths, framework wording (a repository may rename phases) and git's words
all come from data. Textual reads a plain string given to most widgets as markup, so a name
like `Contoso [/old]` crashes a screen and `[@click=app.undo]` becomes a clickable action;
and a Rich `Text` or a Textual `Content` passes ESC and friends to the terminal as they are.
So data goes on screen only through these helpers: `Content` and `Text` built from strings
without markup parsing, with control and bidi characters shown as escapes
(pcsm_tui.textsafe). Constant markup written in pcsm's own code stays markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content, Span

from ..textsafe import display, unsafe

Part = str | tuple[str, str]
"""A piece of a line: data as it is, or (data, style)."""


def line(value: object) -> str:
    """One line of data as a string: controls, newlines and tabs escaped."""
    return display(str(value), lines=False)


def content(*parts: Part, lines: bool = True) -> Content:
    """A `Content` made of data pieces, each shown as written; (text, style) pieces are
    styled. `lines=False` keeps it on one line (newlines shown as `\\n`)."""
    pieces: list[str | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, tuple):
            pieces.append((display(part[0], lines=lines), part[1]))
        else:
            pieces.append(display(part, lines=lines))
    return Content.assemble(*pieces)


def text(value: object, style: str = "", lines: bool = True) -> Text:
    """A Rich `Text` of data (for tables, trees and Rich renderables)."""
    return Text(display(str(value), lines=lines), style=style)


def literal_markup(value: object) -> str:
    """Data as markup that reads back as exactly the data (for the few Textual APIs that
    take only markup strings, such as a palette hit's help). Every `[` is escaped: Textual's
    own `escape()` leaves tags such as `[B]` and `[$x]` alone, which then vanish."""
    return display(str(value)).replace("[", "\\[")


def _moved(plain: str, lines: bool) -> tuple[str, list[int]]:
    """The escaped text and where each old offset lands in it."""
    positions = [0]
    pieces: list[str] = []
    for char in plain:
        pieces.append(display(char, lines=lines))
        positions.append(positions[-1] + len(pieces[-1]))
    return "".join(pieces), positions


def safe_text(value: Text, lines: bool = True) -> Text:
    """`value` with its control and bidi characters escaped, its styles kept in place."""
    if not unsafe(value.plain) and (lines or ("\n" not in value.plain and "\t" not in value.plain)):
        return value
    plain, at = _moved(value.plain, lines)
    new = Text(plain, style=value.style, no_wrap=value.no_wrap, end=value.end)
    for span in value.spans:
        new.stylize(span.style, at[span.start], at[min(span.end, len(value.plain))])
    return new


def safe_content(value: Content, lines: bool = True) -> Content:
    """`value` with its control and bidi characters escaped, its styles kept in place."""
    if not unsafe(value.plain) and (lines or ("\n" not in value.plain and "\t" not in value.plain)):
        return value
    plain, at = _moved(value.plain, lines)
    size = len(value.plain)
    spans = [Span(at[s.start], at[min(s.end, size)], s.style) for s in value.spans]
    return Content(plain, spans, strip_control_codes=False)


def safe(value: Any, lines: bool = True) -> Any:
    """Anything a widget shows: a string is data (plain text, never markup); Text and
    Content are escaped in place; other renderables are passed on."""
    if isinstance(value, str):
        return Content(display(value, lines=lines), strip_control_codes=False)
    if isinstance(value, Text):
        return safe_text(value, lines)
    if isinstance(value, Content):
        return safe_content(value, lines)
    return value
