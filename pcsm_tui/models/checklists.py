"""Phases 5-6 checklists: adoption readiness, challenges and changes, value realization."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from .base import FileModel, Row, Text


class ReadinessItem(Row):
    """A readiness question; the row id is the framework item id for standard items."""

    label_field: ClassVar[str] = "question"
    public_fields: ClassVar[frozenset[str]] = frozenset({"question"})

    question: str
    answer: bool | None = None
    """Yes / no; absent while unanswered."""

    date: dt.date | None = None
    comments: Text = ""


class ValueItem(Row):
    label_field: ClassVar[str] = "question"
    public_fields: ClassVar[frozenset[str]] = frozenset({"question"})

    question: str
    answer: bool | None = None
    missing: Text = ""
    """If not: what is missing, what should be done."""
    comments: Text = ""


class _Completion:
    items: list[ReadinessItem] | list[ValueItem]

    @property
    def answered_yes(self) -> int:
        return sum(1 for item in self.items if item.answer is True)

    @property
    def completion(self) -> float:
        """Share of items answered yes (0.0-1.0); an empty checklist is complete."""
        return self.answered_yes / len(self.items) if self.items else 1.0


class ReadinessChecklist(Row, _Completion):
    """One copy of the checklist, for one adoption phase."""

    label_field: ClassVar[str] = "title"
    public_fields: ClassVar[frozenset[str]] = frozenset({"title"})

    title: str
    items: list[ReadinessItem] = Field(default_factory=list)


class ValueChecklist(Row, _Completion):
    """One copy of the value realization checklist, for one adoption phase."""

    label_field: ClassVar[str] = "title"
    public_fields: ClassVar[frozenset[str]] = frozenset({"title"})

    title: str
    items: list[ValueItem] = Field(default_factory=list)


class Readiness(FileModel):
    """`readiness.toml`: adoption readiness checklists (tool 18), one per adoption phase."""

    kind: ClassVar[str] = "readiness"

    checklists: list[ReadinessChecklist] = Field(default_factory=list)


class ValueChecklists(FileModel):
    """`value-checklist.toml`: value realization activity checklists (tool 20)."""

    kind: ClassVar[str] = "value-checklist"

    checklists: list[ValueChecklist] = Field(default_factory=list)


class Challenge(Row):
    challenge: Text
    """The challenge or change requirement."""
    impact: Text = ""
    """Impact on the adoption initiative."""
    actions: Text = ""
    owner: str = ""
    deadline: dt.date | None = None
    completed: bool = False
    comments: Text = ""


class Challenges(FileModel):
    """`challenges.toml`: challenges and changes checklist (tool 19)."""

    kind: ClassVar[str] = "challenges"

    challenges: list[Challenge] = Field(default_factory=list)
