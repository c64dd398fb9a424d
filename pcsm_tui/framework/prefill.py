"""The files of a new engagement, with the framework's standard items already in place.

Row ids of standard items are the framework's item ids, so the same question has the same
id in every engagement (which keeps merges, exports and comparisons simple).
"""

from __future__ import annotations

import datetime as dt

from ..models.adoption import AdoptionRequirements, PracticalConsideration, PracticalConsiderations
from ..models.adoption import Question as AdoptionQuestion
from ..models.base import FileModel
from ..models.checklists import (
    Readiness,
    ReadinessChecklist,
    ReadinessItem,
    ValueChecklist,
    ValueChecklists,
    ValueItem,
)
from ..models.commitment import Proposal, ProposalAspect, Raci, RaciActivity, RaciMatrix
from ..models.engagement import Engagement, Register
from ..models.onboarding import OnboardingPhase, OnboardingPlan
from ..models.preparation import Research, ResearchAnswer, StatusMilestone
from .catalogue import TOOLS
from .definition import Framework

ADOPTION_PHASES = 4
"""Readiness and value checklists start with one copy per adoption phase (more can be added)."""


def engagement_files(
    framework: Framework,
    customer: str,
    initiative: str = "",
    csm: str = "",
    start: dt.date | None = None,
    solution_phases: int = 1,
    raci_activities: bool = False,
) -> dict[str, FileModel]:
    """File name -> model for every file of a new engagement folder.

    `raci_activities`: the RACI matrix starts with the framework's standard activities
    (`pcsm new` and the app's wizard ask for them; the demo rebuilds its own matrices)."""
    files: dict[str, FileModel] = {
        "engagement.toml": Engagement(
            customer=customer,
            initiative=initiative,
            csm=csm,
            start_date=start,
            current_phase=framework.phases[0].number,  # phase 1 may be removed by the team
        ),
        "stakeholders.toml": Register(),
    }
    for tool in TOOLS:
        if tool.scope == "engagement":
            files[tool.file] = tool.model()
    files["research.toml"] = _research(framework, solution_phases)
    files["proposal.toml"] = Proposal(
        aspects=[ProposalAspect(id=a.id) for a in framework.proposal_aspects]
    )
    files["raci.toml"] = Raci(matrices=[raci_matrix(framework, raci_activities)])
    files["onboarding-plan.toml"] = OnboardingPlan(
        phases=[OnboardingPhase(id=p.id, name=p.name) for p in framework.onboarding_plan_phases]
    )
    files["adoption-requirements.toml"] = AdoptionRequirements(
        questions=[AdoptionQuestion(id=q.id, question=q.text) for q in framework.adoption_questions]
    )
    files["practical-considerations.toml"] = PracticalConsiderations(
        considerations=[
            PracticalConsideration(id=c.id, consideration=c.text)
            for c in framework.practical_considerations
        ]
    )
    files["readiness.toml"] = readiness_file(framework)
    files["value-checklist.toml"] = value_file(framework)
    return files


def raci_matrix(framework: Framework, standard: bool) -> RaciMatrix:
    """The first RACI matrix: empty, or the framework's standard activities (no codes yet:
    who does what is the customer's to say)."""
    activities = (
        [RaciActivity(id=a.id, name=a.text) for a in framework.raci_activities] if standard else []
    )
    return RaciMatrix(id="main", title="RACI matrix", activities=activities)


def _research(framework: Framework, solution_phases: int) -> Research:
    answers = [
        ResearchAnswer.model_validate({"id": q.id, "sheet": q.sheet, "question": q.text})
        for q in framework.research_questions
    ]
    status: list[StatusMilestone] = []
    for milestone in framework.status_milestones:
        if not milestone.per_solution_phase:
            status.append(StatusMilestone(id=milestone.id, milestone=milestone.text))
    for number in range(1, solution_phases + 1):
        for milestone in framework.status_milestones:
            if milestone.per_solution_phase:
                status.append(
                    StatusMilestone(
                        id=f"phase{number}-{milestone.id}",
                        milestone=milestone.text,
                        solution_phase=f"Phase {number}",
                    )
                )
    return Research(answers=answers, status=status)


def readiness_checklist(framework: Framework, number: int) -> ReadinessChecklist:
    return ReadinessChecklist(
        id=f"phase-{number}",
        title=f"Adoption phase {number}",
        items=[ReadinessItem(id=q.id, question=q.text) for q in framework.readiness_questions],
    )


def value_checklist(framework: Framework, number: int) -> ValueChecklist:
    return ValueChecklist(
        id=f"phase-{number}",
        title=f"Adoption phase {number}",
        items=[ValueItem(id=v.id, question=v.text) for v in framework.value_items],
    )


def readiness_file(framework: Framework) -> FileModel:

    return Readiness(
        checklists=[readiness_checklist(framework, n) for n in range(1, ADOPTION_PHASES + 1)]
    )


def value_file(framework: Framework) -> FileModel:
    return ValueChecklists(
        checklists=[value_checklist(framework, n) for n in range(1, ADOPTION_PHASES + 1)]
    )
