"""Phase 2 tools: the success proposal, the RACI matrix, the monthly stakeholder plan."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .base import FileModel, Model, Row, RowId, Score0to10, Text
from .scales import check_in_scale, on_scale

# --- proposal -----------------------------------------------------------------------------


class Contact(Model):
    name: str = ""
    email: str = ""
    mobile: str = ""
    work_phone: str = ""


class Signature(Model):
    name: str = ""
    signed: bool = False
    date: dt.date | None = None


class ProposalAspect(Row):
    """The agreed specifics for one aspect; the row id is the aspect's framework id."""

    specifics: Text = ""
    """Activities, outcomes, deadlines and milestones agreed for this aspect."""


class Proposal(FileModel):
    """`proposal.toml`: the customer success proposal (tool 3), sent for signature."""

    kind: ClassVar[str] = "proposal"

    state: Literal["draft", "sent", "signed"] = "draft"
    date: dt.date | None = None
    addressee: str = ""
    """Who the proposal is addressed to: the customer's SPL."""
    preamble: Text = ""
    """Leave empty to use the framework's standard preamble."""
    aspects: list[ProposalAspect] = Field(default_factory=list)
    csm_contact: Contact = Field(default_factory=Contact)
    spl_contact: Contact = Field(default_factory=Contact)
    csm_signature: Signature = Field(default_factory=Signature)
    spl_signature: Signature = Field(default_factory=Signature)

    @model_validator(mode="after")
    def _signed(self) -> Proposal:
        if self.state == "signed" and not (self.csm_signature.signed and self.spl_signature.signed):
            raise ValueError("state is 'signed' but not both signatures are marked signed")
        return self


# --- RACI ---------------------------------------------------------------------------------

Role = Literal["R", "A", "C", "I"]
ROLE_ORDER: tuple[Role, ...] = ("R", "A", "C", "I")


def parse_raci_cell(value: Any) -> frozenset[str]:
    """Read `R/A`, `a / r`, `C` or "" into a set of roles; anything else is an error."""
    if isinstance(value, (set, frozenset, list, tuple)):
        parts = [str(v) for v in value]
    elif isinstance(value, str):
        parts = [p for p in value.replace(" ", "").split("/") if p]
    else:
        raise PydanticCustomError("raci_code", "a RACI cell is text such as 'R/A'")
    roles = set()
    for part in parts:
        code = part.strip().upper()
        if code not in ROLE_ORDER:
            raise PydanticCustomError(
                "raci_code",
                "unknown RACI code '{code}': use R, A, C or I, combined with '/' (e.g. R/A)",
                {"code": part},
            )
        roles.add(code)
    return frozenset(roles)


def format_raci_cell(roles: frozenset[str]) -> str:
    """The canonical spelling of a cell: roles in R, A, C, I order joined by '/'."""
    return "/".join(r for r in ROLE_ORDER if r in roles)


RaciCell = Annotated[
    frozenset[Role],
    BeforeValidator(parse_raci_cell),
    PlainSerializer(format_raci_cell, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*([RACIraci]\s*/?\s*){0,4}$",
            "description": "R (responsible), A (accountable), C (consulted), I (informed), "
            "or several joined by / (e.g. R/A)",
        }
    ),
]


class RaciColumn(Row):
    """A stakeholder (register id) or a free group title heading a column."""

    # The title is not public: a header typed as "Whitfield, Jane" is a person's name.
    # Messages name a column by its stakeholder's role or a neutral label (store/personal).
    neutral_label: ClassVar[str] = "a RACI column"

    stakeholder: RowId | None = None
    title: str = ""

    @model_validator(mode="after")
    def _named(self) -> RaciColumn:
        if not self.stakeholder and not self.title:
            raise ValueError("a RACI column needs a stakeholder (register id) or a title")
        return self


class RaciActivity(Row):
    """An activity or task of the customer's initiative, in time order."""

    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name"})

    name: str
    cells: dict[RowId, RaciCell] = Field(default_factory=dict)
    """Column id -> roles; empty cells are left out."""

    @property
    def problems(self) -> list[str]:
        """The framework's RACI rules this activity breaks (no A, several A, no R)."""
        return list(activity_problems(self))

    @field_validator("cells")
    @classmethod
    def _drop_empty(cls, cells: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
        return {key: roles for key, roles in cells.items() if roles}


Problem = Literal["no-a", "several-a", "no-r"]
"""A RACI rule an activity breaks (analysis/raci.py words them)."""


def activity_problems(activity: RaciActivity) -> list[Problem]:
    """The RACI rules `activity` breaks: exactly one Accountable (R/A counts), at least one
    Responsible. A rule of the data itself, so it lives with the model (analysis/raci.py
    finds and words them for a whole matrix; models never import analysis)."""
    roles = list(activity.cells.values())
    accountable = sum(1 for cell in roles if "A" in cell)
    problems: list[Problem] = []
    if accountable == 0:
        problems.append("no-a")
    elif accountable > 1:
        problems.append("several-a")
    if not any("R" in cell for cell in roles):
        problems.append("no-r")
    return problems


class RaciMatrix(Row):
    """One matrix; an engagement may keep several for parts of the initiative."""

    label_field: ClassVar[str] = "title"
    public_fields: ClassVar[frozenset[str]] = frozenset({"title"})

    title: str = "RACI matrix"
    columns: list[RaciColumn] = Field(default_factory=list)
    activities: list[RaciActivity] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cells_name_columns(self) -> RaciMatrix:
        known = {c.id for c in self.columns}
        for a_index, activity in enumerate(self.activities):
            for key in activity.cells:
                if key not in known:
                    raise PydanticCustomError(
                        "dangling_reference",
                        "cell '{key}' of activity '{activity}' names no column of this matrix",
                        {
                            "key": key,
                            "activity": activity.name,
                            "at": ("activities", a_index, "cells", key),
                        },
                    )
        return self


class Raci(FileModel):
    """`raci.toml`: the RACI matrices (tool 4)."""

    kind: ClassVar[str] = "raci"

    matrices: list[RaciMatrix] = Field(default_factory=list)


# --- monthly stakeholder plan -------------------------------------------------------------


class PlanStrategy(Row):
    """A strategy (A, B, ...) grouping stakeholders; its id is its label."""

    label_field: ClassVar[str] = "title"
    public_fields: ClassVar[frozenset[str]] = frozenset({"title"})

    title: str
    description: Text = ""


class Assessment(Row):
    """A key stakeholder's figures this month; the matrix and the plan both read them."""

    label_field: ClassVar[str] = "stakeholder"

    stakeholder: RowId
    authority: Score0to10
    """Influence on decisions (Y axis of the matrix)."""

    interest: Score0to10
    """Concern about the initiative (X axis of the matrix)."""
    support: int = Field(json_schema_extra=on_scale("support"))
    """On the repository's support scale (0..10 or -5..+5)."""

    @field_validator("support")
    @classmethod
    def _support_scale(cls, value: int, info: ValidationInfo) -> int:
        checked = check_in_scale(value, info, "support", "support")
        assert checked is not None
        return checked


class PlanRow(Row):
    """One strategy for one stakeholder or group this month."""

    label_field: ClassVar[str] = "stakeholder"
    public_fields: ClassVar[frozenset[str]] = frozenset({"category"})

    strategy: RowId
    stakeholder: RowId
    primary_desires: Text = ""
    primary_concerns: Text = ""
    notes: Text = ""
    category: str = ""
    """E.g. High Priority."""

    current_situation: Text = ""
    desired_situation: Text = ""
    specific_strategy: Text = ""
    assigned_to: str = ""
    deadlines: str = ""
    measurement: Text = ""


class StakeholderPlanMonth(FileModel):
    """`stakeholder-plan/YYYY-MM.toml`: one month of the stakeholder plan (tools 5 and 6)."""

    kind: ClassVar[str] = "stakeholder-plan"

    strategies: list[PlanStrategy] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)
    rows: list[PlanRow] = Field(default_factory=list)
    ignored_suggestions: list[str] = Field(default_factory=list)
    """Strategy suggestions the CSM chose to ignore this month (by suggestion key)."""

    @model_validator(mode="after")
    def _references(self) -> StakeholderPlanMonth:
        seen: dict[str, int] = {}
        for index, assessment in enumerate(self.assessments):
            if assessment.stakeholder in seen:
                raise PydanticCustomError(
                    "duplicate_assessment",
                    "stakeholder '{who}' is assessed twice this month; keep one row of figures",
                    {"who": assessment.stakeholder, "at": ("assessments", index, "stakeholder")},
                )
            seen[assessment.stakeholder] = index
        labels = {s.id for s in self.strategies}
        for index, row in enumerate(self.rows):
            if row.strategy not in labels:
                raise PydanticCustomError(
                    "dangling_reference",
                    "row '{row}' names strategy '{label}', which this month does not define",
                    {"row": row.id, "label": row.strategy, "at": ("rows", index, "strategy")},
                )
        return self

    def assessment_of(self, stakeholder_id: str) -> Assessment | None:
        for assessment in self.assessments:
            if assessment.stakeholder == stakeholder_id:
                return assessment
        return None


__all__ = [
    "ROLE_ORDER",
    "Assessment",
    "Contact",
    "PlanRow",
    "PlanStrategy",
    "Proposal",
    "ProposalAspect",
    "Raci",
    "RaciActivity",
    "RaciCell",
    "RaciColumn",
    "RaciMatrix",
    "Signature",
    "StakeholderPlanMonth",
    "format_raci_cell",
    "parse_raci_cell",
]
