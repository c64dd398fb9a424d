"""The knowledge-base part of the service (`Workspace` inherits it).

Reads every engagement's evaluation through the repository (validated models), so the CLI
and the app search the same entries. A file that cannot be read is not skipped silently:
it is returned with its reason, for the caller to show beside the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import explain
from .store.layout import PEOPLE_DIR, engagement_rel

if TYPE_CHECKING:
    from .analysis.knowledge import KnowledgeEntry, KnowledgeQuery
    from .store.repository import Repository


@dataclass(frozen=True)
class KnowledgeBase:
    """Every entry found, and the files that could not be read (path -> why)."""

    entries: tuple[KnowledgeEntry, ...]
    unreadable: dict[str, str]


class KnowledgeService:
    """Mixed into `Workspace`: needs its `repo`."""

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def knowledge(self) -> KnowledgeBase:
        """Every evaluation entry of every engagement, in the files' order."""
        # start-up: the models and analysis.knowledge load only when this runs
        from .analysis.knowledge import KnowledgeEntry
        from .models.engagement import Engagement
        from .models.evaluation import Evaluation

        repo = self.repo
        categories = {c.id: c.name for c in repo.framework.evaluation_categories}
        people = self._people_names()
        entries: list[KnowledgeEntry] = []
        unreadable: dict[str, str] = {}
        for slug in repo.engagements():
            base = engagement_rel(slug)
            rel = f"{base}/evaluation.toml"
            if not repo.layout.path(rel).is_file():
                continue
            try:
                evaluation = repo.load(rel).model
                rel = f"{base}/engagement.toml"
                engagement = repo.load(rel).model
            except Exception as error:  # reported with the file, never raised
                unreadable[rel] = explain(error)
                continue
            assert isinstance(engagement, Engagement) and isinstance(evaluation, Evaluation)
            for row in evaluation.entries:
                entries.append(
                    KnowledgeEntry(
                        engagement=slug,
                        customer=engagement.customer,
                        csm=engagement.csm,
                        csm_name=people.get(engagement.csm, engagement.csm),
                        entry_id=row.id,
                        category=row.category,
                        category_name=categories.get(row.category, row.category),
                        phase=row.phase,
                        text=row.text,
                        date=row.date,
                    )
                )
        return KnowledgeBase(tuple(entries), unreadable)

    def search_knowledge(self, query: KnowledgeQuery) -> tuple[list[KnowledgeEntry], KnowledgeBase]:
        """The entries that answer `query` (newest first) and the whole base they came from."""
        # start-up: analysis.knowledge loads only when this runs
        from .analysis.knowledge import search

        base = self.knowledge()
        return search(base.entries, query), base

    def _people_names(self) -> dict[str, str]:
        """Team member id -> name from their profile (the id when the profile is unreadable:
        a broken profile must not hide the team's knowledge)."""
        # start-up: the models load only when this runs
        from .models.people import Profile

        names: dict[str, str] = {}
        for person in self.repo.layout.people():
            rel = f"{PEOPLE_DIR}/{person}/profile.toml"
            try:
                model = self.repo.load(rel).model
            except Exception:  # the id stands in for the name
                continue
            if isinstance(model, Profile) and model.name:
                names[person] = model.name
        return names
