"""The team's knowledge base: every engagement-evaluation entry of the repository, searchable.

The framework asks each engagement to end with what the team can reuse (challenges solved,
lessons learned, tools or templates, assets, process and systems improvements, successes to
celebrate). Kept inside one engagement, nobody finds them again; here they are one list a
CSM can search as they type and filter by category, engagement, CSM, phase and date.

Plain data in, plain data out: the service reads the files (validated), this module only
matches, so the same rules serve the shell (`pcsm knowledge search`) and the app.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..textfold import LATIN_LETTERS


@dataclass(frozen=True)
class KnowledgeEntry:
    """One evaluation entry with where it comes from."""

    engagement: str
    """The engagement's slug (its folder)."""
    customer: str
    csm: str
    """The engagement's CSM: a team member id, or "" when none is set."""
    csm_name: str
    """The CSM's name from their profile, else the id."""
    entry_id: str
    category: str
    """The framework's category id (lessons-learned, ...)."""
    category_name: str
    phase: int | None
    text: str
    date: dt.date | None


@dataclass(frozen=True)
class KnowledgeQuery:
    """What a search asks for; every part left empty matches everything."""

    text: str = ""
    """Words that must all appear (any order, any case, accents ignored) in the entry, its
    category or its engagement's customer."""
    category: str = ""
    """A category id or name (case and accents ignored)."""
    engagement: str = ""
    csm: str = ""
    """A team member id or name."""
    phase: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def fold(text: str) -> str:
    """Text compared the way a person would: case and accents ignored (`Café` = `cafe`,
    `Nørd` = `nord`)."""
    # case folded after NFKD too: "㋌" decomposes into "Hg", which has case again
    flat = unicodedata.normalize("NFKD", text.translate(LATIN_LETTERS)).casefold()
    decomposed = unicodedata.normalize("NFKD", flat)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(entry: KnowledgeEntry, query: KnowledgeQuery) -> bool:
    """Whether `entry` answers `query`. A date filter leaves out undated entries: nobody can
    say they fall in the period."""
    if query.category and fold(query.category) not in (
        fold(entry.category),
        fold(entry.category_name),
    ):
        return False
    if query.engagement and fold(query.engagement) != fold(entry.engagement):
        return False
    if query.csm and fold(query.csm) not in (fold(entry.csm), fold(entry.csm_name)):
        return False
    if query.phase is not None and entry.phase != query.phase:
        return False
    if query.since is not None and (entry.date is None or entry.date < query.since):
        return False
    if query.until is not None and (entry.date is None or entry.date > query.until):
        return False
    haystack = fold(" ".join((entry.text, entry.category_name, entry.customer)))
    return all(word in haystack for word in fold(query.text).split())


def search(entries: Iterable[KnowledgeEntry], query: KnowledgeQuery) -> list[KnowledgeEntry]:
    """The entries that match, newest first (undated last), then by engagement and order."""
    found = [entry for entry in entries if matches(entry, query)]
    # Stable sort: within a date, the files' own order (engagement, then entry) is kept.
    return sorted(found, key=lambda e: (e.date is None, -(e.date.toordinal() if e.date else 0)))
