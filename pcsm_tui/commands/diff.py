"""`pcsm diff`: what changed between two versions, as fields and rows.

Forms, as git spells them: `REV` (against the files on disk), `REV1 REV2`, `A..B`,
`A...B` (B against the merge base of A and B: what a pull request brings), `REV^!` (one
commit against its parent), and `FILE1 FILE2` (two versions of one file, for
`git difftool -x 'pcsm diff'`). `--format markdown` writes a pull-request comment.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Command, completes, fail, say, say_json

if TYPE_CHECKING:
    from ..store.git import GitService
    from ..store.history import FileDiff
    from ..store.repository import Repository


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
    completes(
        parser.add_argument(
            "--repo", type=Path, default=Path("."), help="the repository (default: .)"
        ),
        "dir",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text for people, json for scripts, markdown for a pull-request comment",
    )
    parser.add_argument(
        "--redact", action="store_true", help="hide personal text (as commit messages do)"
    )


@dataclass(frozen=True)
class Range:
    old: str
    """A commit, or git's empty tree (a root commit's parent)."""
    new: str | None
    """A commit, or None for the files on disk."""
    paths: list[str]
    label: str
    """The versions in the user's words, e.g. `main...HEAD`."""


def _commit(git: GitService, rev: str) -> str:
    sha = git.resolve_commit(rev)
    if sha is None:
        raise ValueError(f"{rev!r} is not a commit of this repository")
    return sha


def resolve_range(repo: Repository, rev1: str, rest: list[str]) -> Range:
    """Which versions REV1 [REV2] [PATH...] names (see the module's docstring)."""
    git = repo.git
    rest = list(rest)
    if "..." in rev1 and not (repo.root / rev1).exists():
        left, _, right = rev1.partition("...")
        left_sha, right_sha = _commit(git, left or "HEAD"), _commit(git, right or "HEAD")
        status, base, _ = git.run("merge-base", left_sha, right_sha, check=False)
        if status != 0 or not base:
            raise ValueError(f"{left or 'HEAD'} and {right or 'HEAD'} have no common ancestor")
        return Range(base, right_sha, rest, rev1)
    if ".." in rev1 and not (repo.root / rev1).exists():
        left, _, right = rev1.partition("..")
        return Range(_commit(git, left or "HEAD"), _commit(git, right or "HEAD"), rest, rev1)
    if rev1.endswith("^!"):
        sha = _commit(git, rev1[:-2])
        parents = git.out("rev-list", "--parents", "-n", "1", sha).split()[1:]
        if parents:
            return Range(parents[0], sha, rest, rev1)
        from ..store.timetravel import empty_tree

        return Range(empty_tree(repo), sha, rest, rev1)
    old = _commit(git, rev1)
    if rest and git.resolve_commit(rest[0]) and not (repo.root / rest[0]).exists():
        second = rest.pop(0)
        return Range(old, _commit(git, second), rest, f"{rev1} {second}")
    return Range(old, None, rest, f"{rev1} (against the files on disk)")


def _difftool(args: argparse.Namespace) -> int:
    """Two files: the difftool form."""
    from ..store.difftool import (
        kind_from_content,
        read_version,
        repository_path,
        stand_in_path,
    )
    from ..store.history import Differ
    from ..store.repository import NotARepository, Repository

    old_path, new_path = Path(args.rev1), Path(args.rest[0])
    repo: Repository | None = None
    try:
        repo = Repository.open(args.repo)
    except NotARepository:
        repo = None
    old, new = read_version(old_path), read_version(new_path)
    context = repo.context() if repo is not None else {}
    rel = repository_path(old_path, new_path, os.environ, repo.root if repo else None)
    if rel is None:
        kind = kind_from_content([t for t in (old, new) if t is not None], context)
        rel = stand_in_path(kind) if kind else new_path.name
    differ = Differ(context, repo.names if repo is not None else None)
    diff = differ.diff(rel, old, new)
    shown = os.environ.get("MERGED") or os.environ.get("BASE") or rel
    if "unknown" in rel.split("/") and not (os.environ.get("MERGED") or os.environ.get("BASE")):
        shown = str(new_path)
    _say([replace(diff, rel=shown)], args, None, None)
    return 0


def _say(diffs: list[FileDiff], args: argparse.Namespace, old: str | None, new: str | None) -> None:
    from ..store.history import file_json, file_text

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
    from ..store.git import GitError
    from ..store.history import diff_revisions
    from ..store.repository import NotARepository, Repository

    if _is_two_files(args):
        if args.format == "markdown":
            return fail("--format markdown compares revisions (e.g. main...HEAD), not two files")
        return _difftool(args)
    try:
        repo = Repository.open(args.repo)
        span = resolve_range(repo, args.rev1, list(args.rest))
        diffs = diff_revisions(repo, span.old, span.new, span.paths)
    except (NotARepository, ValueError) as error:
        return fail(str(error))
    except GitError as error:
        return fail(error.stderr or str(error))
    if args.format == "markdown":
        from ..store.review import review_findings, review_markdown

        findings = review_findings(repo, span.new, [d.rel for d in diffs])
        say(review_markdown(span.label, diffs, findings, reveal=not args.redact), end="")
        return 0
    new = repo.git.resolve_commit(span.new) if span.new else None
    _say(diffs, args, repo.git.resolve_commit(span.old), new)
    return 0


DIFF = Command(
    "diff",
    "pcsm diff REV1 [REV2] [PATH]",
    "what changed (A..B, A...B, REV^!, two files) as fields and rows (--format json|markdown)",
    _configure,
    _run,
)
