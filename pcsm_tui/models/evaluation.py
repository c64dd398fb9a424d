"""Phase 7 tools: the engagement reporting checklist and the engagement evaluation."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from .base import FileModel, PhaseNumber, Row, Text


class Report(Row):
    """A customer-facing report due at a milestone."""

    label_field: ClassVar[str] = "report"
    public_fields: ClassVar[frozenset[str]] = frozenset({"report", "milestone", "audience"})

    report: str
    milestone: str = ""
    audience: str = ""
    kpis: Text = ""
    """KPIs covered."""

    due: dt.date | None = None
    delivered: bool = False
    delivered_on: dt.date | None = None
    comments: Text = ""


class Reporting(FileModel):
    """`reporting.toml`: engagement reporting checklist (tool 21)."""

    kind: ClassVar[str] = "reporting"

    reports: list[Report] = Field(default_factory=list)


class EvaluationEntry(Row):
    """One entry under a review category; entries feed the team's knowledge base."""

    label_field: ClassVar[str] = "category"
    public_fields: ClassVar[frozenset[str]] = frozenset({"category"})

    category: str
    """A framework evaluation category id (challenges-solved, lessons-learned, ...)."""

    phase: PhaseNumber | None = None
    """The phase the entry is about, if any."""
    text: Text
    date: dt.date | None = None
    """When the entry was written (the knowledge base filters and sorts by it)."""


class Evaluation(FileModel):
    """`evaluation.toml`: the engagement evaluation (tool 22)."""

    kind: ClassVar[str] = "evaluation"

    entries: list[EvaluationEntry] = Field(default_factory=list)
