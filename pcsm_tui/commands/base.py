"""What a `pcsm` subcommand is: a name, a line of help, its options and what it runs."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..errors import exit_code, explain
from ..textsafe import json_text, terminal


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


def say(text: object = "", file: TextIO | None = None, end: str = "\n") -> None:
    """Print one piece of CLI output (stdout unless `file`). Every command prints through
    here: the text holds names, titles, paths and git's words from the repository, and
    control or bidi characters in them are written as escapes (textsafe.terminal), so
    nothing in a repository can act on the reader's terminal."""
    print(terminal(str(text)), file=file if file is not None else sys.stdout, end=end)


def say_json(value: Any) -> None:
    """Print `value` as indented JSON for scripts, with nothing a terminal acts on."""
    say(json_text(json.dumps(value, indent=2, ensure_ascii=False)))


def fail(message: str, code: int = 2) -> int:
    """Say what went wrong on stderr, prefixed like every pcsm message, and return `code`."""
    say(f"pcsm: {message}", file=sys.stderr)
    return code


def refuse(error: BaseException, code: int | None = None) -> int:
    """Report `error` as every pcsm message is reported (errors.explain) and return its exit
    status: the error class's own (`PcsmError.exit_code`), unless the command says `code`."""
    return fail(explain(error), exit_code(error) if code is None else code)


COMPLETE_ATTR = "pcsm_complete"
"""The attribute on an argparse action that tells the completion scripts what it takes."""


def add_repo_option(parser: argparse.ArgumentParser) -> None:
    """`--repo PATH`, the repository a command works on (default: the current folder)."""
    completes(
        parser.add_argument(
            "--repo", type=Path, default=Path("."), help="the repository (default: .)"
        ),
        "dir",
    )


def add_format_option(parser: argparse.ArgumentParser, *extra: str, help: str = "") -> None:
    """`--format text|json[|...]`: text for people (the default), json for scripts; one
    declaration so every command offers the same words and the same default."""
    parser.add_argument(
        "--format",
        choices=("text", "json", *extra),
        default="text",
        help=help or "text for people, json for scripts",
    )


def completes(action: argparse.Action, kind: str) -> argparse.Action:
    """Mark what an argument's value is, for `pcsm completion`: `file`, `dir`,
    `engagement`, `tool`, `rev` or `none`. Without a mark, the kind is guessed from the
    action (choices, a Path type, the name `repo`)."""
    setattr(action, COMPLETE_ATTR, kind)
    return action
