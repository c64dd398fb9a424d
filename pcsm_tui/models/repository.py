"""`pcsm.toml`: the repository's own settings."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

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
    retired: dt.date | None = None
    """Left the team on this date: kept in the list so their name still reads in old
    engagements and history, but no longer offered as a CSM."""


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
    """How pcsm treats personal data (`[privacy]` in pcsm.toml)."""

    blame_authors: Literal["name", "role"] = "name"
    """Who changed a field, in `pcsm blame` and field histories: the name git recorded
    ("name") or the member's role from [[members]] ("role")."""
    retention_days: int | None = Field(default=None, ge=1, le=36500)
    """Days the personal data of a stakeholder who left (or of a closed engagement) may be
    kept; `pcsm privacy report` warns past it. None: no period set, no warnings."""


class ExportSettings(Model):
    """How exports print (`[export]` in pcsm.toml)."""

    paper: Literal["A4", "Letter"] = "A4"
    """Paper of the letters (.docx) and of the workbooks' print set-up: "A4" (everywhere
    but North America, the default) or "Letter" (US and Canada)."""


class RepoSettings(FileModel):
    """Repository name, team members and scales."""

    kind: ClassVar[str] = "pcsm"

    name: str = "Central repository"
    members: list[Member] = Field(default_factory=list)
    scales: ScaleSettings = Field(default_factory=ScaleSettings)
    privacy: PrivacySettings | None = None
    """Absent unless the team sets it (new repositories do not write the defaults)."""
    export: ExportSettings | None = None
    """Absent unless the team sets it: A4 paper."""

    @property
    def paper(self) -> Literal["A4", "Letter"]:
        return self.export.paper if self.export is not None else "A4"

    @property
    def blame_authors(self) -> Literal["name", "role"]:
        return self.privacy.blame_authors if self.privacy is not None else "name"
