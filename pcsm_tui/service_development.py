"""People and their development through the service (`Workspace` inherits it).

The People screen, `pcsm people` and the development plan's exports all read a person
here: their three files under `people/<id>/` (profile, personal evaluations, development
plan), the engagements they are the CSM of and those engagements' activity logs. A file
that does not read is named in the view's `problems`, never skipped silently and never
fatal: one broken activity log must not hide a person's plan.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from .errors import PcsmError, UsageError, explain
from .store.layout import PEOPLE_DIR, check_slug, engagement_rel

if TYPE_CHECKING:
    from .analysis.people import PersonEngagement, PersonSummary, PersonView
    from .models.base import FileModel
    from .models.onboarding import ActivityLog
    from .store.repository import CommitResult, Repository

# The app's first frame imports this module (through the service): the models (pydantic),
# analysis.people and store.repository load inside the methods that need them.
_M = TypeVar("_M", bound="FileModel")

PROFILE = "profile.toml"
EVALUATIONS = "personal-evaluations.toml"
DEVELOPMENT = "development.toml"
PERSON_PARTS: dict[str, str] = {
    PROFILE: "profile",
    EVALUATIONS: "personal evaluations",
    DEVELOPMENT: "development plan",
}
"""A person's files and how messages name them."""


class UnknownPerson(UsageError, LookupError):
    """No team member and no people/ folder has this id."""


def person_rel(person: str, filename: str) -> str:
    """`people/<id>/<file>`; the id is checked (no `..`, no slashes)."""
    return f"{PEOPLE_DIR}/{check_slug(person, 'person id')}/{filename}"


class DevelopmentService:
    """Mixed into `Workspace`: needs its `repo`, `root`, `today`, `_lock` and `_remember`."""

    root: Path
    today: dt.date
    _lock: threading.Lock
    _remember: Callable[[CommitResult], CommitResult]

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    # --- reading ------------------------------------------------------------------------

    def people_ids(self) -> list[str]:
        """The team: pcsm.toml's members, in its order, then any people/ folder not listed."""
        listed = [m.id for m in self.repo.settings.members]
        return listed + [p for p in self.repo.layout.people() if p not in listed]

    def people_summaries(self) -> list[PersonSummary]:
        return [self._summary(person) for person in self.people_ids()]

    def _summary(self, person: str) -> PersonSummary:
        # start-up: analysis.people (the models) loads only when this runs
        from .analysis.people import PersonSummary

        view = self.person(person)
        latest = view.latest
        plan = view.development
        return PersonSummary(
            id=person,
            name=view.name,
            role=view.profile.role,
            engagements=len(view.engagements),
            latest_evaluation=latest.date if latest else None,
            has_plan=bool(plan.vision or plan.csfs or plan.activities or plan.reviews),
            problems=view.problems,
        )

    def person(self, person: str) -> PersonView:
        """Everything about one person; an unknown id raises `UnknownPerson`."""
        if person not in self.people_ids():
            known = ", ".join(self.people_ids()) or "none yet (M in the app adds members)"
            raise UnknownPerson(f"no team member {person!r}; the team: {known}")
        # start-up: analysis.people and the models load only when this runs
        from .analysis.people import person_view
        from .models.people import Development, PersonalEvaluations, Profile

        problems: list[str] = []
        member = next((m for m in self.repo.settings.members if m.id == person), None)
        fallback = Profile(
            name=member.name if member else person, role=member.role if member else ""
        )
        profile = self._person_file(person, PROFILE, Profile, fallback, problems)
        evaluations = self._person_file(
            person, EVALUATIONS, PersonalEvaluations, PersonalEvaluations(), problems
        )
        development = self._person_file(person, DEVELOPMENT, Development, Development(), problems)
        engagements, logs = self._engagements_of(person, problems)
        framework = self.repo.framework
        return person_view(
            person,
            profile,
            evaluations.evaluations,
            development,
            engagements,
            logs,
            framework.evaluation_areas,
            framework.rapae,
            problems,
        )

    def _person_file(
        self, person: str, filename: str, model: type[_M], missing: _M, problems: list[str]
    ) -> _M:
        rel = person_rel(person, filename)
        if not self.repo.layout.path(rel).is_file():
            return missing
        try:
            loaded = self.repo.load(rel).model
        except Exception as error:  # named in the view, the rest still shows
            problems.append(f"{rel}: {explain(error)}")
            return missing
        return loaded if isinstance(loaded, model) else missing

    def _engagements_of(
        self, person: str, problems: list[str]
    ) -> tuple[list[PersonEngagement], list[ActivityLog]]:
        # start-up: analysis.people and the models load only when this runs
        from .analysis.people import PersonEngagement
        from .models.engagement import Engagement

        found: list[PersonEngagement] = []
        logs: list[ActivityLog] = []
        for slug in self.repo.engagements():
            rel = engagement_rel(slug, "engagement.toml")
            try:
                engagement = self.repo.load(rel).model
            except Exception as error:  # named, the others still count
                problems.append(f"{rel}: {explain(error)}")
                continue
            if not isinstance(engagement, Engagement) or engagement.csm != person:
                continue
            log = self._activity_log(slug, problems)
            hours = log.hours if log else 0.0
            if log:
                logs.append(log)
            found.append(
                PersonEngagement(
                    slug, engagement.customer, engagement.current_phase, engagement.status, hours
                )
            )
        return found, logs

    def _activity_log(self, slug: str, problems: list[str]) -> ActivityLog | None:
        # start-up: the models load only when this runs
        from .models.onboarding import ActivityLog

        rel = engagement_rel(slug, "activity-log.toml")
        if not self.repo.layout.path(rel).is_file():
            return None
        try:
            model = self.repo.load(rel).model
        except Exception as error:  # named in the view; the hours leave it out
            problems.append(f"{rel}: {explain(error)}")
            return None
        return model if isinstance(model, ActivityLog) else None

    def person_file(self, person: str, filename: str) -> tuple[str, bool]:
        """A person's file (`people/<id>/<file>`) and whether it exists yet."""
        rel = person_rel(person, filename)
        return rel, self.repo.layout.path(rel).is_file()

    # --- writing ------------------------------------------------------------------------

    def start_person_file(self, person: str, filename: str) -> CommitResult:
        """Create a person's missing file (empty plan, no evaluations, a profile with the
        member's name) as one commit, so the app can edit it like any other file."""
        if filename not in PERSON_PARTS:
            raise PcsmError(f"{filename!r} is not a person's file: {', '.join(PERSON_PARTS)}")
        # start-up: the models and store.repository load only when this runs
        from .models.people import Development, PersonalEvaluations, Profile
        from .store.repository import Write

        view = self.person(person)
        rel = person_rel(person, filename)
        model: FileModel
        if filename == PROFILE:
            model = Profile(name=view.name, role=view.profile.role)
        elif filename == EVALUATIONS:
            model = PersonalEvaluations()
        else:
            model = Development()
        with self._lock, self.repo.lock():
            if self.repo.layout.path(rel).exists():
                raise PcsmError(f"{rel} exists already: open it to edit")
            return self._remember(
                self.repo.save(
                    [Write(rel, model, None)],
                    self.repo.scope_for(rel),
                    f"{PERSON_PARTS[filename]} started",
                    action="create",
                )
            )

    # --- exports ------------------------------------------------------------------------

    def person_export_path(self, person: str, suffix: str) -> Path:
        """Beside the repository: `maria-lopez-development-2026-11-22.xlsx`."""
        return self.root.parent / f"{person}-development-{self.today.isoformat()}{suffix}"

    def export_development(self, person: str, path: Path, form: Literal["xlsx", "docx"]) -> Path:
        """The person's development plan (with their evaluations' CPD focus and quarterly
        reviews) as a workbook or a Word document, written atomically."""
        view = self.person(person)
        # start-up: io.development_export (openpyxl, python-docx) loads only when this runs
        from .io.development_export import write_development

        write_development(view, path, form, self.today)
        return path


__all__ = [
    "DEVELOPMENT",
    "EVALUATIONS",
    "PERSON_PARTS",
    "PROFILE",
    "DevelopmentService",
    "UnknownPerson",
    "person_rel",
]
