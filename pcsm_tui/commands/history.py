"""`pcsm log` and `pcsm merge-driver`: the semantic history for reviewers (diff: diff.py).

log and diff show values (the reveal rule in store/changes.py): a reviewer reading them in
their own terminal already holds the files. `--redact` hides personal text as commit
messages do, for output that will be shared.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Command, add_format_option, add_repo_option, fail, say, say_json

if TYPE_CHECKING:
    pass


def _common(parser: argparse.ArgumentParser) -> None:
    add_repo_option(parser)
    add_format_option(parser)
    parser.add_argument(
        "--redact", action="store_true", help="hide personal text (as commit messages do)"
    )


def _configure_log(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("engagement", nargs="?", help="only this engagement's files (its slug)")
    parser.add_argument("--tool", help="only this tool's files (e.g. raci, stakeholder-plan)")
    parser.add_argument("--since", help="only commits after this date (YYYY-MM-DD, or git's forms)")
    parser.add_argument("-n", "--max-count", type=int, help="at most this many commits")
    _common(parser)


def _log(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import BadName, GitError, NotARepository, history_json, history_text, pathspecs
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
        paths = pathspecs(args.engagement, args.tool)
        items = workspace.log(paths, since=args.since, max_count=args.max_count)
    except (NotARepository, BadName, ValueError) as error:
        return fail(str(error))
    except GitError as error:
        return fail(error.stderr or str(error))
    reveal = not args.redact
    if args.redact:  # authors as "Author 1", no e-mail addresses, no names in subjects
        items = workspace.redacted_history(items)
    if args.format == "json":
        say_json(history_json(items, reveal))
    elif items:
        say("\n".join(history_text(items, reveal)))
    else:
        say("no commits", file=sys.stderr)
    return 0


def _configure_merge_driver(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="%%O: the common ancestor's version (a temporary file)")
    parser.add_argument("ours", help="%%A: our version; the result is written here")
    parser.add_argument("theirs", help="%%B: their version")
    parser.add_argument("path", help="%%P: the file's path in the repository")


def _merge_driver(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import EXIT_INTERNAL
    from ..service import Workspace

    try:
        code = Workspace(Path.cwd()).merge_driver(
            Path(args.base), Path(args.ours), Path(args.theirs), args.path
        )
    except Exception as error:  # the fallback failed too: tell git to stop the merge
        say(f"pcsm merge-driver: {args.path}: internal error: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    if code != 0:
        say(f"pcsm: {args.path}: conflicts recorded field by field", file=sys.stderr)
    return code


LOG = Command(
    "log",
    "pcsm log [ENGAGEMENT] [--tool T]",
    "the history as field-level changes (--since DATE, --format json)",
    _configure_log,
    _log,
)
MERGE_DRIVER = Command(
    "merge-driver",
    "pcsm merge-driver %O %A %B %P",
    "git's structured merge driver (set up automatically; exit 0 clean, 1 conflict)",
    _configure_merge_driver,
    _merge_driver,
)
