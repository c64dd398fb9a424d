"""People's text and git's words are shown as written: brackets are never read as markup."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, OptionList, Static

from pcsm_tui.ui.editors.charted import MatrixEditor
from pcsm_tui.ui.widgets import StatusLine

from .apphelp import WIDE, make_app, open_tool, put_cursor, settle, shown, until

NORTHWIND = "engagements/northwind-emea"


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_row(root: Path) -> str:
    import tomllib

    months = sorted((root / NORTHWIND / "stakeholder-plan").glob("*.toml"))
    return str(tomllib.loads(months[-1].read_text(encoding="utf-8"))["rows"][0]["id"])


async def test_bracketed_names_titles_and_git_messages_show_as_written(demo_copy: Path) -> None:
    replace(
        demo_copy, f"{NORTHWIND}/engagement.toml", '"Northwind Manufacturing"', '"Northwind [/x]"'
    )
    replace(demo_copy, f"{NORTHWIND}/raci.toml", "EMEA initiative: overall RACI", "RACI [/b] all")
    replace(demo_copy, f"{NORTHWIND}/readiness.toml", "Adoption phase 1", "Phase [/] one")
    replace(demo_copy, f"{NORTHWIND}/stakeholders.toml", "John Ashton", "John [/i] Ashton")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tool(pilot, "northwind-emea", "readiness")
        titles = [shown(label) for label in app.screen.query(".section-title").results(Label)]
        assert any(title.startswith("Phase [/] one") for title in titles), titles
        assert app.screen.title == "Northwind [/x]"
        await open_tool(pilot, "northwind-emea", "raci")
        titles = [shown(label) for label in app.screen.query(".section-title").results(Label)]
        assert "RACI [/b] all" in titles
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        editor = app.screen.query_one(MatrixEditor)
        john = next(k for k, v in editor.names.items() if v.startswith("John"))
        editor.selected = john
        editor.refresh_extra()
        detail = app.screen.query_one("#matrix-detail", Static)
        await until(pilot, lambda: "John" in shown(detail), "John's detail")
        assert "John [/i] Ashton" in shown(detail)
        await open_tool(pilot, "northwind-emea", "stakeholder-plan")
        put_cursor(app, ("rows",), first_row(demo_copy), "stakeholder")
        await pilot.press("e")  # a picker over the register's names
        options = app.screen.query_one(".picker-options", OptionList)
        await until(pilot, lambda: options.display and options.option_count, "the choice list")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("John [/i] Ashton" in prompt for prompt in prompts), prompts
        await pilot.press("escape")
        app.notify(" ! [rejected]        main -> main (fetch first)", severity="error")
        app.set_status("push refused: ! [rejected] main -> main")
        status = app.screen.query_one(StatusLine)
        await until(pilot, lambda: "push refused" in shown(status), "the status line")
        assert shown(status) == "push refused: ! [rejected] main -> main"
        assert app.is_running
