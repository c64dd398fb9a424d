"""Placeholder patterns: template filler (`[Enter task]`, `Stakeholder 7`, `...`) in a syntax
that cannot hang an import.

Import rules are repository data, written by anyone with push access. A regular expression
from such a file can take exponential time on a short cell (`(a|a)+b` against `aaaa…`), so
placeholders are not regular expressions but small patterns whose every part matches one way
only, with at most one "any text":

- matched against the whole cell, ignoring case and the spaces around it;
- `*` any text (at most one per pattern), `#` a number (one or more digits);
- `c+` the character c once or more (`_+`, `...+` is three dots or more);
- a space matches any white space, or none (`stakeholder #` matches `Stakeholder7`);
- `{a,b,c}` one of the words (no nesting); `\\` makes the next character plain.

Each pattern is checked when the rules are loaded (a bad one names itself and says why) and
turned into a regular expression that only ever backtracks over its one `*`; cells longer
than `TEXT_MAX` characters are never placeholders. So one cell costs at most a few
thousand steps per pattern, whatever the rules say.
"""

from __future__ import annotations

import re
from typing import Final

from ..errors import PcsmError

PATTERN_MAX: Final = 1000
"""Characters of one pattern as written."""
EXPANDED_LENGTH_MAX: Final = 100
"""Characters of one pattern once its `{a,b}` are expanded."""
EXPANDED_MAX: Final = 200
"""Patterns after expanding every `{a,b}`, in the whole rules."""
TEXT_MAX: Final = 100
"""A cell longer than this is never template filler."""

_REGEX_LOOKS = ("\\d", "\\s", "\\w", "(?", "|", "[^", ".*", "\\.")


class PatternError(PcsmError, ValueError):
    """A placeholder pattern that is not in the syntax (the message says why)."""


def _expand(pattern: str) -> list[str]:
    """`a {b,c} d` -> [`a b d`, `a c d`] (escaped braces and commas stay as they are)."""
    out = [""]
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            piece = pattern[index : index + 2]
            out = [o + piece for o in out]
            index += 2
            continue
        if char == "}":
            raise PatternError("'}' without '{' (write \\} for the character)")
        if char != "{":
            out = [o + char for o in out]
            index += 1
            continue
        end = index + 1
        words: list[str] = [""]
        while end < len(pattern) and pattern[end] != "}":
            if pattern[end] == "{":
                raise PatternError("'{' inside '{...}': alternatives do not nest")
            if pattern[end] == "\\":
                words[-1] += pattern[end : end + 2]
                end += 2
                continue
            if pattern[end] == ",":
                words.append("")
            else:
                words[-1] += pattern[end]
            end += 1
        if end >= len(pattern):
            raise PatternError("'{' without '}'")
        out = [o + w for o in out for w in words]
        if len(out) > EXPANDED_MAX:
            raise PatternError(f"more than {EXPANDED_MAX} alternatives")
        index = end + 1
    return out


def _source(pattern: str) -> str:
    """One expanded pattern as a regular expression that backtracks only over its `*`."""
    parts: list[str] = []
    stars = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        following = pattern[index + 1] if index + 1 < len(pattern) else ""
        if char == "\\":
            if not following:
                raise PatternError("'\\' at the end")
            char, following = following, pattern[index + 2 : index + 3]
            index += 1
            literal = True
        else:
            literal = False
        if not literal and char == "*":
            stars += 1
            if stars > 1:
                raise PatternError("more than one '*'")
            parts.append(".*")
        elif not literal and char == "#":
            if following.isdigit() or following in ("#", "+"):
                raise PatternError("'#' is followed by a digit, '#' or '+'")
            parts.append(r"\d+")
        elif not literal and char == "+":
            raise PatternError("'+' must follow a character (write \\+ for the character)")
        elif char.isspace() and not literal:
            if parts and parts[-1] == r"\s*":
                index += 1
                continue
            if following == "+":
                raise PatternError("a space cannot repeat with '+' (a space already matches any)")
            parts.append(r"\s*")
        elif following == "+":
            after = pattern[index + 2 : index + 3]
            if after == char:
                raise PatternError(f"'{char}+' is followed by '{char}' again")
            parts.append(re.escape(char) + "+")
            index += 1
        else:
            parts.append(re.escape(char))
        index += 1
    return "".join(parts)


def compile_placeholders(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for all `patterns` (to use with `fullmatch` on stripped text);
    raises `PatternError` naming the first pattern that is not in the syntax."""
    sources: list[str] = []
    for pattern in patterns:
        try:
            if len(pattern) > PATTERN_MAX:
                raise PatternError(f"longer than {PATTERN_MAX} characters")
            looks = next((m for m in _REGEX_LOOKS if m in pattern), None)
            if looks is not None:
                raise PatternError(
                    f"'{looks}' looks like a regular expression; placeholders are simple "
                    "patterns: * any text, # a number, c+ repeats c, {a,b} alternatives"
                )
            expanded = _expand(pattern.strip().lower())
            if any(len(p) > EXPANDED_LENGTH_MAX for p in expanded):
                raise PatternError(
                    f"an alternative is longer than {EXPANDED_LENGTH_MAX} characters"
                )
            sources += [_source(p) for p in expanded if p.strip()]
        except PatternError as error:
            raise PatternError(f"placeholder pattern {pattern!r}: {error}") from None
        if len(sources) > EXPANDED_MAX:
            raise PatternError(
                f"the placeholder patterns expand to more than {EXPANDED_MAX}; use fewer"
            )
    joined = "|".join(f"(?:{s})" for s in sources) or r"(?!x)x"
    return re.compile(joined, re.IGNORECASE)


def is_placeholder(compiled: re.Pattern[str], text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= TEXT_MAX and compiled.fullmatch(stripped) is not None
