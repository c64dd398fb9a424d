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

from ..models.base import RowId
from ..models.scales import Scale


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Item(_Frozen):
    """A standard item of any list: an id and its text."""

    id: RowId
    text: str


class Activity(Item):
    """One numbered step of a phase's activity guide."""


class Phase(_Frozen):
    number: Annotated[int, Field(ge=1, le=7)]
    id: str
    name: str
    stage: str
    output: str = ""
    activities: tuple[Activity, ...] = ()


class Stage(_Frozen):
    id: str
    name: str
    phases: tuple[int, ...]


class StatusMilestone(Item):
    per_solution_phase: bool = False


class ResearchQuestion(Item):
    sheet: str


class ReadinessQuestion(Item):
    go_question: bool = False


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
    """Thresholds on the 0..10 figures for suggesting stakeholder strategies."""

    high_authority: int = 7
    high_interest: int = 7
    high_support: int = 8
    low_support: int = 5
    low_interest: int = 5


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
    scales: dict[str, str] = Field(default_factory=dict)
    strategy_rules: StrategyRules = Field(default_factory=StrategyRules)

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        numbers = [p.number for p in self.phases]
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            raise ValueError(f"phases must be numbered 1..N without gaps, got {numbers}")
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
        for phase in self.phases:
            if phase.number == number:
                return phase
        raise KeyError(number)

    def activity_ids(self) -> set[str]:
        return {a.id for p in self.phases for a in p.activities}

    def scale(self, name: str) -> Scale:
        from ..models.scales import DEFAULT_SCALES

        text = self.scales.get(name)
        return Scale.parse(text) if text else DEFAULT_SCALES[name]

    def band_for(self, total: int) -> OnboardingBand | None:
        for band in self.onboarding_bands:
            if band.min <= total <= band.max:
                return band
        return None
