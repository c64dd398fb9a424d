"""Issue 13's leftovers found by playing a new CSM's week: a framework activity ticked
from a script, a refused reference from a script, and a ticked activity's subject."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.engagement_asof import EngagementAsOfScreen
from pcsm_tui.ui.screens.history import AsOfScreen, HistoryScreen

from .apphelp import WIDE, make_app, notices, open_tool, settle, until
from .conftest import git
from .helpers import commits as count
from .helpers import run_cli as pcsm
from .test_app_asof import _open_as_of, _walk_to

CONTOSO = "engagements/contoso-retail"
NORTHWIND = "northwind-emea"


def _done(root: Path) -> dict[str, object]:
    data = tomllib.loads((root / f"{CONTOSO}/engagement.toml").read_text())
    done: dict[str, object] = data["activities_done"]
    return done


def test_set_ticks_a_framework_activity_with_a_date(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`activities_done[p2-09]=2026-11-20` is read as a date (it was read as a score:
    "is not a whole number"), and `=` unticks it."""
    repo = ("--repo", str(demo_copy))
    code, _out, err = pcsm(
        capsys, "set", "contoso-retail", "engagement", "activities_done[p2-09]=2026-11-20", *repo
    )
    assert code == 0, err
    assert str(_done(demo_copy)["p2-09"]) == "2026-11-20"
    code, _out, err = pcsm(
        capsys, "set", "contoso-retail", "engagement", "activities_done[p2-09]=", *repo
    )
    assert code == 0, err
    assert "p2-09" not in _done(demo_copy)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("activities_done[p2-11]=2027-02-30", "February 2027 has 28 days"),
        ("activities_done[p2-11]=yesterday", "write it YYYY-MM-DD"),
        ("activities_done[p2-99]=2026-11-20", "p2-01 to p2-11"),
    ],
)
def test_set_refuses_a_bad_tick_in_words(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], value: str, words: str
) -> None:
    """A bad date says why; an unknown activity names the ids that exist (it was a
    validator's path and, from `pcsm set`, a traceback). Nothing is written."""
    before = count(demo_copy)
    code, _out, err = pcsm(
        capsys, "set", "contoso-retail", "engagement", value, "--repo", str(demo_copy)
    )
    assert code == 1
    assert words in err and err.startswith("pcsm: Activities done:")
    assert "whole number" not in err and "Traceback" not in err
    assert count(demo_copy) == before


def test_set_reports_a_refused_reference_instead_of_crashing(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reference to a stakeholder who does not exist is refused by the save's check
    (ChangeRefused): exit 1 with the reason and what to do, nothing written."""
    before = count(demo_copy)
    code, _out, err = pcsm(
        capsys,
        *("set", "contoso-retail", "raci", "matrices[main].columns[cfo].stakeholder=nobody"),
        *("--repo", str(demo_copy)),
    )
    assert code == 1
    assert "stakeholder 'nobody' does not exist" in err and "nothing was written" in err
    assert count(demo_copy) == before


def test_a_ticked_activity_subject_gives_the_name_the_room_and_the_body_whole(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The subject was `ticked “After the…”` (14 characters of the activity's words) and
    no line of the commit named the activity in full."""
    code, _, err = pcsm(
        capsys,
        *("set", "contoso-retail", "engagement", "activities_done[p2-09]=2026-11-20"),
        *("--repo", str(demo_copy)),
    )
    assert code == 0, err
    subject, _, body = git(demo_copy, "log", "-1", "--format=%B").partition("\n\n")
    assert subject.startswith("contoso-retail: engagement: ticked “After the meeting, update")
    assert len(subject) <= 72 and subject.endswith("…”")
    assert "engagement proposal from what was agreed.”" in body


async def test_enter_in_the_engagement_as_of_a_day_offers_only_what_can_be_done(
    demo_copy: Path,
) -> None:
    """Enter on a record of the engagement as of a day said "R restores it as a new
    commit" while R is refused there: it says how to get back to today instead."""
    app = make_app(demo_copy, engagement=NORTHWIND)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        await _open_as_of(pilot, "2026-09-01")
        await until(pilot, lambda: isinstance(app.screen, EngagementAsOfScreen), "as of")
        editor = await _walk_to(pilot, "risks")
        editor.query("RecordTable").first().focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        said = notices(app)
        assert "read only: Northwind Manufacturing as of 2026-09-01" in said
        assert "Esc returns to today" in said and "R restores" not in said
        await pilot.press("R")  # indeed refused: nothing is restored
        await settle(pilot)
        assert isinstance(app.screen, EngagementAsOfScreen)


async def test_enter_in_a_file_as_of_a_commit_offers_the_restore_r_does(
    demo_copy: Path,
) -> None:
    """In one file as of a commit (from its history), R restores: Enter says so, and R
    then asks to restore."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, NORTHWIND, "risks")
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        await pilot.press("j", "enter")
        await until(pilot, lambda: isinstance(app.screen, AsOfScreen), "the old version")
        await settle(pilot)
        app.screen.query("RecordTable").first().focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "R restores it as a new commit" in notices(app)
        await pilot.press("R")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the restore question")
