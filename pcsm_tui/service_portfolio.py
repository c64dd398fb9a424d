"""The first screen's reads (`Workspace` inherits them): engagement names, the portfolio
rows (through the row cache), the newest change of each engagement, quiet reads of files
shown beside a tool. They read with tomllib and git only, never validate, so the portfolio
appears before the full service (Repository) is opened."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import portfolio as rules
from .analysis.portfolio import PortfolioRow, UncheckedRow, engagement_row
from .framework.facts import (
    PortfolioFacts,
    facts_code,
    facts_fingerprint,
    facts_from_json,
    facts_to_json,
    portfolio_facts,
    support_months,
)
from .safeio import Unreadable, parse
from .store.layout import ENGAGEMENTS_DIR, Layout

if TYPE_CHECKING:
    import subprocess

    from .analysis.portfolio import GuideContext
    from .store.lastchange import Touch
    from .store.readers import Readers
    from .store.rowcache import RowCache


@dataclass(frozen=True)
class LastChange:
    when: str
    """ISO date of the change."""
    who: str
    subject: str


class PortfolioService:
    """Mixed into `Workspace`: needs its `root`, `today` and `readers`, the guidance
    context (service_guide.GuideService) and `file_at` (service_history.HistoryService)."""

    root: Path
    today: dt.date
    readers: Readers
    _guide_context: Callable[[], GuideContext]
    _support_months: Callable[[], int]
    file_at: Callable[[str, str], str | None]

    def engagement_slugs(self) -> list[str]:

        return Layout(self.root).engagements()

    def portfolio(
        self, progress: Callable[[int, int], None] | None = None, aside: bool = False
    ) -> list[PortfolioRow]:
        """One row per engagement, read with tomllib only (no validation, no git); rows of
        engagements whose files have not changed come from the row cache (store/rowcache).
        `progress` hears (done, total) while engagements are read. `aside`: a background
        read, which stops (Cancelled) between two engagements once the app quits, their
        stamping included (on the UI thread nothing may raise that)."""
        return RowRead(self).all(None, progress, aside)[0]

    def portfolio_start(
        self, read_at_most: int | None, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[PortfolioRow], int]:
        """Every row, when at most `read_at_most` engagements (None: any number) must be read
        afresh; otherwise only the rows the cache gives, and how many are left unread. The
        first screen's single pass over the files."""
        return RowRead(self).all(read_at_most, progress)

    def row_read(self) -> RowRead:
        """One pass over the row cache that can check a few engagements before the rest
        (the portfolio's first frame: ui/screens/portfolio_first)."""
        return RowRead(self)

    def _absent_rows(self, facts: Callable[[], PortfolioFacts]) -> list[PortfolioRow]:
        """The engagements a sparse clone does not hold, from their committed summaries
        (store/summaries.py); nothing at all, and no git process, in a full clone."""
        # start-up: store.sparse loads only when this runs
        from .store.sparse import absent_engagements

        absent = absent_engagements(self.root)
        if not absent:
            return []
        # start-up: store.summaries loads only in a sparse clone
        from .store.summaries import read_summary

        rows: list[PortfolioRow] = []
        for slug in absent:
            summary = read_summary(self.root, slug)
            if summary is None:
                rows.append(PortfolioRow(slug, slug, "", 1, "?", "", 0, None, 0, absent=True))
                continue
            name = facts().phase_names.get(summary.phase, "?")
            rows.append(
                PortfolioRow(
                    slug,
                    summary.customer or slug,
                    summary.csm,
                    summary.phase,
                    name,
                    summary.band,
                    summary.high_risks,
                    summary.readiness,
                    0,
                    absent=True,
                )
            )
        return rows

    def _row_cache(self) -> RowCache:

        # start-up: store.rowcache loads only when this runs
        from .store.rowcache import RowCache

        # What a row depends on besides its files: the framework's facts, today (overdue),
        # and the rules themselves (a new pcsm version reads every engagement again).
        context = hashlib.sha256(
            facts_fingerprint(self.root)
            + self.today.isoformat().encode()
            + rules.rules_fingerprint()
        ).hexdigest()
        return RowCache(self.root, context)

    def _is_a_repository(self) -> bool:
        """Whether git finds this folder's repository at all (a `.git` file may point
        nowhere; then there is no history to read, which is no failure of a read)."""
        # start-up: store.git loads only when this runs
        from .store.git import GitError, GitService

        try:
            GitService(self.root).out("rev-parse", "--git-dir")
        except GitError:
            return False
        return True

    def last_changes(self) -> dict[str, LastChange]:
        """The newest commit touching each engagement: from the cache in `.git/pcsm/`, kept
        up to date from the previous HEAD (store/lastchange). Raises git's error: a broken
        history is said, never shown as "no changes"."""
        # start-up: store.lastchange loads only when this runs
        from .store.lastchange import LastChanges

        with self.readers.reading():
            return _shown(LastChanges(self.root, self.readers).get())

    def kept_last_changes(self) -> dict[str, LastChange]:
        """The last changes kept for the current HEAD, read without git (store/lastchange
        kept_for_head): the portfolio's first frame shows them; {} when none are kept for
        it. `last_changes` is still asked afterwards and brings them up to date."""
        # start-up: store.lastchange loads only when this runs
        from .store.lastchange import kept_for_head

        return _shown(kept_for_head(self.root) or {})

    def keep_history_fast(self) -> subprocess.Popen[bytes] | None:
        """Bring git's commit-graph (with changed-path filters) up to date in the background
        when it lacks HEAD (store/graph); returns the writer, which nobody needs to wait for."""
        # start-up: store.graph loads only when this runs
        from .store.graph import upkeep

        return None if self.readers.closed else upkeep(self.root)

    def read_quietly(self, rel: str, at: str | None = None) -> dict[str, Any]:
        """A repository file's raw data, or {} if it is missing or does not read (a link, a
        folder, not UTF-8, too big or deep, bad TOML): for what screens show beside a tool.
        `at` a commit: the file as it was in that commit, for the read-only "as of" views
        (their names come from that commit's register, not today's)."""
        if at is None:  # the first frame's names: no git, so store.git need not load
            try:
                return Layout(self.root).read_toml(rel)[1]
            except (OSError, Unreadable):
                return {}
        # start-up: store.git loads only when this runs
        from .store.git import GitError

        try:
            text = self.file_at(rel, at)
            return {} if text is None else parse(text)
        except (OSError, Unreadable, GitError):
            return {}

    def member_names(self) -> dict[str, str]:
        """Each team member's name by id (pcsm.toml `[[members]]`, retired ones too: old
        engagements still name them), read quietly: the portfolio shows people, not ids. A
        member without a name, or a settings file that does not read, leaves ids as they are
        (validate says why)."""
        members = self.read_quietly("pcsm.toml").get("members")
        names: dict[str, str] = {}
        for member in members if isinstance(members, list) else []:
            if isinstance(member, dict):
                ident, name = member.get("id"), member.get("name")
                if isinstance(ident, str) and isinstance(name, str) and name.strip():
                    names[ident] = name
        return names

    def band_names(self) -> list[str]:
        """The onboarding bands in the framework's order (the team's framework.toml first):
        sorting by band follows it, from the simplest to the most complex."""
        return [band.name for band in self.kept_facts()[0].bands]

    def kept_facts(self) -> tuple[PortfolioFacts, int]:
        """`portfolio_facts` and `support_months`, kept in `.git/pcsm/facts.json` under a
        digest of every byte they are made from (`facts_fingerprint`: the shipped framework,
        the team's framework.toml and pcsm.toml) and of the code that makes them: equal
        bytes, equal facts. Parsing the shipped framework alone took ~15 ms of each start."""
        # start-up: store.rowcache loads only when this runs
        from .store.rowcache import keep_json, kept_json

        key = hashlib.sha256(facts_fingerprint(self.root) + b"\0" + facts_code()).hexdigest()
        try:
            return facts_from_json(kept_json(self.root, "facts.json", key))
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # none kept for these bytes (or not readable): made afresh
        facts, months = portfolio_facts(self.root), support_months(self.root)
        keep_json(self.root, "facts.json", key, facts_to_json(facts, months))
        return facts, months

    def unreadable(self, rels: list[str]) -> dict[str, str]:
        """Which of `rels` exist but do not read, and why (`file:line:col: why`)."""

        layout = Layout(self.root)
        found: dict[str, str] = {}
        for rel in rels:
            try:
                layout.read_toml(rel)
            except FileNotFoundError:
                continue
            except Unreadable as error:
                found[rel] = error.located(rel)
            except OSError as error:
                found[rel] = f"{rel}: {error.strerror or error}"
        return found


def _shown(found: dict[str, Touch]) -> dict[str, LastChange]:
    """What the portfolio shows of each engagement's newest change (made without
    `__init__`, which sets a frozen dataclass's fields one at a time: at 1,000 engagements
    the first frame waited ~1.5 ms more for it)."""
    shown: dict[str, LastChange] = {}
    for slug, touch in found.items():
        change = object.__new__(LastChange)
        change.__dict__.update(when=touch.when[:10], who=touch.who, subject=touch.subject)
        shown[slug] = change
    return shown


class RowRead:
    """The portfolio's rows through the row cache (store/rowcache), in two steps if wanted.

    `all` checks every engagement's files and gives the rows, as `portfolio_start` always
    did. `unchecked` gives the kept rows with nothing checked, only to choose which rows to
    check first; `check` then checks and gives those (read afresh if their files changed).
    Whoever shows rows shows only checked ones: an unchecked row may be stale.
    """

    def __init__(self, service: PortfolioService) -> None:
        self.service = service
        facts, self._months = service.kept_facts()
        self.facts: Callable[[], PortfolioFacts] = lambda: facts
        self._context = functools.cache(service._guide_context)
        # Slugs, not paths: a path is made only for a folder that is checked (1,000 paths
        # were ~3 ms of the first frame, which checks a screenful of them).
        self.slugs = service.engagement_slugs()
        """The engagement folders, listed afresh, in order."""
        self._known = set(self.slugs)
        self._base = service.root / ENGAGEMENTS_DIR
        self.cache = service._row_cache()

    def _folders(self, slugs: list[str]) -> list[Path]:
        base = self._base
        return [base / slug for slug in slugs if slug in self._known]

    def _files(self, folder: Path) -> list[str]:
        return rules.files_for(folder, self._months)

    def _read(self, path: Path) -> dict[str, Any]:
        self.service.readers.check()  # a long read (a fresh clone) stops when the app quits
        row = engagement_row(path, self.facts(), self.service.today, self._context())
        return dataclasses.asdict(row)

    def all(
        self,
        read_at_most: int | None,
        progress: Callable[[int, int], None] | None = None,
        aside: bool = False,
    ) -> tuple[list[PortfolioRow], int]:
        """Every row checked (see `portfolio_start`); the cache is pruned and saved.
        `aside`: stop between engagements once the app quits (see `portfolio`)."""
        check = self.service.readers.check if aside else None
        rows, unread = self.cache.rows(
            self._folders(self.slugs),
            self._files,
            self._read,
            progress,
            read_at_most,
            check=check,
        )
        self.cache.save()
        found = [PortfolioRow.from_json(row) for row in rows]
        return found + self.service._absent_rows(self.facts), unread

    def unchecked(self) -> tuple[list[PortfolioRow], list[str]]:
        """The kept rows' places (UncheckedRow: customer and problem), NOT checked, in folder
        order, with a sparse clone's absent rows (which come from committed summaries); and
        the engagements the cache has no row for."""
        kept = self.cache.unchecked(self.slugs)
        place = UncheckedRow.place
        rows: list[PortfolioRow] = [place(slug, *order) for slug, order in kept.items()]
        missing = [slug for slug in self.slugs if slug not in kept]
        return rows + self.service._absent_rows(self.facts), missing

    def check(self, slugs: list[str], read_at_most: int | None) -> list[PortfolioRow] | None:
        """The rows of `slugs` with their files checked (read afresh where they changed);
        None when more than `read_at_most` of them must be read. Rows read are kept at once
        (a start that ends at its first frame must not read them again next time)."""
        folders = self._folders(slugs)
        rows, unread = self.cache.rows(
            folders, self._files, self._read, None, read_at_most, prune=False
        )
        self.cache.save()  # only if a row was read: nothing is written otherwise
        return None if unread else [PortfolioRow.from_json(row) for row in rows]
