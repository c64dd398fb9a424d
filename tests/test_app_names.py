"""People and groups by name in the app: no id typed, one commit per added row.

Keys in, files and commits out (real repository, real git): a new impacted group and a new
stakeholder are named in the add dialogs and made in the same commit as the row naming
them; an activity-log entry with several fields is one commit; a reference is picked by
typing part of a name; the CSM is picked from the team's members.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from pcsm_tui.ui.editors.dialogs import ConfirmScreen, NewRowScreen
from pcsm_tui.ui.editors.picker import Picker, PickScreen

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle, table_at
from .conftest import git
from .helpers import commits
from .helpers import toml_at as data

NORTHWIND = "engagements/northwind-emea"
CONTOSO = "engagements/contoso-retail"


def subject(root: Path) -> str:
    return git(root, "log", "-1", "--format=%s").strip()


def files_of_last_commit(root: Path) -> set[str]:
    out = git(root, "show", "--name-only", "--format=", "HEAD")
    return {line for line in out.splitlines() if line}


async def test_adoption_activity_for_a_new_group_named_with_spaces(demo_copy: Path) -> None:
    """Typing a group name with spaces offers "new group …"; the group and the activity
    are one commit, the id is made from the name, and no id was typed."""
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "adoption-activities")
        table_at(app, ("activities",)).focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NewRowScreen)
        await pilot.press(*"Field sales team")
        picker = app.screen.query_one("#new-group", Picker)
        offers = [label for label, _ in picker.shown]
        assert offers[-1] == "new group “Field sales team”"
        await pilot.press("enter")  # takes the new name, on to the next field
        await pilot.press(*"Weekly newsletter", "ctrl+s")
        await settle(pilot)
        added = data(demo_copy, f"{NORTHWIND}/adoption-activities.toml")["activities"]
        row = next(a["id"] for a in added if a["group"] == "field-sales-team")
        put_cursor(app, ("activities",), row, "group")
        assert str(table_at(app, ("activities",)).get_cell(row, "group")) == "Field sales team"
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Delete “Field sales team” from ")
        await pilot.press("n")
        await settle(pilot)
    assert commits(demo_copy) == before + 1
    assert files_of_last_commit(demo_copy) == {
        f"{NORTHWIND}/impacted-groups.toml",
        f"{NORTHWIND}/adoption-activities.toml",
    }
    groups = data(demo_copy, f"{NORTHWIND}/impacted-groups.toml")["groups"]
    assert (groups[-1]["id"], groups[-1]["name"]) == ("field-sales-team", "Field sales team")
    activities = data(demo_copy, f"{NORTHWIND}/adoption-activities.toml")["activities"]
    (activity,) = [a for a in activities if a["group"] == "field-sales-team"]
    assert activity["communication"] == "Weekly newsletter"


async def test_raci_column_for_a_new_stakeholder_by_name(demo_copy: Path) -> None:
    """A new stakeholder named in the column dialog joins the register in the same commit;
    a person's id is random (no name in ids), and the removal question names them."""
    rel = f"{CONTOSO}/raci.toml"
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        from pcsm_tui.ui.editors.raci import RaciGrid

        await open_tool(pilot, "contoso-retail", "raci")
        app.screen.query(RaciGrid).first().focus()
        await pilot.press("A")
        await settle(pilot)
        await pilot.press(*"Ana Ruiz", "enter", "ctrl+s")
        await settle(pilot)
        assert commits(demo_copy) == before + 1
        register = data(demo_copy, f"{CONTOSO}/stakeholders.toml")["stakeholders"]
        added = register[-1]
        assert added["name"] == "Ana Ruiz"
        assert "ana" not in added["id"] and "ruiz" not in added["id"]
        column = data(demo_copy, rel)["matrices"][0]["columns"][-1]
        assert column["stakeholder"] == added["id"]
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=0, column=len(data(demo_copy, rel)["matrices"][0]["columns"]))
        await pilot.press("X")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "“Ana Ruiz”" in app.screen.question
        assert added["id"] not in app.screen.question
        await pilot.press("n")


async def test_an_activity_log_entry_is_one_commit(demo_copy: Path) -> None:
    """One dialog asks for the entry's main fields; the entry is one commit, whatever the
    number of fields filled (it took five before)."""
    rel = f"{CONTOSO}/activity-log.toml"
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "activity-log")
        table_at(app, ("tasks",)).focus()
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewRowScreen)
        assert [s.name for s in screen.specs] == ["date", "description", "rapae", "time_spent"]
        await pilot.press(*"2026-11-20", "enter", *"Kick-off workshop with IT", "enter")
        await pilot.press(*"planning", "enter", *"1,5")
        await pilot.press("enter")  # refused: the dialog says why and stays
        await settle(pilot)
        error = str(screen.query_one("#new-error", Label).render())
        assert "Time spent: '1,5' is ambiguous" in error
        assert app.screen is screen
        screen.query_one("#new-time_spent", Input).value = "2.5"
        await pilot.press("enter")
        await settle(pilot)
    assert commits(demo_copy) == before + 1
    assert subject(demo_copy).startswith("contoso-retail: activity-log: added ")
    (task,) = [t for t in data(demo_copy, rel)["tasks"] if t["description"].startswith("Kick")]
    assert task["description"] == "Kick-off workshop with IT"
    assert str(task["date"]) == "2026-11-20"
    assert task["rapae"] == "planning"
    assert task["time_spent"] == 2.5


async def test_a_reference_is_picked_by_typing_part_of_a_name(demo_copy: Path) -> None:
    rel = f"{NORTHWIND}/stakeholder-plan/2026-10.toml"
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-plan")
        put_cursor(app, ("rows",), "a-cfo", "stakeholder")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        labels = [label for label, _ in app.screen.picker.shown]
        assert not [label for label in labels if label in ("cfo", "cio")]  # names, not ids
        await pilot.press(*"elaine")
        assert [label for label, _ in app.screen.picker.shown] == [
            "Elaine Porter (Chief Information Officer)",
            "new stakeholder “elaine”",
        ]
        await pilot.press("enter")
        await settle(pilot)
    assert commits(demo_copy) == before + 1
    rows = data(demo_copy, rel)["rows"]
    assert next(r for r in rows if r["id"] == "a-cfo")["stakeholder"] == "cio"


async def test_the_csm_is_picked_from_the_team(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("contoso-retail")  # opens on the engagement's details
        await settle(pilot)
        put_cursor(app, (), "csm", "value")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        labels = [label for label, _ in app.screen.picker.shown]
        assert "Maria Lopez" in labels  # the name only, never the id (test_app_walk2 twins)
        assert not any("maria-lopez" in label for label in labels)
        await pilot.press(*"sam", "enter")
        await settle(pilot)
    assert data(demo_copy, f"{CONTOSO}/engagement.toml")["csm"] == "sam-okafor"


async def test_a_kpi_measurement_names_its_kpi_by_name(demo_copy: Path) -> None:
    """A measurement's KPI is picked from the KPIs' names (a reference within the file),
    never typed as the KPI's id."""
    rel = f"{NORTHWIND}/value-kpis.toml"
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "value-kpis")
        table = put_cursor(app, ("measurements",), "orders-2026-09-21", "kpi")
        assert "orders-in-orderflow" not in str(table.get_cell("orders-2026-09-21", "kpi"))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        labels = [label for label, _ in app.screen.picker.shown]
        assert "Orders needing rework after finance approval" in labels
        assert "rework-rate" not in labels
        await pilot.press(*"rework", "enter")
        await settle(pilot)
    assert commits(demo_copy) == before + 1
    rows = data(demo_copy, rel)["measurements"]
    assert next(r for r in rows if r["id"] == "orders-2026-09-21")["kpi"] == "rework-rate"


async def test_a_raci_column_is_offered_only_for_stakeholders_without_one(
    demo_copy: Path,
) -> None:
    """The column dialog lists the register's people who have no column in this matrix yet:
    a second column for the same person cannot be made by picking (a new CSM's walk)."""
    from pcsm_tui.ui.editors.raci import RaciGrid

    raci = data(demo_copy, f"{CONTOSO}/raci.toml")["matrices"][0]
    taken = {c.get("stakeholder") for c in raci["columns"]} - {None}
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "raci")
        app.screen.query(RaciGrid).first().focus()
        await pilot.press("A")
        await settle(pilot)
        picker = app.screen.query(Picker).first()
        offered = {value for _label, value in picker.shown}
        assert taken and not (offered & taken)
        await pilot.press("escape")
