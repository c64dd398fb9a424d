"""`pcsm init` and `pcsm new`: create a central repository and engagements in it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..errors import PcsmError
from .base import Command, add_repo_option, completes, fail, refuse, say


def _configure_init(parser: argparse.ArgumentParser) -> None:
    completes(parser.add_argument("path", help="folder to create the repository in"), "dir")
    parser.add_argument("--name", help="the repository's display name (default: folder)")


def _init(args: argparse.Namespace) -> int:
    # start-up: service_setup loads only when this runs
    from ..service_setup import init_repository

    try:
        workspace = init_repository(Path(args.path), name=args.name)
    except PcsmError as error:  # the folder holds one already, git refused
        return refuse(error)
    say(f"created an empty pcsm repository in {workspace.root}")
    say(f"next: pcsm new SLUG --customer NAME --repo {args.path}")
    return 0


def _configure_new(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", help="folder name: lower-case letters, digits, dashes")
    parser.add_argument("--customer", required=True, help="the customer's organization")
    parser.add_argument("--initiative", default="", help="the customer's initiative")
    parser.add_argument("--csm", default="", help="team member id of the CSM")
    parser.add_argument("--start", type=dt.date.fromisoformat, help="start date YYYY-MM-DD")
    add_repo_option(parser)
    parser.add_argument(
        "--raci",
        choices=("standard", "empty"),
        default="standard",
        help="the RACI matrix starts with the framework's standard activities (default) or empty",
    )
    parser.add_argument(
        "--from-template",
        default="",
        metavar="NAME[,NAME...]",
        help="start these tools from team templates (pcsm template list)",
    )


def _new(args: argparse.Namespace) -> int:
    # start-up: service_setup loads only when this runs
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
        if args.csm:
            members = workspace.team_members()
            if members and args.csm not in members:
                return fail(
                    f"--csm {args.csm!r} is not a team member; pcsm.toml lists: "
                    f"{', '.join(sorted(members))}"
                )
        if args.from_template:
            result = workspace.create_from_templates(
                args.slug,
                args.customer,
                args.from_template.split(","),
                args.initiative,
                args.csm,
                args.start,
                raci_activities=args.raci == "standard",
            )
        else:
            result = workspace.create_engagement(
                args.slug,
                args.customer,
                args.initiative,
                args.csm,
                args.start,
                raci_activities=args.raci == "standard",
            )
    except (PcsmError, OSError) as error:  # a bad name (2), a refused save (1)
        return refuse(error)
    say(f"created engagements/{args.slug}/ ({result.subject})")
    return 0


INIT = Command(
    "init",
    "pcsm init PATH",
    "create an empty central repository (git init included)",
    _configure_init,
    _init,
)
NEW = Command(
    "new",
    "pcsm new SLUG --customer N",
    "start an engagement with every tool file and standard item pre-filled",
    _configure_new,
    _new,
)
