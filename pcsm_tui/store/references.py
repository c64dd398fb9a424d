"""References between files and to the framework, declared once.

Validation checks them; later features (renaming a stakeholder everywhere, merges, redacted
exports) walk the same table, so a new reference is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..models.adoption import AdoptionActivities
from ..models.base import FileModel
from ..models.commitment import Raci, StakeholderPlanMonth
from ..models.engagement import Engagement
from ..models.evaluation import Evaluation
from ..models.people import Development, PersonalEvaluations

Loc = tuple[str | int, ...]

REGISTER = "stakeholders.toml"
IMPACTED_GROUPS = "impacted-groups.toml"


@dataclass(frozen=True)
class Reference:
    """Values in files of `model` that must name an id of `target`."""

    model: type[FileModel]
    values: Callable[[Any], Iterable[tuple[Loc, str]]]
    """Where each referring value is and what it says."""
    target: str
    """What the ids belong to: a file of the same engagement, or a known set (see below)."""
    what: str
    where: str


REFERENCES: tuple[Reference, ...] = (
    Reference(
        Raci,
        lambda m: [
            (("matrices", i, "columns", j, "stakeholder"), column.stakeholder or "")
            for i, matrix in enumerate(m.matrices)
            for j, column in enumerate(matrix.columns)
        ],
        REGISTER,
        "stakeholder",
        "stakeholders.toml",
    ),
    Reference(
        StakeholderPlanMonth,
        lambda m: [
            (("assessments", i, "stakeholder"), a.stakeholder) for i, a in enumerate(m.assessments)
        ],
        REGISTER,
        "stakeholder",
        "stakeholders.toml",
    ),
    Reference(
        StakeholderPlanMonth,
        lambda m: [(("rows", i, "stakeholder"), r.stakeholder) for i, r in enumerate(m.rows)],
        REGISTER,
        "stakeholder",
        "stakeholders.toml",
    ),
    Reference(
        AdoptionActivities,
        lambda m: [(("activities", i, "group"), a.group) for i, a in enumerate(m.activities)],
        IMPACTED_GROUPS,
        "impacted group",
        "impacted-groups.toml",
    ),
    Reference(
        Engagement,
        lambda m: [(("csm",), m.csm)],
        "members",
        "team member",
        "pcsm.toml [[members]]",
    ),
    Reference(
        Engagement,
        lambda m: [(("activities_done", key), key) for key in m.activities_done],
        "activities",
        "framework activity",
        "the framework's phases",
    ),
    Reference(
        Evaluation,
        lambda m: [(("entries", i, "category"), e.category) for i, e in enumerate(m.entries)],
        "evaluation-categories",
        "evaluation category",
        "the framework's categories",
    ),
    Reference(
        PersonalEvaluations,
        lambda m: [
            (("evaluations", i, "engagement"), e.engagement) for i, e in enumerate(m.evaluations)
        ],
        "engagements",
        "engagement",
        "engagements/",
    ),
    Reference(
        PersonalEvaluations,
        lambda m: [
            (("evaluations", i, "scores", key), key)
            for i, e in enumerate(m.evaluations)
            for key in e.scores
        ],
        "evaluation-areas",
        "evaluation area",
        "the framework's areas (A-H)",
    ),
    Reference(
        Development,
        lambda m: [(("activities", i, "csf"), a.csf) for i, a in enumerate(m.activities)],
        "own-csfs",
        "critical success factor",
        "csfs",
    ),
)
