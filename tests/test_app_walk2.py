"""Issue 13, the walk's last small wrong things: each a key press in the app, checked on the
files, the commits and what the screen says."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, Label

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.picker import PickScreen
from pcsm_tui.ui.editors.raci import RaciGrid
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.guidance import GuidancePanel
from pcsm_tui.ui.screens.knowledge import KnowledgeScreen
from pcsm_tui.ui.widgets import StatusLine, VimTable

from .apphelp import NARROW, WIDE, make_app, open_tool, put_cursor, settle, shown, until
from .conftest import git
from .helpers import toml_at as data

RACI = "engagements/contoso-retail/raci.toml"


def commits(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD").strip())


async def test_a_raci_activity_may_not_take_a_name_its_matrix_already_has(
    demo_copy: Path,
) -> None:
    """Adding and renaming: a name another activity has (case and spaces aside) is refused
    with a message naming it, nothing saved; a new name still saves as one commit."""
    names = [a["name"] for a in data(demo_copy, RACI)["matrices"][0]["activities"]]
    first, second = names[0], names[1]
    twin = "  " + first.upper().replace(" ", "   ") + " "
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "raci")
        before = commits(demo_copy)
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one("#new-name", Input).value = twin
        await pilot.press("enter")
        await settle(pilot)
        error = shown(app.screen.query_one("#new-error", Label))
        assert f"“{first}”" in error and "another name" in error, error
        await pilot.press("escape")
        await settle(pilot)
        assert commits(demo_copy) == before
        # Rename the second activity to the first's name: refused in the cell editor.
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=1, column=0)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#cell-input", Input).value = first.lower()
        await pilot.press("enter")
        await settle(pilot)
        error = shown(app.screen.query_one("#cell-error", Label))
        assert f"“{first}”" in error, error
        assert commits(demo_copy) == before
        assert [a["name"] for a in data(demo_copy, RACI)["matrices"][0]["activities"]][1] == second
        # A name of its own saves as before: one commit.
        app.screen.query_one("#cell-input", Input).value = "Training the store teams"
        await pilot.press("enter")
        await settle(pilot)
    assert commits(demo_copy) == before + 1
    assert data(demo_copy, RACI)["matrices"][0]["activities"][1]["name"] == (
        "Training the store teams"
    )


async def test_every_printable_key_types_into_the_knowledge_search_box(demo_copy: Path) -> None:
    """'/', 'x', 'f' and every other printable key go into the search box while it has the
    focus (the screen's keys / x f would move the focus or clear what was typed)."""
    app = make_app(demo_copy)
    typed = "a/x f?K:q1 é" + "".join(chr(c) for c in range(33, 127))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, KnowledgeScreen), "the knowledge base")
        box = app.screen.query_one("#kb-search", Input)
        assert app.focused is box
        for key in typed:
            await pilot.press(key)
            assert app.focused is box, key
        await settle(pilot)
        assert box.value == typed
        assert isinstance(app.screen, KnowledgeScreen)
        # Off the box the screen's keys work as before: x clears, / comes back to it.
        await pilot.press("tab")
        await pilot.press("x")
        await settle(pilot)
        assert box.value == ""
        await pilot.press("slash")
        assert app.focused is box
        await pilot.press(*"ward", "tab", "slash", "s")  # after the words, not instead of them
        assert box.value == "wards"


async def test_keys_typed_right_after_k_go_into_the_search_box(demo_copy: Path) -> None:
    """K and the words at once, as a quick typist does: the keys that arrive before the box
    has the focus are typed, '/' and 'x' too (they moved the focus and cleared the box, and
    the letters before them were lost), and q does not quit."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for key, character in [("K", "K"), ("q", "q"), ("w", "w"), ("a", "a"), ("slash", "/")]:
            app.post_message(events.Key(key, character))  # queued at once, as a typist's keys
        app.post_message(events.Key("x", "x"))
        await settle(pilot)
        assert isinstance(app.screen, KnowledgeScreen)
        box = app.screen.query_one("#kb-search", Input)
        assert box.value == "qwa/x"
        assert app.focused is box


def status_line(app: PcsmApp) -> str:
    return shown(app.screen.query_one(StatusLine))


async def test_a_status_message_does_not_outlive_the_next_action(demo_copy: Path) -> None:
    """Two actions in a row: a save says what it committed; moving to another tool, or back
    to the portfolio, has nothing to say, so the line no longer tells of the save."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "raci")
        grid = app.screen.query(RaciGrid).first()
        grid.focus()
        grid.move_cursor(row=0, column=1)
        await pilot.press("r")
        await settle(pilot)
        assert "committed" in status_line(app)
        await pilot.press("w")  # the wheel: another tool
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "committed" not in status_line(app), status_line(app)
        assert "committed" not in app.status_text
        assert "esc portfolio" in status_line(app)  # the screen's own keys again
        await pilot.press("escape")
        await settle(pilot)
        assert "committed" not in status_line(app), status_line(app)


async def test_another_screen_does_not_show_the_last_screens_message(demo_copy: Path) -> None:
    """The portfolio's message (what it read) is not shown on the engagement opened next, and
    back from the knowledge base the portfolio no longer shows what it said before."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        said = "read 3 engagements"
        app.set_status(said)  # as a portfolio action says what it did
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        assert said not in status_line(app), status_line(app)
        await pilot.press("escape")
        await settle(pilot)
        app.set_status(said)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, KnowledgeScreen), "the knowledge base")
        await pilot.press("escape")
        await settle(pilot)
        assert said not in status_line(app)
        assert "Enter opens an engagement" in status_line(app), status_line(app)


async def test_the_csm_picker_names_people_without_ids(demo_copy: Path) -> None:
    """The CSM is chosen by name; two members with one name are told apart by their role
    (the same role: their e-mail), never by the id."""
    settings = demo_copy / "pcsm.toml"
    settings.write_text(
        settings.read_text()
        + '\n[[members]]\nid = "maria-lopez-2"\nname = "maria  lopez"\n'
        + 'role = "Senior Customer Success Manager"\nemail = "m.lopez@larkspur.example"\n'
    )
    git(demo_copy, "commit", "-qam", "a second Maria Lopez")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("contoso-retail")
        await settle(pilot)
        put_cursor(app, (), "csm", "value")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        labels = [label for label, _ in app.screen.picker.shown]
        assert "Dev Patel" in labels
        assert "Maria Lopez (maria.lopez@larkspur.example)" in labels
        assert "maria  lopez (m.lopez@larkspur.example)" in labels
        assert not any("maria-lopez" in label or "dev-patel" in label for label in labels)


async def test_a_long_name_in_the_register_is_cut_at_a_word_with_an_ellipsis(
    demo_copy: Path,
) -> None:
    """The register's name column: a name longer than the cell ends in "…" after a whole
    word (it was cut inside a word); the cell editor still holds the whole name."""
    long = "Executive Director of Operations and Finance for Europe, Middle East and Africa"
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("northwind-emea")
        await settle(pilot)
        app.screen.show_target(("register",))  # type: ignore[attr-defined]
        await settle(pilot)
        table = put_cursor(app, ("stakeholders",), "cfo", "name")
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#cell-input", Input).value = long
        await pilot.press("enter")
        await settle(pilot)
        table = put_cursor(app, ("stakeholders",), "cfo", "name")
        cell = str(table.get_cell("cfo", "name"))
        assert cell.endswith("…") and cell != long, cell
        assert long.startswith(cell[:-1]) and long[len(cell) - 1] == " ", cell  # a whole word


async def test_next_steps_and_activities_end_in_an_ellipsis_at_80x24(demo_copy: Path) -> None:
    """At 80x24 the guidance panel's last columns (a step's reason, an activity) fit the
    panel: cut at a word with "…", never clipped by the edge inside a word."""
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await open_tool(pilot, "contoso-retail", None)  # type: ignore[arg-type]
        await pilot.press("P")
        await settle(pilot)
        panel = app.screen.query_one(GuidancePanel)
        assert panel.guide is not None
        for selector, texts in (
            ("#guide-steps", [s.reason for s in panel.guide.next_steps]),
            ("#guide-activities", [a.text for a in panel.guide.phase.activities]),
        ):
            table = panel.query_one(selector, VimTable)
            last = list(table.columns)[-1]
            cut = 0
            for row, text in zip(table.rows, texts, strict=True):
                cell = str(table.get_cell(row, last))
                assert cell == text or (cell.endswith("…") and text.startswith(cell[:-1])), cell
                cut += cell != text
            used = sum(c.get_render_width(table) for c in table.columns.values())
            assert used <= panel.size.width, (selector, used, panel.size.width)
            assert cut, selector  # at 80 columns some are long enough to be cut
