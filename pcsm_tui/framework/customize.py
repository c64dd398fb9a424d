"""A repository's `framework.toml`: a team's changes to the default framework.

Only differences are written, so a team keeps receiving improvements to the defaults and
a reviewer sees exactly what the team changed:

    [scales]
    support = "-5..+5"

    [phases]
    rename = { "3" = "Kick-off" }
    [[phases.add]]             # a team's own phase, after phase 7
    number = 8
    name = "Renewal"
    overview = "Prepare the renewal with the account manager."

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

Guidance is data too: `[phases] overview = { "3" = "..." }`, `[stages] overview = {...}`,
`[activities] tools = { "p4-12" = ["risks", "barriers"] }` (where the guide jumps), and the
thresholds and weights of `[strategy_rules]`, `[health]` and `[guide]`, each key optional:

    [strategy_rules]
    high_authority = 7

    [health]
    red_at = 6
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from ..errors import PcsmError
from ..models.base import MAX_PHASE, FileModel, RowId
from ..models.scales import Scale
from .definition import Activity, Framework, GuideRules, HealthRules, StrategyRules

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
    "onboarding_aspects",
    "onboarding_bands",
    "rapae",
    "raci_roles",
    "raci_activities",
)
"""The standard item lists a team may change (rename, remove, add, change fields)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class AddedActivity(_Strict):
    phase: int = Field(ge=1, le=MAX_PHASE)
    id: RowId
    text: str
    after: str | None = None
    tools: list[str] = Field(default_factory=list)


class ActivityChanges(_Strict):
    rename: dict[str, str] = Field(default_factory=dict)
    remove: list[str] = Field(default_factory=list)
    add: list[AddedActivity] = Field(default_factory=list)
    tools: dict[str, list[str]] = Field(default_factory=dict)
    """Activity id -> the tools it is done in (replaces the default list)."""


class ItemChanges(_Strict):
    rename: dict[str, str] = Field(default_factory=dict)
    remove: list[str] = Field(default_factory=list)
    add: list[dict[str, Any]] = Field(default_factory=list)
    """New items, with the same keys as the list's standard items."""
    change: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Item id -> fields to set (a band's `min`/`max`, a RACI role's `definition`, an
    aspect's `low`/`high` wording, a readiness question's `go_question`)."""


class AddedPhase(_Strict):
    """A team's own phase (`[[phases.add]]`): a number no phase of the framework has (8 and
    up, or one the team removed), a name, and the guidance the app shows for it. It has no
    tools of its own; its activities (`[[activities.add]] phase = N`) may name any tool
    for the guide to jump to."""

    number: int = Field(ge=1, le=MAX_PHASE)
    name: str = Field(min_length=1, max_length=80)
    stage: str | None = None
    """A stage id (A, B, C); default: the stage of the phase before it (else the first)."""
    output: str = ""
    """What the phase leaves behind (the wheel and the guide say it)."""
    overview: str = ""
    """What the phase is for: the guidance shown on the engagement's guide."""
    id: str | None = None
    """Default `team-phase-<number>`."""


class PhaseChanges(_Strict):
    remove: list[int] = Field(default_factory=list)
    """Phase numbers the team does not use: gone from the wheel, guidance and exports
    (engagement data that still refers to them is kept and listed by `pcsm validate`)."""
    rename: dict[str, str] = Field(default_factory=dict)
    """Phase number (as text) -> new name."""
    overview: dict[str, str] = Field(default_factory=dict)
    """Phase number (as text) -> the team's own overview of the phase."""
    add: list[AddedPhase] = Field(default_factory=list)
    """The team's own phases, placed by number (after phase 7 for 8 and up)."""


class StageChanges(_Strict):
    overview: dict[str, str] = Field(default_factory=dict)
    """Stage id (A, B, C) -> the team's own overview of the stage."""


RULE_SECTIONS: dict[str, type[BaseModel]] = {
    "strategy_rules": StrategyRules,
    "health": HealthRules,
    "guide": GuideRules,
}
"""Sections whose keys a team may set one by one (the rest keep the framework's values)."""


class FrameworkCustomization(FileModel):
    """`framework.toml` at the root of a repository."""

    kind: ClassVar[str] = "framework"
    model_config = ConfigDict(extra="forbid", defer_build=True)

    scales: dict[str, str] = Field(default_factory=dict)
    stages: StageChanges = Field(default_factory=StageChanges)
    phases: PhaseChanges = Field(default_factory=PhaseChanges)
    activities: ActivityChanges = Field(default_factory=ActivityChanges)
    items: dict[str, ItemChanges] = Field(default_factory=dict)
    proposal_preamble: str | None = None
    strategy_rules: dict[str, Any] = Field(default_factory=dict)
    health: dict[str, Any] = Field(default_factory=dict)
    guide: dict[str, Any] = Field(default_factory=dict)

    @field_validator("strategy_rules", "health", "guide")
    @classmethod
    def _rule_keys(cls, given: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        """Known keys only, each value of the right type and range (checked now, so that
        `pcsm validate` points at framework.toml rather than failing later)."""
        section = str(info.field_name)
        model = RULE_SECTIONS[section]
        unknown = sorted(set(given) - set(model.model_fields))
        if unknown:
            raise ValueError(
                f"unknown key(s) in [{section}]: {', '.join(unknown)}; "
                f"the keys are: {', '.join(model.model_fields)}"
            )
        model.model_validate({**model().model_dump(), **given})
        return given

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


class CustomizationError(PcsmError, ValueError):
    """The customization names something the framework does not have; `loc` is where in
    framework.toml (a path as pydantic gives one), so validate names the line."""

    def __init__(self, message: str, loc: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.loc = loc


def _add_activities(phases: list[dict[str, Any]], added: list[AddedActivity]) -> None:
    """Put each added activity right after its `after` (as it stands when it is added: a
    later one with the same `after` goes before an earlier one) or at its phase's end.

    Built in one pass over the adds and one over the result (a framework.toml may list
    thousands; inserting into a list one by one was quadratic): each activity keeps the
    adds that follow it, newest first, and the phase is then written out depth first.
    """
    by_number = {p["number"]: p for p in phases}
    follows: dict[str, list[dict[str, Any]]] = {}
    at_end: dict[int, list[dict[str, Any]]] = {}
    known = {number: {a["id"] for a in p["activities"]} for number, p in by_number.items()}
    for index, item in enumerate(added):
        where = ("activities", "add", index)
        if item.phase not in by_number:
            raise CustomizationError(
                f"activities.add: {item.id!r} names phase {item.phase}, which the framework "
                "does not have",
                (*where, "phase"),
            )
        new = Activity(id=item.id, text=item.text, tools=tuple(item.tools)).model_dump()
        if item.after is None:
            at_end.setdefault(item.phase, []).append(new)
        elif item.after in known[item.phase]:
            follows.setdefault(item.after, []).append(new)
        else:
            raise CustomizationError(
                f"activities.add: {item.id!r} goes after {item.after!r}, "
                f"which phase {item.phase} does not have",
                (*where, "after"),
            )
        known[item.phase].add(item.id)
    for number, phase in by_number.items():
        out: list[dict[str, Any]] = []
        stack = list(reversed(phase["activities"] + at_end.get(number, [])))
        while stack:
            activity = stack.pop()
            out.append(activity)
            stack.extend(follows.pop(activity["id"], []))  # newest first once popped
        phase["activities"] = out


def _check_known(ids: set[str], named: list[str] | dict[str, Any], what: str) -> None:
    """Every id `named` (a list's items or a table's keys) is one of `ids`."""
    unknown = [i for i in named if i not in ids]
    if unknown:
        first = unknown[0]
        where = first if isinstance(named, dict) else list(named).index(first)
        raise CustomizationError(
            f"{what}: unknown id(s) {', '.join(map(repr, unknown))}; "
            f"the ids are: {_some(sorted(ids))}",
            (*what.split("."), where),
        )


def _some(ids: list[str], most: int = 12) -> str:
    """A list of ids for a message, cut after `most` (an activity list is long)."""
    shown = ", ".join(ids[:most])
    return shown + (f", … ({len(ids)} in all)" if len(ids) > most else "")


def _check_tools(named: list[str], what: str) -> None:
    # cycle: framework.catalogue imports this module (for the framework.toml file kind)
    from .catalogue import TOOLS_BY_ID

    unknown = sorted({t for t in named if t not in TOOLS_BY_ID})
    if unknown:
        raise CustomizationError(
            f"{what}: unknown tool id(s) {', '.join(map(repr, unknown))}; "
            f"the tools are: {', '.join(TOOLS_BY_ID)}"
        )


def _remove_phases(data: dict[str, Any], removed: set[int]) -> None:
    """Drop the phases (and their activities); a stage left without phases goes too."""
    if not removed:
        return
    if len(removed) >= len(data["phases"]):
        raise CustomizationError(
            "phases.remove: at least one phase must stay", ("phases", "remove")
        )
    data["phases"] = [p for p in data["phases"] if p["number"] not in removed]
    for stage in data["stages"]:
        stage["phases"] = [n for n in stage["phases"] if n not in removed]
    data["stages"] = [s for s in data["stages"] if s["phases"]]


def _add_phases(data: dict[str, Any], added: list[AddedPhase]) -> None:
    """Put each added phase in number order, in its stage (given, or the stage of the phase
    before it); a number the framework already has is refused with its place."""
    stages = {s["id"]: s for s in data["stages"]}
    for index, phase in enumerate(added):
        where = ("phases", "add", index)
        numbers = {p["number"] for p in data["phases"]}
        if phase.number in numbers:
            raise CustomizationError(
                f"phases.add: phase {phase.number} already exists; choose a number the "
                f"framework does not have (it has {', '.join(map(str, sorted(numbers)))})",
                (*where, "number"),
            )
        before = [p for p in data["phases"] if p["number"] < phase.number]
        stage = phase.stage or (before[-1]["stage"] if before else data["stages"][0]["id"])
        if stage not in stages:
            raise CustomizationError(
                f"phases.add: phase {phase.number} names stage {stage!r}, which the framework "
                f"does not have (the stages are {', '.join(stages)})",
                (*where, "stage"),
            )
        new: dict[str, Any] = {
            "number": phase.number,
            "id": phase.id or f"team-phase-{phase.number}",
            "name": phase.name,
            "stage": stage,
            "output": phase.output,
            "overview": phase.overview,
            "activities": [],
        }
        data["phases"] = sorted([*data["phases"], new], key=lambda p: int(p["number"]))
        stages[stage]["phases"] = sorted([*stages[stage]["phases"], phase.number])


def _change_fields(item: dict[str, Any], fields: dict[str, Any], name: str) -> None:
    """Set `fields` of one standard item; its id stays, and only fields it has are set."""
    unknown = sorted(set(fields) - (set(item) - {"id"}))
    if unknown:
        raise CustomizationError(
            f"items.{name}.change.{item['id']}: unknown field(s) {', '.join(unknown)}; the "
            f"fields are: {', '.join(k for k in item if k != 'id')}",
            ("items", name, "change", item["id"], unknown[0]),
        )
    item.update(fields)


def apply_customization(base: Framework, custom: FrameworkCustomization) -> Framework:
    """Return `base` changed as the team asked; raise CustomizationError on unknown ids."""
    data = base.model_dump()
    if custom.scales:
        data["scales"] = {**data["scales"], **custom.scales}
    if custom.proposal_preamble is not None:
        data["proposal_preamble"] = custom.proposal_preamble

    for section in RULE_SECTIONS:
        data[section] = {**data[section], **getattr(custom, section)}
    stage_ids = {s["id"] for s in data["stages"]}
    _check_known(stage_ids, custom.stages.overview, "stages.overview")
    for stage in data["stages"]:
        stage["overview"] = custom.stages.overview.get(stage["id"], stage["overview"])
    numbers = {str(p["number"]) for p in data["phases"]}
    _check_known(numbers, [str(n) for n in custom.phases.remove], "phases.remove")
    _remove_phases(data, set(custom.phases.remove))
    _add_phases(data, custom.phases.add)
    numbers = {str(p["number"]) for p in data["phases"]}
    _check_known(numbers, custom.phases.rename, "phases.rename")
    _check_known(numbers, custom.phases.overview, "phases.overview")
    for phase in data["phases"]:
        phase["name"] = custom.phases.rename.get(str(phase["number"]), phase["name"])
        phase["overview"] = custom.phases.overview.get(str(phase["number"]), phase["overview"])

    changes = custom.activities
    all_ids = {a["id"] for p in data["phases"] for a in p["activities"]}
    _check_known(all_ids, changes.rename, "activities.rename")
    _check_known(all_ids, changes.remove, "activities.remove")
    _check_known(all_ids, changes.tools, "activities.tools")
    _check_tools([t for tools in changes.tools.values() for t in tools], "activities.tools")
    _check_tools([t for added in changes.add for t in added.tools], "activities.add")
    for phase in data["phases"]:
        kept = []
        for activity in phase["activities"]:
            if activity["id"] in changes.remove:
                continue
            activity["text"] = changes.rename.get(activity["id"], activity["text"])
            activity["tools"] = changes.tools.get(activity["id"], activity["tools"])
            kept.append(activity)
        phase["activities"] = kept
    _add_activities(data["phases"], changes.add)

    for name, item_changes in custom.items.items():
        items: list[dict[str, Any]] = data[name]
        ids = {i["id"] for i in items}
        label = "text" if items and "text" in items[0] else "name"
        _check_known(ids, item_changes.rename, f"items.{name}.rename")
        _check_known(ids, item_changes.remove, f"items.{name}.remove")
        _check_known(ids, item_changes.change, f"items.{name}.change")
        kept = []
        for item in items:
            if item["id"] in item_changes.remove:
                continue
            if item["id"] in item_changes.rename:
                item[label] = item_changes.rename[item["id"]]
            _change_fields(item, item_changes.change.get(item["id"], {}), name)
            kept.append(item)
        data[name] = kept + list(item_changes.add)
    try:
        return Framework.model_validate(data)
    except ValidationError as error:  # one line per problem, without pydantic's dump
        problems = (str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise CustomizationError("; ".join(problems)) from error
