"""A person's files: profile, personal evaluations (tool 23) and development plan."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from .base import FileModel, Row, Score0to10, Text

AreaId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
Quarter = Annotated[str, StringConstraints(pattern=r"^\d{4}-Q[1-4]$")]


class Profile(FileModel):
    """`people/<id>/profile.toml`."""

    kind: ClassVar[str] = "profile"

    name: str
    role: str = ""
    email: str = ""
    team: str = ""
    manager: str = ""
    joined: dt.date | None = None
    notes: Text = ""


class PersonalEvaluation(Row):
    """The CSM's self-rating on the eight areas (A-H) for one engagement on one date."""

    label_field: ClassVar[str] = "date"
    public_fields: ClassVar[frozenset[str]] = frozenset({"engagement"})

    date: dt.date
    engagement: str = ""
    """The engagement's slug, if the evaluation closes one."""

    scores: dict[AreaId, Score0to10] = Field(default_factory=dict)
    """Area id (A-H by default) -> 0-10."""
    notes: Text = ""


class PersonalEvaluations(FileModel):
    """`people/<id>/personal-evaluations.toml`: the spider chart's data (tool 23)."""

    kind: ClassVar[str] = "personal-evaluations"

    evaluations: list[PersonalEvaluation] = Field(default_factory=list)


class CriticalSuccessFactor(Row):
    label_field: ClassVar[str] = "factor"
    public_fields: ClassVar[frozenset[str]] = frozenset({"factor"})

    factor: str
    description: Text = ""


class DevelopmentActivity(Row):
    activity: str
    csf: str = ""
    """Id of the critical success factor it serves."""
    target_date: dt.date | None = None
    done: bool = False


class QuarterlyReview(Row):
    label_field: ClassVar[str] = "quarter"
    public_fields: ClassVar[frozenset[str]] = frozenset({"quarter"})

    quarter: Quarter
    date: dt.date | None = None
    reviewer: str = ""
    """The manager or peer."""
    targets: Text = ""
    progress: Text = ""
    notes: Text = ""


class Development(FileModel):
    """`people/<id>/development.toml`: vision, CSFs, planned activities, quarterly reviews."""

    kind: ClassVar[str] = "development"

    vision: Text = ""
    csfs: list[CriticalSuccessFactor] = Field(default_factory=list)
    activities: list[DevelopmentActivity] = Field(default_factory=list)
    reviews: list[QuarterlyReview] = Field(default_factory=list)
