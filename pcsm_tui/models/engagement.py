"""The engagement itself and its stakeholder register (identity only; figures live per month)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from .base import FileModel, PhaseNumber, Row, Text, check_date_order

NonEmpty = Annotated[str, Field(min_length=1)]


class Engagement(FileModel):
    """`engagement.toml`: who, what, when, where the engagement stands."""

    public_fields: ClassVar[frozenset[str]] = frozenset({"customer", "initiative", "csm"})

    kind: ClassVar[str] = "engagement"

    customer: NonEmpty
    """The customer's organization."""

    initiative: str = ""
    """The customer's initiative this engagement supports."""
    csm: str = ""
    """The CSM running the engagement: a team member id (people/<id>)."""
    spl: str = ""
    """The customer's senior project lead (role or name)."""
    am: str = ""
    """Our account manager (role or team member id)."""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    current_phase: PhaseNumber = 1
    """Where the engagement mainly is now (1-7); the wheel allows moving back and forth."""
    status: Literal["active", "paused", "closed"] = "active"
    summary: Text = ""
    activities_done: dict[str, dt.date] = Field(default_factory=dict)
    """Framework activity id -> the day it was ticked done."""

    @model_validator(mode="after")
    def _dates(self) -> Engagement:
        check_date_order(self.start_date, self.end_date, "start_date", "end_date")
        return self


class Stakeholder(Row):
    """One stakeholder or stakeholder group of the customer."""

    label_field: ClassVar[str] = "job_role"
    public_fields: ClassVar[frozenset[str]] = frozenset({"job_role", "seniority"})
    neutral_label: ClassVar[str] = "a stakeholder"
    """How messages name a row that has no job role and no known label: never by name."""

    name: NonEmpty
    """A person's name or a group's title."""

    kind: Literal["person", "group"] = "person"
    job_role: str = ""
    relevance: Text = ""
    """Relevance to the initiative."""
    seniority: str = ""
    """Seniority level."""
    contact: str = ""
    key: bool = False
    """A key stakeholder: shown in the stakeholder matrix and the monthly plan."""
    personal_data: bool = True
    """This row identifies a person: redact it when sharing outside the team."""
    notes: Text = ""
    left_on: dt.date | None = None
    """The day the stakeholder left the initiative: `pcsm privacy report` warns once their
    personal data has been kept longer than the repository's retention period."""


class Register(FileModel):
    """`stakeholders.toml`: the register that RACI columns and plan rows refer to by id."""

    kind: ClassVar[str] = "stakeholders"

    stakeholders: list[Stakeholder] = Field(default_factory=list)

    def by_id(self) -> dict[str, Stakeholder]:
        return {s.id: s for s in self.stakeholders}
