"""What a `pcsm` subcommand is: a name, a line of help, its options and what it runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    """How the command is called, for the top-level help (e.g. `pcsm init PATH`)."""
    summary: str
    """One line: what it does."""
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    """Returns the exit code: 0 success, 1 findings or failure, 2 usage or setup error."""


def fail(message: str, code: int = 2) -> int:
    """Say what went wrong on stderr, prefixed like every pcsm message, and return `code`."""
    print(f"pcsm: {message}", file=sys.stderr)
    return code


COMPLETE_ATTR = "pcsm_complete"
"""The attribute on an argparse action that tells the completion scripts what it takes."""


def completes(action: argparse.Action, kind: str) -> argparse.Action:
    """Mark what an argument's value is, for `pcsm completion`: `file`, `dir`,
    `engagement`, `tool`, `rev` or `none`. Without a mark, the kind is guessed from the
    action (choices, a Path type, the name `repo`)."""
    setattr(action, COMPLETE_ATTR, kind)
    return action
