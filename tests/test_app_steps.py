"""Every step in the app (issue 13): a new engagement, team members, commit or discard
outside changes, and a portfolio that notices changed and broken files by itself."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select

from pcsm_tui.safeio import read_toml
from pcsm_tui.ui.screens.portfolio import PortfolioScreen
from pcsm_tui.ui.screens.portfolio_watch import POLL_S
from pcsm_tui.ui.screens.steps import NewEngagementScreen
from pcsm_tui.ui.screens.team import AskScreen, TeamScreen
from pcsm_tui.ui.screens.uncommitted import UncommittedScreen

from .apphelp import NARROW, WIDE, make_app, open_wizard, settle, until
from .conftest import git
from .helpers import commits

RISKS = "engagements/northwind-emea/risks.toml"


def _row_text(screen: PortfolioScreen, slug: str) -> str:
    table = screen.query_one("#portfolio", DataTable)
    if slug not in table.rows:
        return ""
    return " ".join(str(cell) for cell in table.get_row(slug))


async def test_a_new_engagement_from_the_wizard(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_wizard(pilot)
        await pilot.press(*"Wingtip Toys AG")
        assert app.screen.query_one("#new-slug", Input).value == "wingtip-toys-ag"
        members = app.screen.query_one("#new-csm", Select)
        member = git(demo_copy, "show", "HEAD:pcsm.toml").split('id = "')[1].split('"')[0]
        members.value = member
        await pilot.press("ctrl+s")
        await until(pilot, lambda: getattr(app.screen, "slug", "") == "wingtip-toys-ag", "open")
    assert commits(demo_copy) == before + 1  # every file in one commit
    folder = demo_copy / "engagements" / "wingtip-toys-ag"
    engagement = read_toml(folder / "engagement.toml")[1]
    assert engagement["customer"] == "Wingtip Toys AG"
    assert engagement["csm"] == member
    activities = read_toml(folder / "raci.toml")[1]["matrices"][0]["activities"]
    assert [a["name"] for a in activities][:2] == [
        "Determining scope of initiative",
        "Creating the business case",
    ]
    assert git(demo_copy, "status", "--porcelain") == ""


async def test_the_wizard_refuses_a_taken_folder_and_a_bad_date(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.action_new_engagement()  # the palette's way in
        await until(pilot, lambda: isinstance(app.screen, NewEngagementScreen), "the wizard")
        await pilot.press(*"Northwind")
        app.screen.query_one("#new-slug", Input).value = "northwind-emea"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "already" in str(app.screen.query_one("#new-error").render())
        app.screen.query_one("#new-slug", Input).value = "northwind-2"
        app.screen.query_one("#new-start", Input).value = "2027-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "February 2027 has 28 days" in str(app.screen.query_one("#new-error").render())
        await pilot.press("escape")
        await settle(pilot)
    assert commits(demo_copy) == before
    assert not (demo_copy / "engagements" / "northwind-2").exists()


async def test_team_members_added_renamed_and_retired(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen), "the team screen")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AskScreen), "the add dialog")
        await pilot.press(*"Zoe Quinn", "enter", *"CSM", "enter")
        await until(pilot, lambda: "Zoe Quinn" in git(demo_copy, "show", "HEAD:pcsm.toml"), "add")
        subject = git(demo_copy, "log", "-1", "--format=%s").strip()
        assert subject.endswith("team member Zoe Quinn added")
        team = app.screen
        assert isinstance(team, TeamScreen)
        table = team.query_one("#team", DataTable)
        table.move_cursor(row=table.get_row_index("zoe-quinn"))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, AskScreen), "the rename dialog")
        app.screen.query_one(Input).value = "Zoe Quinn-Baker"
        await pilot.press("enter")
        await until(pilot, lambda: "Quinn-Baker" in git(demo_copy, "show", "HEAD:pcsm.toml"), "")
        await pilot.press("x", "y")
        await until(pilot, lambda: "retired" in git(demo_copy, "show", "HEAD:pcsm.toml"), "retire")
    members = read_toml(demo_copy / "pcsm.toml")[1]["members"]
    zoe = next(m for m in members if m["id"] == "zoe-quinn")
    assert zoe["name"] == "Zoe Quinn-Baker"  # the id stays: references keep resolving
    assert str(zoe["retired"]) == "2026-11-22"
    # a retired member is still a member: their name reads, but is not offered as CSM
    assert "zoe-quinn" in {m.id for m in app.workspace.team()}
    assert git(demo_copy, "status", "--porcelain") == ""


def _edit_outside(root: Path) -> tuple[str, str]:
    path = root / RISKS
    text = path.read_text(encoding="utf-8")
    changed = text.replace('name = "', 'name = "Reviewed: ', 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    return text, changed


async def test_outside_changes_committed_with_their_field_diff(demo_copy: Path) -> None:
    _original, changed = _edit_outside(demo_copy)
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await until(pilot, lambda: isinstance(app.screen, UncommittedScreen), "the dialog")
        await until(pilot, lambda: app.screen.items, "the differences")  # type: ignore[attr-defined]
        shown = str(app.screen.query_one("#uncommitted-text").render())
        assert RISKS in shown and "+" in shown and "Reviewed: " in shown  # fields, not TOML
        await pilot.press(*"risks reviewed", "enter")
        await until(pilot, lambda: not isinstance(app.screen, UncommittedScreen), "commit")
    assert commits(demo_copy) == before + 1
    assert git(demo_copy, "log", "-1", "--format=%s").strip() == "risks reviewed"
    assert git(demo_copy, "show", f"HEAD:{RISKS}") == changed
    assert git(demo_copy, "status", "--porcelain") == ""


async def test_discarding_keeps_a_copy_of_what_was_discarded(demo_copy: Path) -> None:
    """Nothing lost: the discarded text is kept byte for byte under .git/pcsm/rescued/."""
    original, changed = _edit_outside(demo_copy)
    before = commits(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.action_uncommitted()
        await until(pilot, lambda: getattr(app.screen, "items", None), "the differences")
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: not isinstance(app.screen, UncommittedScreen), "discard")
    assert (demo_copy / RISKS).read_text(encoding="utf-8") == original
    assert commits(demo_copy) == before
    rescued = list((demo_copy / ".git" / "pcsm" / "rescued").glob("*risks.toml"))
    assert [p.read_text(encoding="utf-8") for p in rescued] == [changed]


async def test_a_file_changed_again_after_it_was_shown_is_not_discarded(demo_copy: Path) -> None:
    """What is discarded is exactly what was shown: a later edit is refused, not lost."""
    _edit_outside(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.action_uncommitted()
        await until(pilot, lambda: getattr(app.screen, "items", None), "the differences")
        later = (demo_copy / RISKS).read_text(encoding="utf-8") + "\n# a later note\n"
        (demo_copy / RISKS).write_text(later, encoding="utf-8")
        await pilot.press("ctrl+d", "y")
        await settle(pilot)
        assert "changed again" in str(app.screen.query_one("#uncommitted-error").render())
    assert (demo_copy / RISKS).read_text(encoding="utf-8") == later


async def test_sync_refused_for_uncommitted_files_offers_commit_or_discard(
    demo_copy: Path,
) -> None:
    _edit_outside(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, UncommittedScreen), "the dialog")
        assert "Sync stopped" in str(app.screen.query_one("#uncommitted-reason").render())


async def test_a_hand_broken_file_shows_on_its_row_within_a_second(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await until(pilot, lambda: screen.files_watch.stamps is not None, "the first look")
        assert "raci.toml" not in _row_text(screen, "northwind-emea")
        # raci.toml is not one the row is read from: only the watch can notice it
        (demo_copy / "engagements/northwind-emea/raci.toml").write_text("matrices = [", "utf-8")
        looks = screen.files_watch.looks
        await until(
            pilot,
            lambda: "⚠ raci.toml" in _row_text(screen, "northwind-emea"),
            "the broken file on its row",
        )
        # Within a second by the watch's own clock, not the test's (a loaded machine stretches
        # every wall-clock figure): the first look that starts after the break finds it, and
        # two looks take well under a second.
        assert screen.files_watch.found_at - looks <= 2
        assert 2 * POLL_S < 1.0
        assert "raci.toml" in app.status_text
        # fixed again: the warning goes
        git(demo_copy, "checkout", "--", "engagements/northwind-emea/raci.toml")
        await until(pilot, lambda: "⚠" not in _row_text(screen, "northwind-emea"), "fixed")


async def test_an_outside_change_shows_without_leaving_the_portfolio(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await until(pilot, lambda: screen.files_watch.stamps is not None, "the first look")
        path = demo_copy / "engagements/northwind-emea/engagement.toml"
        text = path.read_text(encoding="utf-8")
        customer = read_toml(path)[1]["customer"]
        path.write_text(text.replace(customer, "Northwind Renamed"), encoding="utf-8")
        await until(
            pilot, lambda: "Northwind Renamed" in _row_text(screen, "northwind-emea"), "the row"
        )


async def test_the_narrow_portfolio_keeps_what_matters(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#portfolio", DataTable)
        keys = [str(column.key.value) for column in table.ordered_columns]
        assert {"customer", "phase", "risks", "overdue", "changed"} <= set(keys)
        width = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert width <= NARROW[0]


async def test_the_engagement_screen_lists_every_broken_file(demo_copy: Path) -> None:
    folder = demo_copy / "engagements" / "northwind-emea"
    (folder / "raci.toml").write_text("matrices = [", "utf-8")
    month = sorted((folder / "stakeholder-plan").iterdir())[-1]
    month.write_bytes(b"\xff\xfe not text")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.open_engagement("northwind-emea")
        await until(pilot, lambda: "cannot read" in app.status_text, "the broken files named")
        assert "raci.toml" in app.status_text
        assert f"stakeholder-plan/{month.name}" in app.status_text


async def test_undoing_a_new_engagement_goes_back_to_the_portfolio(demo_copy: Path) -> None:
    """u on a brand-new engagement takes it back; its screen does not stay open on files
    that are gone (found by a new CSM's walk)."""
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_wizard(pilot)
        await pilot.press(*"Wingtip Toys", "ctrl+s")
        await until(pilot, lambda: getattr(app.screen, "slug", "") == "wingtip-toys", "open")
        await pilot.press("u")
        await settle(pilot)
        if not isinstance(app.screen, PortfolioScreen):  # the undo of a creation may ask
            await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, PortfolioScreen), "the portfolio")
        assert "no longer there" in app.status_text
    assert not (demo_copy / "engagements/wingtip-toys/engagement.toml").exists()
