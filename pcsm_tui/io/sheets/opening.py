"""The engagement's own sheets and phase 1 (preparation): research and strategy."""

from __future__ import annotations

from ...framework import Framework
from ...framework.catalogue import Tool
from ...models.engagement import Engagement, Stakeholder
from ...models.preparation import (
    EngagementStrategy,
    InformationGap,
    ResearchAnswer,
    StatusMilestone,
    StrategyActivity,
)
from ..adapter import Adapter
from ..columns import Col, cols_of, id_col
from ..sheet_names import sheet_title
from ..tables import Form, Sheet, Table
from . import one_table, standard, table_tool

RESEARCH_SHEETS = (
    ("customer", "Customer Information"),
    ("solution", "Solution Information"),
    ("initiative", "Initiative Information"),
    ("csm-outcomes", "CSM Outcome Requirements"),
    ("stakeholders", "Stakeholder Information"),
    ("third-parties", "Third Parties"),
)


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
                sheet_title(f"Phase {phase.number} {phase.name}"),
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
                    standard=standard("research_questions"),
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


def engagement(entry: Tool, framework: Framework) -> Adapter:
    """The engagement overview: one form."""
    return table_tool(
        entry,
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
    )


def register(entry: Tool, framework: Framework) -> Adapter:
    """The stakeholder register, which the RACI, plan and matrix sheets name."""
    return one_table(
        entry,
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
    )


def research(entry: Tool, framework: Framework) -> Adapter:
    """Tool 1: a sheet per part of the research, the status and the information gaps."""
    return table_tool(entry, _research_sheets())


def strategy(entry: Tool, framework: Framework) -> Adapter:
    """Tool 2: the overall strategy, then one sheet of activities per phase."""
    return table_tool(entry, _strategy_sheets(framework))
