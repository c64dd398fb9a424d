"""Phase 1 tools: the customer research checklist and the engagement strategy."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from .base import FileModel, Percent, PhaseNumber, Row, Text, check_date_order

ResearchSheet = Literal[
    "customer", "solution", "initiative", "csm-outcomes", "stakeholders", "third-parties"
]


class ResearchAnswer(Row):
    """A question of one research sheet and what the CSM found out."""

    label_field: ClassVar[str] = "question"
    public_fields: ClassVar[frozenset[str]] = frozenset({"question"})

    sheet: ResearchSheet
    question: str
    answer: Text = ""


class StatusMilestone(Row):
    """A row of the research checklist's current-status sheet."""

    label_field: ClassVar[str] = "milestone"
    public_fields: ClassVar[frozenset[str]] = frozenset({"milestone", "solution_phase"})

    milestone: str
    solution_phase: str = ""
    """For the per-solution-phase milestones: the solution phase's name."""

    done: bool = False
    percent_complete: Percent = 0
    start: dt.date | None = None
    anticipated_completion: dt.date | None = None
    actual_completion: dt.date | None = None
    comments: Text = ""

    @model_validator(mode="after")
    def _dates(self) -> StatusMilestone:
        check_date_order(self.start, self.anticipated_completion, "start", "anticipated_completion")
        check_date_order(self.start, self.actual_completion, "start", "actual_completion")
        return self


class InformationGap(Row):
    """An assumption to validate or a question to put to the customer."""

    kind: Literal["assumption", "question"] = "question"
    text: Text
    answer: Text = ""
    resolved: bool = False


class Research(FileModel):
    """`research.toml`: the customer research checklist (tool 1)."""

    kind: ClassVar[str] = "research"

    answers: list[ResearchAnswer] = Field(default_factory=list)
    status: list[StatusMilestone] = Field(default_factory=list)
    gaps: list[InformationGap] = Field(default_factory=list)


class StrategyActivity(Row):
    """A planned activity of one phase; together they make the engagement roadmap."""

    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name"})
    number_group: ClassVar[tuple[str, ...]] = ("phase",)

    phase: PhaseNumber
    no: int = Field(default=1, ge=1)
    name: str
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None
    completed: bool = False
    description: Text = ""

    @model_validator(mode="after")
    def _dates(self) -> StrategyActivity:
        check_date_order(self.planned_start, self.planned_end, "planned_start", "planned_end")
        return self


class EngagementStrategy(FileModel):
    """`strategy.toml`: the customer engagement strategy (tool 2)."""

    public_fields: ClassVar[frozenset[str]] = frozenset({"cadence"})

    kind: ClassVar[str] = "strategy"

    goals: Text = ""
    """What this engagement must achieve, for the customer and for us."""

    approach: Text = ""
    """How we will work with the customer: style, focus, who leads what."""
    cadence: str = ""
    """How often we meet and report."""
    success_measures: Text = ""
    notes: Text = ""
    activities: list[StrategyActivity] = Field(default_factory=list)
