"""References between files and to the framework, declared once.

Each entry names the file model that refers, the row class and field holding the
reference (where it is a row's field), and what it names. Everything else is read from
here: a row's `reference_fields` (shown through their referent's name, kept in redacted
exports), the editors' choices for a reference cell, and each tool's references in the
registry (framework/catalogue.py). Validation checks them; later features (renaming a
stakeholder everywhere, merges, redacted exports) walk the same table, so a new reference
is one entry here. Deleting a row walks it too (store/cascade.py): each entry says how its
referring thing is described to a person ("is a RACI column in 'RACI matrix'") and how it
is taken out when its target goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .adoption import AdoptionActivities, AdoptionActivity
from .base import FileModel, Row
from .commitment import Assessment, PlanRow, Raci, RaciColumn, StakeholderPlanMonth
from .engagement import Engagement
from .evaluation import Evaluation
from .people import Development, DevelopmentActivity, PersonalEvaluations
from .value import Measurement, ValueKpis

Loc = tuple[str | int, ...]

REGISTER = "stakeholders.toml"
IMPACTED_GROUPS = "impacted-groups.toml"
TARGET_ROWS: dict[str, str] = {REGISTER: "stakeholders", IMPACTED_GROUPS: "groups"}
"""The list of rows whose ids a file target's references name."""


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
    role: str = ""
    """How a referring value is described when its target is deleted, completed with
    `{places}` (where the references are) and `{count}`: "is a RACI column in {places}"."""
    place: Callable[[Any, Loc], str] | None = None
    """Where one referring value is, for `role` (default: the file's month, or nothing)."""
    remove: Callable[[dict[str, Any], Loc], None] | None = None
    """Takes the reference at `loc` out of the referring file's data when its target is
    deleted; the default removes the row that holds the value (or the key, for a map)."""
    row: type[Row] | None = None
    """The row class whose `field` holds the reference (None: not a row's field)."""
    field: str = ""
    label: str = ""
    """The field of a target row that names it in a list of choices (`name`, `title`)."""


def remove_holder(data: dict[str, Any], loc: Loc) -> None:
    """The default removal: the row holding the value at `loc` goes from its list; a value
    that is a map key or a plain field is dropped (the field falls back to its default)."""
    *parent_loc, name = loc
    if len(parent_loc) >= 1 and isinstance(parent_loc[-1], int):
        rows: Any = data
        for step in parent_loc[:-1]:
            rows = rows[step]
        del rows[parent_loc[-1]]
        return
    holder: Any = data
    for step in parent_loc:
        holder = holder[step]
    if isinstance(holder, dict):
        holder.pop(name, None)


def _remove_raci_column(data: dict[str, Any], loc: Loc) -> None:
    """A RACI column goes with its letters in every activity (cells name columns)."""
    matrix = data["matrices"][loc[1]]
    column = matrix["columns"].pop(loc[3])
    for activity in matrix.get("activities", []):
        activity.get("cells", {}).pop(column["id"], None)


def _matrix_title(model: Any, loc: Loc) -> str:
    index = loc[1]
    matrix = model.matrices[index] if isinstance(model, Raci) and isinstance(index, int) else None
    return repr(getattr(matrix, "title", "RACI matrix"))


def _stakeholder(
    model: type[FileModel],
    values: Callable[[Any], Iterable[tuple[Loc, str]]],
    role: str,
    row: type[Row],
    place: Callable[[Any, Loc], str] | None = None,
    remove: Callable[[dict[str, Any], Loc], None] | None = None,
) -> Reference:
    """A row's `stakeholder` field, naming a stakeholder of the register (chosen by name):
    the three references to the register differ only in where they are and how they read."""
    return Reference(
        model,
        values,
        REGISTER,
        "stakeholder",
        REGISTER,
        role,
        place,
        remove,
        row,
        field="stakeholder",
        label="name",
    )


REFERENCES: tuple[Reference, ...] = (
    _stakeholder(
        Raci,
        lambda m: [
            (("matrices", i, "columns", j, "stakeholder"), column.stakeholder or "")
            for i, matrix in enumerate(m.matrices)
            for j, column in enumerate(matrix.columns)
        ],
        "is a RACI column in {places}",
        RaciColumn,
        place=_matrix_title,
        remove=_remove_raci_column,
    ),
    _stakeholder(
        StakeholderPlanMonth,
        lambda m: [
            (("assessments", i, "stakeholder"), a.stakeholder) for i, a in enumerate(m.assessments)
        ],
        "has assessments in {places}",
        Assessment,
    ),
    _stakeholder(
        StakeholderPlanMonth,
        lambda m: [(("rows", i, "stakeholder"), r.stakeholder) for i, r in enumerate(m.rows)],
        "has plan rows in {places}",
        PlanRow,
    ),
    Reference(
        StakeholderPlanMonth,
        lambda m: [(("rows", i, "strategy"), r.strategy) for i, r in enumerate(m.rows)],
        "own:strategies",
        "strategy",
        "this month's strategies",
        role="has {count} plan row(s) this month",
        row=PlanRow,
        field="strategy",
        label="title",
    ),
    Reference(
        AdoptionActivities,
        lambda m: [(("activities", i, "group"), a.group) for i, a in enumerate(m.activities)],
        IMPACTED_GROUPS,
        "impacted group",
        "impacted-groups.toml",
        role="has {count} adoption activity row(s)",
        row=AdoptionActivity,
        field="group",
        label="name",
    ),
    Reference(
        Engagement,
        lambda m: [(("csm",), m.csm)],
        "members",
        "team member",
        "pcsm.toml [[members]]",
        role="is the CSM of {places}",
    ),
    Reference(
        Engagement,
        lambda m: [(("activities_done", key), key) for key in m.activities_done],
        "activities",
        "framework activity",
        "the framework's phases",
        role="is ticked in {places}",
    ),
    Reference(
        Evaluation,
        lambda m: [(("entries", i, "category"), e.category) for i, e in enumerate(m.entries)],
        "evaluation-categories",
        "evaluation category",
        "the framework's categories",
        role="has {count} evaluation entries in {places}",
    ),
    Reference(
        PersonalEvaluations,
        lambda m: [
            (("evaluations", i, "engagement"), e.engagement) for i, e in enumerate(m.evaluations)
        ],
        "engagements",
        "engagement",
        "engagements/",
        role="has personal evaluations of {places}",
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
        role="is scored in personal evaluations of {places}",
    ),
    Reference(
        ValueKpis,
        lambda m: [(("measurements", i, "kpi"), r.kpi) for i, r in enumerate(m.measurements)],
        "own:kpis",
        "KPI",
        "kpis",
        role="has {count} measurement(s)",
        row=Measurement,
        field="kpi",
        label="kpi",
    ),
    Reference(
        Development,
        lambda m: [(("activities", i, "csf"), a.csf) for i, a in enumerate(m.activities)],
        "own:csfs",
        "critical success factor",
        "csfs",
        role="has {count} development activities",
        row=DevelopmentActivity,
        field="csf",
        label="factor",
    ),
)
"""Targets: a file of the same engagement (REGISTER, IMPACTED_GROUPS), `own:<list>` for a
list of the same file, or a known set: members, activities, evaluation-categories,
evaluation-areas, engagements. The strategy of a plan row is also checked by the month's
model (a file whose rows name a missing strategy does not load); the entry here lets a
deletion find those rows."""


@cache
def reference_fields(row: type[Any]) -> frozenset[str]:
    """The fields of `row` that hold ids of rows elsewhere (shown through their names)."""
    return frozenset(r.field for r in REFERENCES if r.row is not None and issubclass(row, r.row))


def reference_of(row: type[Any], field: str) -> Reference | None:
    """The reference `field` of `row` is, if it is one."""
    for reference in REFERENCES:
        if (
            reference.row is not None
            and issubclass(row, reference.row)
            and field == reference.field
        ):
            return reference
    return None


def choice_source(reference: Reference) -> tuple[str, str]:
    """Where the rows a reference names are: (file of the same engagement, or "" for the
    referring file itself; the list of rows in it)."""
    if reference.target.startswith("own:"):
        return "", reference.target.removeprefix("own:")
    return reference.target, TARGET_ROWS.get(reference.target, "")


CODED_LISTS = frozenset({"own:strategies"})
"""Own lists whose ids are the words people use: a month's strategies are A-D, as in the
framework's stakeholder matrix, and a plan row shows the letter."""


def own_names(model: type[FileModel], data: dict[str, Any]) -> dict[str, str]:
    """What the rows of a file's own lists that its other rows name (a measurement's KPI, a
    development activity's critical success factor) are called: shown instead of ids."""
    names: dict[str, str] = {}
    for reference in REFERENCES:
        if reference.model is not model or not reference.target.startswith("own:"):
            continue
        if reference.target in CODED_LISTS:
            continue
        for row in data.get(reference.target.removeprefix("own:")) or []:
            if isinstance(row, dict) and isinstance(row.get("id"), str):
                names[row["id"]] = str(row.get(reference.label) or "").strip() or "(unnamed)"
    return names
