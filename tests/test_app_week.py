"""A CSM's week in the app (issue 13, "Must hold"): keys only, names only, one repository.

The week: a team member joins, a new engagement is made with the wizard, stakeholders and
a group are added by name, the RACI is filled, two months of the stakeholder plan are
started, the engagement moves to phase 4 and its adoption tools are filled, an outside
change is committed and another discarded, and the work is synced with a bare remote.
Every key string sent is kept and checked: no internal id is typed anywhere. At the end
the real `pcsm validate` (a child process) finds no error and says only, in one line,
that the standard RACI rows the week did not reach have nobody yet; the commit subjects
read like a diary of the week (one per action, no id, no "(empty) →").

What it found, fixed in the app: a RACI column for a stakeholder made on the spot was
headed by its column id; the subject of that commit said "stakeholder 2, stakeholder 2";
subjects said "(empty) → R"; an adoption activity's subject named its group by id; the
questionnaire's `e` edited the question, not the answer.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from pcsm_tui.store.repository import Repository
from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.screens.conflicts import ConflictScreen
from pcsm_tui.ui.screens.portfolio import PortfolioScreen
from pcsm_tui.ui.screens.portfolio_watch import _look
from pcsm_tui.ui.widgets import StatusLine

from .apphelp import WIDE, make_app, settle, until
from .conftest import git
from .remotes import Team, clone, make_bare
from .test_sync import PLAN, assessment


class Week:
    """The keys of the week, kept: every string pressed is checked for ids at the end."""

    def __init__(self, pilot: Pilot[None]) -> None:
        self.pilot = pilot
        self.sent: list[str] = []

    @property
    def app(self) -> PcsmApp:
        app = self.pilot.app
        assert isinstance(app, PcsmApp)
        return app

    async def keys(self, *keys: str) -> None:
        self.sent.extend(keys)
        await self.pilot.press(*keys)
        await settle(self.pilot)

    async def write(self, text: str, *then: str) -> None:
        self.sent.append(text)
        await self.pilot.press(*text, *then)
        self.sent.extend(then)
        await settle(self.pilot)

    def typed(self) -> list[str]:
        """Every text typed and every key pressed, in order."""
        return list(self.sent)

    async def go(self, words: str) -> None:
        """ctrl+p and a few words of where to go (the palette's way, no mouse)."""
        await self.keys("ctrl+p")
        await self.write(words)
        await until(self.pilot, lambda: True, "the palette's matches")
        await self.keys("enter")

    async def screen_is(self, kind: type[object], what: str) -> None:
        await until(self.pilot, lambda: isinstance(self.app.screen, kind), what)


def diary(root: Path) -> list[str]:
    return git(root, "log", "--format=%s").splitlines()


def painted(app: PcsmApp) -> str:
    """What the app paints now (the top screen over the ones under it), as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_a_csm_s_week_in_the_app(tmp_path: Path) -> None:
    central = Repository.init(tmp_path / "central", name="Week team").root
    make_bare(central, tmp_path / "remote.git")
    alice = clone(str(tmp_path / "remote.git"), tmp_path / "alice", "alice").root
    remote = tmp_path / "remote.git"
    start = len(diary(alice))
    app = make_app(alice)
    async with app.run_test(size=WIDE) as pilot:
        week = Week(pilot)
        await settle(pilot)
        from pcsm_tui.ui.screens.steps import NewEngagementScreen
        from pcsm_tui.ui.screens.team import AskScreen, TeamScreen
        from pcsm_tui.ui.screens.uncommitted import UncommittedScreen

        # Monday: Maria joins the team; her engagement with Wingtip Toys starts.
        await week.keys("M")
        await week.screen_is(TeamScreen, "the team")
        await week.keys("a")
        await week.screen_is(AskScreen, "the add dialog")
        await week.write("Maria Lopez", "enter")
        await week.write("CSM", "enter")
        await week.screen_is(TeamScreen, "the team again")
        await week.keys("escape")
        await week.keys("n")
        await week.screen_is(NewEngagementScreen, "the wizard")
        await week.write("Wingtip Toys AG", "enter", "enter")
        await week.write("Store analytics", "enter")
        await week.keys("enter", "down", "enter")  # the CSM: Maria
        await week.keys("ctrl+s")
        await until(pilot, lambda: getattr(app.screen, "slug", "") == "wingtip-toys-ag", "open")
        # the stakeholders, by name
        await week.go("stakeholder register")
        await week.keys("a")
        await week.write("Dana Whitfield", "enter", *"pers", "enter")
        await week.write("Head of Store Operations", "ctrl+s")
        await until(pilot, lambda: "Dana" in diary(alice)[0] or "added" in diary(alice)[0], "1")
        await week.go("RACI Matrix")
        await week.keys("A")
        await week.write("dana", "enter", "ctrl+s")  # Dana's column, picked by name
        await week.keys("A")
        await week.write("Omar Haddad", "enter", "ctrl+s")  # a new stakeholder on the spot
        heads = painted(app)
        assert "Omar Haddad" in heads and "col-" not in heads, heads  # his name heads it
        # Tuesday: who does what (Dana answers for scope and the business case, Omar does
        # the work; Dana does the funding approval herself)
        await week.keys("right", "a", "down", "a", "down", "r", "a")
        await week.keys("right", "up", "r", "up", "r")
        # Wednesday: the stakeholder plan, two months
        await week.go("Stakeholder Plan")
        await week.keys("N")
        await week.keys("N")
        # Thursday: on to phase 4, adoption planning
        for _phase in (2, 3, 4):
            await week.keys("greater_than_sign")
            await week.keys("y")
        await week.go("Adoption Requirements")
        await week.keys("e")
        await week.write("Sales and service teams in all 40 stores", "ctrl+s")
        await week.go("Risk")
        await week.keys("a")
        await week.write("Store managers resist the new reports", "ctrl+s")
        await week.go("Adoption Activities")
        await week.keys("a")
        await week.write("Store managers", "enter")  # a new impacted group, named here
        await week.write("Weekly store huddle", "ctrl+s")
        await week.go("Readiness")
        await week.keys("tab", "space")  # into the first copy's items: the first answered
        # Friday: a teammate's note edited on disk is committed, a stray edit discarded
        risks = alice / f"{FOLDER}/risks.toml"
        risks.write_text(
            risks.read_text(encoding="utf-8").replace(
                'description = ""', 'description = "Seen at the Leeds store visit"', 1
            ),
            encoding="utf-8",
        )
        await week.keys("C")
        await week.screen_is(UncommittedScreen, "the outside changes")
        await until(pilot, lambda: getattr(app.screen, "items", None), "their differences")
        await week.write("risk described after the store visit", "enter")
        await until(pilot, lambda: not isinstance(app.screen, UncommittedScreen), "committed")
        stray = alice / f"{FOLDER}/engagement.toml"
        kept = stray.read_text(encoding="utf-8")
        stray.write_text(kept.replace("Store analytics", "Store analytix"), encoding="utf-8")
        await week.keys("C")
        await until(pilot, lambda: getattr(app.screen, "items", None), "the stray difference")
        await week.keys("ctrl+d", "y")
        await until(pilot, lambda: not isinstance(app.screen, UncommittedScreen), "discarded")
        assert stray.read_text(encoding="utf-8") == kept
        # and the week goes to the team
        await week.keys("S")
        await until(
            pilot,
            lambda: git(remote, "rev-parse", "main") == git(alice, "rev-parse", "HEAD"),
            "the sync to push the week",
        )
        typed = week.typed()
    week_diary = diary(alice)[: -start or None]
    shown = "\n".join(week_diary)
    assert git(alice, "status", "--porcelain") == "", shown
    # no id typed anywhere: not the made ones, not any the files hold
    ids = set(re.findall(r'^\s*(?:id|stakeholder|group) = "([^"]+)"', everything(alice), re.M))
    made = set(re.findall(r'^\s*(?:stakeholder|group) = "([^"]+)"', everything(alice), re.M))
    assert len(made) == 3, made  # Dana, Omar and the store managers
    for text in typed:
        assert text in ids or not any(i in text for i in ids if len(i) > 3), text
        assert not re.search(r"stakeholder-|group-|col-", text), text
    assert not ids & {t for t in typed if len(t) > 1}, "an id was typed"
    # the diary: one commit per action, in people's words
    assert week_diary == DIARY, shown
    for subject in week_diary:
        assert "(empty)" not in subject, shown
        for one in made:
            assert one not in subject, f"{one!r} in: {subject}"
    # and pcsm validate, the real command, finds nothing wrong
    checked = subprocess.run(
        [sys.executable, "-m", "pcsm_tui.cli", "validate", str(alice)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (only,) = checked.stdout.splitlines()
    assert "10 activities have nobody assigned yet" in only, checked.stdout


FOLDER = "engagements/wingtip-toys-ag"

DIARY = [  # newest first, as git log prints it
    "risk described after the store visit",
    "wingtip-toys-ag: readiness: answered yes on 2026-11-22: Have all…",
    "wingtip-toys-ag: adoption-activities: added Store managers",
    "wingtip-toys-ag: risks: added Store managers resist the new reports",
    "wingtip-toys-ag: adoption-requirements: changed Key objectives: answer",
    "wingtip-toys-ag: engagement: moved to phase 4 Adoption Planning",
    "wingtip-toys-ag: engagement: moved to phase 3 Onboarding",
    "wingtip-toys-ag: engagement: moved to phase 2 Commitment",
    "wingtip-toys-ag: stakeholder-plan 2027-01: started 2027-01 from 2026-12",
    "wingtip-toys-ag: stakeholder-plan 2026-12: started 2026-12 from 2026-11",
    "wingtip-toys-ag: raci: Determining scope of… × stakeholder 2: R",
    "wingtip-toys-ag: raci: Creating the business case × stakeholder 2: R",
    "wingtip-toys-ag: raci: Funding… × Head of Store Operations: R → R/A",
    "wingtip-toys-ag: raci: Funding approval × Head of Store Operations: R",
    "wingtip-toys-ag: raci: Creating the… × Head of Store Operations: A",
    "wingtip-toys-ag: raci: Determining scope… × Head of Store Operations: A",
    "wingtip-toys-ag: raci: added stakeholder 2",
    "wingtip-toys-ag: raci: added Head of Store Operations",
    "wingtip-toys-ag: stakeholders: added Head of Store Operations",
    "wingtip-toys-ag: engagement: engagement started (24 files)",
    "pcsm: team member Maria Lopez added",
]


def everything(root: Path) -> str:
    """Every file of the engagement and pcsm.toml, one text."""
    files = [root / "pcsm.toml", *sorted((root / FOLDER).rglob("*.toml"))]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@pytest.mark.parametrize("where", ["portfolio", "engagement"])
async def test_the_conflict_view_keeps_its_own_hints(two: Team, where: str) -> None:
    """A conflicted file holds git's markers, so it does not read: the screen under the
    conflict view (the portfolio's live watch and rows, the engagement) says "cannot read"
    on its own status line only, never over the conflict view's key hints."""
    two.alice.edit(PLAN, assessment("cfo", support=9), "alice: cfo 9")
    two.bob.edit(PLAN, assessment("cfo", support=5), "bob: cfo 5")
    assert two.alice.sync() == 0
    app = make_app(two.bob.root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        await until(pilot, lambda: portfolio.files_watch.stamps is not None, "the first look")
        if where == "engagement":
            app.open_engagement("northwind-emea")
            await settle(pilot)
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflicts")
        assert "<<<<<<<" in (two.bob.root / PLAN).read_text(encoding="utf-8")
        conflicts = app.screen
        if where == "portfolio":  # a look that ends while the conflict view is open
            portfolio.files_watch.forget()
            portfolio.files_watch._looking = False
            portfolio.files_watch._seen(_look(app.workspace, None, {}))
        await settle(pilot)
        hints = str(conflicts.query_one("#conflict-keys", Static).render())
        assert hints.startswith("o ours · t theirs"), hints
        line = str(conflicts.query_one(StatusLine).render())
        assert "cannot read" not in line, line
