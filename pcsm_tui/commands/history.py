"""`pcsm log`, `pcsm diff` and `pcsm merge-driver`: the semantic history for reviewers.

log and diff show values (the reveal rule in store/changes.py): a reviewer reading them in
their own terminal already holds the files. `--redact` hides personal text as commit
messages do, for output that will be shared.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Command, fail, say, say_json

if TYPE_CHECKING:
    from ..store.repository import Repository


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", type=Path, default=Path("."), help="the repository (default: .)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people, json for scripts",
    )
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
    from ..store.git import GitError
    from ..store.history import history, history_json, history_text, pathspecs
    from ..store.layout import BadName
    from ..store.repository import NotARepository, Repository

    try:
        repo = Repository.open(args.repo)
        paths = pathspecs(args.engagement, args.tool)
        items = history(repo, paths, since=args.since, max_count=args.max_count)
    except (NotARepository, BadName, ValueError) as error:
        return fail(str(error))
    except GitError as error:
        return fail(error.stderr or str(error))
    reveal = not args.redact
    if args.redact:  # authors as "Author 1", no e-mail addresses, no names in subjects
        from ..io.redact import redact_history

        items = redact_history(repo, items)
    if args.format == "json":
        say_json(history_json(items, reveal))
    elif items:
        say("\n".join(history_text(items, reveal)))
    else:
        say("no commits", file=sys.stderr)
    return 0


def _configure_diff(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rev1", help="the older version: a commit, branch, tag, HEAD~3, or A..B")
    parser.add_argument(
        "rest",
        nargs="*",
        metavar="REV2 PATH",
        help="the newer version (default: the files on disk) and/or a file or folder",
    )
    _common(parser)


def _split_diff_args(
    repo: Repository, rev1: str, rest: list[str]
) -> tuple[str, str | None, list[str]]:
    """REV1 [REV2] [PATH...] (or REV1..REV2 [PATH...]): which words are revisions."""
    git = repo.git
    old, new = rev1, None
    if ".." in rev1 and not rev1.startswith(".."):
        old, _, right = rev1.partition("..")
        new = right or "HEAD"
    elif rest and git.resolve_commit(rest[0]) and not (repo.root / rest[0]).exists():
        new = rest.pop(0)
    for rev in (old, new):
        if rev is not None and git.resolve_commit(rev) is None:
            raise ValueError(f"{rev!r} is not a commit of this repository")
    return old, new, rest


def _diff(args: argparse.Namespace) -> int:
    from ..store.git import GitError
    from ..store.history import diff_revisions, file_json, file_text
    from ..store.repository import NotARepository, Repository

    try:
        repo = Repository.open(args.repo)
        old, new, paths = _split_diff_args(repo, args.rev1, list(args.rest))
        diffs = diff_revisions(repo, old, new, paths)
    except (NotARepository, ValueError) as error:
        return fail(str(error))
    except GitError as error:
        return fail(error.stderr or str(error))
    reveal = not args.redact
    if args.format == "json":
        record = {
            "from": repo.git.resolve_commit(old),
            "to": repo.git.resolve_commit(new) if new else None,
            "files": [file_json(d, reveal) for d in diffs],
        }
        say_json(record)
        return 0
    blocks = ["\n".join(file_text(d, reveal)) for d in diffs]
    if blocks:
        say("\n\n".join(blocks))
    return 0


def _configure_merge_driver(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="%%O: the common ancestor's version (a temporary file)")
    parser.add_argument("ours", help="%%A: our version; the result is written here")
    parser.add_argument("theirs", help="%%B: their version")
    parser.add_argument("path", help="%%P: the file's path in the repository")


def _merge_driver(args: argparse.Namespace) -> int:
    from ..store.mergedriver import EXIT_INTERNAL, run_merge_driver

    try:
        code = run_merge_driver(
            Path(args.base), Path(args.ours), Path(args.theirs), args.path, Path.cwd()
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
DIFF = Command(
    "diff",
    "pcsm diff REV1 [REV2] [PATH]",
    "what changed between two versions, as fields and rows (--format json)",
    _configure_diff,
    _diff,
)
MERGE_DRIVER = Command(
    "merge-driver",
    "pcsm merge-driver %O %A %B %P",
    "git's structured merge driver (set up automatically; exit 0 clean, 1 conflict)",
    _configure_merge_driver,
    _merge_driver,
)
