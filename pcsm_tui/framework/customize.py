"""A repository's `framework.toml`: a team's changes to the default framework.

Only differences are written, so a team keeps receiving improvements to the defaults and
a reviewer sees exactly what the team changed:

    [scales]
    support = "-5..+5"

    [phases]
    rename = { "3" = "Kick-off" }

    [activities]
    rename = { "p1-03" = "Complete the handover with the sales team" }
    remove = ["p4-12"]
    [[activities.add]]
    phase = 4
    id = "team-p4-01"
    text = "Agree the adoption plan template with the customer's PMO."
    after = "p4-03"            # optional; default: the end of the phase

    [items.practical_considerations]
    remove = ["financing"]
    [[items.practical_considerations.add]]
    id = "data-protection"
    text = "Data protection"
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..models.base import FileModel, RowId
from ..models.scales import Scale
from .definition import Activity, Framework

ITEM_LISTS = (
    "status_milestones",
    "research_questions",
    "practical_considerations",
    "readiness_questions",
    "value_items",
    "adoption_questions",
    "evaluation_categories",
    "evaluation_areas",
    "onboarding_plan_phases",
    "proposal_aspects",
)
"""The standard item lists a team may change."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class AddedActivity(_Strict):
    phase: int = Field(ge=1, le=7)
    id: RowId
    text: str
    after: str | None = None


class ActivityChanges(_Strict):
    rename: dict[str, str] = Field(default_factory=dict)
    remove: list[str] = Field(default_factory=list)
    add: list[AddedActivity] = Field(default_factory=list)


class ItemChanges(_Strict):
    rename: dict[str, str] = Field(default_factory=dict)
    remove: list[str] = Field(default_factory=list)
    add: list[dict[str, Any]] = Field(default_factory=list)
    """New items, with the same keys as the list's standard items."""


class PhaseChanges(_Strict):
    rename: dict[str, str] = Field(default_factory=dict)
    """Phase number (as text) -> new name."""


class FrameworkCustomization(FileModel):
    """`framework.toml` at the root of a repository."""

    kind: ClassVar[str] = "framework"
    model_config = ConfigDict(extra="forbid", defer_build=True)

    scales: dict[str, str] = Field(default_factory=dict)
    phases: PhaseChanges = Field(default_factory=PhaseChanges)
    activities: ActivityChanges = Field(default_factory=ActivityChanges)
    items: dict[str, ItemChanges] = Field(default_factory=dict)
    proposal_preamble: str | None = None

    @field_validator("scales")
    @classmethod
    def _scales(cls, scales: dict[str, str]) -> dict[str, str]:
        for name, text in scales.items():
            if name not in ("support", "risk"):
                raise ValueError(f"unknown scale {name!r}; the scales are support and risk")
            Scale.parse(text)
        return scales

    @field_validator("items")
    @classmethod
    def _known_lists(cls, items: dict[str, ItemChanges]) -> dict[str, ItemChanges]:
        for name in items:
            if name not in ITEM_LISTS:
                raise ValueError(
                    f"unknown item list {name!r}; the lists are: {', '.join(ITEM_LISTS)}"
                )
        return items


class CustomizationError(ValueError):
    """The customization names something the framework does not have."""


def _check_known(ids: set[str], named: list[str], what: str) -> None:
    unknown = [i for i in named if i not in ids]
    if unknown:
        raise CustomizationError(f"{what}: unknown id(s) {', '.join(map(repr, unknown))}")


def apply_customization(base: Framework, custom: FrameworkCustomization) -> Framework:
    """Return `base` changed as the team asked; raise CustomizationError on unknown ids."""
    data = base.model_dump()
    if custom.scales:
        data["scales"] = {**data["scales"], **custom.scales}
    if custom.proposal_preamble is not None:
        data["proposal_preamble"] = custom.proposal_preamble

    numbers = {str(p["number"]) for p in data["phases"]}
    _check_known(numbers, list(custom.phases.rename), "phases.rename")
    for phase in data["phases"]:
        phase["name"] = custom.phases.rename.get(str(phase["number"]), phase["name"])

    changes = custom.activities
    all_ids = {a["id"] for p in data["phases"] for a in p["activities"]}
    _check_known(all_ids, list(changes.rename), "activities.rename")
    _check_known(all_ids, changes.remove, "activities.remove")
    for phase in data["phases"]:
        kept = []
        for activity in phase["activities"]:
            if activity["id"] in changes.remove:
                continue
            activity["text"] = changes.rename.get(activity["id"], activity["text"])
            kept.append(activity)
        phase["activities"] = kept
    for added in changes.add:
        if added.phase not in {p["number"] for p in data["phases"]}:
            raise CustomizationError(f"activities.add: {added.id!r} names unknown phase")
        phase = next(p for p in data["phases"] if p["number"] == added.phase)
        new = Activity(id=added.id, text=added.text).model_dump()
        positions = [i for i, a in enumerate(phase["activities"]) if a["id"] == added.after]
        if added.after is not None and not positions:
            raise CustomizationError(
                f"activities.add: {added.id!r} goes after {added.after!r}, "
                f"which phase {added.phase} does not have"
            )
        index = positions[0] + 1 if positions else len(phase["activities"])
        phase["activities"].insert(index, new)

    for name, item_changes in custom.items.items():
        items: list[dict[str, Any]] = data[name]
        ids = {i["id"] for i in items}
        label = "text" if items and "text" in items[0] else "name"
        _check_known(ids, list(item_changes.rename), f"items.{name}.rename")
        _check_known(ids, item_changes.remove, f"items.{name}.remove")
        kept = []
        for item in items:
            if item["id"] in item_changes.remove:
                continue
            if item["id"] in item_changes.rename:
                item[label] = item_changes.rename[item["id"]]
            kept.append(item)
        data[name] = kept + list(item_changes.add)
    try:
        return Framework.model_validate(data)
    except ValueError as error:
        raise CustomizationError(str(error)) from error
