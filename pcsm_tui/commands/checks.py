"""`pcsm validate` and `pcsm schemas`: is every file trustworthy, are the schemas current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Command, completes, fail, say

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..gateway import Finding
    from ..service_checks import Checks


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
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import GitError

    # start-up: the checks alone, not the Workspace: a warm validate imports no model
    from ..service_checks import Checks

    root: Path = args.path
    workspace = Checks(root)
    if not (args.staged or args.changed_since):
        found = workspace.findings(progress=_progress())
        _progress_done()
        return found + _editor_findings(workspace, root), 0
    try:
        if args.staged:
            return workspace.findings(staged=True), 0
        wanted = workspace.affected_since(args.changed_since)
    except GitError as error:
        raise ValueError(f"{root} is not a git repository: {error.stderr or error}") from error
    everything = workspace.findings(changed_since=args.changed_since, progress=_progress())
    _progress_done()
    shown = [f for f in everything if f.path in wanted]
    return shown, len(everything) - len(shown)


def _progress() -> Callable[[int, int], None] | None:
    """How far a long check got, on one line of the terminal (never into a pipe or a file:
    CI logs and scripts read the findings only)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= 50:  # a small repository is checked before anyone could read it
            print(f"\rchecking folders: {done}/{total}", end="", file=sys.stderr, flush=True)

    return show


def _progress_done() -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def _interrupted_save(path: Path) -> int:
    """Report a save that stopped half way (its files may look valid but be half made)."""
    # start-up: the checks alone, not the Workspace (see _findings)
    from ..service_checks import Checks

    record = Checks(path).interrupted_save_record()
    if record is None:  # none, or a save in progress (busy), not a leftover
        return 0
    # start-up: service loads only when a save was interrupted
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


def _editor_findings(workspace: Checks, root: Path) -> list[Finding]:
    """A warning when the repository's editor schemas no longer fit it (its scales were
    edited, or pcsm is newer): editors would then check against the wrong ranges."""
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import Finding

    stale = workspace.stale_editor_schema()
    if stale is None:
        return []
    return [
        Finding(
            stale,
            1,
            1,
            "warning",
            "the editor set-up no longer fits this repository's scales or this pcsm: "
            f"refresh it with `pcsm schemas --write --repo {root}`",
        )
    ]


def _configure_schemas(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--write",
        action="store_true",
        help="write the schemas (with --repo: the repository's .taplo.toml and "
        ".pcsm/schemas/, committed)",
    )
    group.add_argument(
        "--check", action="store_true", help="exit 1 if a schema is missing or out of date"
    )
    where = parser.add_mutually_exclusive_group()
    completes(
        where.add_argument(
            "--repo",
            type=Path,
            help="a central repository: its editor set-up, made with its scales (the "
            "default inside a repository's folder)",
        ),
        "dir",
    )
    completes(
        where.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="a folder for the package's schemas (default: schemas/ of the source tree "
            "and the package's own copy)",
        ),
        "dir",
    )


def _schemas(args: argparse.Namespace) -> int:
    # start-up: schemas loads only when this runs
    from ..schemas import check_schemas, default_schema_dir, package_schema_dir, write_schemas

    here = Path(".")
    asked = args.write or args.check
    if asked and args.repo is None and args.dir is None and (here / "pcsm.toml").is_file():
        args.repo = here  # in a central repository's folder: its editor set-up
    if args.repo is not None:
        return _repo_schemas(args)
    source = default_schema_dir()
    in_source = (source.parent / "pyproject.toml").is_file()
    if not (args.write or args.check):
        if args.dir is not None:
            return fail("--dir goes with --write or --check")
        shipped = package_schema_dir()
        say(f"# the schemas shipped with pcsm, in {shipped}")
        for path in sorted(shipped.glob("*.schema.json")):
            say(path)
        return 0
    if args.dir is not None:
        folders = [args.dir]
    elif args.write and not in_source:
        return fail("there is no source tree here to write to: give --dir DIR, or --repo DIR")
    else:
        folders = [package_schema_dir(), *([source] if in_source else [])]
    if args.write:
        for folder in folders:
            written = write_schemas(folder)
            say(f"wrote {len(written)} schemas to {folder}")
        return 0
    stale = [folder / name for folder in folders for name in check_schemas(folder)]
    for path in stale:
        say(f"{path}: out of date or missing (run `pcsm schemas --write`)")
    return 1 if stale else 0


def _repo_schemas(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import CommitFailed, ForeignTaploConfig, GitError, NotARepository
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
        if args.write:
            result = workspace.refresh_editor_files()
            if result is None:
                print(f"{workspace.root}: .taplo.toml and .pcsm/schemas/ are up to date")
            else:
                print(f"{workspace.root}: {result.subject}")
            return 0
        foreign, write, remove, scales = workspace.editor_files_state()
    except (NotARepository, ValueError) as error:
        return fail(str(error))
    except (ForeignTaploConfig, CommitFailed, GitError) as error:
        return fail(str(error), 1)
    if foreign:
        print(f"{workspace.root / '.taplo.toml'}: not written by pcsm (left alone)")
        return 1
    for rel in write:
        print(f"{workspace.root / rel}: out of date or missing for {scales}")
    for rel in remove:
        print(f"{workspace.root / rel}: no longer a pcsm schema")
    if write or remove:
        print(f"run `pcsm schemas --write --repo {args.repo}` to refresh them", file=sys.stderr)
    return 1 if write or remove else 0


VALIDATE = Command(
    "validate",
    "pcsm validate [PATH] [--strict] [--staged|--changed-since REV]",
    "check every file; file:line:col findings; exit 1 on errors (or warnings with --strict)",
    _configure_validate,
    _validate,
)
SCHEMAS = Command(
    "schemas",
    "pcsm schemas [--write|--check] [--repo DIR]",
    "JSON Schemas of every file kind; with --repo, the repository's editor set-up",
    _configure_schemas,
    _schemas,
)
