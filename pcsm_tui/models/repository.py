"""`pcsm.toml`: the repository's own settings."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, field_validator

from .base import FileModel, Model, Row
from .scales import Scale


class Member(Row):
    """A team member; `id` is also the folder name under people/."""

    label_field: ClassVar[str] = "role"
    public_fields: ClassVar[frozenset[str]] = frozenset({"role"})

    name: str
    role: str = ""
    email: str = ""


class ScaleSettings(Model):
    """The scales the team picked; the framework's defaults apply where absent."""

    support: str | None = None
    """Support of a stakeholder: "0..10" (0 = highly unsupportive) or "-5..+5"."""
    risk: str | None = None
    """Likelihood and severity of adoption risks and barriers, e.g. "0..5"."""

    @field_validator("support", "risk")
    @classmethod
    def _parses(cls, value: str | None) -> str | None:
        if value is not None:
            Scale.parse(value)
        return value

    @field_validator("support")
    @classmethod
    def _support_choice(cls, value: str | None) -> str | None:
        if value is not None and Scale.parse(value) not in (Scale(0, 10), Scale(-5, 5)):
            raise ValueError('support scale must be "0..10" or "-5..+5"')
        return value


class PrivacySettings(Model):
    """How long personal data is kept (`[privacy]` in pcsm.toml)."""

    retention_days: int | None = Field(default=None, ge=1, le=36500)
    """Days the personal data of a stakeholder who left (or of a closed engagement) may be
    kept; `pcsm privacy report` warns past it. None: no period set, no warnings."""


class RepoSettings(FileModel):
    """Repository name, team members and scales."""

    kind: ClassVar[str] = "pcsm"

    name: str = "Central repository"
    members: list[Member] = Field(default_factory=list)
    scales: ScaleSettings = Field(default_factory=ScaleSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
