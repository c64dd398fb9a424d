"""`pcsm blame ENGAGEMENT TOOL`: every field's value, when it last changed and by whom."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .base import Command, add_format_option, add_repo_option, completes, fail, say, say_json

if TYPE_CHECKING:
    from ..gateway import Blame, Stamp
    from ..service import Workspace

VALUE_WIDTH = 60


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("engagement", help="the engagement's slug (its folder name)")
    completes(
        parser.add_argument(
            "tool", help="the tool's id (e.g. raci, risks, stakeholder-plan, engagement)"
        ),
        "tool",
    )
    parser.add_argument(
        "--month", metavar="YYYY-MM", help="the month, for the stakeholder plan (default: latest)"
    )
    parser.add_argument(
        "--history", action="store_true", help="list every value each field has had, oldest first"
    )
    add_format_option(parser)
    parser.add_argument(
        "--redact", action="store_true", help="hide personal text (as commit messages do)"
    )
    add_repo_option(parser)


def _value(value: Any, present: bool, shown: bool, reveal: bool) -> str:
    """A value on one line of text (control characters escaped, long text cut)."""
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import printable, show

    if not present:
        return "(removed)"
    if not (shown or reveal):
        return "(hidden)"
    text = printable(" ".join(show(value).split()))
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def _stamp_json(stamp: Stamp, who: str, by_name: bool) -> dict[str, Any]:
    record = {"sha": stamp.sha, "date": stamp.date, "author": who, "subject": stamp.subject}
    if by_name:
        record["email"] = stamp.email
    return record


def blame_json(workspace: Workspace, result: Blame, reveal: bool) -> dict[str, Any]:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import jsonable

    author_of = workspace.author_of
    by_name = workspace.authors_by_name()
    fields = []
    for item in result.fields:
        visible = item.shown or reveal
        fields.append(
            {
                "path": list(item.path),
                "label": item.label,
                "row": item.row,
                "value": None if item.row or not visible else jsonable(item.value),
                "redacted": not visible,
                "last_changed": _stamp_json(item.last, author_of(item.last), by_name)
                if item.last
                else None,
                "history": [
                    {
                        **_stamp_json(v.stamp, author_of(v.stamp), by_name),
                        "value": jsonable(v.value) if visible and not item.row else None,
                        "present": v.present,
                    }
                    for v in item.history
                ],
            }
        )
    return {
        "path": result.rel,
        "commits": result.commits,
        "notes": list(result.notes),
        "fields": fields,
    }


def blame_text(workspace: Workspace, result: Blame, reveal: bool, with_history: bool) -> list[str]:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import printable

    author_of = workspace.author_of
    authors = {f.last.sha: printable(author_of(f.last)) for f in result.fields if f.last}
    width = min(24, max((len(a) for a in authors.values()), default=8))
    lines = [f"{result.rel}: {result.commits} commit(s)"]
    lines += [f"note: {n}" for n in result.notes]
    for item in result.fields:
        last = item.last
        stamp = (
            f"{last.date[:10]} {last.sha[:7]} {authors[last.sha][:width]:<{width}}"
            if last
            else " " * (19 + width)
        )
        label = printable(item.label)
        shown = _value(item.value, True, item.shown, reveal)
        what = f"{label} (row)" if item.row else f"{label} = {shown}"
        lines.append(f"{stamp}  {what}")
        if with_history and not item.row:
            for version in item.history:
                who = printable(author_of(version.stamp))
                value = _value(version.value, version.present, item.shown, reveal)
                lines.append(
                    f"    {version.stamp.date[:10]} {version.stamp.sha[:7]} {who}: {value}"
                )
    return lines


def _run(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import BadName, GitError, NotARepository
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
        rel = workspace.tool_file(args.engagement, args.tool, args.month)
        result = workspace.blame(rel)
    except (NotARepository, BadName, ValueError) as error:
        return fail(str(error))
    except GitError as error:
        return fail(error.stderr or str(error))
    reveal = not args.redact
    if args.format == "json":
        say_json(blame_json(workspace, result, reveal))
    else:
        say("\n".join(blame_text(workspace, result, reveal, args.history)))
    return 0


BLAME = Command(
    "blame",
    "pcsm blame ENGAGEMENT TOOL",
    "every field's value, when it last changed and by whom (--history: every value it had)",
    _configure,
    _run,
)
