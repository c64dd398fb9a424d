"""The one base class of pcsm's errors and the one function that puts any error into words.

Every exception pcsm raises derives from `PcsmError`, so the CLI and the app can catch "a
pcsm refusal" in one clause and the CLI knows its exit status from the class (`exit_code`:
1 a refusal or failure, 2 a usage or set-up error, as `pcsm --help` documents). `explain`
is what both the CLI and the app show for an error: the message a person can act on, with
pydantic's validation errors reduced to the first problem and where it is. This module sits
at the bottom of the layers (it imports nothing of pcsm) so models/ may raise its errors.
It does not import pydantic either: the app's first frame and every command line import
this module, and pydantic (with the models) loads only when a file is first read; until
then no validation error can exist, so `explain` looks for pydantic's class only once
something else has loaded it (issue 16: first paint, a warm `pcsm validate`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pydantic import ValidationError

USAGE = 2
"""Exit status for a usage or set-up error (wrong name, no repository here)."""
FAILED = 1
"""Exit status for a refusal or failure (the command was understood, the work was not done)."""


class PcsmError(Exception):
    """Base of every pcsm exception; `exit_code` is the CLI's exit status for it."""

    exit_code: ClassVar[int] = FAILED


class UsageError(PcsmError):
    """Base of errors that mean the command was asked wrongly (exit status 2)."""

    exit_code: ClassVar[int] = USAGE


def exit_code(error: BaseException) -> int:
    """The CLI's exit status for `error`: its class's, or 1 for anything not pcsm's own."""
    return error.exit_code if isinstance(error, PcsmError) else FAILED


def explain_validation(error: ValidationError) -> str:
    """The first problem, with where it is: `risks[2].likelihood: … (got 9)`."""
    first = error.errors()[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    message = str(first["msg"]).removeprefix("Value error, ")
    if first.get("type") in ("less_than_equal", "greater_than_equal", "int_parsing"):
        message += f" (got {first.get('input')!r})"
    return f"{where}: {message}" if where else message


def explain(error: BaseException) -> str:
    """What a person reads for `error`, in the CLI and in the app alike: the error's own
    words (git's, the file system's, pcsm's "what to do"), a validation error's first
    problem, and never an empty line (the class name when the error says nothing)."""
    # an error can be pydantic's only once pydantic is loaded: asking sys.modules keeps
    # the import off every command line's start-up
    core = sys.modules.get("pydantic_core")
    if core is not None and isinstance(error, core.ValidationError):
        return explain_validation(error)
    # str() of a KeyError would add quotes around its message
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return text.strip() or type(error).__name__


__all__ = ["FAILED", "USAGE", "PcsmError", "UsageError", "exit_code", "explain"]
