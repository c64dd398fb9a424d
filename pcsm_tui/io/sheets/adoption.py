"""Phase 4 (adoption planning): requirements, capabilities, groups, activities,
considerations, barriers and risks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...framework import Framework
from ...framework.catalogue import TOOL_FOR_KIND, Tool
from ...models.adoption import (
    AdoptionActivity,
    Barrier,
    Capability,
    ImpactedGroup,
    ImpactedGroups,
    PracticalConsideration,
    Question,
    Risk,
)
from ...models.base import Row
from ..adapter import Adapter, ReadContext
from ..bundle import EngagementData
from ..cells import as_text
from ..columns import Col, cols_of, id_col
from ..rules import normalize
from ..sheet_reader import slug
from . import one_table, standard

if TYPE_CHECKING:
    from ..sheet_reader import Hit, ParsedRow, SheetReader

GROUPS_FILE = TOOL_FOR_KIND[ImpactedGroups.kind].file

RACI_TEXT = {"responsible": "Responsible", "accountable": "Accountable"}


def group_extra(data: EngagementData, row: Row) -> dict[str, Any]:
    groups = {g.id: g for g in data.tool(GROUPS_FILE, ImpactedGroups).groups}
    group = groups.get(getattr(row, "group", ""))
    if group is None:
        return {}
    return {"name": group.name, "description": group.description, "changes": group.changes}


def resolve_group(item: ParsedRow, reader: SheetReader, hit: Hit, ctx: ReadContext) -> bool:
    """The IG cell names a group by id (or `Group 1`), else the Name cell names it."""

    groups = ctx.data.tool(GROUPS_FILE, ImpactedGroups).groups
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


def adoption_requirements(entry: Tool, framework: Framework) -> Adapter:
    """Tool 11: the questionnaire; standard questions are matched by their text."""
    return one_table(
        entry,
        "General Adoption Requirements",
        "questions",
        Question,
        (
            Col("question", "Requirement", "text", width=40, required=True, words="requirement"),
            Col("answer", "Details", "multiline", width=80, words="description"),
            id_col(),
        ),
        "question",
        standard=standard("adoption_questions"),
    )


def capabilities(entry: Tool, framework: Framework) -> Adapter:
    """Tool 12."""
    return one_table(
        entry,
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
    )


def impacted_groups(entry: Tool, framework: Framework) -> Adapter:
    """Tool 13: the groups the activities name by their IG id."""
    return one_table(
        entry,
        "Impacted Groups",
        "groups",
        ImpactedGroup,
        (Col("id", "IG", "id", width=14, words="group"), *cols_of(ImpactedGroup)),
        "name",
    )


def adoption_activities(entry: Tool, framework: Framework) -> Adapter:
    """Tool 14: one row per group; the group's name, description and changes are shown."""
    return one_table(
        entry,
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
        extra=group_extra,
        fix=resolve_group,
    )


def practical_considerations(entry: Tool, framework: Framework) -> Adapter:
    """Tool 15."""
    return one_table(
        entry,
        "Practical Considerations",
        "considerations",
        PracticalConsideration,
        (*cols_of(PracticalConsideration), id_col()),
        "consideration",
        standard=standard("practical_considerations"),
    )


def barriers(entry: Tool, framework: Framework) -> Adapter:
    """Tool 16."""
    return one_table(
        entry,
        "Adoption Barriers",
        "barriers",
        Barrier,
        (*cols_of(Barrier, headers=RACI_TEXT), id_col()),
        "name",
    )


def risks(entry: Tool, framework: Framework) -> Adapter:
    """Tool 17: with the score as a formula beside likelihood and severity."""
    return one_table(entry, "Adoption Risks", "risks", Risk, _risk_cols(RACI_TEXT), "name")


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
