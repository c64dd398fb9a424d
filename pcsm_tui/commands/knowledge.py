"""`pcsm knowledge search`: the team's knowledge base from the shell.

Every engagement-evaluation entry of the repository (lessons learned, challenges solved,
successes, ...) matched by words and filters, newest first; `--format json` for scripts.
Goes through the service (`Workspace`) only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from .base import Command, add_format_option, add_repo_option, completes, refuse, say, say_json

if TYPE_CHECKING:
    from ..analysis.knowledge import KnowledgeEntry


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _phase(text: str) -> int:
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a phase: give a number from 1 to 7")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("search",), help="search: find entries")
    parser.add_argument(
        "words", nargs="*", help="words that must all appear (any case; none lists everything)"
    )
    parser.add_argument("--category", default="", help="a category, by id or name")
    completes(
        parser.add_argument("--engagement", default="", help="one engagement's slug"),
        "engagement",
    )
    parser.add_argument("--csm", default="", help="a team member, by id or name")
    parser.add_argument("--phase", type=_phase, help="the phase (1-7) the entry is about")
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="entries from this day")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="entries up to this day")
    add_format_option(parser)
    add_repo_option(parser)


def entry_json(entry: KnowledgeEntry) -> dict[str, Any]:
    return {
        "engagement": entry.engagement,
        "customer": entry.customer,
        "csm": entry.csm,
        "csm_name": entry.csm_name,
        "id": entry.entry_id,
        "category": entry.category,
        "category_name": entry.category_name,
        "phase": entry.phase,
        "date": entry.date.isoformat() if entry.date else None,
        "text": entry.text,
    }


def entry_text(entry: KnowledgeEntry) -> str:
    when = entry.date.isoformat() if entry.date else "undated"
    phase = f" · phase {entry.phase}" if entry.phase else ""
    who = f" · {entry.csm_name}" if entry.csm_name else ""
    head = f"{entry.category_name} · {entry.customer} ({entry.engagement}){phase}{who} · {when}"
    body = "\n".join(f"    {line}" for line in entry.text.splitlines() or [""])
    return f"{head}\n{body}"


def _run(args: argparse.Namespace) -> int:
    # start-up: analysis.knowledge, service load only when this runs
    from ..analysis.knowledge import KnowledgeQuery
    from ..service import Workspace

    query = KnowledgeQuery(
        text=" ".join(args.words),
        category=args.category,
        engagement=args.engagement,
        csm=args.csm,
        phase=args.phase,
        since=args.since,
        until=args.until,
    )
    try:
        found, base = Workspace(args.repo).search_knowledge(query)
    except Exception as error:  # every pcsm error is reported one way
        return refuse(error)
    if args.format == "json":
        say_json(
            {
                "entries": [entry_json(e) for e in found],
                "searched": len(base.entries),
                "unreadable": base.unreadable,
            }
        )
    else:
        for entry in found:
            say(entry_text(entry))
        say(f"{len(found)} of {len(base.entries)} entries")
    for rel, why in base.unreadable.items():
        say(f"pcsm: {rel} was left out: {why}", file=sys.stderr)
    return 1 if base.unreadable else 0


KNOWLEDGE = Command(
    "knowledge",
    "pcsm knowledge search [WORDS...] [--category C] [--engagement E] [--csm P] [--phase N]",
    "search the team's knowledge base: every engagement's evaluation entries",
    _configure,
    _run,
)
