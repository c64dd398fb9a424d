"""Reading a repository's files when the repository may be hostile.

A central repository is written by a whole team and whoever they import from, so a file
pcsm reads may be anything git can hold: a symbolic link to `/dev/zero` or to a file
outside the repository, a folder where a file belongs, megabytes of `[`, bytes that are not
UTF-8. Every read of a repository file goes through here (the store through
`store/layout.py`, the fast first-screen readers directly), and everything that cannot be
read becomes one `Unreadable` error with a line and column where there is one — never a
traceback, a hang or a read outside the repository.

This module is at the bottom of the layers (standard library only), so the framework's
first-screen facts and the portfolio rules can use it as well as the store.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import PcsmError

MAX_FILE_BYTES = 8_000_000
"""The largest file pcsm reads (8 MB). A table of 10,000 rows is about 2 MB; a bigger file
is refused with a finding rather than held in memory several times over."""
MAX_DEPTH = 32
"""The deepest nesting of tables and arrays pcsm reads. pcsm's own files nest 5 deep;
thousands of `[` would otherwise overflow the stack of every recursive reader."""

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_BOM = "\ufeff"
_AT_END = "(at end of document)"
"""What tomllib says instead of a line and column when the text ends too early."""


class Unreadable(PcsmError, ValueError):
    """A file pcsm will not or cannot read, with where (1-based line and column) and why."""

    def __init__(self, message: str, line: int = 1, column: int = 1, rel: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.rel = rel
        """The repository path of the file, when the error is not about the file in hand."""

    def located(self, rel: str = "") -> str:
        """`path:line:col: message`, as editors and CI read it."""
        return f"{self.rel or rel}:{self.line}:{self.column}: {self.message}"


class TomlSyntaxError(Unreadable):
    """Text that is not valid TOML; a person can fix it in an editor."""


class TooDeep(TomlSyntaxError):
    """TOML nested deeper than MAX_DEPTH; `path` leads to the first place too deep."""

    def __init__(
        self, message: str, line: int = 1, column: int = 1, path: Sequence[str | int] = ()
    ) -> None:
        super().__init__(message, line, column)
        self.path = tuple(path)


# --- the file itself ---------------------------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


LINK_MESSAGE = (
    "is a symbolic link; pcsm never reads or writes through links (one could lead outside "
    "the repository): replace it with the file or folder itself"
)


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    The last part of `path` is opened without following a link (O_NOFOLLOW) and without
    waiting (O_NONBLOCK: a named pipe must not hang the app); a folder, device, pipe or a
    file over `limit` is refused with `Unreadable`. A missing file raises FileNotFoundError
    as usual. Callers check the folders above (store/layout.py does).
    """
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    if not nofollow and os.path.islink(path):  # pragma: no cover - platforms without it
        raise Unreadable(f"{path.name} {LINK_MESSAGE}")
    flags = os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            raise Unreadable(f"{path.name} {LINK_MESSAGE}") from error
        if error.errno in (errno.EACCES, errno.EPERM):
            raise Unreadable(
                f"{path.name}: no permission to read it (check the file's permissions)"
            ) from error
        raise Unreadable(f"{path.name}: cannot be read: {error.strerror}") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"{path.name} is {_kind(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise Unreadable(_too_big(info.st_size, limit))
        chunks: list[bytes] = []
        size = 0
        while True:  # the file may grow while it is read: never read past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise Unreadable(_too_big(size, limit))
        return b"".join(chunks)
    except OSError as error:
        raise Unreadable(f"{path.name}: cannot be read: {error.strerror}") from error
    finally:
        os.close(fd)


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1_000_000:.1f} MB; pcsm reads files of at most "
        f"{limit / 1_000_000:.1f} MB: split it or remove what does not belong in it"
    )


def decode(raw: bytes) -> str:
    """UTF-8 text, or `Unreadable` at the line and column of the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        raise Unreadable(
            f"not UTF-8 text (byte 0x{raw[start]:02x} cannot be read): save the file as UTF-8",
            line,
            column,
        ) from error


# --- TOML -------------------------------------------------------------------------------------


def parse(text: str) -> dict[str, Any]:
    """TOML text as data; `TomlSyntaxError` (or `TooDeep`) with line and column otherwise."""
    if text.startswith(_BOM):
        raise TomlSyntaxError(
            "the file starts with a byte-order mark (BOM): save it as UTF-8 without one", 1, 1
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _POSITION.search(message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        if not match and message.endswith(_AT_END):  # an unclosed `[` or string at the end:
            line, column = text.count("\n") + 1, len(text) - text.rfind("\n")  # there, not 1:1
        raise TomlSyntaxError(_POSITION.sub("", message).strip(), line, column) from error
    except RecursionError:
        line, column = deep_position(text) or (1, 1)
        raise TooDeep(_deep_message(), line, column) from None
    # Every level of nesting takes a `[`, `{` or `.` of the text: most files cannot be deep.
    if text.count("[") + text.count("{") + text.count(".") >= MAX_DEPTH:
        path = too_deep(data)
        if path is not None:
            line, column = deep_position(text) or (1, 1)
            raise TooDeep(_deep_message(), line, column, path)
    return data


def _deep_message() -> str:
    return (
        f"tables and arrays nested more than {MAX_DEPTH} deep; pcsm's files nest a few "
        "levels only: remove the extra nesting"
    )


def too_deep(data: Any, limit: int = MAX_DEPTH) -> tuple[str | int, ...] | None:
    """The path to the first table or array nested deeper than `limit`, if there is one."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > limit:
            return path
        if isinstance(value, dict):
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        for key, item in items:
            if isinstance(item, (dict, list)):
                stack.append((item, (*path, key)))
    return None


_TOKEN = re.compile(
    r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?|#[^\n]*|[\[\]{}\n]',
)


def deep_position(text: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """Where brackets and braces first nest deeper than `limit` (skipping strings and
    comments), as (line, column); None if they never do."""
    depth = 0
    line, line_start = 1, 0
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            return None
        token = match.group()
        position = match.end()
        if token in ('"""', "'''"):
            end = text.find(token, position)
            if end < 0:
                return None
            line += text.count("\n", position, end)
            newline = text.rfind("\n", position, end)
            line_start = newline + 1 if newline >= 0 else line_start
            position = end + 3
        elif token == "\n":
            line, line_start = line + 1, position
        elif token in "[{":
            depth += 1
            if depth > limit:
                return line, match.start() - line_start + 1
        elif token in "]}":
            depth = max(0, depth - 1)


def read_toml(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[str, dict[str, Any]]:
    """A TOML file's text and data (see read_regular, decode and parse for what is refused)."""
    text = decode(read_regular(path, limit))
    return text, parse(text)


def read_toml_quietly(path: Path) -> dict[str, Any]:
    """A file's data, or {} when it is missing or cannot be read: for the fast readers of
    the first screen, which show what they can and leave the finding to `pcsm validate`."""
    try:
        return read_toml(path)[1]
    except (OSError, Unreadable):
        return {}
