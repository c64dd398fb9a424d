"""`pcsm set` and `pcsm get`: read and change any field from scripts, as the app does.

    pcsm set acme risks 'risks[r-003].likelihood=2' 'risks[r-003].severity=4'
    pcsm set acme raci 'matrices[main].activities[a-1].cells[c-2]=R/A'
    pcsm set acme stakeholder-plan 'assessments[cfo].support=7' --month 2026-11
    pcsm get acme risks 'risks[r-003]' --format json

`set` goes through the same core path as an edit in the app (`Workspace.change`): the
values are read by each field's type, the whole file is validated, the edit applies to the
version read at the start of the command (merged with anything that changed on disk since,
or refused naming the fields), and it is one commit holding exactly that change. Exit 0
done (or nothing to change), 1 refused (nothing written), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..gateway import engagement_rel
from ..textsafe import json_text
from .base import Command, add_repo_option, fail, say

if TYPE_CHECKING:
    from ..models.address import Address
    from ..service import Workspace

PSEUDO_TOOLS = {"engagement": "engagement.toml", "register": "stakeholders.toml"}
"""Files of an engagement that are not one of the 23 tools, by the name `set` takes."""


class Usage(UsageError):
    """The command line is wrong (exit 2)."""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("engagement", help="the engagement's slug (a person's id for tool 23)")
    parser.add_argument(
        "tool", help="a tool id (risks, raci, stakeholder-plan…), `engagement` or `register`"
    )
    parser.add_argument("--month", help="YYYY-MM, for the monthly stakeholder plan")
    add_repo_option(parser)


def _configure_set(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument(
        "assignments",
        nargs="+",
        metavar="PATH=VALUE",
        help='e.g. risks[r-003].likelihood=2 (rows by id; "" clears an optional field)',
    )


def _configure_get(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("path", nargs="?", help="a field, row or list (default: the whole file)")
    parser.add_argument(
        "--format",
        choices=("toml", "json"),
        default="toml",
        help="toml (default; a single value as plain text) or json for scripts",
    )


def _workspace(repo: Path) -> Workspace:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import NotARepository
    from ..service_setup import workspace_at

    try:
        return workspace_at(repo)
    except NotARepository as error:
        raise Usage(str(error)) from None


def file_of(workspace: Workspace, slug: str, tool_id: str, month: str | None) -> str:
    """The file `pcsm set/get SLUG TOOL` means (raises Usage with what is possible)."""
    # start-up: framework.catalogue loads only when this runs
    from ..framework.catalogue import TOOLS_BY_ID

    if tool_id in PSEUDO_TOOLS:
        return _in_engagement(workspace, slug, PSEUDO_TOOLS[tool_id])
    tool = TOOLS_BY_ID.get(tool_id)
    if tool is None:
        known = ", ".join([*TOOLS_BY_ID, *PSEUDO_TOOLS])
        raise Usage(f"unknown tool {tool_id!r}; the tools are: {known}")
    if tool.scope == "person":
        return workspace.repo.layout.rel(workspace.repo.layout.person_dir(slug) / tool.file)
    _in_engagement(workspace, slug, "")
    if tool.scope == "monthly":
        months = workspace.months(slug)
        if month is None:
            raise Usage(f"{tool.id} needs --month YYYY-MM (this engagement has: {_list(months)})")
        if month not in months:
            raise Usage(f"no stakeholder plan for {month}; the months are: {_list(months)}")
        return workspace.tool_path(slug, tool, month)
    return workspace.tool_path(slug, tool)


def _list(items: list[str]) -> str:
    return ", ".join(items) or "none"


def _in_engagement(workspace: Workspace, slug: str, name: str) -> str:
    slugs = workspace.engagement_slugs()
    if slug not in slugs:
        raise Usage(f"there is no engagement {slug!r}; the engagements are: {_list(slugs)}")
    return engagement_rel(slug, name)


def _assignments(
    model: type[Any], texts: list[str], scales: dict[str, Any]
) -> list[tuple[Address, Any]]:
    # start-up: models.address loads only when this runs
    from ..models.address import BadAddress, parse_address, parse_for

    out = []
    for text in texts:
        where, equals, value = text.partition("=")
        if not equals:
            raise Usage(f"{text!r} is not PATH=VALUE (e.g. risks[r-003].likelihood=2)")
        try:
            address = parse_address(model, where)
        except BadAddress as error:
            raise Usage(str(error)) from None
        out.append((address, parse_for(address, value, scales, raw=where)))
    return out


def _known_activities(workspace: Workspace, values: list[tuple[Address, Any]]) -> None:
    """A ticked activity (`activities_done[p2-09]=DATE`) must be one of the framework's:
    refused in words with the ids that exist (BadValue), before anything is saved."""
    # start-up: models.fields loads only when this runs
    from ..models.fields import BadValue

    known = workspace.framework.activity_ids()
    for address, _value in values:
        if address.path[:1] != ("activities_done",) or len(address.path) != 2:
            continue
        key = address.path[1]
        if key in known:
            continue
        phase = key.split("-")[0]
        alike = sorted(a for a in known if a.split("-")[0] == phase) or sorted(known)
        shown = f"{alike[0]} to {alike[-1]}" if len(alike) > 1 else alike[0] if alike else "none"
        raise BadValue(
            f"Activities done: {key!r} is not an activity of the framework; use an activity's "
            f"id ({shown}; `pcsm framework show` lists them) and a date, "
            f"e.g. activities_done[{alike[0] if alike else 'p1-01'}]=2026-11-20"
        )


def _set(args: argparse.Namespace) -> int:
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    # start-up: the gateway loads each name's module when it is first asked for
    from ..app_errors import explain_validation
    from ..gateway import ChangeRefused, CommitFailed, GitError, TomlSyntaxError, dump, refusals
    from ..models.edit import PathError, resolve, set_value
    from ..models.fields import BadValue

    try:
        workspace = _workspace(args.repo)
        rel = file_of(workspace, args.engagement, args.tool, args.month)
        try:
            base = workspace.load(rel)
        except FileNotFoundError:
            return fail(f"{rel} does not exist", 1)
        except TomlSyntaxError as error:
            return fail(f"{rel}:{error.line}:{error.column}: {error.message}", 1)
        except ValidationError as error:
            return fail(f"{rel}: {explain_validation(error)}", 1)
        model = workspace.repo.model_class(rel)
        values = _assignments(model, args.assignments, workspace.repo.scales())
        _known_activities(workspace, values)
    except Usage as error:
        return fail(str(error))
    except BadValue as error:
        return fail(str(error), 1)

    def edit(data: dict[str, Any]) -> dict[str, Any]:
        for address, value in values:
            resolve(data, address.path[: address.row_depth])  # rows must exist (PathError)
            data = set_value(data, address.path, value)
        return data

    try:
        result = workspace.change(rel, edit, base=base)
    except ValidationError as error:  # in words, as the app says it: rows by name, labels
        try:
            said = workspace.explain_problem(error, type(base.model), edit(dump(base.model)))
        except PathError:
            said = explain_validation(error)
        return fail(f"{rel}: {said} (nothing was written)", 1)
    except PathError as error:
        return fail(f"{rel}: {error.args[0]} (nothing was written)", 1)
    except refusals(CommitFailed, GitError, OSError, ChangeRefused) as error:
        return fail(str(error), 1)  # each says what happened and what to do
    if result.sha is None:
        say("nothing changed")
    else:
        say(f"committed {result.sha[:7]}: {result.subject}")
    for line in result.rescued:
        say(line)
    return 0


def _get(args: argparse.Namespace) -> int:
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    # start-up: the gateway loads each name's module when it is first asked for
    from ..app_errors import explain_validation
    from ..gateway import TomlSyntaxError, dump
    from ..models.address import BadAddress, parse_address
    from ..models.edit import PathError, resolve

    try:
        workspace = _workspace(args.repo)
        rel = file_of(workspace, args.engagement, args.tool, args.month)
        model_class = workspace.repo.model_class(rel)
        address = parse_address(model_class, args.path) if args.path else None
    except (Usage, BadAddress) as error:
        return fail(str(error))
    try:
        data = dump(workspace.load(rel).model)
        value = resolve(data, address.path) if address else data
    except FileNotFoundError:
        return fail(f"{rel} does not exist", 1)
    except TomlSyntaxError as error:
        return fail(f"{rel}:{error.line}:{error.column}: {error.message}", 1)
    except ValidationError as error:
        return fail(f"{rel}: {explain_validation(error)}", 1)
    except PathError as error:
        return fail(f"{rel}: {error.args[0]}", 1)
    shown = show(value, args.format, address.path[-1] if address else None)
    say(json_text(shown) if args.format == "json" else shown, end="")
    return 0


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def show(value: Any, form: str, key: str | None) -> str:
    """A value as printed by `get`: JSON; or TOML for tables and rows, plain for values."""
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import dumps_new

    if form == "json":
        return json.dumps(value, default=_plain, ensure_ascii=False, indent=2) + "\n"
    if isinstance(value, dict):
        return dumps_new(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return dumps_new({key or "rows": value})
    if isinstance(value, bool):
        return "true\n" if value else "false\n"
    if isinstance(value, list):
        return "".join(f"{_scalar(v)}\n" for v in value)
    return f"{_scalar(value)}\n"


def _scalar(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return "" if value is None else str(value)


SET = Command(
    "set",
    "pcsm set SLUG TOOL PATH=VALUE ...",
    "change fields from a script as one commit, checked like an edit in the app",
    _configure_set,
    _set,
)
GET = Command(
    "get",
    "pcsm get SLUG TOOL [PATH]",
    "print a file, a row or a field as TOML (or --format json)",
    _configure_get,
    _get,
)
