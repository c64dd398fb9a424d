"""`pcsm validate` and `pcsm schemas`: is every file trustworthy, are the schemas current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .base import Command, fail, say


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=Path("."))
    parser.add_argument("--strict", action="store_true", help="warnings fail too")


def _validate(args: argparse.Namespace) -> int:
    from ..store.validate import validate_repository

    if not args.path.is_dir():
        return fail(f"{args.path} is not a folder")
    findings = validate_repository(args.path)
    for finding in findings:
        say(finding)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if findings:
        say(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


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
