"""The milestone report for the customer: where the engagement stands, in our own words,
from its data (`pcsm report`, through the service; the app has no report action yet).

Sections: where we are (phase and progress), what was done since the last report (ticked
activities, measurements, decisions and the tools worked on, from the files and git's
history), value KPIs against their targets, go/no-go per adoption phase, open risks and
how they are handled, next steps, and the stakeholder matrix as a picture. Internal
working material (the stakeholder plan, our own time log, the engagement evaluation, the
health score) stays out. People are named by role; `--redact` replaces the names that the
data still holds (see io/redact.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..analysis.attention import tool_of
from ..analysis.next_steps import NextStep
from ..analysis.overview import Guide
from ..analysis.readiness import go_states
from ..analysis.stakeholder_matrix import stakeholder_matrix
from ..analysis.view import EngagementView
from ..framework.catalogue import TOOLS_BY_ID
from ..framework.definition import EVALUATION_PHASE
from ..models.adoption import Risks
from ..models.checklists import DECISION_TEXT, Readiness
from ..models.commitment import StakeholderPlanMonth
from ..models.evaluation import Evaluation, Reporting
from ..models.onboarding import ActivityLog
from ..models.value import ValueKpis
from ..store.atomic import write_atomic
from .report_doc import (
    Bullets,
    Document,
    Heading,
    Para,
    Picture,
    Table,
    render_docx,
    render_html,
    render_markdown,
)
from .report_picture import marks, matrix_png, matrix_svg

Form = Literal["docx", "md", "html"]

INTERNAL_STEPS = frozenset(
    {
        "plan-month-missing",
        "plan-rows-missing",
        "evaluation-missing",
        "strategy-activity-overdue",
    }
)
"""Next steps about our own working material (the stakeholder plan, our engagement
strategy, our evaluation): not for the customer's eyes."""


@dataclass(frozen=True)
class ReportInput:
    view: EngagementView
    guide: Guide
    since: dt.date | None
    """The day the last report was delivered (None: this is the first)."""
    worked_on: tuple[tuple[str, int], ...]
    """Tools changed since then (title, number of changes), from git's history."""
    people: Mapping[str, str]
    """Team member id -> how the report names them (name, or pseudonym when redacted)."""
    redacted: bool = False


def last_report_day(view: EngagementView, day: dt.date) -> dt.date | None:
    delivered = [
        r.delivered_on
        for r in view.get(Reporting).reports
        if r.delivered and r.delivered_on is not None and r.delivered_on <= day
    ]
    return max(delivered, default=None)


def _date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "—"


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:g}" + (f" {unit}" if unit else "")


def _since_lines(inp: ReportInput) -> list[str]:
    view, guide, since = inp.view, inp.guide, inp.since
    day = guide.today
    framework = view.framework
    # Our own evaluation (the framework's phase 7, wherever a team's phases put it) is not
    # the customer's business; a team's own phase after it is.
    told = [p for p in framework.phases if p.id != EVALUATION_PHASE]
    texts = {a.id: a.text for p in told for a in p.activities}

    def inside(when: dt.date | None) -> bool:
        return when is not None and when <= day and (since is None or when > since)

    lines = [
        f"Step done: {texts[activity]}"
        for activity, when in sorted(view.engagement.activities_done.items(), key=lambda i: i[1])
        if inside(when) and activity in texts
    ]
    kpis = view.get(ValueKpis)
    names = {k.id: k for k in kpis.kpis}
    for m in sorted(kpis.measurements, key=lambda m: m.date):
        if inside(m.date) and m.kpi in names:
            kpi = names[m.kpi]
            lines.append(f"Measured {kpi.kpi}: {_num(m.value, kpi.unit)} on {_date(m.date)}")
    for checklist in view.get(Readiness).checklists:
        for decision in checklist.decisions:
            if inside(decision.date):
                lines.append(
                    f"Go/no-go for {checklist.title}: {DECISION_TEXT[decision.decision]} on "
                    f"{_date(decision.date)}"
                )
    if inp.worked_on:
        worked = ", ".join(f"{title} ({count})" for title, count in inp.worked_on)
        lines.append(f"Documents updated: {worked}")
    return lines or ["No recorded changes in this period."]


def _kpi_table(guide: Guide) -> Table | Para:
    if not guide.kpis:
        return Para("No value KPIs have been agreed yet.")
    rows = tuple(
        (
            p.kpi.kpi,
            _num(p.kpi.baseline, p.kpi.unit),
            f"{_num(p.latest.value, p.kpi.unit)} ({p.latest.date.isoformat()})"
            if p.latest
            else "—",
            _num(p.kpi.target, p.kpi.unit),
            p.kpi.due.isoformat() if p.kpi.due else "—",
            p.status.replace("-", " "),
        )
        for p in guide.kpis
    )
    return Table(("KPI", "Baseline", "Latest", "Target", "Due", "Status"), rows)


def _go_table(inp: ReportInput) -> Table | Para:
    states = [
        s
        for s in go_states(inp.view.get(Readiness).checklists, inp.view.framework)
        if s.go_live or s.decision
    ]
    if not states:
        return Para("No adoption phase has a go-live date or a go/no-go decision yet.")
    rows = []
    for state in states:
        decision = state.decision
        who = ""
        if decision and decision.decided_by:
            who = inp.people.get(decision.decided_by, decision.decided_by)
        rows.append(
            (
                state.title,
                state.go_live.isoformat() if state.go_live else "—",
                state.decided,
                decision.date.isoformat() if decision else "—",
                who or "—",
                str(len(decision.open_items)) if decision else "—",
                f"{len(state.open)} of {state.total}",
            )
        )
    header = ("Adoption phase", "Go-live", "Decision", "Decided on", "By", "Open then", "Open now")
    return Table(header, tuple(rows))


def _risk_table(view: EngagementView) -> Table | Para:
    risks = [r for r in view.get(Risks).risks if r.is_open]
    if not risks:
        return Para("No open adoption risks.")
    risks.sort(key=lambda r: -(r.score or 0))
    rows = tuple(
        (
            r.name,
            str(r.score) if r.score is not None else "—",
            " ".join(r.strategy.split()) or "(no strategy yet)",
            r.accountable or r.responsible or "—",
        )
        for r in risks
    )
    return Table(("Risk", "Score", "How we handle it", "Owner"), rows)


def _steps(steps: tuple[NextStep, ...]) -> list[str]:
    shown = [s.reason for s in steps if s.rule not in INTERNAL_STEPS]
    return shown or ["Nothing outstanding: we carry on with the plan."]


def _matrix(view: EngagementView, day: dt.date) -> list[Heading | Para | Picture | Table]:
    months = [m for m in view.month_names() if m <= day.strftime("%Y-%m")]
    if not months:
        return []
    month = view.months[months[-1]]
    matrix = stakeholder_matrix(view.register, month, view.support_scale)
    if not matrix.points:
        return []
    items = marks(matrix)
    legend = tuple(
        (str(m.number), m.label, str(m.authority), str(m.interest), m.support) for m in items
    )
    scale = str(view.support_scale)
    return [
        Heading("Key stakeholders"),
        Para(
            "Where the initiative's key stakeholders stand, as of "
            f"{months[-1]}: authority over decisions (up) against interest in the "
            f"initiative (across), coloured by support ({scale}: red low, green high)."
        ),
        Picture(
            matrix_svg(items),
            matrix_png(items),
            f"Stakeholder matrix, {months[-1]}",
            "stakeholder-matrix",
        ),
        Table(("No.", "Stakeholder", "Authority", "Interest", "Support"), legend),
    ]


def milestone_report(inp: ReportInput) -> Document:
    view, guide = inp.view, inp.guide
    engagement = view.engagement
    phase = guide.phase
    document = Document(f"Milestone report: {engagement.customer}")
    csm = inp.people.get(engagement.csm, engagement.csm)
    facts = [f"Report date: {_date(guide.today)}"]
    if engagement.initiative:
        facts.insert(0, f"Initiative: {engagement.initiative}")
    if csm:
        facts.append(f"Customer Success Manager: {csm}")
    if inp.redacted:
        facts.append("Personal data replaced by roles and pseudonyms.")
    document.add(Bullets(tuple(facts)))
    document.add(
        Heading("Where we are"),
        Para(
            f"The engagement is in phase {phase.number} of 7, {phase.name}"
            + (f" ({phase.stage} stage)" if phase.stage else "")
            + f". {phase.ticked} of {len(phase.activities)} of this phase's steps are done."
        ),
    )
    if phase.overview:
        document.add(Para(phase.overview, italic=True))
    since = f"Since the last report ({_date(inp.since)})" if inp.since else "So far"
    document.add(Heading(since), Bullets(tuple(_since_lines(inp))))
    document.add(Heading("Value: KPIs against their targets"), _kpi_table(guide))
    document.add(Heading("Go / no-go by adoption phase"), _go_table(inp))
    document.add(Heading("Open risks and how we handle them"), _risk_table(view))
    document.add(Heading("Next steps"), Bullets(tuple(_steps(guide.next_steps))))
    document.add(*_matrix(view, guide.today))
    return document


def write_report(document: Document, path: Path, form: Form) -> list[Path]:
    """Write the report (atomically); a Markdown report gets its picture beside it as
    `<name>-<picture>.svg`. Returns every file written."""
    written = [path]
    if form == "docx":
        payload = render_docx(document)
    elif form == "html":
        payload = render_html(document).encode("utf-8")
    else:
        files: dict[str, str] = {}
        for block in document.blocks:
            if isinstance(block, Picture):
                picture = path.with_name(f"{path.stem}-{block.name}.svg")
                write_atomic(picture, block.svg.encode("utf-8"))
                files[block.name] = picture.name
                written.append(picture)
        payload = render_markdown(document, files).encode("utf-8")
    write_atomic(path, payload)
    return written


def changes_by_tool(subjects: list[str], slug: str) -> tuple[tuple[str, int], ...]:
    """Commit subjects (`<slug>: <tool>: ...`) counted per tool, most changed first; the
    customer-facing tools only (see `CUSTOMER_TOOLS`)."""
    counts: dict[str, int] = {}
    for subject in subjects:
        parts = subject.split(": ", 2)
        if len(parts) < 2 or parts[0] != slug:
            continue
        tool = TOOLS_BY_ID.get(parts[1].split(" ")[0])
        if tool is None or tool.id not in customer_tools():
            continue
        counts[tool.title] = counts.get(tool.title, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def customer_tools() -> frozenset[str]:
    """Tools whose content the customer sees in a report: not the stakeholder plan, our
    own time log, the engagement evaluation or personal evaluations."""

    internal = {tool_of(m) for m in (StakeholderPlanMonth, ActivityLog, Evaluation)}
    internal |= {t.id for t in TOOLS_BY_ID.values() if t.scope != "engagement"}
    return frozenset(TOOLS_BY_ID) - internal


__all__ = [
    "Form",
    "ReportInput",
    "changes_by_tool",
    "last_report_day",
    "milestone_report",
    "write_report",
]
