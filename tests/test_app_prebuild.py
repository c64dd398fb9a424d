"""Issue 16: while the app is idle, the editors of the tools beside the one shown are built
hidden (ui/screens/prebuild.py), so that showing one is a kept show; never taking the
focus, never showing a file as it was before a change."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import DataTable

from pcsm_tui import service_watch
from pcsm_tui.framework.catalogue import TOOLS_BY_ID
from pcsm_tui.ui.editors.tool import ToolEditor
from pcsm_tui.ui.screens import first_show, prebuild
from pcsm_tui.ui.screens.prebuild import neighbours

from .apphelp import WIDE, _tables_measured, make_app, open_tool, screen_of, settle, until


@pytest.fixture(autouse=True)
def settled_stamps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stamp is trusted at once (no racy wait), so that editors are kept and built ahead
    here (a file written in the last two seconds gives none: nothing is)."""
    monkeypatch.setattr(service_watch, "RACY_NS", 0)


def test_the_neighbours_are_the_next_tool_then_the_one_before() -> None:
    assert neighbours(("tool", "risks")) == [("tool", "readiness"), ("tool", "barriers")]
    assert neighbours(("tool", "research")) == [("tool", "strategy")]  # the first tool
    assert neighbours(("engagement",))[0] == ("tool", "research")
    assert neighbours(("guidance",)) == []


async def test_the_next_tool_is_built_ahead_and_its_show_is_a_kept_one(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen = screen_of(app)
        shown = app.focused
        assert isinstance(shown, DataTable)
        await until(pilot, lambda: screen.kept.prebuild.built >= 2, "two editors built ahead")
        await settle(pilot)
        assert app.focused is shown  # built hidden: the focus stayed where it was
        hidden = [e for e in screen.query(ToolEditor) if not e.display]
        assert {e.tool.id for e in hidden if e.tool} >= {"readiness", "barriers"}
        built = screen.kept.built
        screen.show_target(("tool", "readiness"))
        await settle(pilot)
        assert screen.kept.built == built  # not built at its show: the one built ahead
        assert app._batch_count == 0 and _tables_measured(app)
        table = app.focused
        assert isinstance(table, DataTable) and table.row_count
        assert any(getattr(a, "tool", None) is TOOLS_BY_ID["readiness"] for a in table.ancestors)
        row = table.cursor_row
        await pilot.press("j")
        await until(pilot, lambda: table.cursor_row == row + 1, "the cursor to move down")


async def test_an_editor_built_ahead_of_a_file_changed_since_is_built_anew(
    demo_copy: Path,
) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen = screen_of(app)
        await until(pilot, lambda: screen.kept.prebuild.built >= 1, "an editor built ahead")
        await settle(pilot)
        path = demo_copy / "engagements" / "northwind-emea" / "readiness.toml"
        path.write_text(path.read_text().replace("Adoption phase 1", "Adoption phase one"))
        built = screen.kept.built
        screen.show_target(("tool", "readiness"))
        await settle(pilot)
        assert screen.kept.built == built + 1  # read again: the file changed since
        shown = [e for e in screen.query(ToolEditor) if e.display]
        assert len(shown) == 1 and shown[0].tool is TOOLS_BY_ID["readiness"]
        assert "Adoption phase one" in str(shown[0].data)


async def test_a_build_ahead_that_never_ends_does_not_put_off_later_ones(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor removed while being built ahead (ctrl+r, undo) never has its parts
    mounted: its build is given up after BUILD_LIMIT_S, and later shows build ahead again."""
    real = first_show.built_and_idle
    calls: list[object] = []

    async def first_never_ends(editor: Widget) -> None:
        if not editor.display:  # built ahead (a first show's hold waits here too)
            calls.append(editor)
            if len(calls) == 1:
                await asyncio.Event().wait()  # as a removed editor's parts: never mounted
        await real(editor)

    monkeypatch.setattr(prebuild, "BUILD_LIMIT_S", 0.3)
    monkeypatch.setattr(first_show, "built_and_idle", first_never_ends)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        screen = screen_of(app)
        ahead = screen.kept.prebuild
        await until(pilot, lambda: ahead.built >= 1, "a build ahead to start")
        await until(pilot, lambda: not ahead._building, "the build that never ends given up")
        screen.show_target(("tool", "capabilities"))
        await until(pilot, lambda: ahead.built >= 2, "a later show's build ahead")
