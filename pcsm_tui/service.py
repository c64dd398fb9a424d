"""The service the app talks to: one object per open repository.

It keeps the UI free of storage details (design B1): the portfolio rows, loading a tool's
file, applying an edit as one commit, ticking an activity, undo, repository status. Writes
are serialized by a lock because the app runs them in background threads. Nothing here
imports Textual; the tests and scripts use it directly.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis.portfolio import PortfolioRow, engagement_row
from .framework.facts import portfolio_facts

if TYPE_CHECKING:
    from .framework.catalogue import Tool
    from .framework.definition import Framework
    from .models.base import FileModel
    from .store.repository import CommitResult, Loaded, Repository


@dataclass(frozen=True)
class LastChange:
    when: str
    """ISO date of the change."""
    who: str
    subject: str


@dataclass(frozen=True)
class RepoStatus:
    branch: str
    head: str
    """Subject of the newest commit."""
    uncommitted: tuple[str, ...]
    """Files changed in the work tree but not committed (e.g. after a refused commit)."""

    @property
    def summary(self) -> str:
        dirty = f" · {len(self.uncommitted)} uncommitted" if self.uncommitted else " · clean"
        return f"{self.branch}{dirty}"


class Workspace:
    """A repository opened by the app (or a script)."""

    def __init__(self, root: Path, today: dt.date | None = None) -> None:
        self.root = root.resolve()
        self.today = today or dt.date.today()
        self._repo: Repository | None = None
        self._lock = threading.Lock()

    # --- fast reads for the first screen ------------------------------------------------

    def engagement_slugs(self) -> list[str]:
        from .store.layout import Layout

        return Layout(self.root).engagements()

    def portfolio(self) -> list[PortfolioRow]:
        """One row per engagement, read with tomllib only (no validation, no git)."""
        facts = portfolio_facts(self.root)
        folder = self.root / "engagements"
        return [
            engagement_row(folder / slug, facts, self.today) for slug in self.engagement_slugs()
        ]

    def last_changes(self, limit: int = 20_000) -> dict[str, LastChange]:
        """The newest commit touching each engagement, from one walk of the history."""
        from .store.git import GitService

        git = GitService(self.root)
        if git.head() is None:
            return {}
        out = git.out(
            "log",
            f"--max-count={limit}",
            "--format=\x1e%aI\x1f%an\x1f%s",
            "--name-only",
            "--",
            "engagements",
        )
        found: dict[str, LastChange] = {}
        for record in out.split("\x1e"):
            if not record.strip():
                continue
            header, _, names = record.partition("\n")
            when, who, subject = ([*header.split("\x1f"), "", "", ""])[:3]
            for name in names.split():
                parts = name.split("/")
                if len(parts) > 1 and parts[1] not in found:
                    found[parts[1]] = LastChange(when[:10], who, subject)
        return found

    # --- the full service ---------------------------------------------------------------

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            from .store.repository import Repository

            self._repo = Repository.open(self.root)
        return self._repo

    @property
    def framework(self) -> Framework:
        return self.repo.framework

    def tool_path(self, slug: str, tool: Tool, month: str | None = None) -> str:
        if tool.scope == "monthly":
            if month is None:
                raise ValueError(f"{tool.title} needs a month")
            return f"engagements/{slug}/stakeholder-plan/{month}.toml"
        return f"engagements/{slug}/{tool.file}"

    def months(self, slug: str) -> list[str]:
        return self.repo.layout.plan_months(slug)

    def load(self, rel: str) -> Loaded:
        return self.repo.load(rel)

    def apply(self, loaded: Loaded, model: FileModel, headline: str | None = None) -> CommitResult:
        """Save an edited file as one commit (raises the store's errors, nothing half-done)."""
        with self._lock:
            return self.repo.edit(loaded, model, headline=headline)

    def change(
        self,
        rel: str,
        edit: Callable[[dict[str, Any]], dict[str, Any]],
        headline: str | None = None,
    ) -> CommitResult:
        """Apply `edit` to the newest data of the file and commit the result.

        Edits are field- or row-level functions, so applying them to what is on disk now
        (rather than to what the screen showed) keeps concurrent edits from clobbering each
        other; the result is validated like any save and nothing is written if it fails.
        """
        from .store.repository import dump

        with self._lock:
            loaded = self.repo.load(rel)
            data = edit(dump(loaded.model))
            model = type(loaded.model).model_validate(data, context=self.repo.context())
            return self.repo.edit(loaded, model, headline=headline)

    def tick(self, slug: str, activity: str, done: bool) -> CommitResult:
        """Tick (or untick) a framework activity of an engagement, dated today."""
        from .store.layout import ENGAGEMENT_FILE

        rel = f"engagements/{slug}/{ENGAGEMENT_FILE}"
        with self._lock:
            loaded = self.repo.load(rel)
            ticked = dict(getattr(loaded.model, "activities_done", {}))
            if done:
                ticked[activity] = self.today
            else:
                ticked.pop(activity, None)
            model = loaded.model.model_copy(update={"activities_done": ticked})
            verb = "ticked" if done else "unticked"
            return self.repo.edit(loaded, model, headline=f"{verb} activity {activity}")

    def start_next_month(self, slug: str) -> CommitResult:
        """Copy the latest month of the stakeholder plan into the next month, to amend."""
        from .models.commitment import StakeholderPlanMonth
        from .store.messages import Scope
        from .store.repository import Write

        with self._lock:
            months = self.months(slug)
            if months:
                year, number = map(int, months[-1].split("-"))
                following = f"{year + number // 12}-{number % 12 + 1:02d}"
                source = self.repo.load(f"engagements/{slug}/stakeholder-plan/{months[-1]}.toml")
                text: str | None = source.text
                model: FileModel = source.model
            else:
                following = self.today.strftime("%Y-%m")
                text, model = None, StakeholderPlanMonth()
            rel = f"engagements/{slug}/stakeholder-plan/{following}.toml"
            return self.repo.save(
                [Write(rel, model, text=text, header=f"stakeholder plan, {following}")],
                Scope(engagement=slug, tool=f"stakeholder-plan {following}"),
                headline=f"started {following} from {months[-1]}"
                if months
                else f"started {following}",
                action="create",
            )

    def undo(self) -> CommitResult:
        with self._lock:
            return self.repo.undo()

    def status(self) -> RepoStatus:
        git = self.repo.git
        _, branch, _ = git.run("rev-parse", "--abbrev-ref", "HEAD", check=False)
        head = git.log(max_count=1)
        _, porcelain, _ = git.run("status", "--porcelain", "--untracked-files=no", check=False)
        return RepoStatus(
            branch=branch or "(no branch)",
            head=head[0].subject if head else "(no commits yet)",
            uncommitted=tuple(line[3:] for line in porcelain.splitlines() if line.strip()),
        )
