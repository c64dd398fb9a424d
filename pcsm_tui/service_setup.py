"""Creating and opening repositories through the service (`Workspace` inherits the
mixin): `pcsm init`, `pcsm new`, the demo's summary, and `open_workspace`, which the CLI uses
so that "not a repository" names the folder as the person typed it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .store.layout import SETTINGS_FILE

if TYPE_CHECKING:
    from .service import Workspace
    from .store.repository import CommitResult, Repository


def workspace_at(path: Path) -> Workspace:
    """The repository at `path`, not opened yet (nothing is read or configured until it is
    used); NotARepository names `path` as given when it holds no pcsm.toml."""
    from .service import Workspace  # cycle: service.py imports this module for its mixin

    # start-up: store.repository loads only when this runs
    from .store.repository import NotARepository

    if not (path / SETTINGS_FILE).is_file():
        raise NotARepository(path)
    return Workspace(path)


def open_workspace(path: Path) -> Workspace:
    """The repository at `path`, opened now (its merge and diff drivers configured, as
    `Repository.open` does); NotARepository names `path` as given."""
    workspace = workspace_at(path)
    workspace.repo  # noqa: B018 - opening is the point: git's drivers configured, errors now
    return workspace


def init_repository(path: Path, name: str | None = None) -> Workspace:
    """Create an empty central repository at `path` (and its git repository if there is
    none), as one commit. AlreadyExists when it holds one; git's refusals as they are."""
    from .service import Workspace  # cycle: service.py imports this module for its mixin

    # start-up: store.repository loads only when this runs
    from .store.repository import Repository

    Repository.init(path, name=name)
    return Workspace(path)


class SetupService:
    """Mixed into `Workspace`: needs its `repo` and `today`."""

    today: dt.date

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def team_members(self) -> set[str]:
        """The ids of pcsm.toml's team members (empty: the team is not listed)."""
        return {member.id for member in self.repo.settings.members}

    def create_engagement(
        self,
        slug: str,
        customer: str,
        initiative: str = "",
        csm: str = "",
        start: dt.date | None = None,
        raci_activities: bool = False,
    ) -> CommitResult:
        """An engagement with every tool file pre-filled, starting `start`, as one commit
        (`pcsm new`; the app's `new_engagement` also records the step for session undo);
        `raci_activities`: the RACI starts with the framework's standard activities."""
        return self.repo.new_engagement(
            slug, customer, initiative, csm, start, raci_activities=raci_activities
        )

    def summary(self) -> str:
        """The portfolio in a few lines of text, for a terminal that is no app."""
        # start-up: summary loads only when this runs
        from .summary import portfolio_summary

        return portfolio_summary(self.repo)
