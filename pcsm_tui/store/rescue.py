"""Files pcsm cannot read are never written over unasked, and kept when the person says so.

A hand edit saved in the wrong encoding, or a TOML file broken by hand, is still someone's
work: pcsm reports it (`pcsm validate`, the editor's problem view) and never replaces it by
a restore, an undo, an import or a merge unless the person confirmed it. When they do, the
file's exact bytes are first copied to `.git/pcsm/rescued/` under a timestamped name, and
the commit message says where.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import PcsmError
from .atomic import write_atomic
from .lock import pcsm_dir
from .toml_codec import TomlSyntaxError, loads


class UnreadableFile(PcsmError):
    """A file to be written over does not read (not UTF-8, not TOML); nothing was written."""

    def __init__(self, rel: str, problem: str) -> None:
        super().__init__(
            f"{rel} cannot be read ({problem}), so pcsm did not write over it: it may hold "
            "someone's hand edit. Fix the file (`pcsm validate` shows where), or confirm "
            "overwriting it; its exact bytes are then kept under .git/pcsm/rescued/ first."
        )
        self.rel = rel
        self.problem = problem


def problem_of(data: bytes) -> str | None:
    """Why `data` is not a readable TOML file (not UTF-8, bad TOML), or None if it reads."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return f"not UTF-8 text: byte 0x{data[error.start]:02x} on line {line}"
    try:
        loads(text)
    except TomlSyntaxError as error:
        return f"not valid TOML: line {error.line}, column {error.column}: {error.message}"
    return None


def rescue(root: Path, rel: str, data: bytes, now: dt.datetime | None = None) -> str:
    """Copy `data` (the unreadable file's bytes) to `.git/pcsm/rescued/`; its path there.

    The name is the time and the file's path with `/` as `__`, so the rescued copies of
    one file sort by time and never overwrite each other.
    """
    stamp = (now or dt.datetime.now()).strftime("%Y%m%dT%H%M%S%f")
    folder = pcsm_dir(root) / "rescued"
    target = folder / f"{stamp}-{rel.replace('/', '__')}"
    write_atomic(target, data)
    try:
        return target.relative_to(root).as_posix()
    except ValueError:
        return str(target)
