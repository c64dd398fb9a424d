"""The tool registry: every framework tool declared once.

Editors, validation, schemas, export and history are generic over this list, so a new tool
is a model plus an entry here, not a new screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models.adoption import (
    AdoptionActivities,
    AdoptionRequirements,
    Barriers,
    Capabilities,
    ImpactedGroups,
    PracticalConsiderations,
    Risks,
)
from ..models.base import FileModel
from ..models.checklists import Challenges, Readiness, ValueChecklists
from ..models.commitment import Proposal, Raci, StakeholderPlanMonth
from ..models.engagement import Engagement, Register
from ..models.evaluation import Evaluation, Reporting
from ..models.onboarding import ActivityLog, OnboardingPlan, OnboardingRequirements, OnboardingScore
from ..models.people import Development, PersonalEvaluations, Profile
from ..models.preparation import EngagementStrategy, Research
from ..models.repository import RepoSettings
from ..models.value import ValueKpis
from .customize import FrameworkCustomization

Shape = Literal["form", "table", "checklist", "document", "scoring", "raci", "chart"]
Scope = Literal["engagement", "monthly", "person"]


@dataclass(frozen=True)
class Tool:
    """One of the framework's 23 tools, or a tool pcsm adds to them (24: value KPIs)."""

    number: int
    id: str
    title: str
    phase: int
    file: str
    """File name in the engagement folder (or person folder); a folder for monthly tools."""
    model: type[FileModel]
    shape: Shape
    scope: Scope = "engagement"


TOOLS: tuple[Tool, ...] = (
    Tool(1, "research", "Customer Research Checklist", 1, "research.toml", Research, "form"),
    Tool(
        2,
        "strategy",
        "Customer Engagement Strategy",
        1,
        "strategy.toml",
        EngagementStrategy,
        "table",
    ),
    Tool(3, "proposal", "Customer Success Proposal", 2, "proposal.toml", Proposal, "document"),
    Tool(4, "raci", "RACI Matrix", 2, "raci.toml", Raci, "raci"),
    Tool(
        5,
        "stakeholder-matrix",
        "Stakeholder Management Matrix",
        2,
        "stakeholder-plan",
        StakeholderPlanMonth,
        "chart",
        "monthly",
    ),
    Tool(
        6,
        "stakeholder-plan",
        "Stakeholder Management Plan",
        2,
        "stakeholder-plan",
        StakeholderPlanMonth,
        "table",
        "monthly",
    ),
    Tool(
        7,
        "onboarding-score",
        "Customer Onboarding Scoring Matrix",
        3,
        "onboarding-score.toml",
        OnboardingScore,
        "scoring",
    ),
    Tool(
        8,
        "onboarding-requirements",
        "Onboarding Requirements Capture",
        3,
        "onboarding-requirements.toml",
        OnboardingRequirements,
        "table",
    ),
    Tool(
        9,
        "onboarding-plan",
        "Onboarding Work Plan",
        3,
        "onboarding-plan.toml",
        OnboardingPlan,
        "table",
    ),
    Tool(10, "activity-log", "CSM Activity Tracking", 3, "activity-log.toml", ActivityLog, "table"),
    Tool(
        11,
        "adoption-requirements",
        "Adoption Requirements Questionnaire",
        4,
        "adoption-requirements.toml",
        AdoptionRequirements,
        "form",
    ),
    Tool(
        12,
        "capabilities",
        "Capabilities & Processes",
        4,
        "capabilities.toml",
        Capabilities,
        "table",
    ),
    Tool(
        13, "impacted-groups", "Impacted Groups", 4, "impacted-groups.toml", ImpactedGroups, "table"
    ),
    Tool(
        14,
        "adoption-activities",
        "Adoption Activities",
        4,
        "adoption-activities.toml",
        AdoptionActivities,
        "table",
    ),
    Tool(
        15,
        "practical-considerations",
        "Practical Considerations",
        4,
        "practical-considerations.toml",
        PracticalConsiderations,
        "table",
    ),
    Tool(16, "barriers", "Adoption Barriers", 4, "barriers.toml", Barriers, "table"),
    Tool(17, "risks", "Adoption Risks", 4, "risks.toml", Risks, "table"),
    Tool(
        18, "readiness", "Adoption Readiness Checklist", 5, "readiness.toml", Readiness, "checklist"
    ),
    Tool(
        19,
        "challenges",
        "Challenges & Changes Checklist",
        6,
        "challenges.toml",
        Challenges,
        "table",
    ),
    Tool(
        20,
        "value-checklist",
        "Value Realization Activity Checklist",
        6,
        "value-checklist.toml",
        ValueChecklists,
        "checklist",
    ),
    Tool(
        24,
        "value-kpis",
        "Value Realization KPIs",
        6,
        "value-kpis.toml",
        ValueKpis,
        "table",
    ),
    Tool(
        21, "reporting", "Engagement Reporting Checklist", 7, "reporting.toml", Reporting, "table"
    ),
    Tool(22, "evaluation", "Engagement Evaluation", 7, "evaluation.toml", Evaluation, "table"),
    Tool(
        23,
        "personal-evaluation",
        "Personal Evaluation",
        7,
        "personal-evaluations.toml",
        PersonalEvaluations,
        "chart",
        "person",
    ),
)

TOOLS_BY_ID: dict[str, Tool] = {tool.id: tool for tool in TOOLS}

_FILE_MODEL_CLASSES: tuple[type[FileModel], ...] = (
    RepoSettings,
    FrameworkCustomization,
    Engagement,
    Register,
    Profile,
    Development,
    *(tool.model for tool in TOOLS),
)
FILE_MODELS: dict[str, type[FileModel]] = {model.kind: model for model in _FILE_MODEL_CLASSES}
"""Every file kind -> its model (used by validation and `pcsm schemas`)."""

ENGAGEMENT_FILES: dict[str, str] = {
    "engagement.toml": Engagement.kind,
    "stakeholders.toml": Register.kind,
    **{t.file: t.model.kind for t in TOOLS if t.scope == "engagement"},
}
"""File name in an engagement folder -> file kind."""

PERSON_FILES: dict[str, str] = {
    "profile.toml": Profile.kind,
    "personal-evaluations.toml": PersonalEvaluations.kind,
    "development.toml": Development.kind,
}
"""File name in a person's folder -> file kind."""

TOOL_FOR_KIND: dict[str, Tool] = {}
for _tool in TOOLS:
    TOOL_FOR_KIND.setdefault(_tool.model.kind, _tool)
TOOL_FOR_KIND["stakeholder-plan"] = TOOLS_BY_ID["stakeholder-plan"]
