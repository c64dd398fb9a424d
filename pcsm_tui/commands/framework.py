"""`pcsm framework show`: the framework this repository works with, and what the team changed.

Every part (stages, phases, activities, item lists, bands, RACI roles, RAPAE categories,
scales, thresholds and rules), each entry marked against the shipped default: ` ` as
shipped, `*` changed (with the default), `+` added, `-` removed by framework.toml.
`--changed` lists only the team's changes; `--format json` is for scripts. A framework.toml
that does not apply is reported with its file and line (exit 1), and the defaults shown.
A scale pcsm.toml sets to something else is noted once at the top: pcsm.toml wins.
"""

from __future__ import annotations

import argparse
import sys

from .base import Command, add_format_option, add_repo_option, refuse, say, say_json


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("show",), help="show: the effective framework")
    parser.add_argument(
        "--changed", action="store_true", help="only what the team's framework.toml changed"
    )
    add_format_option(parser)
    add_repo_option(parser)


def _run(args: argparse.Namespace) -> int:
    # start-up: the service loads only when this runs
    from ..framework.effective import section_json, section_lines
    from ..service import Workspace

    try:
        view = Workspace(args.repo).framework_view()
    except Exception as error:  # every pcsm error is reported one way
        return refuse(error)
    sections = view.sections
    if args.changed:
        sections = tuple(s for s in sections if s.changed)
    if args.format == "json":
        say_json(
            {
                "customized": view.customized,
                "changed": view.changed,
                "problems": list(view.problems),
                "overrides": list(view.overrides),
                "sections": [section_json(s) for s in sections],
            }
        )
    else:
        where = "framework.toml" if view.customized else "no framework.toml: the defaults"
        say(
            f"The framework ({where}); {view.changed} entries changed · marks: * changed, "
            "+ added, - removed"
        )
        for note in view.overrides:
            say(f"Note: {note}")
        for section in sections:
            say()
            for line in section_lines(section, changed_only=args.changed):
                say(line)
    for problem in view.problems:
        say(f"pcsm: {problem} (the defaults stand in for it)", file=sys.stderr)
    return 1 if view.problems else 0


FRAMEWORK = Command(
    "framework",
    "pcsm framework show [--changed] [--format json]",
    "the framework this repository works with, marked where the team changed it",
    _configure,
    _run,
)
