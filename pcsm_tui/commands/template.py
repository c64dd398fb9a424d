"""`pcsm template`: the team's templates from the shell (save, list, show, compare).

A template is a tool's content of one engagement without its people and dates, stored
under knowledge/templates/<tool>/<name>.toml as one commit (io/templates.py says what is
left out). `pcsm new --from-template NAME` starts an engagement's tools from templates.
Goes through the service (`Workspace`) only.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .base import Command, add_format_option, add_repo_option, fail, refuse, say, say_json

if TYPE_CHECKING:
    from ..service import Workspace

USAGE = {
    "save": "pcsm template save ENGAGEMENT TOOL NAME [--force]",
    "list": "pcsm template list [--format json]",
    "show": "pcsm template show NAME",
    "compare": "pcsm template compare NAME ENGAGEMENT",
}
ARGS = {"save": 3, "list": 0, "show": 1, "compare": 2}


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=tuple(USAGE),
        help="save a tool as a template, list them, show one, compare one with an engagement",
    )
    parser.add_argument(
        "args", nargs="*", help="save: ENGAGEMENT TOOL NAME; show: NAME; compare: NAME ENGAGEMENT"
    )
    parser.add_argument(
        "--force", action="store_true", help="save: replace a template of that name"
    )
    add_format_option(parser)
    add_repo_option(parser)


def _run(args: argparse.Namespace) -> int:
    # start-up: service loads only when this runs
    from ..service import Workspace

    if len(args.args) != ARGS[args.action]:
        return fail(f"usage: {USAGE[args.action]}")
    try:
        workspace = Workspace(args.repo)
        return ACTIONS[args.action](workspace, args)
    except Exception as error:  # every pcsm error is reported one way
        return refuse(error)


def _save(workspace: Workspace, args: argparse.Namespace) -> int:
    slug, tool, name = args.args
    draft = workspace.template_draft(slug, tool)
    result = workspace.save_template(slug, tool, name, force=args.force)
    say(f"saved team template {name} ({draft.tool.title}): {result.subject}")
    if draft.left_out:
        say("left out: " + "; ".join(draft.left_out))
    return 0


def _list(workspace: Workspace, args: argparse.Namespace) -> int:
    found = workspace.templates()
    if args.format == "json":
        say_json(
            {
                "templates": [
                    {
                        "name": t.name,
                        "tool": t.tool.id,
                        "title": t.tool.title,
                        "path": t.rel,
                        "rows": t.rows,
                    }
                    for t in found.found
                ],
                "unreadable": found.unreadable,
            }
        )
    else:
        for t in found.found:
            say(f"{t.name:<28} {t.tool.number:>2} {t.tool.title} · {t.rows} rows · {t.rel}")
        if not found.found:
            say("no team templates yet: pcsm template save ENGAGEMENT TOOL NAME")
    for rel, why in found.unreadable.items():
        say(f"pcsm: {rel} was left out: {why}", file=sys.stderr)
    return 1 if found.unreadable else 0


def _show(workspace: Workspace, args: argparse.Namespace) -> int:
    info, _model, text = workspace.template(args.args[0])
    if args.format == "json":
        say_json({"name": info.name, "tool": info.tool.id, "path": info.rel, "text": text})
    else:
        say(f"{info.name}: {info.tool.title} ({info.rel})")
        say(text.rstrip("\n"))
    return 0


def _compare(workspace: Workspace, args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import file_json, file_text

    name, slug = args.args
    diff = workspace.compare_template(name, slug)
    if args.format == "json":
        say_json({"template": name, "engagement": slug, **file_json(diff, False)})
        return 0
    say(f"{slug} compared with team template {name} (template → engagement):")
    if not diff.changes:
        say("  the same: nothing changed since the template")
        return 0
    for line in file_text(diff, False, indent="  ")[1:]:
        say(line)
    return 0


ACTIONS = {"save": _save, "list": _list, "show": _show, "compare": _compare}

TEMPLATE = Command(
    "template",
    "pcsm template save|list|show|compare ...",
    "team templates: a tool's content without people and dates, to start other engagements",
    _configure,
    _run,
)
