"""pcsm's TOML layout written as text, without tomlkit, for files with nothing to keep.

tomlkit builds an object per key and value and is ~5 ms a row: a 20,000-row import spent
over two minutes in it. A brand-new file, or a file that is exactly what pcsm writes and
holds no rows yet (a new engagement's `risks = []`), has no comments, spacing or key order
of a person's to keep, so its text can be written directly: the same text tomlkit's path
(toml_codec.dumps_new / merge_into) makes, which tests/test_toml_fast.py checks on any data.
Anything this writer does not know how to write exactly — nested tables, long arrays,
strings with control characters, floats that are not finite — returns None and the caller
takes tomlkit's path, so the fast path can only ever be the same text, sooner.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from ..errors import PcsmError

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
MAX_INLINE = 80
"""An array longer than this is laid out one item a line (toml_codec._scalar)."""


class _Unsupported(PcsmError):
    """A value the fast writer does not write exactly as tomlkit does (never leaves this
    module: the caller gets None)."""


def _string(text: str) -> str:
    if "\n" in text and "\r" not in text and not text.endswith("\\"):
        if (
            _CONTROL_BUT_NEWLINE.search(text)
            or '"""' in text
            or text.startswith("\n")
            or text.endswith('"')
        ):
            raise _Unsupported
        return '"""' + text.replace("\\", "\\\\") + '"""'
    if _CONTROL.search(text):
        raise _Unsupported
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _key(key: str) -> str:
    if not _BARE_KEY.fullmatch(key):
        raise _Unsupported
    return key


def _scalar(value: Any, inline: bool = False) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Unsupported
        return str(value)
    if isinstance(value, (dt.datetime, dt.time)):
        raise _Unsupported
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        text = "[" + ", ".join(_scalar(v, inline) for v in value) + "]"
        if len(text) > MAX_INLINE and not inline:
            raise _Unsupported
        return text
    if isinstance(value, Mapping):
        pairs = [f"{_key(k)} = {_scalar(v, inline=True)}" for k, v in value.items()]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    raise _Unsupported


def _is_row_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _row(row: Mapping[str, Any]) -> list[str]:
    lines = []
    for key, value in row.items():
        if _is_row_list(value) or (
            isinstance(value, Mapping)
            and any(isinstance(v, Mapping) or _is_row_list(v) for v in value.values())
        ):
            raise _Unsupported  # nested tables: tomlkit's path lays them out
        lines.append(f"{_key(key)} = {_scalar(value)}")
    return lines


def fast_dumps(data: Mapping[str, Any], header: str | None = None) -> str | None:
    """The text toml_codec.dumps_new makes for `data`, or None where it cannot say."""
    try:
        lines = [f"# {line}" for line in (header or "").splitlines()]
        later = []
        for key, value in data.items():
            if _is_row_list(value):
                later.append((key, value))
            elif isinstance(value, Mapping):
                return None  # a table: tomlkit's path lays it out
            else:
                lines.append(f"{_key(key)} = {_scalar(value)}")
        for key, rows in later:
            name = _key(key)
            for row in rows:
                if lines:
                    lines.append("")
                lines.append(f"[[{name}]]")
                lines += _row(row)
    except _Unsupported:
        return None
    return "\n".join(lines).rstrip("\n") + "\n"


def fast_replace(existing: str, old: Mapping[str, Any], data: Mapping[str, Any]) -> str | None:
    """The merge of `data` into `existing` when `existing` is exactly pcsm's own text for
    `old`, holds no rows and has the same keys in the same order (nothing of a person's to
    keep, and every value is written anew); None otherwise."""
    if list(old) != list(data) or any(_is_row_list(v) for v in old.values()):
        return None
    header_lines = []
    for line in existing.splitlines():
        if not line.startswith("# "):
            break
        header_lines.append(line[2:])
    header = "\n".join(header_lines) or None
    if fast_dumps(old, header) != existing:
        return None
    return fast_dumps(data, header)


def fast_append(existing: str, old: Mapping[str, Any], data: Mapping[str, Any]) -> str | None:
    """The merge of `data` into `existing` when `existing` is exactly pcsm's own text for
    `old` and `data` only adds rows at the end of its lists (an import of a big register
    into a tool that already has rows); None otherwise.

    Every row kept is the same row, same keys in the same order (the text of `data`
    without the new rows must be `existing` itself), and each new row has an id no other
    row has, so tomlkit's merge would leave every existing line alone and append the new
    rows as `fast_dumps` writes them (tests/test_toml_fast.py compares the two texts). Rows
    kept that hold an inline table are left to tomlkit: its reading of one does not always
    give the same text back.
    """
    if list(old) != list(data):
        return None
    kept: dict[str, Any] = {}
    added = False
    for key, value in data.items():
        before = old[key]
        if not (_is_row_list(before) and isinstance(value, list) and len(value) > len(before)):
            kept[key] = value
            continue
        if not all(isinstance(row, Mapping) for row in value):
            return None
        ids = [row.get("id") for row in value]
        if None in ids or len(set(ids)) != len(ids):
            return None
        if any(isinstance(v, Mapping) for row in before for v in row.values()):
            return None  # tomlkit rereads `{ a = 2000-01-01 }` as `{ a = 2000-01-01}`
        kept[key] = value[: len(before)]
        added = True
    if not added:
        return None  # no rows added: the merge's own path
    header = _header_of(existing)
    if fast_dumps(kept, header) != existing:
        return None
    return fast_dumps(data, header)


def _header_of(existing: str) -> str | None:
    lines = []
    for line in existing.splitlines():
        if not line.startswith("# "):
            break
        lines.append(line[2:])
    return "\n".join(lines) or None
