"""Phases 5 to 7: readiness, challenges, value realization, reporting and evaluation."""

from __future__ import annotations

from ...framework import Framework
from ...framework.catalogue import Tool
from ...models.checklists import (
    Challenge,
    ReadinessChecklist,
    ReadinessItem,
    ValueChecklist,
    ValueItem,
)
from ...models.evaluation import EvaluationEntry, Report
from ...models.value import Kpi, Measurement
from ..adapter import Adapter
from ..columns import Col, cols_of, id_col
from ..evaluation_sheet import EvaluationTool
from ..rules import normalize
from ..tables import Sheet, Table
from . import nested_tool, one_table, table_tool


def readiness(entry: Tool, framework: Framework) -> Adapter:
    """Tool 18: one sheet per readiness checklist copy."""
    return nested_tool(
        entry,
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
    )


def challenges(entry: Tool, framework: Framework) -> Adapter:
    """Tool 19."""
    return one_table(
        entry,
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
    )


def value_checklist(entry: Tool, framework: Framework) -> Adapter:
    """Tool 20: one sheet per value realization checklist copy."""
    return nested_tool(
        entry,
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
    )


def reporting(entry: Tool, framework: Framework) -> Adapter:
    """Tool 21."""
    return one_table(
        entry,
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
    )


def evaluation(entry: Tool, framework: Framework) -> Adapter:
    """Tool 22: entries by the framework's evaluation categories."""
    categories = {c.id: c.name for c in framework.evaluation_categories}
    return EvaluationTool(
        entry,
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
        ),
    )


def value_kpis(entry: Tool, framework: Framework) -> Adapter:
    """Tool 24: the KPIs, then their measurements (which name a KPI by its id)."""
    return table_tool(
        entry,
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
    )
