"""The knowledge base screen, save as team template and the wizard's templates, by keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, SelectionList

from pcsm_tui.safeio import read_toml
from pcsm_tui.service import Workspace
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.knowledge import KnowledgeScreen
from pcsm_tui.ui.screens.steps import NewEngagementScreen
from pcsm_tui.ui.screens.template_dialog import SaveTemplateScreen

from .apphelp import WIDE, make_app, open_wizard, settle, text_of, until
from .conftest import git
from .helpers import commits


def _engagements(screen: KnowledgeScreen) -> set[str]:
    return {entry.engagement for entry in screen.shown}


async def test_search_as_you_type_filter_and_open(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, KnowledgeScreen), "the knowledge base")
        screen = app.screen
        assert isinstance(screen, KnowledgeScreen)
        assert _engagements(screen) == {"contoso-retail", "fabrikam-health", "northwind-emea"}
        await pilot.press(*"ward handover")
        await settle(pilot)
        assert _engagements(screen) == {"fabrikam-health"}
        assert "ward" in text_of(app, "#kb-detail").lower()  # the whole text, wrapped
        await pilot.press(*" nothing-like-this")
        await settle(pilot)
        assert screen.shown == []
        screen.action_clear()
        await settle(pilot)
        screen.query_one("#kb-csm", Select).value = "dev-patel"
        await settle(pilot)
        assert _engagements(screen) == {"contoso-retail"}
        screen.query_one("#kb-csm", Select).value = "*"
        screen.query_one("#kb-phase", Select).value = "4"
        await settle(pilot)
        assert _engagements(screen) == {"fabrikam-health"}
        screen.action_clear()
        screen.query_one("#kb-since", Input).value = "2026-11-01"
        await settle(pilot)
        assert _engagements(screen) == {"contoso-retail", "fabrikam-health"}
        screen.query_one("#kb-since", Input).value = "2026-13-01"
        await settle(pilot)
        assert "there is no month 13" in app.status_text  # why, not only that
        screen.action_clear()
        screen.query_one("#kb-category", Select).value = "tools-templates"
        screen.query_one("#kb-engagement", Select).value = "northwind-emea"
        await settle(pilot)
        assert _engagements(screen) == {"northwind-emea"}
        screen.query_one("#kb-table").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "the engagement")
        opened = app.screen
        assert isinstance(opened, EngagementScreen)
        assert opened.slug == "northwind-emea" and opened.current == ("tool", "evaluation")


async def test_save_as_team_template_previews_thencommits(demo_copy: Path) -> None:
    app = make_app(demo_copy, engagement="northwind-emea")
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("tool", "raci"))
        await settle(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, SaveTemplateScreen), "the preview")
        assert "stakeholder references" in text_of(app, "#tpl-left-out")
        preview = text_of(app, "#tpl-preview")
        assert "[[matrices.columns]]" in preview and "stakeholder =" not in preview
        assert commits(demo_copy) == before, "a preview writes nothing"
        name = app.screen.query_one("#tpl-name", Input)
        name.value = "adoption-risks"  # taken by another tool: refused, said
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "exists for" in text_of(app, "#tpl-error"), "the refusal")
        name.value = "emea-raci"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "saved and closed")
    assert commits(demo_copy) == before + 1
    assert git(demo_copy, "status", "--porcelain") == ""
    text = (demo_copy / "knowledge/templates/raci/emea-raci.toml").read_text()
    assert "stakeholder =" not in text


async def test_the_wizard_starts_tools_from_templates(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_wizard(pilot)
        await pilot.press(*"Wingtip Toys")
        chooser = app.screen.query_one("#new-templates", SelectionList)
        chooser.select("adoption-risks")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: getattr(app.screen, "slug", "") == "wingtip-toys", "open")
    assert commits(demo_copy) == before + 1
    risks = read_toml(demo_copy / "engagements/wingtip-toys/risks.toml")[1]["risks"]
    assert risks[0]["name"] == "ERP integration late"


async def test_entries_are_shown_as_written(demo_copy: Path) -> None:
    """An entry's text is data: markup and terminal controls are shown, never acted on."""
    path = demo_copy / "engagements/contoso-retail/evaluation.toml"
    text = path.read_text().replace(
        "Ask for the store operations calendar",
        "[bold red]Boom[/] \\u001b[2J [@click=app.quit]x[/] Ask for the store operations calendar",
        1,
    )
    path.write_text(text)
    git(demo_copy, "commit", "-qam", "hostile entry")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, KnowledgeScreen), "the screen")
        await pilot.press(*"boom")
        await settle(pilot)
        detail = text_of(app, "#kb-detail")
        assert "[bold red]Boom[/]" in detail and "[@click=app.quit]x[/]" in detail
        assert "\x1b" not in detail
        assert app.is_running


async def test_the_palette_reaches_both_from_an_engagement(demo_copy: Path) -> None:
    """The knowledge base from ctrl+p on any screen; save as template by its name; a name
    that exists is replaced only by a second ctrl+s, as one more commit."""
    app = make_app(demo_copy, engagement="northwind-emea")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"knowledge base")
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, KnowledgeScreen), "the knowledge base")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "back")
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        screen.show_target(("tool", "risks"))
        await settle(pilot)
        before = commits(demo_copy)
        await pilot.press("ctrl+p", *"save as team template")
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SaveTemplateScreen), "the preview")
        app.screen.query_one("#tpl-name", Input).value = "adoption-risks"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "again replaces" in text_of(app, "#tpl-error"), "the ask")
        assert commits(demo_copy) == before
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, EngagementScreen), "replaced")
    assert commits(demo_copy) == before + 1
    assert git(demo_copy, "status", "--porcelain") == ""


async def test_an_unreadable_evaluation_is_named_and_the_rest_searched(demo_copy: Path) -> None:
    (demo_copy / "engagements/contoso-retail/evaluation.toml").write_text("entries = [[[")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, KnowledgeScreen), "the screen")
        screen = app.screen
        assert isinstance(screen, KnowledgeScreen)
        await until(pilot, lambda: bool(screen.entries), "the entries")
        assert _engagements(screen) == {"fabrikam-health", "northwind-emea"}
        assert "engagements/contoso-retail/evaluation.toml" in app.status_text


async def test_two_templates_for_one_tool_keep_the_wizard_open(demo_copy: Path) -> None:
    """A choice the creation would refuse is said in the wizard, which stays open with
    everything typed, instead of closing and failing after."""
    Workspace(demo_copy).save_template("contoso-retail", "risks", "other-risks")
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_wizard(pilot)
        await pilot.press(*"Wingtip Toys")
        chooser = app.screen.query_one("#new-templates", SelectionList)
        chooser.select("adoption-risks")
        chooser.select("other-risks")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewEngagementScreen)
        assert "one template" in text_of(app, "#new-error")
        assert app.screen.query_one("#new-customer", Input).value == "Wingtip Toys"
    assert commits(demo_copy) == before  # nothing created


async def test_a_burst_of_typing_names_the_folder_after_the_whole_customer(
    demo_copy: Path,
) -> None:
    """A paste (or fast typing) changes the customer several times before the folder name
    hears of it: the folder is still made from the whole name."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_wizard(pilot)
        customer = app.screen.query_one("#new-customer", Input)
        name = "Tailspin Toys"
        for end in range(1, len(name) + 1, 2):  # keys arriving two at a time
            customer.value = name[:end]
            customer.value = name[: end + 1]
            await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: getattr(app.screen, "slug", "") == "tailspin-toys", "open")
    assert (demo_copy / "engagements/tailspin-toys/engagement.toml").is_file()
