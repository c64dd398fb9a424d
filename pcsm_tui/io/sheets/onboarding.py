"""Phase 3 (onboarding): requirements, the work plan and the CSM's activity log."""

from __future__ import annotations

from ...framework import Framework
from ...framework.catalogue import Tool
from ...models.onboarding import (
    OnboardingActivity,
    OnboardingPhase,
    OnboardingRequirement,
    TrackedTask,
)
from ..adapter import Adapter
from ..columns import Col, cols_of, id_col
from ..sheet_names import sheet_title
from ..tables import Sheet, Table
from . import nested_tool, one_table, table_tool


def onboarding_requirements(entry: Tool, framework: Framework) -> Adapter:
    """Tool 8: generic and customized requirements, one sheet each."""
    requirement_cols = (
        *cols_of(OnboardingRequirement, headers={"agreed_scope": "Agreed scope", "fees": "Fees"}),
        id_col(),
    )
    return table_tool(
        entry,
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
    )


def onboarding_plan(entry: Tool, framework: Framework) -> Adapter:
    """Tool 9: one sheet per onboarding phase, its activities below."""
    return nested_tool(
        entry,
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
        lambda i, r: sheet_title(f"Onboarding {i + 1} {getattr(r, 'name', '')}"),
        r"^onboarding (work )?(plan )?(phase )?\d+",
    )


def activity_log(entry: Tool, framework: Framework) -> Adapter:
    """Tool 10: the tracked tasks, rated on the RAPAE scale."""
    rapae = {r.id: r.name for r in framework.rapae}
    return one_table(
        entry,
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
    )
