"""The activity log as a manager reviews it (issue 15 item 5): each task's state (done,
in progress, planned, proposed); `f` in the app shows one state at a time, the file keeps
every task; validate names a state that is none of them at its line."""

from __future__ import annotations

from pathlib import Path

from pcsm_tui.store.validate import validate_repository
from pcsm_tui.ui.editors.activity_log import ActivityLogEditor

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle, table_at
from .helpers import commits, toml_at

LOG = "engagements/northwind-emea/activity-log.toml"


async def test_f_shows_the_tasks_of_one_state_and_edits_stay_whole(demo_copy: Path) -> None:
    tasks = toml_at(demo_copy, LOG)["tasks"]
    total = len(tasks)
    done = sum(1 for t in tasks if t.get("state", "done") == "done")
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "activity-log")
        editor = app.screen.query_one(ActivityLogEditor)
        table = table_at(app, ("tasks",))
        assert table.row_count == total
        table.focus()
        shown = []
        for _ in range(5):
            await pilot.press("f")
            await settle(pilot)
            title = str(app.screen.query_one("#title-sec-tasks").render())
            shown.append((editor.shown_state, list(table.rows), title))
        assert [(s, len(r)) for s, r, _ in shown] == [
            ("proposed", 1),
            ("planned", 1),
            ("in-progress", 0),
            ("done", done),
            (None, total),
        ]
        assert [str(k.value) for k in shown[0][1]] == ["t14"]
        assert f"showing proposed only: 1 of {total}" in shown[0][2]
        assert f"showing in progress only: 0 of {total}" in shown[2][2]
        assert "showing" not in shown[4][2]
        await pilot.press("f")  # proposed only: approve t14 (now planned) in the filtered table
        await settle(pilot)
        put_cursor(app, ("tasks",), "t14", "state")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("down", "enter")  # proposed -> planned in the choice list
        await settle(pilot)
        assert table.row_count == 0  # no proposed task is left to show
    assert commits(demo_copy) == before + 1
    after = toml_at(demo_copy, LOG)["tasks"]
    assert len(after) == total  # the file keeps every task
    assert next(t for t in after if t["id"] == "t14")["state"] == "planned"


def test_validate_names_a_state_that_is_none_of_them(demo_copy: Path) -> None:
    path = demo_copy / LOG
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('state = "proposed"', 'state = "maybe"'), encoding="utf-8")
    line = next(
        n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "maybe" in t
    )
    found = [str(f) for f in validate_repository(demo_copy) if f.path == LOG]
    assert len(found) == 1 and found[0].startswith(f"{LOG}:{line}:"), found
    assert "proposed" in found[0] and "in-progress" in found[0]
