"""Find the line and column of a value in TOML text from its path (as pydantic reports it).

tomllib gives no positions, so this scans the text the way pcsm and people write it: table
headers (`[a]`, `[[a.b]]`, counting array-of-table instances per parent), `key = value`
lines, and the keys of one-line inline tables. Multi-line strings and arrays are skipped.
The longest known prefix of a path wins, so an error always lands on a useful line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Loc = tuple[str | int, ...]

# Every pattern here runs on whatever a file holds, so none may backtrack: names are
# matched possessively, and an inline key only starts where a bare name starts (an
# unanchored search from every letter of a long run would be quadratic).
_NAME = r"""(?:[A-Za-z0-9_-]++|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"(\s*+)({_NAME}(?:[ \t]*+\.[ \t]*+{_NAME})*+)[ \t]*+=[ \t]*+(.*)")
_INLINE_KEY = re.compile(r'(?<![A-Za-z0-9_-])([A-Za-z0-9_-]++|"[^"]*")[ \t]*+=')


def _header(line: str) -> tuple[str, str] | None:
    """(`[` or `[[`, the name inside) if `line` is a table header, else None."""
    stripped = line.lstrip()
    if not stripped.startswith("["):
        return None
    opening = "[[" if stripped.startswith("[[") else "["
    end = stripped.find("]", len(opening))
    name = stripped[len(opening) : end].strip() if end > 0 else ""
    if not name:
        return None
    rest = stripped[end + 1 :]
    rest = rest[1:] if rest.startswith("]") else rest
    rest = rest.strip()
    return (opening, name) if not rest or rest.startswith("#") else None


def _split_key(text: str) -> list[str]:
    parts = re.findall(r'"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+', text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def index_positions(text: str) -> dict[Loc, tuple[int, int]]:
    """Every path the scanner can place -> (line, column), both 1-based."""
    positions: dict[Loc, tuple[int, int]] = {}
    counters: dict[Loc, int] = {}
    table: Loc = ()
    lines = text.split("\n")
    skip_until: str | None = None
    depth = 0
    for number, line in enumerate(lines, start=1):
        if skip_until is not None:
            if skip_until in line:
                skip_until = None
            continue
        if depth > 0:
            depth += line.count("[") - line.count("]")
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _header(line)
        if header and not _KEY.match(line):
            names = _split_key(header[1])
            resolved: list[str | int] = []
            # Resolve each prefix against the latest instance of arrays of tables.
            for name in names[:-1]:
                resolved.append(name)
                current = counters.get(tuple(resolved))
                if current is not None:
                    resolved.append(current)
            resolved.append(names[-1])
            if header[0] == "[[":
                key = tuple(resolved)
                counters[key] = counters.get(key, -1) + 1
                resolved.append(counters[key])
            table = tuple(resolved)
            column = line.index("[") + 1
            positions.setdefault(table, (number, column))
            continue
        match = _KEY.match(line)
        if not match:
            continue
        path = (*table, *_split_key(match.group(2)))
        column = len(match.group(1)) + 1
        positions.setdefault(path, (number, column))
        value = match.group(3)
        value_column = line.index(value, column - 1) + 1 if value else column
        for delimiter in ('"""', "'''"):
            if value.startswith(delimiter) and value.count(delimiter) == 1:
                skip_until = delimiter
        if value.startswith("{"):
            for inline in _INLINE_KEY.finditer(value):
                name = inline.group(1).strip('"')
                positions.setdefault((*path, name), (number, value_column + inline.start()))
        elif value.startswith("["):
            depth = value.count("[") - value.count("]")
    return positions


def locate(
    text: str, loc: Sequence[str | int], positions: dict[Loc, tuple[int, int]] | None = None
) -> tuple[int, int]:
    """(line, column) of the deepest known prefix of `loc`; (1, 1) if nothing matches."""
    positions = positions if positions is not None else index_positions(text)
    path = tuple(loc)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return (1, 1)
