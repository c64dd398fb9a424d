"""Git's facts on the portfolio: the last-change column and the header's sync state.

They are two reads, each in its own background job, because they cost very different
amounts and only one of them is waited for. The last-change column is what a person looks
at: when the answer kept for the current HEAD is in `.git/pcsm/` it is in the first frame
already (store/lastchange kept_for_head); when HEAD moved (a save, a pull, another branch)
git's incremental walk is started at once, before the first paint, since git does the work
in its own processes and the column then arrives right after the frame. The header's sync
state needs `git status` over every file (about 0.3 s at 1,000 engagements): it follows
the first paint and never holds the column back, as it did when both were one job with the
status read first.

A `.git` that points nowhere is no failure of either read: the last changes are then none
(store/lastchange finds no HEAD) and the header says what git said (Workspace.status).
Quitting waits for neither (ui/jobs, quit_waits=False); a failure of either is said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..appref import pcsm_app
from ..jobs import run_job

if TYPE_CHECKING:
    from ...service import LastChange, RepoStatus
    from .portfolio import PortfolioScreen


def read_last_changes(screen: PortfolioScreen) -> None:
    """The newest change of every engagement, into the column; then git's commit-graph is
    brought up to date in the background (store/graph), for history reads later."""
    workspace = pcsm_app(screen).workspace
    run_job(
        screen,
        workspace.last_changes,
        lambda last: _last_changes_read(screen, last),
        what="reading each engagement's last change",
        group="portfolio-last-change",
        exclusive=True,
        quit_waits=False,
    )


def _last_changes_read(screen: PortfolioScreen, last: dict[str, LastChange]) -> None:
    screen.show_last_changes(last)
    run_job(
        screen,
        pcsm_app(screen).workspace.keep_history_fast,
        what="bringing git's commit-graph up to date",
        group="portfolio-graph",
        quit_waits=False,
    )


def read_status(screen: PortfolioScreen) -> None:
    """Branch, sync state and uncommitted files, into the header."""
    workspace = pcsm_app(screen).workspace
    run_job(
        screen,
        workspace.status,
        lambda status: _status_read(screen, status),
        what="reading the repository's state",
        group="portfolio-status",
        exclusive=True,
        quit_waits=False,
    )


def _status_read(screen: PortfolioScreen, status: RepoStatus) -> None:
    app = pcsm_app(screen)
    screen.sub_title = (
        f"{app.workspace.root.name} · {len(screen.rows)} engagements · {status.summary}"
    )
