"""`pcsm validate` and `pcsm schemas`: is every file trustworthy, are the schemas current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Command, completes, fail, say

if TYPE_CHECKING:
    from ..store.validate import Finding


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    completes(
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=Path("."),
            help="the repository's folder (default: .)",
        ),
        "dir",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--staged",
        action="store_true",
        help="validate what is staged (git's index), not the work tree: for pre-commit",
    )
    completes(
        which.add_argument(
            "--changed-since",
            metavar="REV",
            help="report only findings of files changed since REV and of files referring to them",
        ),
        "rev",
    )


def _validate(args: argparse.Namespace) -> int:
    if not args.path.is_dir():
        return fail(f"{args.path} is not a folder")
    try:
        findings, hidden = _findings(args)
    except ValueError as error:
        return fail(str(error))
    for finding in findings:
        say(finding)
    errors = sum(1 for f in findings if f.severity == "error")
    errors += _interrupted_save(args.path)
    warnings = len(findings) - errors
    if findings:
        say(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if hidden:
        say(
            f"({hidden} finding(s) in files not changed since {args.changed_since} not shown)",
            file=sys.stderr,
        )
    return 1 if errors or (args.strict and warnings) else 0


def _findings(args: argparse.Namespace) -> tuple[list[Finding], int]:
    """The findings to show and how many were left out (--changed-since)."""
    from ..store.git import GitError, GitService
    from ..store.validate import validate_repository

    root: Path = args.path
    if not (args.staged or args.changed_since):
        return validate_repository(root), 0
    git = GitService(root)
    try:
        if args.staged:
            import tempfile

            from ..store.snapshot import materialize

            with tempfile.TemporaryDirectory(prefix="pcsm-staged-") as folder:
                materialize(git, Path(folder))
                return validate_repository(Path(folder)), 0
        from ..store.layout import Layout
        from ..store.referrers import affected_files

        if git.resolve_commit(args.changed_since) is None:
            raise ValueError(f"{args.changed_since!r} is not a commit of this repository")
        changed = git.out("diff", "--name-only", "--no-renames", "-z", args.changed_since)
        untracked = git.out("ls-files", "--others", "--exclude-standard", "-z")
    except GitError as error:
        raise ValueError(f"{root} is not a git repository: {error.stderr or error}") from error
    layout = Layout(root)
    present = [layout.rel(p) for p in layout.owned_files()]
    names = {n for n in (changed + "\0" + untracked).split("\0") if n}
    wanted = affected_files(names, present)
    everything = validate_repository(root)
    shown = [f for f in everything if f.path in wanted]
    return shown, len(everything) - len(shown)


def _interrupted_save(path: Path) -> int:
    """Report a save that stopped half way (its files may look valid but be half made)."""
    from ..store import journal
    from ..store.lock import busy

    record = journal.path_of(path.resolve())
    if not record.exists() or busy(path.resolve()):  # busy: a save in progress, not a leftover
        return 0
    from ..service import Workspace

    try:
        found = Workspace(path).interrupted_save()
    except Exception as error:  # an unreadable record is reported, not hidden
        found = str(error)
    if found is None:
        return 0
    first, *rest = found.splitlines()
    try:
        shown = record.relative_to(path.resolve()).as_posix()
    except ValueError:  # a linked worktree keeps it in the main repository's git folder
        shown = str(record)
    say(f"{shown}: error: {first}")
    for line in rest:
        say(f"  {line}")
    return 1


def _configure_schemas(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="write schemas/*.json")
    group.add_argument(
        "--check", action="store_true", help="exit 1 if schemas/ is missing a file or out of date"
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="the schemas folder (default: schemas/ of the source tree)",
    )


def _schemas(args: argparse.Namespace) -> int:
    from ..schemas import check_schemas, default_schema_dir, write_schemas

    folder = args.dir or default_schema_dir()
    if args.write:
        written = write_schemas(folder)
        say(f"wrote {len(written)} schemas to {folder}")
        return 0
    stale = check_schemas(folder)
    for name in stale:
        say(f"{folder / name}: out of date or missing (run `pcsm schemas --write`)")
    return 1 if stale else 0


VALIDATE = Command(
    "validate",
    "pcsm validate [PATH] [--strict] [--staged|--changed-since REV]",
    "check every file; file:line:col findings; exit 1 on errors (or warnings with --strict)",
    _configure_validate,
    _validate,
)
SCHEMAS = Command(
    "schemas",
    "pcsm schemas --write|--check",
    "JSON Schemas of every file kind in schemas/",
    _configure_schemas,
    _schemas,
)
