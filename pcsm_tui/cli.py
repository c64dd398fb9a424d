"""The `pcsm` command line: `pcsm [PATH]` or `pcsm COMMAND ...` (see commands/)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .commands import COMMANDS, fail


def _epilog() -> str:
    width = max(len(c.usage) for c in COMMANDS) + 2
    lines = ["commands:", f"  {'pcsm [PATH]':<{width}}open the repository at PATH (default: .)"]
    lines += [f"  {c.usage:<{width}}{c.summary}" for c in COMMANDS]
    lines += ["", "Run `pcsm COMMAND --help` for a command's options."]
    return "\n".join(lines)


def _parser_open() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pcsm",
        description="The Practical CSM Framework over a git repository of TOML files.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", default=".", help="the repository (default: .)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


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
        import os

        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        return PIPE_CLOSED


def _main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    by_name = {c.name: c for c in COMMANDS}
    try:
        if args_list and args_list[0] in by_name:
            command = by_name[args_list[0]]
            parser = argparse.ArgumentParser(
                prog=f"pcsm {command.name}", description=command.summary
            )
            command.configure(parser)
            return command.run(parser.parse_args(args_list[1:]))
        args = _parser_open().parse_args(args_list)
        if args.version:
            from importlib.metadata import version

            print(f"pcsm {version('pcsm')}")
            return 0
        return _open(Path(args.path))
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)


def _open(path: Path, engagement: str | None = None) -> int:
    """The app on a terminal; the one-screen summary when output goes to a pipe or file."""
    from .store.layout import SETTINGS_FILE

    if not (path / SETTINGS_FILE).is_file():
        from .store.repository import NotARepository

        return fail(str(NotARepository(path)))
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        from .store.repository import Repository
        from .summary import portfolio_summary

        print(portfolio_summary(Repository.open(path)))
        return 0
    from .ui.factory import create_app

    create_app(path, engagement=engagement).run()
    # The process ends now. Python's exit-time garbage walk over every object Textual,
    # pydantic and GitPython made took 0.3-0.7 s, most of a quit; freezing them skips it.
    import gc

    gc.freeze()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
