"""`pcsm completion` and `pcsm man`: the shell around pcsm, generated from the parser."""

from __future__ import annotations

import argparse

from .base import Command, say


def _configure_completion(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "shell",
        choices=("bash", "zsh", "fish"),
        help="the shell to print the completion script for (the script says how to install it)",
    )


def _completion(args: argparse.Namespace) -> int:
    # cycle: shell.completion imports this module; shell.spec imports this module
    from ..shell.completion import completion_script
    from ..shell.spec import cli_spec

    say(completion_script(args.shell, cli_spec()), end="")
    return 0


def _configure_man(parser: argparse.ArgumentParser) -> None:
    del parser  # no options: the page goes to standard output


def _man(args: argparse.Namespace) -> int:

    # start-up: importlib.metadata (~30-45 ms, every command paid it) loads only when this runs
    from importlib.metadata import version

    # cycle: shell.manpage imports this module; shell.spec imports this module
    from ..shell.manpage import man_page
    from ..shell.spec import cli_spec

    say(man_page(cli_spec(), version("pcsm")), end="")
    return 0


COMPLETION = Command(
    "completion",
    "pcsm completion bash|zsh|fish",
    "print a shell completion script (commands, options, engagements, tools, revisions)",
    _configure_completion,
    _completion,
)
MAN = Command(
    "man",
    "pcsm man",
    "print the manual page (roff); install: pcsm man > ~/.local/share/man/man1/pcsm.1",
    _configure_man,
    _man,
)
