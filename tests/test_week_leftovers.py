"""Issue 13's leftovers found by playing a new CSM's week: a framework activity ticked
from a script, a refused reference from a script, and a ticked activity's subject."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Static

from pcsm_tui.models.edit import set_value
from pcsm_tui.models.fields import BadValue, FieldSpec, parse_value
from pcsm_tui.service_setup import workspace_at
from pcsm_tui.ui.editors.dialogs import ConfirmScreen, NewRowScreen
from pcsm_tui.ui.editors.raci import RaciGrid
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.engagement_asof import EngagementAsOfScreen
from pcsm_tui.ui.screens.fieldhistory import FieldHistoryScreen
from pcsm_tui.ui.screens.history import AsOfScreen, HistoryScreen

from .apphelp import (
    NARROW,
    WIDE,
    make_app,
    notices,
    open_tool,
    open_wizard,
    put_cursor,
    settle,
    shown,
    table_at,
    until,
)
from .conftest import git
from .helpers import commits as count
from .helpers import run_cli as pcsm
from .test_app_asof import _open_as_of, _walk_to

CONTOSO = "engagements/contoso-retail"
NORTHWIND = "northwind-emea"
RACI_REL = f"engagements/{NORTHWIND}/raci.toml"


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


PIKE = "stakeholder-0728c9"
"""A register row's id as the app makes it for a stakeholder added by name."""


def _add_pike(root: Path) -> None:
    """Graham Pike in the register, a RACI column for him and his cell, as commits."""
    workspace = workspace_at(root)
    register = f"engagements/{NORTHWIND}/stakeholders.toml"
    person = {"id": PIKE, "name": "Graham Pike", "kind": "person", "job_role": "Head of Logistics"}
    workspace.change(
        register, lambda data: {**data, "stakeholders": [*data["stakeholders"], person]}
    )

    def column(data: dict[str, Any]) -> dict[str, Any]:
        matrix = data["matrices"][0]
        matrix["columns"].append({"id": PIKE, "stakeholder": PIKE, "title": ""})
        return set_value(
            data, ("matrices", "main", "activities", "determine-scope", "cells", PIKE), "C"
        )

    workspace.change(RACI_REL, column)
    workspace.change(
        RACI_REL,
        lambda data: set_value(
            data, ("matrices", "main", "activities", "determine-scope", "cells", PIKE), "R"
        ),
    )
    workspace.change(
        register, lambda data: set_value(data, ("stakeholders", PIKE, "kind"), "group")
    )


def _history_text(screen: FieldHistoryScreen) -> str:
    table = screen.query_one("#versions", DataTable)
    rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
    return "\n".join(
        [shown(screen.query_one("#field-title")), shown(screen.query_one("#field-note")), *rows]
    )


async def test_a_field_history_names_the_register_row_by_its_name(demo_copy: Path) -> None:
    """F on a register row's field: the header and the note say `Graham Pike (Head of
    Logistics) › Kind`, never the row's id nor a path like `stakeholders[...]`."""
    _add_pike(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(NORTHWIND)
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        app.screen.show_target(("register",))  # type: ignore[attr-defined]
        await settle(pilot)
        put_cursor(app, ("stakeholders",), PIKE, "kind")
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, FieldHistoryScreen), "the history")
        screen = app.screen
        assert isinstance(screen, FieldHistoryScreen)
        await until(pilot, lambda: screen.history is not None, "the versions")
        said = _history_text(screen)
        assert "history of Graham Pike (Head of Logistics) › Kind" in said
        assert "2 versions, newest first" in said
        assert PIKE not in said and "stakeholders[" not in said


async def test_a_raci_cell_history_names_the_activity_and_the_person(demo_copy: Path) -> None:
    """F on a RACI cell whose column is a stakeholder added by name: the activity's and
    the person's names, never `stakeholder-0728c9`; the restore question names them too."""
    _add_pike(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, NORTHWIND, "raci")
        grid = next(g for g in app.screen.query(RaciGrid) if g.matrix["id"] == "main")
        grid.focus()
        columns = [str(k.value) for k in grid.columns]
        grid.move_cursor(
            row=grid.get_row_index("determine-scope"), column=columns.index(f"cell:{PIKE}")
        )
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, FieldHistoryScreen), "the history")
        screen = app.screen
        assert isinstance(screen, FieldHistoryScreen)
        await until(pilot, lambda: screen.history is not None, "the versions")
        said = _history_text(screen)
        assert "Determining scope of initiative › Graham Pike (Head of Logistics)" in said
        assert PIKE not in said and "matrices[" not in said
        await pilot.press("j", "enter")  # the older value: the question names the cell
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        question = " ".join(shown(w) for w in app.screen.query(Static))
        assert "Graham Pike" in question and PIKE not in question


def test_set_says_a_cross_field_refusal_in_words(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An end before its start, from a script: the row by its name and the fields by their
    labels, as the app says it (it was `phases[0].activities[0]: end (…) is before …`)."""
    before = count(demo_copy)
    code, _out, err = pcsm(
        capsys,
        *("set", NORTHWIND, "onboarding-plan"),
        "phases[kickoff-planning].activities[kickoff].end=2020-01-01",
        *("--repo", str(demo_copy)),
    )
    assert code == 1
    assert "Activity 1 “Kick-off meeting”: end 2020-01-01 is before start 2026-06-08" in err
    assert "[0]" not in err and "nothing was written" in err
    assert count(demo_copy) == before


def _in_view(widget: Widget, dialog: Widget) -> bool:
    """Whether `widget` is inside the dialog's visible part (the dialog scrolls at 80x24)."""
    return dialog.region.contains_region(widget.region) and widget.region.height > 0


async def test_the_wizard_at_80x24_shows_its_title_and_why_it_refused(demo_copy: Path) -> None:
    """At 80x24 the wizard opened scrolled past its title and the customer's label, and
    its reason for refusing a date (2027-02-30) stayed below the screen: enter seemed to
    do nothing. Both are in view now."""
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await open_wizard(pilot)
        await settle(pilot)
        dialog = app.screen.query_one("#dialog")
        title = app.screen.query(Label).first()
        assert "New engagement" in shown(title)
        assert _in_view(title, dialog)
        await pilot.press(*"Acme")
        app.screen.query_one("#new-start", Input).value = "2027-02-30"
        app.screen.query_one("#new-start", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        error = app.screen.query_one("#new-error", Label)
        assert "February 2027 has 28 days" in shown(error)
        assert _in_view(error, dialog)
        assert _in_view(app.screen.query_one("#new-start"), dialog)


async def test_a_new_row_at_80x24_shows_why_it_was_refused(demo_copy: Path) -> None:
    """The add-row dialog of a strategy activity at 80x24: an end before the start is
    refused in words (the row's fields by label, never `activities[0].planned_end`), and
    the reason is in view (the dialog scrolls)."""
    app = make_app(demo_copy)
    before = count(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await open_tool(pilot, NORTHWIND, "strategy")
        table_at(app, ("activities",)).focus()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NewRowScreen), "the add-row dialog")
        for name, value in (
            ("phase", "2"),
            ("name", "Steering [bold]review[/bold]"),
            ("planned_start", "2026-12-10"),
            ("planned_end", "2026-12-01"),
        ):
            app.screen.query_one(f"#new-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewRowScreen)
        error = app.screen.query_one("#new-error", Label)
        said = shown(error)
        assert "planned end 2026-12-01 is before planned start 2026-12-10" in said, said
        assert "activities[" not in said and "planned_end" not in said
        assert _in_view(error, app.screen.query_one("#dialog"))
        for key, value in (("planned_end", "2027-02-30"), ("phase", "-500"), ("phase", "")):
            app.screen.query_one(f"#new-{key}", Input).value = value
            await pilot.press("ctrl+s")
            await settle(pilot)
            said = shown(app.screen.query_one("#new-error", Label))
            assert _in_view(app.screen.query_one("#new-error"), app.screen.query_one("#dialog"))
            assert "_" not in said and "[" not in said.replace("[bold]", ""), said
    assert count(demo_copy) == before


async def test_the_history_says_a_ticked_activity_by_its_words(demo_copy: Path) -> None:
    """The history's diff of engagement.toml said `activities_done[p6-01]: (empty) →
    2026-10-19`: an id a CSM never sees. It says the activity's words now."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(NORTHWIND)  # it opens on engagement.toml
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        await settle(pilot)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        diff = app.screen.query_one("#commit-diff", Static)
        await until(pilot, lambda: "ticked" in shown(diff), "the newest commit's changes")
        said = shown(diff)
        words = app.workspace.framework.phase(6).activities[0].text.split()[:3]
        assert f"ticked “{' '.join(words)}" in said
        assert "activities_done" not in said and "p6-01" not in said


@pytest.mark.parametrize("whole", [True, False])
def test_a_number_of_ten_thousand_digits_is_refused_in_words(whole: bool) -> None:
    """A paste of 10,000 digits into a number (a cell, a dialog, `pcsm set`): refused with
    a sentence, where it raised Python's own ValueError (a traceback from `pcsm set`)."""
    spec = FieldSpec("likelihood", "Likelihood", "int" if whole else "float", low=0, high=5)
    with pytest.raises(BadValue, match="has 10000 digits") as refused:
        parse_value(spec, "9" * 10_000)
    assert len(str(refused.value)) < 200 and str(refused.value).startswith("Likelihood: ")


def test_set_refuses_ten_thousand_digits_without_a_traceback(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = pcsm(
        capsys,
        *("set", NORTHWIND, "risks", f"risks[erp-delay].likelihood={'9' * 10_000}"),
        *("--repo", str(demo_copy)),
    )
    assert code == 1 and "has 10000 digits" in err and "Traceback" not in err
