"""`pcsm demo`: build the sample repository with its history (and open it)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .base import Command, fail, say


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to build it (default: a new temporary folder)"
    )
    parser.add_argument("--no-open", action="store_true", help="only build it and print a summary")


def _run(args: argparse.Namespace) -> int:
    # start-up: demo, service_setup load only when this runs
    from ..demo import DemoError, build_demo
    from ..service_setup import open_workspace

    target = args.dir or Path(tempfile.mkdtemp(prefix="pcsm-demo-")) / "central-repository"
    try:
        build_demo(target, progress=lambda text: say(text, file=sys.stderr))
    except DemoError as error:
        return fail(str(error))
    say(f"built the demo repository in {target}")
    # The CLI hands over its way to open the app (cli._main): the commands sit below the UI
    # and the CLI, and import neither.
    open_app: Callable[[Path], int] | None = getattr(args, "pcsm_open", None)
    if open_app is None or args.no_open or not (sys.stdout.isatty() and sys.stdin.isatty()):
        say(open_workspace(target).summary())
        return 0
    return open_app(target)


DEMO = Command(
    "demo",
    "pcsm demo [--dir DIR]",
    "build the sample repository (six months, three CSMs) and open it",
    _configure,
    _run,
)
