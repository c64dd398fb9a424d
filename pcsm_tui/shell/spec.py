"""The command line as plain data, read from the argparse tree that `pcsm` parses with.

Completion scripts (bash, zsh, fish) and the man page are generated from this, so they
can never drift from the real options: a new command or option appears in all of them.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..cli import build_parser
from ..commands.base import COMPLETE_ATTR
from ..store.history import tool_names

KINDS = ("file", "dir", "engagement", "tool", "rev", "choices", "text", "none")


@dataclass(frozen=True)
class Arg:
    """An option (flags non-empty) or a positional argument (flags empty)."""

    flags: tuple[str, ...]
    metavar: str
    help: str
    kind: str
    """What the value is (one of KINDS); `none` for an option that takes no value."""
    choices: tuple[str, ...] = ()
    optional: bool = True
    repeat: bool = False

    @property
    def takes_value(self) -> bool:
        return self.kind != "none"


@dataclass(frozen=True)
class CommandSpec:
    name: str
    summary: str
    usage: str
    options: tuple[Arg, ...]
    positionals: tuple[Arg, ...]


@dataclass(frozen=True)
class CliSpec:
    prog: str
    description: str
    options: tuple[Arg, ...]
    commands: tuple[CommandSpec, ...]


def _kind(action: argparse.Action) -> str:
    marked = getattr(action, COMPLETE_ATTR, None)
    if isinstance(marked, str):
        return marked
    if action.nargs == 0:
        return "none"
    if action.choices:
        return "choices"
    if action.dest in ("repo", "dir"):
        return "dir"
    if action.dest == "engagement":
        return "engagement"
    if action.dest == "tool":
        return "tool"
    if action.type is Path:
        return "file"
    return "text"


def _arg(action: argparse.Action) -> Arg:
    kind = _kind(action)
    choices = tuple(str(c) for c in action.choices or ())
    if kind == "tool" and not choices:
        choices = tuple(tool_names())
    metavar = action.metavar if isinstance(action.metavar, str) else None
    if metavar is None:
        metavar = action.dest.upper() if action.option_strings else action.dest
    return Arg(
        flags=tuple(action.option_strings),
        metavar=metavar,
        help=(action.help or "") % {"default": action.default, "prog": "pcsm"}
        if action.help and action.help is not argparse.SUPPRESS
        else "",
        kind=kind,
        choices=choices,
        optional=bool(action.option_strings) or action.nargs in ("?", "*"),
        repeat=action.nargs in ("*", "+", argparse.REMAINDER),
    )


def _args(parser: argparse.ArgumentParser) -> tuple[tuple[Arg, ...], tuple[Arg, ...]]:
    options: list[Arg] = []
    positionals: list[Arg] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help is argparse.SUPPRESS:
            continue
        (options if action.option_strings else positionals).append(_arg(action))
    return tuple(options), tuple(positionals)


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def read_spec(parser: argparse.ArgumentParser) -> CliSpec:
    """The parser's commands, options and positionals as data."""
    commands = []
    for name, sub in subcommands(parser).items():
        options, positionals = _args(sub)
        usage = " ".join(sub.format_usage().removeprefix("usage:").split())
        commands.append(CommandSpec(name, sub.description or "", usage, options, positionals))
    options, _ = _args(parser)
    return CliSpec(parser.prog, parser.description or "", options, tuple(commands))


def cli_spec() -> CliSpec:

    return read_spec(build_parser())
