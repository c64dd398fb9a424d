"""The stakeholder suite in the app: RACI columns, months, support figures, suggestions."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from pcsm_tui.ui.editors.charted import MatrixEditor, PlanEditor
from pcsm_tui.ui.editors.picker import Picker
from pcsm_tui.ui.editors.raci import RaciGrid

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle
from .conftest import git
from .helpers import toml_at as data

NORTHWIND = "engagements/northwind-emea"


def subject(root: Path) -> str:
    return git(root, "log", "-1", "--format=%s").strip()


async def test_raci_columns_are_added_moved_and_removed(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = "engagements/contoso-retail/raci.toml"
    before = [c["id"] for c in data(demo_copy, rel)["matrices"][0]["columns"]]
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "raci")
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        await pilot.press("A")
        await settle(pilot)
        app.screen.query_one("#new-title", Input).value = "Store managers"
        app.screen.query_one("#new-stakeholder", Picker).focus_filter()
        await pilot.press("enter", "enter")
        await settle(pilot)
        columns = data(demo_copy, rel)["matrices"][0]["columns"]
        assert [c.get("title") for c in columns][-1] == "Store managers"
        new = columns[-1]["id"]
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=0, column=len(columns))  # the new column (after "Activity")
        await pilot.press("less_than_sign")
        await settle(pilot)
        order = [c["id"] for c in data(demo_copy, rel)["matrices"][0]["columns"]]
        assert order.index(new) == len(order) - 2
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=0, column=order.index(new) + 1)
        await pilot.press("r")
        await settle(pilot)
        assert data(demo_copy, rel)["matrices"][0]["activities"][0]["cells"][new] == "R"
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=0, column=order.index(new) + 1)
        await pilot.press("X", "y")
        await settle(pilot)
    after = data(demo_copy, rel)["matrices"][0]
    assert [c["id"] for c in after["columns"]] == before
    assert all(new not in a.get("cells", {}) for a in after["activities"])


async def test_start_next_month_and_change_a_support_figure(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-plan")
        editor = app.screen.query_one(PlanEditor)
        assert editor.month == "2026-10"
        app.screen.query("RecordTable").first().focus()
        await pilot.press("N")
        await settle(pilot)
        assert editor.month == "2026-11"
        new_rel = f"{NORTHWIND}/stakeholder-plan/2026-11.toml"
        assert data(demo_copy, new_rel) == data(
            demo_copy, f"{NORTHWIND}/stakeholder-plan/2026-10.toml"
        )
        assert (
            subject(demo_copy)
            == "northwind-emea: stakeholder-plan 2026-11: started 2026-11 from 2026-10"
        )
        first = data(demo_copy, new_rel)["assessments"][0]
        put_cursor(app, ("assessments",), first["id"], "support")
        await pilot.press("e", "ctrl+u", "3", "enter")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        compare = app.screen.query_one("#compare", DataTable)
        assert compare.display
        cells = [str(c) for row in compare.rows for c in compare.get_row(row)]
        assert "support" in cells and "3" in cells
    assert data(demo_copy, new_rel)["assessments"][0]["support"] == 3
    assert (
        data(demo_copy, f"{NORTHWIND}/stakeholder-plan/2026-10.toml")["assessments"][0]["support"]
        == first["support"]
    )
    assert subject(demo_copy).endswith(f": support: {first['support']} → 3")


async def test_matrix_suggestions_are_accepted_or_ignored(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = f"{NORTHWIND}/stakeholder-plan/2026-10.toml"
    rows_before = len(data(demo_copy, rel)["rows"])
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        editor = app.screen.query_one(MatrixEditor)
        assert editor.suggestions, "the sample month has suggestions to decide on"
        first, second = editor.suggestions[0], editor.suggestions[1]
        app.screen.query_one("#suggestions").focus()
        await pilot.press("y")
        await settle(pilot)
        assert len(data(demo_copy, rel)["rows"]) == rows_before + 1
        assert subject(demo_copy).startswith("northwind-emea: stakeholder-plan 2026-10: accepted")
        assert first.key not in {s.key for s in editor.suggestions}
        app.screen.query_one("#suggestions").focus()
        await pilot.press("n")
        await settle(pilot)
        assert second.key in data(demo_copy, rel)["ignored_suggestions"]
        await pilot.press("m")
        await settle(pilot)
        assert editor.since == "2026-09"


async def test_a_second_raci_matrix_is_added(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = "engagements/contoso-retail/raci.toml"
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "raci")
        app.screen.query(RaciGrid).first().focus()
        await pilot.press("M")
        await settle(pilot)
        app.screen.query_one("#new-title", Input).value = "Pilot stores"
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.screen.query(RaciGrid)) == 2
    matrices = data(demo_copy, rel)["matrices"]
    assert [m["title"] for m in matrices][-1] == "Pilot stores"
    assert subject(demo_copy).startswith("contoso-retail: raci: added Pilot stores")
