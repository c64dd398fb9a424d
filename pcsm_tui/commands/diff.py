"""`pcsm diff`: what changed between two versions, as fields and rows.

Forms, as git spells them: `REV` (against the files on disk), `REV1 REV2`, `A..B`,
`A...B` (B against the merge base of A and B: what a pull request brings), `REV^!` (one
commit against its parent), and `FILE1 FILE2` (two versions of one file, for
`git difftool -x 'pcsm diff'`). `--format markdown` writes a pull-request comment.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Command, add_format_option, add_repo_option, completes, fail, say, say_json

if TYPE_CHECKING:
    from ..gateway import FileDiff


def _configure(parser: argparse.ArgumentParser) -> None:
    completes(
        parser.add_argument(
            "rev1",
            metavar="REV1",
            help="the older version: a commit, branch, tag, HEAD~3; or A..B, A...B (against "
            "the merge base), REV^! (one commit); or the first of two files (difftool)",
        ),
        "rev",
    )
    completes(
        parser.add_argument(
            "rest",
            nargs="*",
            metavar="REV2 PATH",
            help="the newer version (default: the files on disk) and/or files or folders to "
            "limit the diff to; or the second file (difftool)",
        ),
        "file",
    )
    add_repo_option(parser)
    add_format_option(
        parser,
        "markdown",
        help="text for people, json for scripts, markdown for a pull-request comment",
    )
    parser.add_argument(
        "--redact", action="store_true", help="hide personal text (as commit messages do)"
    )


def _difftool(args: argparse.Namespace) -> int:
    """Two files: the difftool form."""
    # start-up: service_review loads only when this runs
    from ..service_review import diff_two_files

    old_path, new_path = Path(args.rev1), Path(args.rest[0])
    diff = diff_two_files(old_path, new_path, os.environ, args.repo)
    rel = diff.rel
    shown = os.environ.get("MERGED") or os.environ.get("BASE") or rel
    if "unknown" in rel.split("/") and not (os.environ.get("MERGED") or os.environ.get("BASE")):
        shown = str(new_path)
    _say([replace(diff, rel=shown)], args, None, None)
    return 0


def _say(diffs: list[FileDiff], args: argparse.Namespace, old: str | None, new: str | None) -> None:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import file_json, file_text

    reveal = not args.redact
    if args.format == "json":
        record = {"from": old, "to": new, "files": [file_json(d, reveal) for d in diffs]}
        say_json(record)
        return
    blocks = ["\n".join(file_text(d, reveal)) for d in diffs]
    if blocks:
        say("\n\n".join(blocks))


def _is_two_files(args: argparse.Namespace) -> bool:
    return (
        len(args.rest) == 1
        and os.path.isfile(args.rev1)
        and (os.path.isfile(args.rest[0]) or args.rest[0] == os.devnull)
    ) or (args.rev1 == os.devnull and len(args.rest) == 1 and os.path.isfile(args.rest[0]))


def _run(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import GitError, NotARepository
    from ..service_setup import open_workspace

    if _is_two_files(args):
        if args.format == "markdown":
            return fail("--format markdown compares revisions (e.g. main...HEAD), not two files")
        return _difftool(args)
    try:
        workspace = open_workspace(args.repo)
        span = workspace.revision_range(args.rev1, list(args.rest))
        diffs = workspace.diff_revisions(span)
    except (NotARepository, ValueError) as error:
        return fail(str(error))
    except GitError as error:
        return fail(error.stderr or str(error))
    if args.format == "markdown":
        # start-up: the gateway loads each name's module when it is first asked for
        from ..gateway import review_markdown

        findings = workspace.review_findings(span.new, [d.rel for d in diffs])
        say(review_markdown(span.label, diffs, findings, reveal=not args.redact), end="")
        return 0
    new = workspace.resolve_commit(span.new) if span.new else None
    _say(diffs, args, workspace.resolve_commit(span.old), new)
    return 0


DIFF = Command(
    "diff",
    "pcsm diff REV1 [REV2] [PATH]",
    "what changed (A..B, A...B, REV^!, two files) as fields and rows (--format json|markdown)",
    _configure,
    _run,
)
