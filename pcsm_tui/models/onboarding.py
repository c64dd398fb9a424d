"""Phase 3 tools: onboarding scoring, requirements, work plan and the CSM's activity log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from .base import (
    FileModel,
    FrameworkChoice,
    Hours,
    Money,
    Row,
    Score0to5,
    Score0to10,
    Text,
    check_date_order,
)


class OnboardingScore(FileModel):
    """`onboarding-score.toml`: the onboarding scoring matrix (tool 7), a ready reckoner.

    Total and band are computed (see `pcsm_tui.analysis.onboarding`), never stored.
    """

    kind: ClassVar[str] = "onboarding-score"

    products_services: Score0to5 = 0
    """0 simple ... 5 complex."""
    customization: Score0to5 = 0
    """0 minimum ... 5 maximum."""
    adoption_needs: Score0to5 = 0
    """0 simple ... 5 complex."""
    customer_maturity: Score0to5 = 0
    """0 high maturity ... 5 low maturity."""
    notes: Text = ""

    # No `band` here: it depends on the repository's framework, which a file alone does not
    # know (a property read the default framework, so a repository's own bands were ignored).

    @property
    def total(self) -> int:
        return (
            self.products_services
            + self.customization
            + self.adoption_needs
            + self.customer_maturity
        )


RequirementStatus = Literal["proposed", "agreed", "in-progress", "done", "dropped"]


class OnboardingRequirement(Row):
    label_field: ClassVar[str] = "requirement"
    public_fields: ClassVar[frozenset[str]] = frozenset({"requirement"})

    requirement: str
    details: Text = ""
    agreed_scope: Text = ""
    owner: str = ""
    status: RequirementStatus = "proposed"
    start: dt.date | None = None
    deadline: dt.date | None = None
    communication: Text = ""
    reporting: Text = ""
    fees: Money | None = None
    """Professional-services fees, if any."""

    @model_validator(mode="after")
    def _dates(self) -> OnboardingRequirement:
        check_date_order(self.start, self.deadline, "start", "deadline")
        return self


class OnboardingRequirements(FileModel):
    """`onboarding-requirements.toml`: generic and customized requirements (tool 8)."""

    kind: ClassVar[str] = "onboarding-requirements"

    generic: list[OnboardingRequirement] = Field(default_factory=list)
    customized: list[OnboardingRequirement] = Field(default_factory=list)


class OnboardingActivity(Row):
    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name"})

    no: int = Field(default=1, ge=1)
    name: str
    description: Text = ""
    outcome: Text = ""
    people: str = ""
    """Who is responsible."""
    assets: Text = ""
    """Assets and resources."""
    start: dt.date | None = None
    end: dt.date | None = None
    impacted: Text = ""
    """Who is impacted."""
    measurement: Text = ""
    reporting: Text = ""
    risks: Text = ""
    """Risks and contingencies."""
    dependencies: Text = ""

    @model_validator(mode="after")
    def _dates(self) -> OnboardingActivity:
        check_date_order(self.start, self.end, "start", "end")
        return self


class OnboardingPhase(Row):
    """One phase of the onboarding project, with its outcome and activities."""

    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name"})

    name: str
    outcome: Text = ""
    activities: list[OnboardingActivity] = Field(default_factory=list)


class OnboardingPlan(FileModel):
    """`onboarding-plan.toml`: the onboarding work plan (tool 9)."""

    kind: ClassVar[str] = "onboarding-plan"

    phases: list[OnboardingPhase] = Field(default_factory=list)


RAPAE_DEFAULTS = ("research", "analysis", "planning", "action", "evaluation")
Rapae = Annotated[
    str,
    FrameworkChoice("rapae", RAPAE_DEFAULTS),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
]
"""A RAPAE category id: the framework's five, or a team's own (framework.toml
`[items.rapae]`); one the framework does not have is listed by `pcsm validate`."""


TaskState = Literal["proposed", "planned", "in-progress", "done"]
"""Where a logged activity stands. The log is also the manager's review of a CSM's work:
past (done), current (in-progress) and what is planned or only proposed for approval.
Rows written before states existed are past work, hence the default "done"."""


class TrackedTask(Row):
    no: int = Field(default=1, ge=1)
    date: dt.date | None = None
    description: Text
    rapae: Rapae | None = None
    """RAPAE category of the task: research, analysis, planning, action, evaluation, or a
    team's own (framework.toml [items.rapae])."""
    time_spent: Hours = 0
    """Hours."""
    outputs: Text = ""
    customer_outcomes: Text = ""
    company_outcomes: Text = ""
    success_rating: Score0to10 | None = None
    comments: Text = ""
    state: TaskState = "done"
    """Declared last: a new row's dialog asks for the first fields, and most rows logged are
    done work (the default)."""


class ActivityLog(FileModel):
    """`activity-log.toml`: CSM activity tracking (tool 10)."""

    kind: ClassVar[str] = "activity-log"

    tasks: list[TrackedTask] = Field(default_factory=list)

    @property
    def hours(self) -> float:
        """Hours spent: on done and current tasks (a planned or proposed task's hours are
        an estimate, not time spent)."""
        return sum(t.time_spent for t in self.tasks if t.state in ("done", "in-progress"))

    def by_state(self, state: TaskState) -> list[TrackedTask]:
        return [t for t in self.tasks if t.state == state]
