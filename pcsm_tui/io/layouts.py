"""Every tool's sheets, in the templates' own names, headers and order.

One entry per tool (plus the engagement overview and the stakeholder register, which the
other sheets refer to). Table tools are declared here with the template's headers; the few
shapes that are not a table have their own module. The order is the workbook's sheet order
and the import order: the register before the sheets that name stakeholders, the impacted
groups before the activities that name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..framework import Framework
from ..models.adoption import (
    AdoptionActivities,
    AdoptionActivity,
    AdoptionRequirements,
    Barrier,
    Barriers,
    Capabilities,
    Capability,
    ImpactedGroup,
    ImpactedGroups,
    PracticalConsideration,
    PracticalConsiderations,
    Question,
    Risk,
    Risks,
)
from ..models.base import Row
from ..models.checklists import (
    Challenge,
    Challenges,
    Readiness,
    ReadinessChecklist,
    ReadinessItem,
    ValueChecklist,
    ValueChecklists,
    ValueItem,
)
from ..models.engagement import Engagement, Register, Stakeholder
from ..models.evaluation import EvaluationEntry, Report, Reporting
from ..models.onboarding import (
    ActivityLog,
    OnboardingActivity,
    OnboardingPhase,
    OnboardingPlan,
    OnboardingRequirement,
    OnboardingRequirements,
    TrackedTask,
)
from ..models.preparation import (
    EngagementStrategy,
    InformationGap,
    Research,
    ResearchAnswer,
    StatusMilestone,
    StrategyActivity,
)
from ..models.value import Kpi, Measurement, ValueKpis
from .adapter import Adapter, ReadContext
from .bundle import EngagementData
from .cells import as_text
from .columns import Col, cols_of, id_col
from .evaluation_sheet import EvaluationTool
from .matrix_sheet import MatrixTool
from .nested import NestedTool
from .people_sheet import PersonalTool
from .proposal_sheet import ProposalTool
from .raci_sheet import RaciTool
from .rules import normalize
from .scoring_sheet import ScoringTool
from .stakeholder_sheets import PlanTool
from .tables import Form, Sheet, Table, TableTool

if TYPE_CHECKING:
    from .sheet_reader import Hit, ParsedRow, SheetReader

ENGAGEMENT = "engagement"
REGISTER = "stakeholders"

RESEARCH_SHEETS = (
    ("customer", "Customer Information"),
    ("solution", "Solution Information"),
    ("initiative", "Initiative Information"),
    ("csm-outcomes", "CSM Outcome Requirements"),
    ("stakeholders", "Stakeholder Information"),
    ("third-parties", "Third Parties"),
)


def _standard(items: str) -> Any:
    def lookup(data: EngagementData) -> dict[str, str]:
        return {normalize(i.text): i.id for i in getattr(data.framework, items)}

    return lookup


def _group_extra(data: EngagementData, row: Row) -> dict[str, Any]:
    groups = {g.id: g for g in data.tool("impacted-groups.toml", ImpactedGroups).groups}
    group = groups.get(getattr(row, "group", ""))
    if group is None:
        return {}
    return {"name": group.name, "description": group.description, "changes": group.changes}


def _resolve_group(item: ParsedRow, reader: SheetReader, hit: Hit, ctx: ReadContext) -> bool:
    """The IG cell names a group by id (or `Group 1`), else the Name cell names it."""
    from .sheet_reader import slug

    groups = ctx.data.tool("impacted-groups.toml", ImpactedGroups).groups
    given = str(item.values.get("group") or "")
    name = as_text(reader.value(item.number, hit.columns["name"])) if "name" in hit.columns else ""
    for group in groups:
        if (
            given in (group.id,)
            or slug(given) == group.id
            or (name and normalize(name) == normalize(group.name))
        ):
            item.values["group"] = group.id
            return True
    ctx.report.error(
        item.refs.get("group", item.where),
        f"IG '{given or name}' is not one of the impacted groups "
        f"({', '.join(g.id for g in groups) or 'none yet'}); add it on the Impacted Groups sheet",
    )
    return False


def _strategy_sheets(framework: Framework) -> list[Sheet]:
    cols = (
        *cols_of(
            StrategyActivity,
            headers={"no": "Activity No.", "name": "Activity", "completed": "Completed Y/N"},
            skip=("phase",),
        ),
        id_col(),
    )
    sheets = [
        Sheet(
            "Overall Strategy",
            (Form(cols_of(EngagementStrategy, headers={"success_measures": "Success measures"})),),
            heading="Customer Engagement Strategy",
        )
    ]
    for phase in framework.phases:
        sheets.append(
            Sheet(
                f"Phase {phase.number} {phase.name}"[:31],
                (Table("activities", StrategyActivity, cols, "name", (("phase", phase.number),)),),
                heading=f"Phase {phase.number}: {phase.name}",
            )
        )
    return sheets


def _research_sheets() -> list[Sheet]:
    qa = (
        Col("question", "Question", "text", width=50, required=True),
        Col("answer", "Answer", "multiline", width=70),
        id_col(),
    )
    sheets = [
        Sheet(
            name,
            (
                Table(
                    "answers",
                    ResearchAnswer,
                    qa,
                    "question",
                    (("sheet", key),),
                    standard=_standard("research_questions"),
                ),
            ),
            heading=name,
        )
        for key, name in RESEARCH_SHEETS
    ]
    status = (
        *cols_of(
            StatusMilestone,
            headers={
                "done": "Done Y/N",
                "percent_complete": "% Complete",
                "start": "Start date",
                "anticipated_completion": "Anticipated completion date",
                "actual_completion": "Actual completion date",
            },
            percent_complete={"percent": True},
        ),
        id_col(),
    )
    gaps = (
        *cols_of(
            InformationGap,
            headers={"kind": "Assumption or question", "text": "Text", "resolved": "Resolved Y/N"},
        ),
        id_col(),
    )
    sheets.append(Sheet("Current Status", (Table("status", StatusMilestone, status, "milestone"),)))
    sheets.append(
        Sheet(
            "Information Gaps",
            (Table("gaps", InformationGap, gaps, "text"),),
            notes=("Assumptions to validate and questions for the customer.",),
        )
    )
    return sheets


def _table_tool(
    tool: str,
    title: str,
    filename: str,
    model: Any,
    sheet: str,
    field: str,
    row: type[Row],
    cols: tuple[Col, ...],
    label: str | None,
    **extra: Any,
) -> TableTool:
    return TableTool(
        tool,
        title,
        filename,
        model,
        [Sheet(sheet, (Table(field, row, cols, label, **extra),), heading=title)],
    )


def adapters(framework: Framework) -> tuple[Adapter, ...]:
    """Every adapter, in workbook order, for a repository's framework."""
    rapae = {r.id: r.name for r in framework.rapae}
    categories = {c.id: c.name for c in framework.evaluation_categories}
    requirement_cols = (
        *cols_of(OnboardingRequirement, headers={"agreed_scope": "Agreed scope", "fees": "Fees"}),
        id_col(),
    )
    raci_text = {"responsible": "Responsible", "accountable": "Accountable"}
    return (
        TableTool(
            ENGAGEMENT,
            "Engagement",
            "engagement.toml",
            Engagement,
            [
                Sheet(
                    "Engagement",
                    (
                        Form(
                            cols_of(
                                Engagement,
                                headers={
                                    "start_date": "Start date",
                                    "end_date": "End date",
                                    "current_phase": "Current phase",
                                },
                            )
                        ),
                    ),
                    heading="Engagement",
                )
            ],
        ),
        _table_tool(
            REGISTER,
            "Stakeholder Register",
            "stakeholders.toml",
            Register,
            "Stakeholders",
            "stakeholders",
            Stakeholder,
            (
                *cols_of(
                    Stakeholder,
                    headers={
                        "key": "Key stakeholder Y/N",
                        "personal_data": "Personal data Y/N",
                        "seniority": "Seniority level",
                    },
                ),
                id_col(),
            ),
            "name",
        ),
        TableTool(
            "research", "Customer Research Checklist", "research.toml", Research, _research_sheets()
        ),
        TableTool(
            "strategy",
            "Customer Engagement Strategy",
            "strategy.toml",
            EngagementStrategy,
            _strategy_sheets(framework),
        ),
        ProposalTool(),
        RaciTool(),
        MatrixTool(),
        PlanTool(),
        ScoringTool(),
        TableTool(
            "onboarding-requirements",
            "Onboarding Requirements Capture",
            "onboarding-requirements.toml",
            OnboardingRequirements,
            [
                Sheet(
                    "Generic Requirements",
                    (Table("generic", OnboardingRequirement, requirement_cols, "requirement"),),
                    heading="Generic onboarding requirements",
                ),
                Sheet(
                    "Customized Requirements",
                    (Table("customized", OnboardingRequirement, requirement_cols, "requirement"),),
                    heading="Customized onboarding requirements",
                ),
            ],
        ),
        NestedTool(
            "onboarding-plan",
            "Onboarding Work Plan",
            "onboarding-plan.toml",
            OnboardingPlan,
            (
                "phases",
                OnboardingPhase,
                (
                    Col("name", "Phase", "text", width=40),
                    Col("outcome", "Phase outcome", "multiline", width=60, words="outcome"),
                ),
            ),
            (
                "activities",
                OnboardingActivity,
                (
                    *cols_of(
                        OnboardingActivity,
                        headers={
                            "no": "Activity",
                            "assets": "Assets & Resources",
                            "impacted": "Impacted Items",
                            "risks": "Risks & Contingencies",
                        },
                    ),
                    id_col(),
                ),
                "name",
            ),
            lambda i, r: f"Onboarding {i + 1} {getattr(r, 'name', '')}"[:31],
            r"^onboarding (work )?(plan )?(phase )?\d+",
        ),
        _table_tool(
            "activity-log",
            "CSM Activity Tracking",
            "activity-log.toml",
            ActivityLog,
            "CSM Activity Tracking",
            "tasks",
            TrackedTask,
            (
                *cols_of(
                    TrackedTask,
                    headers={
                        "no": "Task No.",
                        "description": "Task Description",
                        "time_spent": "Time (hours)",
                        "success_rating": "Success Rating",
                    },
                    rapae={"labels": rapae},
                ),
                id_col(),
            ),
            "description",
        ),
        _table_tool(
            "adoption-requirements",
            "Adoption Requirements Questionnaire",
            "adoption-requirements.toml",
            AdoptionRequirements,
            "General Adoption Requirements",
            "questions",
            Question,
            (
                Col(
                    "question", "Requirement", "text", width=40, required=True, words="requirement"
                ),
                Col("answer", "Details", "multiline", width=80, words="description"),
                id_col(),
            ),
            "question",
            standard=_standard("adoption_questions"),
        ),
        _table_tool(
            "capabilities",
            "Capabilities & Processes",
            "capabilities.toml",
            Capabilities,
            "Capabilities & Processes",
            "capabilities",
            Capability,
            (
                *cols_of(
                    Capability,
                    headers={
                        "department": "Department/Function",
                        "impact": "Explanation of Impact",
                    },
                ),
                id_col(),
            ),
            "name",
        ),
        _table_tool(
            "impacted-groups",
            "Impacted Groups",
            "impacted-groups.toml",
            ImpactedGroups,
            "Impacted Groups",
            "groups",
            ImpactedGroup,
            (Col("id", "IG", "id", width=14, words="group"), *cols_of(ImpactedGroup)),
            "name",
        ),
        _table_tool(
            "adoption-activities",
            "Adoption Activities",
            "adoption-activities.toml",
            AdoptionActivities,
            "Adoption Activities",
            "activities",
            AdoptionActivity,
            (
                Col("group", "IG", "text", width=14),
                Col("name", "Name", "text", readonly=True),
                Col("description", "Description", "multiline", readonly=True),
                Col("changes", "Changes", "multiline", readonly=True),
                *cols_of(AdoptionActivity, skip=("group",)),
                id_col(),
            ),
            "group",
            extra=_group_extra,
            fix=_resolve_group,
        ),
        _table_tool(
            "practical-considerations",
            "Practical Considerations",
            "practical-considerations.toml",
            PracticalConsiderations,
            "Practical Considerations",
            "considerations",
            PracticalConsideration,
            (*cols_of(PracticalConsideration), id_col()),
            "consideration",
            standard=_standard("practical_considerations"),
        ),
        _table_tool(
            "barriers",
            "Adoption Barriers",
            "barriers.toml",
            Barriers,
            "Adoption Barriers",
            "barriers",
            Barrier,
            (*cols_of(Barrier, headers=raci_text), id_col()),
            "name",
        ),
        _table_tool(
            "risks",
            "Adoption Risks",
            "risks.toml",
            Risks,
            "Adoption Risks",
            "risks",
            Risk,
            _risk_cols(raci_text),
            "name",
        ),
        NestedTool(
            "readiness",
            "Adoption Readiness Checklist",
            "readiness.toml",
            Readiness,
            (
                "checklists",
                ReadinessChecklist,
                (Col("title", "Checklist", "text", width=40), Col("go_live", "Go-live", "date")),
            ),
            (
                "items",
                ReadinessItem,
                (*cols_of(ReadinessItem, headers={"answer": "Yes / No"}), id_col()),
                "question",
            ),
            lambda i, _r: f"Readiness {i + 1}",
            r"^(adoption )?readiness( checklist)?( phase)? ?\d+$",
            lambda f: {normalize(q.text): q.id for q in f.readiness_questions},
        ),
        _table_tool(
            "challenges",
            "Challenges & Changes Checklist",
            "challenges.toml",
            Challenges,
            "Challenges & Changes",
            "challenges",
            Challenge,
            (
                *cols_of(
                    Challenge,
                    headers={
                        "challenge": "Challenge or Change Requirement",
                        "impact": "Impact to the Adoption Initiative",
                        "actions": "Actions to be Taken",
                        "completed": "Completed Y/N",
                    },
                ),
                id_col(),
            ),
            "challenge",
        ),
        NestedTool(
            "value-checklist",
            "Value Realization Activity Checklist",
            "value-checklist.toml",
            ValueChecklists,
            ("checklists", ValueChecklist, (Col("title", "Checklist", "text", width=40),)),
            (
                "items",
                ValueItem,
                (
                    *cols_of(
                        ValueItem,
                        headers={
                            "question": "Checklist Item",
                            "answer": "Y/N",
                            "missing": "If not, what is missing / what should be done",
                        },
                        question={"width": 60},
                    ),
                    id_col(),
                ),
                "question",
            ),
            lambda i, _r: f"Value Realization {i + 1}",
            r"^value( realization| realisation)?( activity)?( checklist)?( phase)? ?\d+$",
            lambda f: {normalize(v.text): v.id for v in f.value_items},
        ),
        TableTool(
            "value-kpis",
            "Value Realization KPIs",
            "value-kpis.toml",
            ValueKpis,
            [
                Sheet(
                    "Value KPIs",
                    (
                        Table(
                            "kpis",
                            Kpi,
                            (*cols_of(Kpi, headers={"kpi": "KPI", "due": "Due date"}), id_col()),
                            "kpi",
                        ),
                    ),
                    heading="Value realization KPIs",
                ),
                Sheet(
                    "KPI Measurements",
                    (
                        Table(
                            "measurements",
                            Measurement,
                            (*cols_of(Measurement, headers={"kpi": "KPI"}), id_col()),
                            "kpi",
                        ),
                    ),
                    heading="KPI measurements",
                    notes=("The KPI column names a KPI by its id (the Id column of Value KPIs).",),
                ),
            ],
        ),
        _table_tool(
            "reporting",
            "Engagement Reporting Checklist",
            "reporting.toml",
            Reporting,
            "Engagement Reporting",
            "reports",
            Report,
            (
                *cols_of(
                    Report,
                    headers={
                        "kpis": "KPIs covered",
                        "due": "Due date",
                        "delivered": "Delivered Y/N",
                        "delivered_on": "Delivered on",
                    },
                ),
                id_col(),
            ),
            "report",
        ),
        EvaluationTool(
            Table(
                "entries",
                EvaluationEntry,
                (
                    *cols_of(
                        EvaluationEntry,
                        headers={"text": "Entry"},
                        category={"labels": categories},
                        text={"width": 70},
                    ),
                    id_col(),
                ),
                "text",
            )
        ),
        PersonalTool(),
    )


def _risk_cols(headers: dict[str, str]) -> tuple[Col, ...]:
    cols = list(cols_of(Risk, headers=headers))
    at = next(i for i, c in enumerate(cols) if c.key == "severity") + 1
    cols.insert(
        at,
        Col(
            "score",
            "Score",
            "formula",
            formula='=IF(AND(ISNUMBER({likelihood}),ISNUMBER({severity})),{likelihood}+{severity},"")',
        ),
    )
    return (*cols, id_col())


def adapter_for(framework: Framework, tool: str) -> Adapter:
    for adapter in adapters(framework):
        if adapter.tool == tool:
            return adapter
    raise KeyError(tool)


def tool_ids(framework: Framework) -> list[str]:
    return [a.tool for a in adapters(framework)]


__all__ = ["ENGAGEMENT", "REGISTER", "adapter_for", "adapters", "tool_ids"]
