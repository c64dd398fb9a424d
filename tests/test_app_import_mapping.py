"""The app's mapping step: a workbook pcsm is not sure about opens it; two columns and one
value scale are mapped with the keys while the preview follows; Enter imports one commit
with the mapping remembered, and the next workbook of that shape imports without the step."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

from openpyxl import load_workbook
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.exchange import ImportScreen
from pcsm_tui.ui.screens.import_mapping import Choice, MappingScreen

from .apphelp import WIDE, make_app, open_tool, settle, submit_path, text_of
from .helpers import commits as _commits
from .mappinghelp import FIRST, SECOND, team_sheet

RISKS = "engagements/northwind-emea/risks.toml"


def preview_of(screen: MappingScreen) -> str:
    """The preview table as the screen draws it (Rich renders it at the box's width)."""
    table = screen.query_one("#mapping-preview", Static).content
    console = Console(width=60, file=io.StringIO(), record=True, color_system=None)
    console.print(table)
    return console.export_text()


async def choose(pilot: Pilot[None], ident: str, value: str) -> None:
    """Move down to the choice `ident` with ↓ and cycle it to `value` with →."""
    screen = pilot.app.screen
    for _ in range(20):
        if screen.focused is not None and screen.focused.id == ident:
            break
        await pilot.press("down")
    choice = screen.query_one(f"#{ident}", Choice)
    assert screen.focused is choice, f"↓ did not reach {ident}"
    for _ in range(len(choice.options)):
        if choice.value == value:
            break
        await pilot.press("right")
        await settle(pilot)
    assert choice.value == value


async def map_team_sheet(pilot: Pilot[None]) -> MappingScreen:
    """Risks; Punkt -> Name, Stufe -> Likelihood with A/M/B -> 4/3/1; Wer left ignored."""
    screen = pilot.app.screen
    assert isinstance(screen, MappingScreen)
    await choose(pilot, "mapping-tool", "risks")
    await choose(pilot, "col-1", "name")
    await choose(pilot, "col-2", "likelihood")
    assert screen.query_one("#col-3", Choice).value == "ignore"
    texts = screen.step.distinct[2]
    assert texts == ["A", "B", "M"]
    for index, value in enumerate(["4", "1", "3"]):
        await choose(pilot, f"val-2-{index}", value)
    return screen


async def test_a_weak_guess_opens_the_mapping_step_and_enter_imports_one_commit(
    demo_copy: Path,
) -> None:
    first = team_sheet(demo_copy.parent / "mai.xlsx", FIRST)
    second = team_sheet(demo_copy.parent / "juni.xlsx", SECOND, title="Juni")
    app = make_app(demo_copy)
    before = _commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        await submit_path(pilot, str(first))
        screen = await map_team_sheet(pilot)
        preview = preview_of(screen)
        assert "Streik" in preview and "Budget" in preview and "Ana" not in preview
        rows = [line.split() for line in preview.splitlines()]
        assert ["Streik", "4"] in rows and ["Brand", "1"] in rows and ["Budget", "3"] in rows
        assert _commits(demo_copy) == before  # nothing is written while mapping
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen), type(app.screen)
        assert screen.chosen.tool == "risks"
    assert _commits(demo_copy) == before + 1
    stored = tomllib.loads((demo_copy / RISKS).read_text(encoding="utf-8"))
    got = {r["name"]: r.get("likelihood") for r in stored["risks"]}
    assert {"Streik": 4, "Brand": 1, "Budget": 3}.items() <= got.items()
    mappings = sorted((demo_copy / "import-mappings").glob("*.toml"))
    assert len(mappings) == 1 and mappings[0].name.startswith("risks-")

    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        await submit_path(pilot, str(second))
        assert isinstance(app.screen, ImportScreen)  # no mapping step this time
        preview = text_of(app, "#import-preview")
        assert f"mapping remembered from import-mappings/{mappings[0].name}" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    assert _commits(demo_copy) == before + 2
    stored = tomllib.loads((demo_copy / RISKS).read_text(encoding="utf-8"))
    got = {r["name"]: r.get("likelihood") for r in stored["risks"]}
    assert {"Lieferant fällt aus": 3, "Umzug": 4}.items() <= got.items()


async def test_esc_on_the_mapping_step_writes_nothing(demo_copy: Path) -> None:
    first = team_sheet(demo_copy.parent / "mai.xlsx", FIRST)
    app = make_app(demo_copy)
    before = _commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        await submit_path(pilot, str(first))
        await map_team_sheet(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert "Mapping cancelled: nothing was written" in text_of(app, "#import-message")
        await pilot.press("ctrl+t")  # the step again, on asking
        await settle(pilot)
        assert isinstance(app.screen, MappingScreen)
        await pilot.press("escape")
        await settle(pilot)
    assert _commits(demo_copy) == before
    assert not (demo_copy / "import-mappings").exists()


async def test_headers_and_cells_are_shown_as_text_never_as_markup(demo_copy: Path) -> None:
    """Markup in a header and a cell reads as typed (Choice labels and the preview)."""
    book = demo_copy.parent / "markup.xlsx"
    team_sheet(book, [("Streik [b]bald[/b] jetzt", "A", "x")])
    loaded = load_workbook(book)
    sheet = loaded.active
    assert sheet is not None
    sheet.cell(3, 1, "Punkt [bold red]rot[/]")
    loaded.save(book)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "risks")
        await pilot.press("I")
        await settle(pilot)
        await submit_path(pilot, str(book))
        screen = app.screen
        assert isinstance(screen, MappingScreen)
        await choose(pilot, "mapping-tool", "risks")
        await choose(pilot, "col-1", "name")
        assert "Punkt [bold red]rot[/]" in str(screen.query_one("#col-1", Choice).render())
        assert "[b]bald[/b]" in preview_of(screen)
        await pilot.press("escape")
        await settle(pilot)
