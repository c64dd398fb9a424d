"""`pcsm forget` and `pcsm privacy report`: personal-data care (io/forget, io/privacy_report)."""

from __future__ import annotations

import argparse

from ..errors import PcsmError
from .base import Command, add_format_option, add_repo_option, fail, refuse, say, say_json


def _configure_forget(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("engagement", help="the engagement's slug")
    parser.add_argument("stakeholder", help="the stakeholder's id in the register")
    add_repo_option(parser)


def _forget(args: argparse.Namespace) -> int:
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import TomlSyntaxError, purge_instructions
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
        if args.engagement not in workspace.engagement_slugs():
            return fail(f"there is no engagement {args.engagement!r} in {workspace.root}")
        done = workspace.forget(args.engagement, args.stakeholder)
    except (TomlSyntaxError, ValidationError) as error:
        return fail(
            f"a file does not validate (run pcsm validate), nothing was changed: {error}", 1
        )
    except PcsmError as error:  # no such repository or stakeholder (2), a refused save (1)
        return refuse(error)
    say(f"forgot stakeholder {args.stakeholder} of {args.engagement}: {done.result.subject}")
    for rel in done.files:
        say(f"  {rel}")
    say()
    say(purge_instructions(done, workspace.root))
    return 0


def _configure_privacy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("report",), help="report: the personal data held")
    add_repo_option(parser)
    add_format_option(parser)


def _privacy(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import NotARepository, report_json, report_text
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
    except NotARepository as error:
        return fail(str(error))
    report = workspace.privacy_report()
    days = workspace.retention_days()
    if args.format == "json":
        say_json(report_json(report, days))
    else:
        say("\n".join(report_text(report, days)))
    return 0


FORGET = Command(
    "forget",
    "pcsm forget ENGAGEMENT STAKEHOLDER_ID",
    "remove a person from every current file as one commit; says how to purge the history",
    _configure_forget,
    _forget,
)
PRIVACY = Command(
    "privacy",
    "pcsm privacy report [--format json]",
    "the personal data each engagement holds, since when, who left, retention warnings",
    _configure_privacy,
    _privacy,
)
