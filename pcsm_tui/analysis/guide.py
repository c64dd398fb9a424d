"""Phase guidance: what each phase is for, its activities with the tools they use, how far
the engagement is, and what is still open before it moves on.

Everything comes from the framework data (overviews, activities, their tools) and the
engagement's files; a team's framework.toml changes it without code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..framework.catalogue import TOOLS, TOOLS_BY_ID, Tool
from ..models.base import FileModel, iter_row_lists
from ..models.checklists import Readiness, ValueChecklists
from ..models.commitment import Proposal, Raci, activity_problems
from ..models.onboarding import OnboardingScore
from ..models.preparation import Research
from .next_steps import NextStep, next_steps
from .view import EngagementView

PROPOSAL_STATES = {"draft": 1 / 3, "sent": 2 / 3, "signed": 1.0}


@dataclass(frozen=True)
class ActivityGuide:
    id: str
    number: int
    text: str
    done: dt.date | None
    tools: tuple[str, ...]
    """Tool ids, in the order the framework data names them."""


@dataclass(frozen=True)
class ToolProgress:
    tool: str
    title: str
    completeness: float
    """0.0 (untouched) to 1.0, by the tool's own measure (see `tool_completeness`)."""


@dataclass(frozen=True)
class PhaseGuide:
    number: int
    name: str
    stage: str
    stage_overview: str
    overview: str
    output: str
    activities: tuple[ActivityGuide, ...]
    tools: tuple[ToolProgress, ...]
    """The tools of the phase and those its activities use."""

    @property
    def ticked(self) -> int:
        return sum(1 for a in self.activities if a.done is not None)

    @property
    def progress(self) -> float:
        """Share of the phase's activities ticked done."""
        return self.ticked / len(self.activities) if self.activities else 1.0


def _row_count(model: FileModel) -> int:
    return sum(len(rows) for loc, rows in iter_row_lists(model) if len(loc) == 1)


def tool_completeness(view: EngagementView, tool: Tool) -> float:
    """How complete a tool is: answered share of a form or checklist, rules met in a RACI,
    the proposal's state, scored aspects, the current month's plan; a table is complete
    once it has rows."""
    if tool.scope == "person":
        return 0.0
    if tool.scope == "monthly":
        latest = view.latest_month()
        if latest is None:
            return 0.0
        month = latest[1]
        return 1.0 if month.assessments and month.rows else 0.5
    model = view.get(tool.model)
    if isinstance(model, Proposal):
        return PROPOSAL_STATES[model.state]
    if isinstance(model, OnboardingScore):
        scored = [model.products_services, model.customization]
        scored += [model.adoption_needs, model.customer_maturity]
        return sum(1 for s in scored if s) / len(scored)
    if isinstance(model, Research):
        answered = sum(1 for a in model.answers if a.answer.strip())
        return answered / len(model.answers) if model.answers else 0.0
    if isinstance(model, (Readiness, ValueChecklists)):
        items = [i for c in model.checklists for i in c.items]
        return sum(1 for i in items if i.answer is not None) / len(items) if items else 0.0
    if isinstance(model, Raci):
        activities = [a for m in model.matrices for a in m.activities]
        if not activities:
            return 0.0
        return sum(1 for a in activities if not activity_problems(a)) / len(activities)
    answers = [q for q in getattr(model, "questions", []) if hasattr(q, "answer")]
    if answers:
        return sum(1 for q in answers if str(q.answer).strip()) / len(answers)
    return 1.0 if _row_count(model) else 0.0


def phase_guide(view: EngagementView, number: int | None = None) -> PhaseGuide:
    """The guide of phase `number` (default: the engagement's current phase)."""
    framework = view.framework
    phase = framework.phase(number or view.engagement.current_phase)
    stage = framework.stage_of(phase.number)
    done = view.engagement.activities_done
    activities = tuple(
        ActivityGuide(a.id, index, a.text, done.get(a.id), a.tools)
        for index, a in enumerate(phase.activities, start=1)
    )
    used = [t.id for t in TOOLS if t.phase == phase.number]
    used += [t for a in phase.activities for t in a.tools if t not in used]
    tools = tuple(
        ToolProgress(tool.id, tool.title, round(tool_completeness(view, tool), 2))
        for tool_id in dict.fromkeys(used)
        if (tool := TOOLS_BY_ID.get(tool_id)) is not None
    )
    return PhaseGuide(
        number=phase.number,
        name=phase.name,
        stage=stage.name if stage else "",
        stage_overview=stage.overview if stage else "",
        overview=phase.overview,
        output=phase.output,
        activities=activities,
        tools=tools,
    )


@dataclass(frozen=True)
class AdvanceCheck:
    """What is still open in the current phase: shown before moving on, to ask."""

    phase: int
    next_phase: int | None
    """None in the last phase."""
    unticked: tuple[ActivityGuide, ...]
    steps: tuple[NextStep, ...]
    """Next steps whose fix lies in a tool of this phase or an earlier one."""

    @property
    def clear(self) -> bool:
        return not self.unticked and not self.steps


def advance_check(view: EngagementView, today: dt.date) -> AdvanceCheck:
    guide = phase_guide(view)
    later = [p.number for p in view.framework.phases if p.number > guide.number]
    phase_of = {t.id: t.phase for t in TOOLS}
    steps = tuple(
        s for s in next_steps(view, today) if phase_of.get(s.target.tool, 0) <= guide.number
    )
    return AdvanceCheck(
        phase=guide.number,
        next_phase=min(later) if later else None,  # a removed phase is skipped
        unticked=tuple(a for a in guide.activities if a.done is None),
        steps=steps,
    )


__all__ = [
    "ActivityGuide",
    "AdvanceCheck",
    "PhaseGuide",
    "ToolProgress",
    "advance_check",
    "phase_guide",
    "tool_completeness",
]
