"""The framework definition as validated data: stages, phases, activities, standard items.

The defaults ship as `data/framework.toml`; a repository's own `framework.toml` can rename,
remove and add activities and standard items and choose scales (see `customize.py`).
Everything downstream (new engagements, validation, the wheel, suggestions) reads this
object, never hard-coded lists.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..models.base import MAX_PHASE, RowId
from ..models.scales import DEFAULT_SCALES, Scale

EVALUATION_PHASE = "engagement-evaluation"
"""The id of the framework's phase 7, the CSM's own evaluation: kept out of what the
customer reads (a milestone report), whatever phases a team adds after it."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Item(_Frozen):
    """A standard item of any list: an id and its text."""

    id: RowId
    text: str


class Activity(Item):
    """One numbered step of a phase's activity guide."""

    tools: tuple[str, ...] = ()
    """Ids of the tools (catalogue.TOOLS) the step is done in: where the guide jumps to."""


class Phase(_Frozen):
    number: Annotated[int, Field(ge=1, le=MAX_PHASE)]
    id: str
    name: str
    stage: str
    output: str = ""
    overview: str = ""
    """What the phase is for and what it leaves behind, in a few sentences."""
    activities: tuple[Activity, ...] = ()


class Stage(_Frozen):
    id: str
    name: str
    phases: tuple[int, ...]
    overview: str = ""


class StatusMilestone(Item):
    per_solution_phase: bool = False


class ResearchQuestion(Item):
    sheet: str


class ReadinessQuestion(Item):
    go_question: bool = False
    good_answer: bool = True
    """The answer that means "ready": no for a question such as "is anything else left to
    do?", yes for the others (and for a CSM's own items)."""


class ValueItem(Item):
    detail: str = ""


class OnboardingAspect(_Frozen):
    id: RowId
    name: str
    low: str
    high: str
    help: str = ""


class OnboardingBand(_Frozen):
    id: RowId
    name: str
    min: int
    max: int
    meaning: str = ""


class Named(_Frozen):
    id: str
    name: str


class ProposalAspect(_Frozen):
    id: RowId
    name: str
    description: str


class Rapae(_Frozen):
    id: str
    name: str
    help: str = ""


class RaciRole(_Frozen):
    id: str
    name: str
    definition: str


class StrategyRules(_Frozen):
    """Thresholds on the 0..10 figures for suggesting stakeholder strategies.

    The defaults reproduce the worked example (see `analysis/suggestions.py`): A needs
    authority and interest at or above their thresholds, B high authority with interest and
    support at or below theirs, C is every other key stakeholder, D support at or above
    `high_support`.
    """

    high_authority: int = Field(default=6, ge=0, le=10)
    high_interest: int = Field(default=6, ge=0, le=10)
    high_support: int = Field(default=8, ge=0, le=10)
    low_support: int = Field(default=5, ge=0, le=10)
    low_interest: int = Field(default=5, ge=0, le=10)


class HealthRules(_Frozen):
    """Points and thresholds of the engagement health (analysis/health.py): a team tunes
    them in its framework.toml under `[health]`. Each finding adds its points; the level
    is green below `amber_at`, red from `red_at`."""

    amber_at: int = Field(default=2, ge=1)
    red_at: int = Field(default=5, ge=1)
    overdue_item: int = Field(default=1, ge=0)
    overdue_cap: int = Field(default=3, ge=0)
    open_high_risk: int = Field(default=2, ge=0)
    high_risk_share: float = Field(default=0.7, gt=0, le=1)
    high_risk_cap: int = Field(default=4, ge=0)
    no_go: int = Field(default=3, ge=0)
    not_ready: int = Field(default=2, ge=0)
    not_ready_days: int = Field(default=14, ge=0)
    go_live_passed: int = Field(default=2, ge=0)
    support_months: int = Field(default=6, ge=2, le=36)
    support_drop: float = Field(default=1.0, gt=0, le=10)
    support_falling: int = Field(default=2, ge=0)
    low_support: float = Field(default=4.0, ge=0, le=10)
    support_low: int = Field(default=2, ge=0)
    unsigned_from_phase: int = Field(default=3, ge=1, le=MAX_PHASE)
    unsigned_proposal: int = Field(default=2, ge=0)
    complex_bands: tuple[str, ...] = ("fairly-complex", "highly-complex")
    complex_onboarding: int = Field(default=1, ge=0)
    kpi_behind: int = Field(default=2, ge=0)
    kpi_cap: int = Field(default=4, ge=0)
    stale_days: int = Field(default=30, ge=1)
    stale: int = Field(default=1, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> HealthRules:
        if self.red_at <= self.amber_at:
            raise ValueError(
                f"health: red_at ({self.red_at}) must be above amber_at ({self.amber_at})"
            )
        return self


class GuideRules(_Frozen):
    """How far ahead the next steps look (analysis/next_steps.py); `[guide]` in
    framework.toml."""

    go_live_days: int = Field(default=30, ge=0)
    report_days: int = Field(default=7, ge=0)
    kpi_stale_days: int = Field(default=45, ge=1)
    kpi_tolerance: float = Field(default=0.1, ge=0, le=1)
    """How far (a share of the distance from baseline to target) a KPI may lag the straight
    path from its baseline to its target before it counts as behind."""
    evaluation_from_phase: int = Field(default=7, ge=1, le=MAX_PHASE)


class Framework(_Frozen):
    """The whole framework a repository works with."""

    format_version: int = 1
    stages: tuple[Stage, ...]
    phases: tuple[Phase, ...]
    status_milestones: tuple[StatusMilestone, ...] = ()
    research_questions: tuple[ResearchQuestion, ...] = ()
    practical_considerations: tuple[Item, ...] = ()
    readiness_questions: tuple[ReadinessQuestion, ...] = ()
    value_items: tuple[ValueItem, ...] = ()
    adoption_questions: tuple[Item, ...] = ()
    onboarding_aspects: tuple[OnboardingAspect, ...] = ()
    onboarding_bands: tuple[OnboardingBand, ...] = ()
    onboarding_plan_phases: tuple[Named, ...] = ()
    evaluation_categories: tuple[Named, ...] = ()
    evaluation_areas: tuple[Named, ...] = ()
    proposal_aspects: tuple[ProposalAspect, ...] = ()
    proposal_preamble: str = ""
    rapae: tuple[Rapae, ...] = ()
    raci_roles: tuple[RaciRole, ...] = ()
    raci_activities: tuple[Item, ...] = ()
    """The activities a new engagement's RACI matrix starts with (`pcsm new`)."""
    scales: dict[str, str] = Field(default_factory=dict)
    strategy_rules: StrategyRules = Field(default_factory=StrategyRules)
    health: HealthRules = Field(default_factory=HealthRules)
    guide: GuideRules = Field(default_factory=GuideRules)

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        numbers = [p.number for p in self.phases]
        if not numbers or numbers != sorted(set(numbers)):
            # Gaps are allowed: a team may remove phases (framework.toml [phases] remove),
            # and the others keep their numbers, which engagements refer to.
            raise ValueError(f"phases must be numbered in order, each once, got {numbers}")
        stage_ids = {s.id for s in self.stages}
        for phase in self.phases:
            if phase.stage not in stage_ids:
                raise ValueError(f"phase {phase.number} names unknown stage {phase.stage!r}")
        ids = [a.id for p in self.phases for a in p.activities]
        duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)  # linear
        if duplicates:
            raise ValueError(f"activity ids must be unique; repeated: {', '.join(duplicates)}")
        for name, text in self.scales.items():
            Scale.parse(text)
            if name not in ("support", "risk"):
                raise ValueError(f"unknown scale {name!r}; the scales are support and risk")
        bands = sorted(self.onboarding_bands, key=lambda b: b.min)
        for before, after in itertools.pairwise(bands):
            if after.min != before.max + 1:
                raise ValueError(
                    f"onboarding bands must follow each other: {before.name} ends at "
                    f"{before.max}, {after.name} starts at {after.min}"
                )
        return self

    def phase(self, number: int) -> Phase:
        """Phase `number`; a phase the team removed (or never had) is a stand-in with no
        activities, named as removed, so an engagement still in it shows rather than fails
        (`pcsm validate` lists it)."""
        for phase in self.phases:
            if phase.number == number:
                return phase
        return Phase(
            number=max(1, min(MAX_PHASE, number)),
            id=f"removed-{number}",
            name="(removed from the framework)",
            stage="",
        )

    def choices(self, list_name: str, optional: bool = False) -> list[tuple[str, str | None]]:
        """(name, id) of each entry of a list a field chooses from (a FrameworkChoice
        field, models/base.py), a team's own entries included; none for "" (no list)."""
        entries = getattr(self, list_name, ()) if list_name else ()
        found: list[tuple[str, str | None]] = [
            (str(getattr(e, "name", "") or getattr(e, "text", "") or e.id), e.id) for e in entries
        ]
        return [("(none)", None), *found] if found and optional else found

    def has_phase(self, number: int) -> bool:
        return any(phase.number == number for phase in self.phases)

    def stage_of(self, number: int) -> Stage | None:
        return next((s for s in self.stages if number in s.phases), None)

    def activity_ids(self) -> set[str]:
        return {a.id for p in self.phases for a in p.activities}

    def scale(self, name: str) -> Scale:

        text = self.scales.get(name)
        return Scale.parse(text) if text else DEFAULT_SCALES[name]

    def band_for(self, total: int) -> OnboardingBand | None:
        for band in self.onboarding_bands:
            if band.min <= total <= band.max:
                return band
        return None
