"""The `pcsm` command line. Exit codes: 0 success, 1 findings/failure, 2 usage or setup error."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

COMMANDS = ("init", "new", "validate", "schemas", "demo")

EPILOG = """\
commands:
  pcsm [PATH]                 open the repository at PATH (default: the current folder)
  pcsm init PATH              create an empty central repository (git init included)
  pcsm new SLUG --customer N  start an engagement with every tool file pre-filled
  pcsm validate [PATH]        check every file; file:line:col findings; exit 1 on errors
  pcsm schemas --write|--check   JSON Schemas of every file kind in schemas/
  pcsm demo [--dir DIR]       build the sample repository with its history

Run `pcsm COMMAND --help` for a command's options.
"""


def _fail(message: str, code: int = 2) -> int:
    print(f"pcsm: {message}", file=sys.stderr)
    return code


def _parser_open() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pcsm",
        description="The Practical CSM Framework over a git repository of TOML files.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", default=".", help="the repository (default: .)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"pcsm {command}")
    if command == "init":
        parser.description = "Create an empty central repository (runs git init if needed)."
        parser.add_argument("path", help="folder to create the repository in")
        parser.add_argument("--name", help="the repository's display name (default: folder)")
    elif command == "new":
        parser.description = (
            "Start an engagement: engagements/SLUG/ with every tool file and the framework's "
            "standard items, committed as one change."
        )
        parser.add_argument("slug", help="folder name: lower-case letters, digits, dashes")
        parser.add_argument("--customer", required=True, help="the customer's organization")
        parser.add_argument("--initiative", default="", help="the customer's initiative")
        parser.add_argument("--csm", default="", help="team member id of the CSM")
        parser.add_argument("--start", type=dt.date.fromisoformat, help="start date YYYY-MM-DD")
        parser.add_argument(
            "--repo", type=Path, default=Path("."), help="the repository (default: .)"
        )
    elif command == "validate":
        parser.description = (
            "Check every file against its schema and the framework's rules. Prints one line "
            "per finding (file:line:col: error|warning: message). Exit 0 when clean or only "
            "warnings, 1 on errors (or on warnings with --strict), 2 on usage errors."
        )
        parser.add_argument("path", nargs="?", type=Path, default=Path("."))
        parser.add_argument("--strict", action="store_true", help="warnings fail too")
    elif command == "schemas":
        parser.description = "Write or check the JSON Schemas of every file kind."
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--write", action="store_true", help="write schemas/*.json")
        group.add_argument(
            "--check",
            action="store_true",
            help="exit 1 if schemas/ is missing a file or out of date",
        )
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="the schemas folder (default: schemas/ of the source tree)",
        )
    elif command == "demo":
        parser.description = (
            "Build the sample central repository, with six months of history by three CSMs, "
            "into DIR (default: a new temporary folder) and open it."
        )
        parser.add_argument("--dir", type=Path, default=None, help="where to build it")
        parser.add_argument(
            "--no-open", action="store_true", help="only build it and print a summary"
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            command = args_list[0]
            args = _parser(command).parse_args(args_list[1:])
            return int(globals()[f"_cmd_{command}"](args))
        args = _parser_open().parse_args(args_list)
        if args.version:
            from importlib.metadata import version

            print(f"pcsm {version('pcsm')}")
            return 0
        return _cmd_open(Path(args.path))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 2


def _cmd_open(path: Path) -> int:
    from .store.repository import NotARepository, Repository
    from .summary import portfolio_summary

    try:
        repo = Repository.open(path)
    except NotARepository as error:
        return _fail(str(error))
    print(portfolio_summary(repo))
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from .store.git import GitError
    from .store.repository import AlreadyExists, Repository

    try:
        repo = Repository.init(Path(args.path), name=args.name)
    except (AlreadyExists, GitError) as error:
        return _fail(str(error), 1)
    print(f"created an empty pcsm repository in {repo.root}")
    print(f"next: pcsm new SLUG --customer NAME --repo {args.path}")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from .store.git import GitError
    from .store.layout import BadName
    from .store.repository import (
        AlreadyExists,
        CommitFailed,
        NotARepository,
        Repository,
    )

    try:
        repo = Repository.open(args.repo)
        if args.csm:
            members = {m.id for m in repo.settings.members}
            if members and args.csm not in members:
                return _fail(
                    f"--csm {args.csm!r} is not a team member; pcsm.toml lists: "
                    f"{', '.join(sorted(members))}"
                )
        result = repo.new_engagement(
            args.slug, args.customer, args.initiative, args.csm, args.start
        )
    except (NotARepository, BadName) as error:
        return _fail(str(error))
    except (AlreadyExists, CommitFailed, GitError) as error:
        return _fail(str(error), 1)
    print(f"created engagements/{args.slug}/ ({result.subject})")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .store.validate import validate_repository

    if not args.path.is_dir():
        return _fail(f"{args.path} is not a folder")
    findings = validate_repository(args.path)
    for finding in findings:
        print(finding)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if findings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def _cmd_schemas(args: argparse.Namespace) -> int:
    from .schemas import check_schemas, default_schema_dir, write_schemas

    folder = args.dir or default_schema_dir()
    if args.write:
        written = write_schemas(folder)
        print(f"wrote {len(written)} schemas to {folder}")
        return 0
    stale = check_schemas(folder)
    for name in stale:
        print(f"{folder / name}: out of date or missing (run `pcsm schemas --write`)")
    return 1 if stale else 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import DemoError, build_demo
    from .store.repository import Repository
    from .summary import portfolio_summary

    target = args.dir
    if target is None:
        import tempfile

        target = Path(tempfile.mkdtemp(prefix="pcsm-demo-")) / "central-repository"
    try:
        build_demo(target, progress=lambda text: print(text, file=sys.stderr))
    except DemoError as error:
        return _fail(str(error))
    print(f"built the demo repository in {target}")
    print(portfolio_summary(Repository.open(target)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
