"""In the app: a save that would leave an error is refused with a plain message; a deletion
offers to take its references with it; new and duplicated rows are numbered in order."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from pcsm_tui.store.validate import validate_repository
from pcsm_tui.ui.editors.dialogs import ConfirmScreen
from pcsm_tui.ui.editors.picker import Picker
from pcsm_tui.ui.editors.raci import RaciGrid

from .apphelp import WIDE, make_app, notices, open_tool, put_cursor, settle
from .helpers import commits, errors
from .helpers import toml_at as data

BASE = "engagements/northwind-emea"


async def test_a_raci_column_for_a_made_up_stakeholder_is_refused(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = f"{BASE}/raci.toml"
    before, text = commits(demo_copy), (demo_copy / rel).read_text()
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "raci")
        app.screen.query(RaciGrid).first().focus()
        await pilot.press("A")
        await settle(pilot)
        # The picker offers only names from the register; a stale list (the stakeholder
        # removed by someone else while the dialog was open) is what can still name one
        # that does not exist, and the save refuses it.
        picker = app.screen.query_one("#new-stakeholder", Picker)
        picker.choices.append(("Ghost (removed meanwhile)", "ghost"))
        picker.focus_filter()
        await pilot.press(*"ghost", "enter", "enter")
        await settle(pilot)
        assert "stakeholder 'ghost' does not exist in stakeholders.toml" in notices(app)
        status = str(app.screen.query_one("StatusLine").render())
        assert status.startswith(f"not saved: {rel}:")
        assert "ghost" not in [
            str(k.value) for k in app.screen.query(RaciGrid).first().columns
        ]  # the screen shows the file again, without the refused column
    assert commits(demo_copy) == before
    assert (demo_copy / rel).read_text() == text
    assert errors(demo_copy) == []


async def test_deleting_a_stakeholder_offers_to_remove_its_references(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("northwind-emea")
        await settle(pilot)
        screen = app.screen
        screen.show_target(("register",))  # type: ignore[attr-defined]
        await settle(pilot)
        put_cursor(app, ("stakeholders",), "cfo", "name")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query(Label).first().render())
        assert question.startswith("Delete “CFO” from ")
        assert (
            "CFO is a RACI column in 'EMEA initiative: overall RACI' and has assessments in "
            "2026-05, 2026-06" in question
        )
        assert question.endswith(
            "remove them too?\n(y deletes it with those references in one commit; without "
            "them the deletion would leave references to nothing, which pcsm does not save)"
        )
        await pilot.press("y")
        await settle(pilot)
    assert commits(demo_copy) == before + 1
    assert "cfo" not in [
        s["id"] for s in data(demo_copy, f"{BASE}/stakeholders.toml")["stakeholders"]
    ]
    assert '"cfo"' not in (demo_copy / f"{BASE}/raci.toml").read_text()
    assert errors(demo_copy) == []


async def test_saying_no_keeps_the_stakeholder(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("northwind-emea")
        await settle(pilot)
        app.screen.show_target(("register",))  # type: ignore[attr-defined]
        await settle(pilot)
        put_cursor(app, ("stakeholders",), "cfo", "name")
        await pilot.press("d", "n")
        await settle(pilot)
    assert commits(demo_copy) == before


# --- row numbers follow the table (item 10) -------------------------------------------------


async def test_a_new_strategy_activity_gets_the_next_number_of_its_phase(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = f"{BASE}/strategy.toml"
    in_phase_2 = [a["no"] for a in data(demo_copy, rel)["activities"] if a["phase"] == 2]
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "strategy")
        put_cursor(app, ("activities",), "proposal", "name")
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#new-phase", Input).value = "2"
        app.screen.query_one("#new-name", Input).value = "Agree the steering calendar"
        await pilot.press("ctrl+s")  # the dialog asks for the main fields; two are enough
        await settle(pilot)
    added = next(
        a for a in data(demo_copy, rel)["activities"] if a["name"] == "Agree the steering calendar"
    )
    assert added["phase"] == 2 and added["no"] == max(in_phase_2) + 1


async def test_new_and_duplicated_log_rows_are_numbered_after_the_others(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    rel = f"{BASE}/activity-log.toml"
    numbers = [t["no"] for t in data(demo_copy, rel)["tasks"]]
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "activity-log")
        put_cursor(app, ("tasks",), "t01", "description")
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#new-description", Input).value = "Call with the SPL"
        await pilot.press("ctrl+s")
        await settle(pilot)
        tasks = data(demo_copy, rel)["tasks"]
        added = next(t for t in tasks if t["description"] == "Call with the SPL")
        assert added["no"] == max(numbers) + 1
        put_cursor(app, ("tasks",), "t01", "description")
        await pilot.press("c")
        await settle(pilot)
    tasks = data(demo_copy, rel)["tasks"]
    copy = tasks[[t["id"] for t in tasks].index("t01") + 1]
    used = {t["no"] for t in tasks if t is not copy}
    assert copy["no"] not in used  # the next free number after t01's
    assert copy["no"] == min(n for n in range(2, 1000) if n not in used)
    assert not [f for f in validate_repository(demo_copy) if f.path == rel]
