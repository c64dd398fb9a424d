"""Everything an export or import of one engagement reads, loaded once.

Exports and imports see an engagement as one bundle: its files (by repository path), the
register, the months of the stakeholder plan, the personal evaluations that name it, and the
framework and scales of the repository. The bundle keeps each file's `Loaded` (text digest)
so that an import can tell `Repository.save` which version it started from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from ..analysis.view import EngagementView
from ..errors import UsageError
from ..framework import Framework
from ..framework.catalogue import ENGAGEMENT_FILES, TOOL_FOR_KIND
from ..models.base import FileModel
from ..models.commitment import StakeholderPlanMonth
from ..models.engagement import Engagement, Register
from ..models.people import PersonalEvaluations
from ..models.repository import Member
from ..models.scales import Scale
from ..safeio import Unreadable
from ..store.layout import ENGAGEMENT_FILE, PLAN_DIR, REGISTER_FILE, classify, engagement_rel
from ..store.repository import Loaded, Repository

M = TypeVar("M", bound=FileModel)

PERSONAL_EVALUATIONS = TOOL_FOR_KIND[PersonalEvaluations.kind].file

Progress = Callable[[str, float], None]
"""Told what is being done and how far along (0.0-1.0), e.g. by a background worker."""


def no_progress(_text: str, _fraction: float) -> None:
    return None


class EngagementNotFound(UsageError, LookupError):
    def __init__(self, slug: str, known: list[str]) -> None:
        listed = ", ".join(known) or "none yet"
        super().__init__(f"no engagement {slug!r} in this repository (engagements: {listed})")


@dataclass
class EngagementData:
    """One engagement's files as models, keyed by repository path."""

    slug: str
    framework: Framework
    scales: dict[str, Scale]
    members: list[Member]
    models: dict[str, FileModel]
    loaded: dict[str, Loaded] = field(default_factory=dict)
    redacted: bool = False
    paper: str = "A4"
    """The repository's paper for exports ([export] paper in pcsm.toml)."""

    # --- paths ------------------------------------------------------------------------------

    @property
    def folder(self) -> str:
        return engagement_rel(self.slug)

    def rel(self, filename: str) -> str:
        return f"{self.folder}/{filename}"

    def month_rel(self, month: str) -> str:
        return f"{self.folder}/{PLAN_DIR}/{month}.toml"

    @staticmethod
    def person_rel(person: str) -> str:
        return f"people/{person}/{PERSONAL_EVALUATIONS}"

    # --- models -----------------------------------------------------------------------------

    def get(self, rel: str, model: type[M]) -> M:
        found = self.models.get(rel)
        if found is None:
            return model()
        assert isinstance(found, model), (rel, type(found))
        return found

    def tool(self, filename: str, model: type[M]) -> M:
        return self.get(self.rel(filename), model)

    @property
    def engagement(self) -> Engagement:
        found = self.models[self.rel(ENGAGEMENT_FILE)]
        assert isinstance(found, Engagement)
        return found

    @property
    def register(self) -> Register:
        return self.tool(REGISTER_FILE, Register)

    def months(self) -> list[str]:
        prefix = f"{self.folder}/{PLAN_DIR}/"
        return sorted(
            rel[len(prefix) : -len(".toml")] for rel in self.models if rel.startswith(prefix)
        )

    def month(self, month: str) -> StakeholderPlanMonth:
        return self.get(self.month_rel(month), StakeholderPlanMonth)

    def evaluations(self) -> dict[str, PersonalEvaluations]:
        """Person id -> their personal evaluations file (only people with one)."""
        found: dict[str, PersonalEvaluations] = {}
        for member in self.members:
            model = self.models.get(self.person_rel(member.id))
            if isinstance(model, PersonalEvaluations):
                found[member.id] = model
        return found

    def with_models(self, models: dict[str, FileModel]) -> EngagementData:
        return replace(self, models={**self.models, **models})

    def view(self) -> EngagementView:
        """The engagement's files keyed by kind and month, for the guidance rules."""

        files: dict[str, FileModel] = {}
        months: dict[str, StakeholderPlanMonth] = {}
        for rel, model in self.models.items():
            kind = classify(rel)
            if kind is None or kind.engagement != self.slug:
                continue
            if kind.month and isinstance(model, StakeholderPlanMonth):
                months[kind.month] = model
            else:
                files[kind.kind] = model
        return EngagementView(self.slug, self.framework, self.scales, files, months)


def load_engagement(repo: Repository, slug: str) -> EngagementData:
    """Read and validate every file of the engagement (raises the store's errors)."""

    if slug not in repo.engagements():
        raise EngagementNotFound(slug, repo.engagements())
    models: dict[str, FileModel] = {}
    loaded: dict[str, Loaded] = {}
    folder = repo.layout.engagement_dir(slug)
    rels = [engagement_rel(slug, name) for name in ENGAGEMENT_FILES if (folder / name).is_file()]
    rels += [
        repo.layout.rel(repo.layout.plan_month(slug, month))
        for month in repo.layout.plan_months(slug)
    ]
    rels += [
        EngagementData.person_rel(member.id)
        for member in repo.settings.members
        if (repo.layout.person_dir(member.id) / PERSONAL_EVALUATIONS).is_file()
    ]
    for rel in rels:
        try:
            found = repo.load(rel)
        except Unreadable as error:  # say which file, as `pcsm validate` would
            error.rel = error.rel or rel
            raise
        models[rel] = found.model
        loaded[rel] = found
    if engagement_rel(slug, REGISTER_FILE) not in models:
        models[engagement_rel(slug, REGISTER_FILE)] = Register()
    return EngagementData(
        slug=slug,
        framework=repo.framework,
        scales=repo.scales(),
        members=list(repo.settings.members),
        models=models,
        paper=repo.settings.paper,
        loaded=loaded,
    )
