"""A person's view: profile, evaluations over time, development plan, engagements, hours.

Pure: the service reads the files and passes the models in, so the CLI, the People screen
and the exports build the same view from the same rules. What a person is made of is in
models/people.py; what the framework says (evaluation areas, RAPAE categories) is passed
in, because a team may rename, add or remove them (framework.toml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..framework.definition import Named
from ..models.onboarding import ActivityLog
from ..models.people import Development, PersonalEvaluation, Profile
from .spider import CpdFocus, EvaluationHistory, cpd_focus, evaluation_history


class Labelled(Protocol):
    """A framework entry with an id and a name (an evaluation area, a RAPAE category)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


UNCATEGORISED = "uncategorised"
"""The RAPAE bucket of a logged task without a category (its hours still count)."""


@dataclass(frozen=True)
class PersonEngagement:
    """An engagement the person is the CSM of."""

    slug: str
    customer: str
    phase: int
    status: str
    hours: float
    """Hours spent on it (done and current tasks of its activity log)."""


@dataclass(frozen=True)
class PersonSummary:
    """One row of the People list."""

    id: str
    name: str
    role: str
    engagements: int
    latest_evaluation: dt.date | None
    has_plan: bool
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonView:
    """Everything the People screen, `pcsm people ID` and the plan's exports show."""

    id: str
    profile: Profile
    evaluations: EvaluationHistory
    focus: CpdFocus | None
    """The lowest areas of the latest evaluation (None without an evaluation)."""
    development: Development
    engagements: tuple[PersonEngagement, ...]
    hours: tuple[tuple[str, str, float], ...]
    """(RAPAE id, name, hours) in the framework's order, then uncategorised if any."""
    areas: tuple[Named, ...]
    problems: tuple[str, ...] = field(default=())
    """Files that could not be read (path: why): shown, never hidden."""

    @property
    def name(self) -> str:
        return self.profile.name or self.id

    @property
    def latest(self) -> PersonalEvaluation | None:
        return self.evaluations.evaluations[-1] if self.evaluations.evaluations else None

    @property
    def earlier(self) -> PersonalEvaluation | None:
        """The evaluation drawn under the latest one (the one just before it)."""
        latest = self.latest
        return self.evaluations.previous(latest.id) if latest else None

    @property
    def total_hours(self) -> float:
        return sum(hours for _, _, hours in self.hours)

    def area_name(self, area_id: str) -> str:
        return next((a.name for a in self.areas if a.id == area_id), area_id)


def rapae_hours(
    logs: Iterable[ActivityLog], categories: Sequence[Labelled]
) -> tuple[tuple[str, str, float], ...]:
    """Hours spent (done and in-progress tasks: a planned task's hours are an estimate) by
    RAPAE category, every category of the framework listed even at 0; a category the
    framework no longer has and tasks without one are listed after, under their own id."""
    totals: dict[str, float] = {c.id: 0.0 for c in categories}
    for log in logs:
        for task in log.tasks:
            if task.state not in ("done", "in-progress"):
                continue
            key = task.rapae or UNCATEGORISED
            totals[key] = totals.get(key, 0.0) + float(task.time_spent)
    names = {c.id: c.name for c in categories}
    return tuple(
        (key, names.get(key, key), hours) for key, hours in totals.items() if key in names or hours
    )


def person_view(
    person: str,
    profile: Profile,
    evaluations: Sequence[PersonalEvaluation],
    development: Development,
    engagements: Sequence[PersonEngagement],
    logs: Iterable[ActivityLog],
    areas: Sequence[Named],
    categories: Sequence[Labelled],
    problems: Sequence[str] = (),
) -> PersonView:
    history = evaluation_history(evaluations, areas)
    latest = history.evaluations[-1] if history.evaluations else None
    return PersonView(
        id=person,
        profile=profile,
        evaluations=history,
        focus=cpd_focus(latest, areas) if latest else None,
        development=development,
        engagements=tuple(engagements),
        hours=rapae_hours(logs, categories),
        areas=tuple(areas),
        problems=tuple(problems),
    )


__all__ = [
    "UNCATEGORISED",
    "PersonEngagement",
    "PersonSummary",
    "PersonView",
    "person_view",
    "rapae_hours",
]
