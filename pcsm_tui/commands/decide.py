"""`pcsm decide`: record a go / no-go / not-yet decision for one adoption phase.

The readiness checklist's last question ("are we ready to go?") is a decision per adoption
phase (a copy of the checklist): this records it with its date, who decided and the items
open at that moment, as one commit, through the service (`Workspace.decide_go`) like the
app's go/no-go dialog. The commit names the phase and the decision, never the decider.
"""

from __future__ import annotations

import argparse

from .base import Command, add_repo_option, completes, fail, say
from .guide import _day

DECISIONS = ("go", "no-go", "not-yet")


def _configure(parser: argparse.ArgumentParser) -> None:
    completes(
        parser.add_argument("engagement", help="the engagement's slug (its folder name)"),
        "engagement",
    )
    parser.add_argument(
        "checklist",
        help="the readiness checklist copy (adoption phase) by its id, e.g. phase-1",
    )
    parser.add_argument("decision", choices=DECISIONS, help="the decision")
    parser.add_argument("--by", default="", metavar="NAME", help="who decided")
    parser.add_argument(
        "--date", type=_day, metavar="YYYY-MM-DD", help="the day it was decided (default: today)"
    )
    parser.add_argument("--comments", default="", help="a comment kept with the decision")
    add_repo_option(parser)


def _run(args: argparse.Namespace) -> int:
    # start-up: service, service_guide load only when this runs
    from ..service import Workspace
    from ..service_guide import explain

    try:
        result = Workspace(args.repo).decide_go(
            args.engagement, args.checklist, args.decision, args.by, args.date, args.comments
        )
    except Exception as error:
        known = explain(error)
        if known is None:
            raise
        return fail(*known)
    say(f"committed {result.sha[:7] if result.sha else '(nothing changed)'}: {result.subject}")
    return 0


DECIDE = Command(
    "decide",
    "pcsm decide ENG CHECKLIST go|no-go|not-yet",
    "record a go/no-go decision for one adoption phase (one commit)",
    _configure,
    _run,
)
