"""`pcsm export` and `pcsm import`: Excel workbooks and the proposal as a document.

Exit codes scripts can rely on: 0 done (or a clean dry run); 1 cells of the workbook could
not be used (nothing is written) or the engagement's files do not validate; 2 usage and file
errors (no such engagement, tool or file, not a workbook, a redacted workbook).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import FAILED, PcsmError, UsageError
from .base import Command, add_repo_option, fail, refuse, say


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("engagement", help="the engagement's slug (its folder name)")
    parser.add_argument("--tool", help="only this tool (e.g. raci, risks, proposal)")
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("--xlsx", type=Path, metavar="FILE", help="write an Excel workbook")
    out.add_argument("--docx", type=Path, metavar="FILE", help="the proposal as a Word letter")
    out.add_argument("--md", type=Path, metavar="FILE", help="the proposal as a Markdown letter")
    parser.add_argument(
        "--redact", action="store_true", help="replace personal data by roles and pseudonyms"
    )
    add_repo_option(parser)


def _export(args: argparse.Namespace) -> int:
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import TomlSyntaxError
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
        for problem in workspace.repo.unreadable_settings():
            # A paper size pcsm does not know must not print on A4 without a word.
            say(f"{problem.located()} (exporting with the default settings: A4 paper)", sys.stderr)
        if args.xlsx is not None:
            result = workspace.export_workbook(args.engagement, args.xlsx, args.tool, args.redact)
            what = "redacted workbook" if result.redacted else "workbook"
            say(f"wrote {what} {result.path} ({len(result.sheets)} sheets)")
            return 0
        if args.tool not in (None, "proposal"):
            return fail("--docx and --md render the proposal: use them with --tool proposal")
        if args.docx is not None:
            target = workspace.export_letter(args.engagement, args.docx, "docx", args.redact)
        else:
            target = workspace.export_letter(args.engagement, args.md, "md", args.redact)
        say(f"wrote the proposal to {target}")
        return 0
    except (TomlSyntaxError, ValidationError) as error:
        return fail(f"the engagement's files do not validate (run pcsm validate): {error}", 1)
    except UsageError as error:  # no repository, engagement or tool of that name
        return refuse(error)
    except OSError as error:
        return fail(f"cannot write the file: {error}")


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, help="the workbook (.xlsx), LibreOffice sheet (.ods) or .csv file"
    )
    parser.add_argument("--engagement", required=True, help="the engagement to import into")
    parser.add_argument("--tool", help="read the workbook as this tool only")
    parser.add_argument(
        "--dry-run", action="store_true", help="only show the preview and the report"
    )
    parser.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help="write without asking (in a terminal pcsm asks after the preview; a script "
        "without a terminal is not asked)",
    )
    parser.add_argument(
        "--skip-bad-cells",
        action="store_true",
        help="import even if some cells cannot be used (they keep their stored values)",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="'HEADER=FIELD'",
        help="read the column HEADER as FIELD (or ignore it), for tables pcsm finds by content",
    )
    parser.add_argument(
        "--values",
        action="append",
        default=[],
        metavar="'FIELD:TEXT=VALUE,...'",
        help="store VALUE for a cell of FIELD that says TEXT (e.g. 'likelihood:A=4,B=1')",
    )
    parser.add_argument(
        "--no-remember",
        action="store_true",
        help="do not save --map/--values in import-mappings/ (by default they are committed "
        "with the import, and the next workbook with the same headers is read with them)",
    )
    add_repo_option(parser)


def _pairs(text: str) -> list[tuple[str, str]]:
    """`A=1,B=2` -> [(A, 1), (B, 2)]; a part without `=` belongs to the one before."""
    pairs: list[tuple[str, str]] = []
    for part in text.split(","):
        if "=" in part:
            key, _, value = part.partition("=")
            pairs.append((key.strip(), value.strip()))
        elif pairs:
            key, value = pairs[-1]
            pairs[-1] = (key, f"{value},{part}")
        else:
            raise UsageError(f"{text!r}: expected TEXT=VALUE pairs separated by commas")
    return pairs


def _mappings(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    mapping: dict[str, str] = {}
    for item in args.map:
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise UsageError(f"--map {item!r}: expected 'Header=field' (or 'Header=ignore')")
        mapping[header.strip()] = field.strip()
    values: dict[str, dict[str, str]] = {}
    for item in args.values:
        field, sep, rest = item.partition(":")
        if not sep or not field.strip():
            raise UsageError(f"--values {item!r}: expected 'field:TEXT=VALUE,...'")
        values.setdefault(field.strip(), {}).update(_pairs(rest))
    return mapping, values


def _import(args: argparse.Namespace) -> int:
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import TomlSyntaxError
    from ..service_setup import open_workspace

    try:
        mapping, values = _mappings(args)
        workspace = open_workspace(args.repo)
        plan = workspace.plan_import(
            args.engagement,
            args.file,
            args.tool,
            mapping=mapping,
            values=values,
            remember=not args.no_remember,
        )
    except (TomlSyntaxError, ValidationError) as error:
        return fail(f"the engagement's files do not validate (run pcsm validate): {error}", 1)
    except UsageError as error:  # no repository or engagement, not a workbook
        return refuse(error)
    say(f"Preview: {args.file.name} -> {args.engagement} ({plan.rows} rows read)")
    for line in plan.preview_lines():
        say(f"  {line}")
    lines = plan.report_lines()
    if lines:
        say(
            f"Report: {len(plan.report.errors)} cell(s) not usable, "
            f"{len(plan.report.notes)} note(s)"
        )
        for line in lines:
            say(f"  {line}")
    if args.dry_run:
        if plan.report.errors:
            say("dry run: nothing written; the import would be refused until these cells are fixed")
            return 1
        say("dry run: nothing written")
        return 0
    if plan.writes and not args.yes and not _confirmed(plan.clean or args.skip_bad_cells):
        say("nothing written")
        return 0
    try:
        result = workspace.apply_import(plan, skip_bad_cells=args.skip_bad_cells)
    except (PcsmError, ValueError, OSError) as error:  # refused, nothing lost: said why
        return refuse(error, FAILED)
    if result.sha is None:
        say("nothing to import: the engagement already holds what the workbook says")
    else:
        say(f"imported as one commit {result.sha[:10]}: {result.subject}")
    return 1 if plan.report.errors and not args.skip_bad_cells else 0


def _confirmed(writable: bool) -> bool:
    """Whether to write: a person at a terminal has read the preview and answers; a script
    (no terminal on either side) was confirmed by being run. A plan that will be refused
    anyway (cells not usable, no --skip-bad-cells) is not asked about: the refusal says why."""
    if not writable or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return True
    try:
        answer = input("Write this as one commit? [y/N] ")
    except (EOFError, KeyboardInterrupt):
        say()
        return False
    return answer.strip().lower() in ("y", "yes")


EXPORT = Command(
    "export",
    "pcsm export ENG --xlsx F|--docx F|--md F",
    "an engagement (or --tool T) as a workbook in the templates' layout; the proposal as a letter",
    _configure_export,
    _export,
)
IMPORT = Command(
    "import",
    "pcsm import FILE.xlsx --engagement E [--map 'Header=field'] [--values 'field:A=4'] "
    "[--no-remember]",
    "read a workbook (pcsm's own or a filled-in template) back, with a preview, as one commit",
    _configure_import,
    _import,
)
