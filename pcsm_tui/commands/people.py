"""`pcsm people [ID]`: the team and a person's development from the shell.

Without an id: one line per person (role, engagements, latest evaluation, whether a plan
exists). With an id: the profile, the latest personal evaluation against the one before
and its CPD focus, the development plan, the engagements and the hours by RAPAE category;
`--xlsx F` / `--docx F` write the development plan to a file instead. Goes through the
service (`Workspace`) only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import Command, add_format_option, add_repo_option, completes, refuse, say, say_json

if TYPE_CHECKING:
    from ..analysis.people import PersonSummary, PersonView


def _configure(parser: argparse.ArgumentParser) -> None:
    completes(parser.add_argument("id", nargs="?", help="a team member's id (none: list)"), "none")
    add_format_option(parser)
    completes(
        parser.add_argument("--xlsx", type=Path, metavar="FILE", help="write the plan as .xlsx"),
        "file",
    )
    completes(
        parser.add_argument("--docx", type=Path, metavar="FILE", help="write the plan as .docx"),
        "file",
    )
    add_repo_option(parser)


def summary_json(row: PersonSummary) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "role": row.role,
        "engagements": row.engagements,
        "latest_evaluation": row.latest_evaluation.isoformat() if row.latest_evaluation else None,
        "has_plan": row.has_plan,
        "problems": list(row.problems),
    }


def summary_text(row: PersonSummary) -> str:
    latest = row.latest_evaluation.isoformat() if row.latest_evaluation else "no evaluation"
    plan = "plan" if row.has_plan else "no plan"
    role = f" · {row.role}" if row.role else ""
    return f"{row.id}  {row.name}{role} · {row.engagements} engagements · {latest} · {plan}"


def person_json(view: PersonView) -> dict[str, Any]:
    plan = view.development.model_dump(mode="json", exclude={"format_version"})
    return {
        "id": view.id,
        "profile": view.profile.model_dump(mode="json", exclude={"format_version"}),
        "evaluations": [e.model_dump(mode="json") for e in view.evaluations.evaluations],
        "cpd_focus": list(view.focus.areas) if view.focus else [],
        "development": plan,
        "engagements": [
            {
                "slug": e.slug,
                "customer": e.customer,
                "phase": e.phase,
                "status": e.status,
                "hours": e.hours,
            }
            for e in view.engagements
        ],
        "hours_by_rapae": {key: hours for key, _, hours in view.hours},
        "problems": list(view.problems),
    }


def person_text(view: PersonView) -> list[str]:
    profile = view.profile
    lines = [f"{view.name} ({view.id})"]
    lines += [
        f"  {label}: {value}"
        for label, value in (
            ("role", profile.role),
            ("team", profile.team),
            ("manager", profile.manager),
            ("email", profile.email),
        )
        if value
    ]
    latest, earlier = view.latest, view.earlier
    if latest is None:
        lines.append("Personal evaluation: none yet")
    else:
        against = f" (against {earlier.date})" if earlier else ""
        lines.append(f"Personal evaluation {latest.date}{against}:")
        for area in view.areas:
            now = latest.scores.get(area.id)
            before = earlier.scores.get(area.id) if earlier else None
            change = f"  (was {before})" if earlier and before is not None and before != now else ""
            lines.append(f"  {area.id} {area.name}: {'—' if now is None else now}{change}")
        focus = [f"{a} {view.area_name(a)}" for a in view.focus.areas] if view.focus else []
        lines.append(f"  CPD focus: {', '.join(focus) if focus else 'none stands out'}")
    plan = view.development
    lines.append(f"Vision: {plan.vision or '—'}")
    lines.append("Critical success factors:")
    lines += [f"  - {c.factor}" for c in plan.csfs] or ["  —"]
    lines.append("Planned activities:")
    lines += [
        f"  [{'x' if a.done else ' '}] {a.activity}"
        + (f" (by {a.target_date})" if a.target_date else "")
        for a in plan.activities
    ] or ["  —"]
    lines.append("Quarterly reviews:")
    for review in plan.reviews:
        who = f" with {review.reviewer}" if review.reviewer else ""
        lines.append(f"  {review.quarter}{who}: targets: {review.targets or '—'}")
        if review.progress:
            lines.append(f"    progress: {review.progress}")
        if review.notes:
            lines.append(f"    notes: {review.notes}")
    if not plan.reviews:
        lines.append("  —")
    lines.append("Engagements:")
    lines += [
        f"  {e.slug}  {e.customer} · phase {e.phase} · {e.status} · {e.hours:g} h"
        for e in view.engagements
    ] or ["  —"]
    lines.append("Hours by RAPAE category:")
    lines += [f"  {name}: {hours:g}" for _, name, hours in view.hours]
    return lines


def _run(args: argparse.Namespace) -> int:
    # start-up: the service loads only when this runs
    from ..service import Workspace

    workspace = Workspace(args.repo)
    try:
        if args.id is None:
            if args.xlsx or args.docx:
                return refuse(ValueError("--xlsx and --docx need a person's id"), 2)
            rows = workspace.people_summaries()
            if args.format == "json":
                say_json({"people": [summary_json(r) for r in rows]})
            else:
                for row in rows:
                    say(summary_text(row))
            problems = [p for r in rows for p in r.problems]
        else:
            view = workspace.person(args.id)
            problems = list(view.problems)
            written: list[Path] = []
            if args.xlsx is not None:
                written.append(workspace.export_development(args.id, args.xlsx, "xlsx"))
            if args.docx is not None:
                written.append(workspace.export_development(args.id, args.docx, "docx"))
            for path in written:
                say(f"wrote {path}")
            if not written:
                if args.format == "json":
                    say_json(person_json(view))
                else:
                    for line in person_text(view):
                        say(line)
    except Exception as error:  # every pcsm error is reported one way
        return refuse(error)
    for problem in dict.fromkeys(problems):
        say(f"pcsm: left out {problem}", file=sys.stderr)
    return 1 if problems else 0


PEOPLE = Command(
    "people",
    "pcsm people [ID] [--format json] [--xlsx FILE | --docx FILE]",
    "the team; a person's evaluations, development plan, engagements and hours",
    _configure,
    _run,
)
