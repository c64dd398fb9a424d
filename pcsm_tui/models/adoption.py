"""Phase 4 tools: the seven sheets of the adoption planning workbook."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from .base import FileModel, Row, RowId, Text
from .scales import check_in_scale, on_scale


class Question(Row):
    """A question and its answer; the row id is the framework's question id."""

    label_field: ClassVar[str] = "question"
    public_fields: ClassVar[frozenset[str]] = frozenset({"question"})

    question: str
    answer: Text = ""


class AdoptionRequirements(FileModel):
    """`adoption-requirements.toml`: the adoption requirements questionnaire (tool 11)."""

    kind: ClassVar[str] = "adoption-requirements"

    questions: list[Question] = Field(default_factory=list)


class Capability(Row):
    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name", "department"})

    no: int = Field(default=1, ge=1)
    name: str
    description: Text = ""
    owner: str = ""
    department: str = ""
    impact: Text = ""
    """Explanation of the impact."""
    impacted_users: Text = ""


class Capabilities(FileModel):
    """`capabilities.toml`: capabilities and processes (tool 12)."""

    kind: ClassVar[str] = "capabilities"

    capabilities: list[Capability] = Field(default_factory=list)


class ImpactedGroup(Row):
    """An impacted user group (IG) and its knowledge, skills and attitude change needs."""

    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name"})

    name: str
    description: Text = ""
    changes: Text = ""
    knowledge: Text = ""
    skills: Text = ""
    attitude: Text = ""


class ImpactedGroups(FileModel):
    """`impacted-groups.toml` (tool 13)."""

    kind: ClassVar[str] = "impacted-groups"

    groups: list[ImpactedGroup] = Field(default_factory=list)


class AdoptionActivity(Row):
    """What an impacted group gets; name, description and changes come from the group."""

    label_field: ClassVar[str] = "group"

    group: RowId
    """Id of the impacted group (impacted-groups.toml)."""

    communication: Text = ""
    training: Text = ""
    support: Text = ""
    other: Text = ""
    """E.g. incentives."""


class AdoptionActivities(FileModel):
    """`adoption-activities.toml` (tool 14)."""

    kind: ClassVar[str] = "adoption-activities"

    activities: list[AdoptionActivity] = Field(default_factory=list)


class PracticalConsideration(Row):
    label_field: ClassVar[str] = "consideration"
    public_fields: ClassVar[frozenset[str]] = frozenset({"consideration"})

    consideration: str
    documentation: Text = ""
    ownership: str = ""


class PracticalConsiderations(FileModel):
    """`practical-considerations.toml` (tool 15), pre-filled with the eight standard ones."""

    kind: ClassVar[str] = "practical-considerations"

    considerations: list[PracticalConsideration] = Field(default_factory=list)


class Barrier(Row):
    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name"})

    no: int = Field(default=1, ge=1)
    name: str
    description: Text = ""
    severity: int | None = Field(None, json_schema_extra=on_scale("risk"))
    """On the repository's risk scale."""
    strategy: Text = ""
    responsible: str = ""
    """Who carries out the action."""
    accountable: str = ""
    consulted: str = ""
    informed: str = ""

    @field_validator("severity")
    @classmethod
    def _scale(cls, value: int | None, info: ValidationInfo) -> int | None:
        return check_in_scale(value, info, "risk", "severity")


class Barriers(FileModel):
    """`barriers.toml`: adoption barriers (tool 16)."""

    kind: ClassVar[str] = "barriers"

    barriers: list[Barrier] = Field(default_factory=list)


RiskState = Literal["open", "mitigated", "closed"]
"""An open risk counts in health and next steps; a mitigated or closed one no longer does
(it stays in the table, so the record of what was faced is kept)."""


class Risk(Row):
    label_field: ClassVar[str] = "name"
    public_fields: ClassVar[frozenset[str]] = frozenset({"name"})
    computed_columns: ClassVar[tuple[str, ...]] = ("score",)

    no: int = Field(default=1, ge=1)
    name: str
    description: Text = ""
    likelihood: int | None = Field(None, json_schema_extra=on_scale("risk"))
    """On the repository's risk scale."""
    severity: int | None = Field(None, json_schema_extra=on_scale("risk"))
    """On the repository's risk scale."""
    strategy: Text = ""
    responsible: str = ""
    """Who carries out the action."""
    accountable: str = ""
    consulted: str = ""
    informed: str = ""
    state: RiskState = "open"
    """Absent in older files: they read as open. Last, so the template's columns keep
    their places in the workbook."""

    @field_validator("likelihood", "severity")
    @classmethod
    def _scale(cls, value: int | None, info: ValidationInfo) -> int | None:
        return check_in_scale(value, info, "risk", str(info.field_name))

    @property
    def score(self) -> int | None:
        """Likelihood + severity, once both are rated."""
        if self.likelihood is None or self.severity is None:
            return None
        return self.likelihood + self.severity

    @property
    def is_open(self) -> bool:
        return self.state == "open"


class Risks(FileModel):
    """`risks.toml`: adoption risks (tool 17)."""

    kind: ClassVar[str] = "risks"

    risks: list[Risk] = Field(default_factory=list)
