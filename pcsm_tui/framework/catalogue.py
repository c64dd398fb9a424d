"""The tool registry: every framework tool declared once.

Editors, validation, schemas, export and history are generic over this list, so a new tool
is a model plus an entry here, not a new screen. What an entry holds is `Tool`
(framework/tool.py); the entries and the tables derived from them are here.
"""

from __future__ import annotations

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
from ..models.import_mapping import ImportMapping
from ..models.onboarding import ActivityLog, OnboardingPlan, OnboardingRequirements, OnboardingScore
from ..models.people import Development, PersonalEvaluations, Profile
from ..models.preparation import EngagementStrategy, Research
from ..models.repository import RepoSettings
from ..models.value import ValueKpis
from .customize import FrameworkCustomization
from .tool import CHART_KEYS as CHART_KEYS
from .tool import CHECKLIST_KEYS as CHECKLIST_KEYS
from .tool import FORM_KEYS as FORM_KEYS
from .tool import TABLE_EDITOR as TABLE_EDITOR
from .tool import TABLE_KEYS as TABLE_KEYS
from .tool import Scope as Scope
from .tool import Shape as Shape
from .tool import Tool as Tool
from .tool import load_object as load_object

_EDITORS = "pcsm_tui.ui.editors."
_SHEETS = "pcsm_tui.io.sheets."
_IO = "pcsm_tui.io."


TOOLS: tuple[Tool, ...] = (
    Tool(
        1,
        "research",
        "Customer Research Checklist",
        1,
        "research.toml",
        Research,
        "form",
        keys=FORM_KEYS,
        adapter=_SHEETS + "opening:research",
        short="Research Checklist",
    ),
    Tool(
        2,
        "strategy",
        "Customer Engagement Strategy",
        1,
        "strategy.toml",
        EngagementStrategy,
        "table",
        editor=_EDITORS + "charted:StrategyEditor",
        adapter=_SHEETS + "opening:strategy",
        short="Engagement Strategy",
    ),
    Tool(
        3,
        "proposal",
        "Customer Success Proposal",
        2,
        "proposal.toml",
        Proposal,
        "document",
        editor=_EDITORS + "shapes:DocumentEditor",
        keys="e edit · n next state · p preview on/off",
        adapter=_IO + "proposal_sheet:ProposalTool.for_entry",
        short="Success Proposal",
    ),
    Tool(
        4,
        "raci",
        "RACI Matrix",
        2,
        "raci.toml",
        Raci,
        "raci",
        editor=_EDITORS + "raci:RaciEditor",
        keys="r a c i toggle a letter · x clear · o add activity · e rename activity",
        adapter=_IO + "raci_sheet:RaciTool.for_entry",
        short="RACI Matrix",
    ),
    Tool(
        5,
        "stakeholder-matrix",
        "Stakeholder Management Matrix",
        2,
        "stakeholder-plan",
        StakeholderPlanMonth,
        "chart",
        "monthly",
        editor=_EDITORS + "charted:MatrixEditor",
        keys="e edit figures · [ ] month · m movement · y/n accept/ignore a "
        "suggestion · N next month",
        adapter=_IO + "matrix_sheet:MatrixTool.for_entry",
        short="Stakeholder Matrix",
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
        editor=_EDITORS + "charted:PlanEditor",
        keys="e edit · [ ] month · D compare with the month before · N next month",
        adapter=_IO + "stakeholder_sheets:PlanTool.for_entry",
        short="Stakeholder Plan",
    ),
    Tool(
        7,
        "onboarding-score",
        "Customer Onboarding Scoring Matrix",
        3,
        "onboarding-score.toml",
        OnboardingScore,
        "scoring",
        editor=_EDITORS + "shapes:ScoringEditor",
        keys="e edit · + / − change the score · total and band update live",
        adapter=_IO + "scoring_sheet:ScoringTool.for_entry",
        short="Scoring Matrix",
    ),
    Tool(
        8,
        "onboarding-requirements",
        "Onboarding Requirements Capture",
        3,
        "onboarding-requirements.toml",
        OnboardingRequirements,
        "table",
        adapter=_SHEETS + "onboarding:onboarding_requirements",
        short="Requirements",
    ),
    Tool(
        9,
        "onboarding-plan",
        "Onboarding Work Plan",
        3,
        "onboarding-plan.toml",
        OnboardingPlan,
        "table",
        adapter=_SHEETS + "onboarding:onboarding_plan",
        short="Work Plan",
    ),
    Tool(
        10,
        "activity-log",
        "CSM Activity Tracking",
        3,
        "activity-log.toml",
        ActivityLog,
        "table",
        adapter=_SHEETS + "onboarding:activity_log",
        short="Activity Tracking",
        editor=_EDITORS + "activity_log:ActivityLogEditor",
        keys=TABLE_KEYS + " · f tasks of one state (proposed, planned…) or all",
    ),
    Tool(
        11,
        "adoption-requirements",
        "Adoption Requirements Questionnaire",
        4,
        "adoption-requirements.toml",
        AdoptionRequirements,
        "form",
        keys=FORM_KEYS,
        adapter=_SHEETS + "adoption:adoption_requirements",
        short="Questionnaire",
    ),
    Tool(
        12,
        "capabilities",
        "Capabilities & Processes",
        4,
        "capabilities.toml",
        Capabilities,
        "table",
        adapter=_SHEETS + "adoption:capabilities",
        short="Capabilities",
    ),
    Tool(
        13,
        "impacted-groups",
        "Impacted Groups",
        4,
        "impacted-groups.toml",
        ImpactedGroups,
        "table",
        adapter=_SHEETS + "adoption:impacted_groups",
        short="Impacted Groups",
    ),
    Tool(
        14,
        "adoption-activities",
        "Adoption Activities",
        4,
        "adoption-activities.toml",
        AdoptionActivities,
        "table",
        adapter=_SHEETS + "adoption:adoption_activities",
        short="Activities",
    ),
    Tool(
        15,
        "practical-considerations",
        "Practical Considerations",
        4,
        "practical-considerations.toml",
        PracticalConsiderations,
        "table",
        adapter=_SHEETS + "adoption:practical_considerations",
        short="Considerations",
    ),
    Tool(
        16,
        "barriers",
        "Adoption Barriers",
        4,
        "barriers.toml",
        Barriers,
        "table",
        adapter=_SHEETS + "adoption:barriers",
        short="Barriers",
    ),
    Tool(
        17,
        "risks",
        "Adoption Risks",
        4,
        "risks.toml",
        Risks,
        "table",
        editor=_EDITORS + "charted:RiskEditor",
        adapter=_SHEETS + "adoption:risks",
        short="Risks",
    ),
    Tool(
        18,
        "readiness",
        "Adoption Readiness Checklist",
        5,
        "readiness.toml",
        Readiness,
        "checklist",
        editor=_EDITORS + "shapes:ChecklistEditor",
        keys=CHECKLIST_KEYS,
        prefill="pcsm_tui.framework.prefill:readiness_checklist",
        adapter=_SHEETS + "closing:readiness",
        short="Readiness",
    ),
    Tool(
        19,
        "challenges",
        "Challenges & Changes Checklist",
        6,
        "challenges.toml",
        Challenges,
        "table",
        adapter=_SHEETS + "closing:challenges",
        short="Challenges",
    ),
    Tool(
        20,
        "value-checklist",
        "Value Realization Activity Checklist",
        6,
        "value-checklist.toml",
        ValueChecklists,
        "checklist",
        editor=_EDITORS + "shapes:ChecklistEditor",
        keys=CHECKLIST_KEYS,
        prefill="pcsm_tui.framework.prefill:value_checklist",
        adapter=_SHEETS + "closing:value_checklist",
        short="Value Checklist",
    ),
    Tool(
        24,
        "value-kpis",
        "Value Realization KPIs",
        6,
        "value-kpis.toml",
        ValueKpis,
        "table",
        editor=_EDITORS + "kpi:KpiEditor",
        adapter=_SHEETS + "closing:value_kpis",
        short="Value KPIs",
    ),
    Tool(
        21,
        "reporting",
        "Engagement Reporting Checklist",
        7,
        "reporting.toml",
        Reporting,
        "table",
        adapter=_SHEETS + "closing:reporting",
        short="Reporting",
    ),
    Tool(
        22,
        "evaluation",
        "Engagement Evaluation",
        7,
        "evaluation.toml",
        Evaluation,
        "table",
        adapter=_SHEETS + "closing:evaluation",
        short="Evaluation",
    ),
    Tool(
        23,
        "personal-evaluation",
        "Personal Evaluation",
        7,
        "personal-evaluations.toml",
        PersonalEvaluations,
        "chart",
        "person",
        editor=_EDITORS + "charted:SpiderEditor",
        keys="e edit · highlight an evaluation to draw it · o overlay (cycle)",
        adapter=_IO + "people_sheet:PersonalTool.for_entry",
        short="Personal Evaluation",
    ),
)

TOOLS_BY_ID: dict[str, Tool] = {tool.id: tool for tool in TOOLS}

DOCUMENT_TOOL = next(t for t in TOOLS if t.shape == "document")
"""The tool exported as a letter (Word or Markdown): the success proposal."""

MONTHLY_FOLDERS: frozenset[str] = frozenset(t.file for t in TOOLS if t.scope == "monthly")
"""The engagement folders that hold one file per month (the stakeholder plan's)."""

ENGAGEMENT_ENTRY = Tool(
    0,
    "engagement",
    "Engagement",
    0,
    "engagement.toml",
    Engagement,
    "form",
    editor=_EDITORS + "tool:EngagementEditor",
    keys="Who, what, when; e edits a field. Ticks live in the activity guides.",
    label="Engagement",
    adapter=_SHEETS + "opening:engagement",
)
"""The engagement's own file: not one of the 23 tools, edited and exported like one."""

REGISTER_ENTRY = Tool(
    0,
    "stakeholders",
    "Stakeholder Register",
    0,
    "stakeholders.toml",
    Register,
    "table",
    keys="Who each stakeholder or group is; RACI columns and plan rows refer to these rows. "
    + TABLE_KEYS,
    label="Stakeholder register",
    adapter=_SHEETS + "opening:register",
)
"""The stakeholder register, which the RACI, the plan and the matrix refer to."""

ENTRIES: tuple[Tool, ...] = (ENGAGEMENT_ENTRY, REGISTER_ENTRY, *TOOLS)
"""Every file an engagement's editors and workbook show: its own two, then the tools."""

_FILE_MODEL_CLASSES: tuple[type[FileModel], ...] = (
    RepoSettings,
    FrameworkCustomization,
    Engagement,
    Register,
    Profile,
    Development,
    *(tool.model for tool in TOOLS),
    ImportMapping,
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

ENTRY_FOR_KIND: dict[str, Tool] = {
    ENGAGEMENT_ENTRY.model.kind: ENGAGEMENT_ENTRY,
    REGISTER_ENTRY.model.kind: REGISTER_ENTRY,
    **TOOL_FOR_KIND,
}
"""Every file kind an editor shows -> its entry (a plan month shows as the plan)."""
