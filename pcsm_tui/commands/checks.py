"""`pcsm validate` and `pcsm schemas`: is every file trustworthy, are the schemas current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .base import Command, fail


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=Path("."))
    parser.add_argument("--strict", action="store_true", help="warnings fail too")


def _validate(args: argparse.Namespace) -> int:
    from ..store.validate import validate_repository

    if not args.path.is_dir():
        return fail(f"{args.path} is not a folder")
    findings = validate_repository(args.path)
    for finding in findings:
        print(finding)
    errors = sum(1 for f in findings if f.severity == "error")
    errors += _interrupted_save(args.path)
    warnings = len(findings) - errors
    if findings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


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
    print(f"{shown}: error: {first}")
    for line in rest:
        print(f"  {line}")
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
        print(f"wrote {len(written)} schemas to {folder}")
        return 0
    stale = check_schemas(folder)
    for name in stale:
        print(f"{folder / name}: out of date or missing (run `pcsm schemas --write`)")
    return 1 if stale else 0


VALIDATE = Command(
    "validate",
    "pcsm validate [PATH] [--strict]",
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
