"""Phases 5-6 checklists: adoption readiness, challenges and changes, value realization."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import FileModel, Row, RowId, Text


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


Decision = Literal["go", "no-go", "not-yet"]
DECISION_TEXT: dict[str, str] = {"go": "go", "no-go": "no-go", "not-yet": "not yet"}


class GoDecision(Row):
    """The answer to the checklist's last question ("are we ready to go?") as a decision.

    Kept as a list per copy, newest last, so the record shows how an adoption phase came to
    go (not yet on one day, go on another) and what was still open each time.
    """

    label_field: ClassVar[str] = "decision"
    public_fields: ClassVar[frozenset[str]] = frozenset({"decision"})

    decision: Decision
    date: dt.date
    decided_by: str = ""
    """Who decided: a team member id or the decider's role (personal data: never shown in
    commit messages)."""
    open_items: list[RowId] = Field(default_factory=list)
    """Ids of the checklist's items that were not answered yes when the decision was taken."""
    comments: Text = ""


class ReadinessChecklist(Row, _Completion):
    """One copy of the checklist, for one adoption phase."""

    label_field: ClassVar[str] = "title"
    public_fields: ClassVar[frozenset[str]] = frozenset({"title"})

    title: str
    go_live: dt.date | None = None
    """When this adoption phase is planned to go live (open items before it need attention)."""
    items: list[ReadinessItem] = Field(default_factory=list)
    decisions: list[GoDecision] = Field(default_factory=list)

    @property
    def decision(self) -> GoDecision | None:
        """The decision in force: the latest by date (the later row on the same day)."""
        if not self.decisions:
            return None
        return max(enumerate(self.decisions), key=lambda pair: (pair[1].date, pair[0]))[1]


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

    @model_validator(mode="after")
    def _open_items_exist(self) -> Readiness:
        for c_index, checklist in enumerate(self.checklists):
            known = {item.id for item in checklist.items}
            for d_index, decision in enumerate(checklist.decisions):
                for item in decision.open_items:
                    if item not in known:
                        raise PydanticCustomError(
                            "dangling_reference",
                            "decision of {date} in '{title}' lists open item '{item}', which "
                            "the checklist does not have",
                            {
                                "date": decision.date.isoformat(),
                                "title": checklist.title,
                                "item": item,
                                "at": ("checklists", c_index, "decisions", d_index, "open_items"),
                            },
                        )
        return self


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
