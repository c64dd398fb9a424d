"""The `pcsm` command line: `pcsm [PATH]` or `pcsm COMMAND ...` (see commands/).

Every command is a real argparse subparser of one parser (`build_parser`), so completion
scripts and the man page are generated from the same tree the commands parse with
(shell/). `pcsm [PATH]` cannot be an argparse positional beside the subcommands, so the
first word decides: a command name or an option goes to the full parser, anything else
is a repository folder. `pcsm` alone opens the app without building the full parser at
all: the first paint is what a user waits for.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from .commands import COMMANDS, fail
from .commands.base import say
from .store.layout import SETTINGS_FILE
from .store.lock import set_waiting_notice  # "another pcsm … is saving; waiting…"

DESCRIPTION = "The Practical CSM Framework over a git repository of TOML files."


USAGE_COLUMN = 30  # a longer usage puts its summary on the next line, under this column


def _epilog(columns: int | None = None) -> str:
    """The command list, wrapped to the terminal: one usage could be 100 characters wide,
    and aligning every summary after the longest one made each line wrap in an
    80-column terminal. Long usages take their own line; summaries wrap under the column."""
    columns = columns or shutil.get_terminal_size((80, 24)).columns
    columns = max(60, min(columns, 120))
    entries = [("pcsm [PATH]", "open the repository at PATH (default: .)")]
    entries += [(c.usage, c.summary) for c in COMMANDS]
    lines = ["commands:"]
    indent = " " * (2 + USAGE_COLUMN)
    for usage, summary in entries:
        head = f"  {usage}"
        wrapped = textwrap.wrap(summary, columns - len(indent)) or [""]
        if len(head) < len(indent) - 1:
            lines.append(head.ljust(len(indent)) + wrapped[0])
            lines += [indent + rest for rest in wrapped[1:]]
        else:
            lines += textwrap.wrap(
                usage,
                columns - 2,
                initial_indent="  ",
                subsequent_indent="      ",
                break_on_hyphens=False,
            )
            lines += [indent + part for part in wrapped]
    lines += ["", "Run `pcsm COMMAND --help` for a command's options."]
    return "\n".join(lines)


def _parser_open() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pcsm",
        description=DESCRIPTION,
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", default=".", help="the repository (default: .)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line as one parser: each command a subparser configured by its
    module's `configure(parser)` (so a new command plugs in with one line in COMMANDS)."""
    parser = argparse.ArgumentParser(
        prog="pcsm",
        usage="pcsm [PATH] | pcsm COMMAND [OPTIONS] | pcsm --version",
        description=DESCRIPTION,
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", help=argparse.SUPPRESS, prog="pcsm"
    )
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.summary, description=command.summary)
        command.configure(sub)
        sub.set_defaults(pcsm_run=command.run)
    return parser


def suggest_command(word: str) -> str | None:
    """The command a mistyped first word most likely meant (`valdiate` -> `validate`)."""
    if not word or "/" in word or word.startswith("."):
        return None
    # start-up: difflib loads only on this error path, not on every start
    import difflib

    close = difflib.get_close_matches(word, [c.name for c in COMMANDS], n=1, cutoff=0.6)
    return close[0] if close else None


PIPE_CLOSED = 141
"""What a shell reports for a program stopped by SIGPIPE (128 + 13): `pcsm log | head`."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; when the reader of the output goes away (`| head`), stop quietly."""
    try:
        code = _main(argv)
        sys.stdout.flush()  # inside the try: a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        # Nothing more can be written; point stdout at /dev/null so that Python's own
        # flush at exit does not complain either (the recipe in Python's signal docs).
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        return PIPE_CLOSED


def _main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    by_name = {c.name: c for c in COMMANDS}
    set_waiting_notice(lambda message: say(f"pcsm: {message}", file=sys.stderr))
    try:
        if not args_list:
            return _open(Path("."))
        if args_list[0] in by_name or (args_list[0].startswith("-") and args_list[0] != "-"):
            parsed = build_parser().parse_args(args_list)
            if parsed.command is None:
                return _version() if parsed.version else _open(Path("."))
            parsed.pcsm_open = _open  # how a command opens the app (commands never import ui/)
            code: int = parsed.pcsm_run(parsed)
            return code
        args = _parser_open().parse_args(args_list)
        if args.version:
            return _version()
        meant = suggest_command(args.path)
        if meant is not None and not (Path(args.path) / SETTINGS_FILE).is_file():
            return fail(
                f"{args.path!r} is neither a command nor a pcsm repository; "
                f"did you mean `pcsm {meant}`? (`pcsm --help` lists the commands)"
            )
        return _open(Path(args.path))
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)


def _version() -> int:
    # start-up: importlib.metadata (~30-45 ms, every command paid it) loads only when this runs
    from importlib.metadata import version

    say(f"pcsm {version('pcsm')}")
    return 0


def _open(path: Path, engagement: str | None = None) -> int:
    """The app on a terminal; the one-screen summary when output goes to a pipe or file."""
    if not (path / SETTINGS_FILE).is_file():
        # start-up: store.repository loads only when this runs
        from .store.repository import NotARepository

        return fail(str(NotARepository(path)))
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        # start-up: store.repository, summary load only when this runs
        from .store.repository import Repository
        from .summary import portfolio_summary

        say(portfolio_summary(Repository.open(path)))
        return 0
    # start-up: the app (ui/, textual) loads only when this runs
    from .ui.factory import create_app, end_process, loading

    with loading():  # no collection while Textual and pcsm load; then frozen (ui/factory)
        app = create_app(path, engagement=engagement)
    app.run()
    # The process ends now, without Python's teardown (0.3-0.7 s of a quit: the exit-time
    # garbage walk, the modules, abandoned reads), once no save can be cut: ui/factory.py.
    end_process(app)


if __name__ == "__main__":
    raise SystemExit(main())
