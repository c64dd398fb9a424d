"""`pcsm guide` and `pcsm report`: the framework as a guide, for people, scripts and CI.

`pcsm guide ENGAGEMENT` prints the phase and its progress, the next steps with where each
is fixed, the health with its reasons and the strategy suggestions of the latest month;
`--format json` gives the same as data (keys `phase`, `progress`, `next_steps`, `health`,
`suggestions`, plus `go` and `kpis`). `pcsm report` writes the milestone report for the
customer. Both go through the service (`Workspace`) only.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import Command, add_format_option, add_repo_option, completes, fail, say, say_json

if TYPE_CHECKING:
    from ..analysis.overview import Guide
    from ..service_guide import ReportForm

LEVEL_ORDER = ("green", "amber", "red")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _common(parser: argparse.ArgumentParser) -> None:
    completes(
        parser.add_argument("engagement", help="the engagement's slug (its folder name)"),
        "engagement",
    )
    parser.add_argument(
        "--as-of",
        type=_day,
        metavar="YYYY-MM-DD",
        help="read the engagement as it was at the end of that day (from git's history)",
    )
    add_repo_option(parser)


def _configure_guide(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    add_format_option(parser)
    parser.add_argument(
        "--fail-on",
        choices=("amber", "red"),
        help="exit 1 when the health is at this level or worse (for CI)",
    )


def guide_json(guide: Guide) -> dict[str, Any]:
    phase = guide.phase
    return {
        "engagement": guide.slug,
        "customer": guide.customer,
        "as_of": guide.today.isoformat(),
        "phase": {
            "number": phase.number,
            "name": phase.name,
            "stage": phase.stage,
            "overview": phase.overview,
            "output": phase.output,
        },
        "progress": {
            "done": phase.ticked,
            "total": len(phase.activities),
            "share": round(phase.progress, 2),
            "steps": [
                {
                    "id": a.id,
                    "number": a.number,
                    "text": a.text,
                    "done": a.done.isoformat() if a.done else None,
                    "tools": list(a.tools),
                }
                for a in phase.activities
            ],
            "tools": [
                {"tool": t.tool, "title": t.title, "completeness": t.completeness}
                for t in phase.tools
            ],
        },
        "next_steps": [
            {
                "rule": s.rule,
                "reason": s.reason,
                "target": {
                    "engagement": s.target.engagement,
                    "tool": s.target.tool,
                    "path": list(s.target.path),
                    "month": s.target.month,
                },
            }
            for s in guide.next_steps
        ],
        "health": {
            "level": guide.health.level,
            "points": guide.health.points,
            "reasons": [
                {"rule": r.rule, "points": r.points, "text": r.text} for r in guide.health.reasons
            ],
            "support_trend": list(guide.support_trend),
        },
        "suggestions": [
            {
                "stakeholder": s.stakeholder,
                "role": s.role,
                "rule": s.rule,
                "strategy": s.strategy,
                "title": s.title,
                "follows": s.follows,
                "ignored": s.ignored,
                "reason": s.reason,
                "month": s.month,
            }
            for s in guide.suggestions
        ],
        "go": [
            {
                "checklist": g.checklist,
                "title": g.title,
                "go_live": g.go_live.isoformat() if g.go_live else None,
                "decision": g.decision.decision if g.decision else None,
                "decided_on": g.decision.date.isoformat() if g.decision else None,
                "open_then": list(g.decision.open_items) if g.decision else None,
                "open_now": list(g.open),
            }
            for g in guide.go
        ],
        "kpis": [
            {
                "kpi": p.kpi.id,
                "title": p.kpi.kpi,
                "status": p.status,
                "latest": p.latest.value if p.latest else None,
                "measured_on": p.latest.date.isoformat() if p.latest else None,
                "baseline": p.kpi.baseline,
                "target": p.kpi.target,
                "due": p.kpi.due.isoformat() if p.kpi.due else None,
                "expected": round(p.expected, 2) if p.expected is not None else None,
            }
            for p in guide.kpis
        ],
    }


def guide_text(guide: Guide) -> str:
    phase = guide.phase
    stage = f" ({phase.stage} stage)" if phase.stage else ""
    lines = [
        f"{guide.customer} ({guide.slug}): phase {phase.number} {phase.name}{stage}, "
        f"as of {guide.today.isoformat()}",
        f"Progress: {phase.ticked}/{len(phase.activities)} steps of the phase done "
        f"({phase.progress:.0%})",
    ]
    if phase.tools:
        lines.append(
            "  tools: " + ", ".join(f"{t.title} {t.completeness:.0%}" for t in phase.tools)
        )
    health = guide.health
    lines.append(f"Health: {health.level.upper()} ({health.points} point(s))")
    lines += [f"  - {line}" for line in health.lines()]
    if guide.support_trend:
        trend = " → ".join(f"{v:g}" for v in guide.support_trend)
        lines.append(f"  key stakeholders' support (of 10), month by month: {trend}")
    lines.append(f"Next steps ({len(guide.next_steps)}):")
    for number, step in enumerate(guide.next_steps, start=1):
        where = "/".join(step.target.path)
        month = f" {step.target.month}" if step.target.month else ""
        lines.append(f"  {number}. {step.reason}")
        lines.append(f"     → {step.target.tool}{month}{': ' + where if where else ''}")
    if not guide.next_steps:
        lines.append("  nothing outstanding")
    if guide.suggestions:
        lines.append(f"Strategy suggestions ({guide.suggestions[0].month}):")
        for s in guide.suggestions:
            state = "followed" if s.follows else "ignored" if s.ignored else "to decide"
            lines.append(f"  {s.role}: {s.strategy} {s.title} [{state}] ({s.reason})")
    if any(g.go_live or g.decision for g in guide.go):
        lines.append("Go/no-go:")
        lines += [f"  {g.summary()}" for g in guide.go if g.go_live or g.decision]
    if guide.kpis:
        lines.append("Value KPIs:")
        lines += [f"  {p.describe()}" for p in guide.kpis]
    return "\n".join(lines)


def _guide(args: argparse.Namespace) -> int:
    # start-up: service, service_guide load only when this runs
    from ..service import Workspace
    from ..service_guide import explain

    try:
        guide = Workspace(args.repo).guide(args.engagement, args.as_of)
    except Exception as error:
        known = explain(error)
        if known is None:
            raise
        return fail(*known)
    if args.format == "json":
        say_json(guide_json(guide))
    else:
        say(guide_text(guide))
    if args.fail_on and LEVEL_ORDER.index(guide.health.level) >= LEVEL_ORDER.index(args.fail_on):
        return 1
    return 0


def _configure_report(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("--docx", type=Path, metavar="FILE", help="write a Word document")
    out.add_argument(
        "--md", type=Path, metavar="FILE", help="write Markdown (the matrix as an SVG beside it)"
    )
    out.add_argument("--html", type=Path, metavar="FILE", help="write one HTML page")
    parser.add_argument(
        "--redact", action="store_true", help="replace people's names by roles and pseudonyms"
    )
    record = parser.add_mutually_exclusive_group()
    record.add_argument(
        "--record",
        metavar="AUDIENCE",
        help="add a delivered row to the reporting checklist: this report went to AUDIENCE",
    )
    record.add_argument(
        "--record-row",
        metavar="ID",
        help="mark the reporting checklist's row ID delivered today (as one commit)",
    )


def _report(args: argparse.Namespace) -> int:
    # start-up: service, service_guide load only when this runs
    from ..service import Workspace
    from ..service_guide import explain

    forms: tuple[ReportForm, ...] = ("docx", "md", "html")
    form, path = next((f, getattr(args, f)) for f in forms if getattr(args, f))
    workspace = Workspace(args.repo)
    try:
        written = workspace.write_report(args.engagement, path, form, args.as_of, args.redact)
        say("wrote the report to " + " and ".join(str(p) for p in written))
        if args.record or args.record_row:
            title = f"Milestone report, {(args.as_of or workspace.today).isoformat()}"
            result = workspace.record_report(
                args.engagement, title, audience=args.record or "", row=args.record_row
            )
            say(f"recorded in the reporting checklist: {result.subject}")
    except Exception as error:
        known = explain(error)
        if known is None:
            raise
        return fail(*known)
    return 0


GUIDE = Command(
    "guide",
    "pcsm guide ENG [--format json]",
    "phase and progress, next steps, health with reasons, strategy suggestions",
    _configure_guide,
    _guide,
)
REPORT = Command(
    "report",
    "pcsm report ENG --docx F|--md F|--html F",
    "a milestone report for the customer from the engagement's data",
    _configure_report,
    _report,
)
