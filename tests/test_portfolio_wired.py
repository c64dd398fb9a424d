"""Health on the portfolio screen itself (issue 14 item 4), and issue 13's portfolio items:
the health, trend and go/no-go columns at 120x40 and 80x24, worst-first sort, the health
filter, the why dialog, every action in the palette; names instead of member ids in the CSM
column, the onboarding band sorted in the framework's order, the last change shown whole
when there is room; the summary printed without a terminal carries health."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey

from pcsm_tui.analysis.portfolio import PortfolioRow
from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import Repository
from pcsm_tui.summary import portfolio_summary
from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.screens import portfolio_columns as columns
from pcsm_tui.ui.screens.portfolio import COLUMNS, PortfolioScreen
from pcsm_tui.ui.screens.portfolio_health import go_cell
from pcsm_tui.ui.screens.portfolio_why import WhyDialog
from pcsm_tui.ui.screens.team import AskScreen, TeamScreen

from .apphelp import NARROW, TODAY, WIDE, make_app, settle, until
from .conftest import git

ROOMY = (170, 40)
"""Wide enough for every column of the demo (the CSM and band come after health)."""


def _screen(app: PcsmApp) -> PortfolioScreen:
    screen = app.screen
    assert isinstance(screen, PortfolioScreen)
    return screen


def _order(app: PcsmApp) -> list[str]:
    table = _screen(app).query_one("#portfolio", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


def _cell(app: PcsmApp, slug: str, key: str) -> str:
    screen = _screen(app)
    table = screen.query_one("#portfolio", DataTable)
    return str(table.get_row(slug)[list(screen._shown).index(key)])


async def _opened(pilot: Pilot[None]) -> PortfolioScreen:
    """The portfolio with git's facts (the last changes) in."""
    app = pilot.app
    assert isinstance(app, PcsmApp)
    await until(pilot, lambda: isinstance(app.screen, PortfolioScreen) and app.screen.last, "git")
    return _screen(app)


async def test_health_trend_and_go_shown_at_120_and_health_stays_at_80(demo_copy: Path) -> None:
    for size, wanted in ((WIDE, {"health", "trend", "go"}), (NARROW, {"health"})):
        app = make_app(demo_copy)
        async with app.run_test(size=size) as pilot:
            screen = await _opened(pilot)
            assert wanted <= set(screen._shown), (size, screen._shown)
            assert {"customer", "phase", "risks", "overdue", "changed"} <= set(screen._shown)
            assert _cell(app, "northwind-emea", "health") == "● red 7"
            assert _cell(app, "contoso-retail", "health").startswith("● green")
            if "trend" in wanted:
                trend = _cell(app, "northwind-emea", "trend")
                assert trend[0] in "▁▂▃▄▅▆▇█" and trend[-1] in "↗↘→"
                assert _cell(app, "northwind-emea", "go") == "not yet"
                assert _cell(app, "contoso-retail", "go") == "—"


async def test_worst_first_health_filter_and_why(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _opened(pilot)
        assert _order(app)[0] == "contoso-retail"  # by customer
        await pilot.press("w")
        await settle(pilot)
        assert _order(app)[0] == "northwind-emea"  # red first
        table = screen.query_one("#portfolio", DataTable)
        assert "↓" in str(table.columns[ColumnKey("health")].label)
        await pilot.press("f")  # amber and red
        await settle(pilot)
        assert _order(app) == ["northwind-emea"]
        await pilot.press("f")  # red only
        await settle(pilot)
        assert _order(app) == ["northwind-emea"]
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, WhyDialog)
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "RED" in shown and "open high risk" in shown and "Go/no-go" in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")  # all again
        await settle(pilot)
        assert len(_order(app)) == 3
        # The text filter knows health words too.
        await pilot.press("slash", *"health:red", "enter")
        await settle(pilot)
        assert _order(app) == ["northwind-emea"]


async def test_every_portfolio_action_is_in_the_palette(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await _opened(pilot)
        for binding in PortfolioScreen.BINDINGS:
            assert not isinstance(binding, tuple) and binding.id, binding
        for words, expected in (
            ("Why this health", WhyDialog),
            ("Worst health first", None),
            ("Only amber and red", None),
        ):
            await pilot.press("ctrl+p", *words)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            if expected is not None:
                assert isinstance(app.screen, expected), words
                await pilot.press("escape")
                await settle(pilot)
        screen = _screen(app)
        assert screen.health_filter == 1 and screen.descending  # both ran
        assert COLUMNS[screen.sort_column][0] == "health"


async def test_csm_column_names_team_members(demo_copy: Path) -> None:
    """The CSM column shows the member's name from pcsm.toml, never the id."""
    app = make_app(demo_copy)
    async with app.run_test(size=ROOMY) as pilot:
        screen = await _opened(pilot)
        assert "csm" in screen._shown
        assert _cell(app, "northwind-emea", "csm") == "Maria Lopez"
        assert _cell(app, "contoso-retail", "csm") == "Dev Patel"
        await pilot.press("slash", *"sam okafor", "enter")  # the name filters too
        await settle(pilot)
        assert _order(app) == ["fabrikam-health"]


async def test_a_member_renamed_in_the_app_shows_on_the_portfolio(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=ROOMY) as pilot:
        await _opened(pilot)
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen), "the team screen")
        table = app.screen.query_one("#team", DataTable)
        table.move_cursor(row=table.get_row_index("maria-lopez"))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, AskScreen), "the rename dialog")
        app.screen.query_one(Input).value = "Maria López-Reyes"
        await pilot.press("enter")
        await until(pilot, lambda: "López-Reyes" in git(demo_copy, "show", "HEAD:pcsm.toml"), "")
        await pilot.press("escape")
        # the portfolio reads the team's names again when it is back on top (its watch)
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, PortfolioScreen)
                and _cell(app, "northwind-emea", "csm") == "Maria López-Reyes"
            ),
            "the new name on the portfolio",
        )


def test_member_names_read_quietly(tmp_path: Path) -> None:
    """A hand-edited register: odd entries are skipped, a file that does not read gives {}."""
    (tmp_path / "pcsm.toml").write_text(
        'format_version = 1\nname = "x"\nmembers = [{id = "a", name = "Ann"}, {id = "b"}, 3, '
        '{id = "c", name = "  "}]\n',
        "utf-8",
    )
    assert Workspace(tmp_path, today=TODAY).member_names() == {"a": "Ann"}
    (tmp_path / "pcsm.toml").write_text("members = [", "utf-8")
    assert Workspace(tmp_path, today=TODAY).member_names() == {}


async def test_band_sorts_in_the_frameworks_order(demo_copy: Path) -> None:
    """Unscored first, then Simple, Straightforward, Fairly Complex, Highly Complex: not the
    alphabet (which puts Fairly Complex before Straightforward)."""
    app = make_app(demo_copy)
    async with app.run_test(size=ROOMY) as pilot:
        screen = await _opened(pilot)
        assert "band" in screen._shown
        while COLUMNS[screen.sort_column][0] != "band":
            await pilot.press("s")
            await settle(pilot)
        assert _cell(app, "fabrikam-health", "band") == "Straightforward"
        assert _cell(app, "northwind-emea", "band") == "Fairly Complex"
        assert _order(app) == ["contoso-retail", "fabrikam-health", "northwind-emea"]
        await pilot.press("r")
        await settle(pilot)
        assert _order(app) == ["northwind-emea", "fabrikam-health", "contoso-retail"]
    assert Workspace(demo_copy, today=TODAY).band_names() == [
        "Simple",
        "Straightforward",
        "Fairly Complex",
        "Highly Complex",
    ]


async def test_last_change_is_remeasured_when_it_arrives(demo_copy: Path) -> None:
    """The columns are chosen before git's facts arrive (`…`); when they come, a long author
    still shows whole at 120 columns."""
    author = "Bartholomew Featherstonehaugh-Wolfeschlegel"[:34]
    env = {"GIT_AUTHOR_NAME": author, "GIT_COMMITTER_NAME": author}
    path = demo_copy / "engagements/contoso-retail/engagement.toml"
    path.write_text(path.read_text("utf-8").replace("Contoso", "Contoso ", 1), "utf-8")
    git(demo_copy, "commit", "-qam", "a longer author", env=env)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await _opened(pilot)
        assert _cell(app, "contoso-retail", "changed").endswith(author)


def test_go_cell_reads_the_decision_from_the_end() -> None:
    row = PortfolioRow("s", "c", "", 5, "p", "", 0, None, 0)
    assert go_cell(row) == "—"
    tricky = dataclasses.replace(row, go="Phase 2: the (big) one: no-go (2026-11-13)")
    assert go_cell(tricky) == "no-go"
    assert go_cell(dataclasses.replace(row, go="Adoption phase 1: go (2026-01-02)")) == "go"


_CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)


@given(
    width=st.integers(min_value=80, max_value=220),
    rows=st.lists(st.fixed_dictionaries({key: _CELL for key in columns.ORDER}), max_size=4),
    broken=st.booleans(),
)
def test_columns_fit_and_the_ones_that_matter_stay(
    width: int, rows: list[dict[str, str]], broken: bool
) -> None:
    chosen, cuts = columns.choose_columns(width, rows, broken)
    keys = [key for key, _label in chosen]
    labels = dict(chosen)
    used = columns.SORT_ARROW  # one column at a time, the sorted one, shows the arrow
    for key in keys:
        natural = max((cell_len(r[key]) for r in rows), default=0)
        shown = min(natural, cuts[key]) if key in cuts else natural
        used += max(cell_len(labels[key]), shown) + columns.PADDING
    assert used <= width - columns.SCROLLBAR, (keys, cuts)
    limits = {"health": 10, "risks": 3, "overdue": 3, "phase": 21}
    if not broken and all(cell_len(r[k]) <= n for r in rows for k, n in limits.items()):
        # cells as the portfolio makes them: every column that must stay does, at 80 too
        assert columns.MUST_STAY - {columns.PROBLEM} <= set(keys), (keys, cuts)


def test_summary_without_a_terminal_has_each_rows_health(demo_copy: Path) -> None:
    repo = Repository.open(demo_copy)
    text = portfolio_summary(repo, TODAY)
    rows = {row.slug: row for row in Workspace(demo_copy, today=TODAY).portfolio()}
    header = next(line for line in text.splitlines() if line.startswith("engagement "))
    assert "health" in header and "support" in header
    for slug, row in rows.items():
        line = next(line for line in text.splitlines() if line.startswith(slug))
        assert f" {row.health} " in line, line
        assert row.csm not in line, line  # the member's name, not the id
        assert line.rstrip()[-1] in "▁▂▃▄▅▆▇█", line
    assert "Maria Lopez" in next(line for line in text.splitlines() if "northwind" in line)
    assert "northwind-emea is red: " in text and "open high risk" in text


def test_a_recovered_risk_stops_counting_on_the_portfolio(demo_copy: Path) -> None:
    """A risk marked mitigated leaves the high-risk count, the health points and the reasons
    of its row (read again from the changed file, not from the row cache)."""
    before = {r.slug: r for r in Workspace(demo_copy, today=TODAY).portfolio()}["northwind-emea"]
    assert before.high_risks == 2 and any(
        "ERP integration late" in r for r in before.health_reasons
    )
    path = demo_copy / "engagements/northwind-emea/risks.toml"
    text = path.read_text("utf-8")
    marked = 'name = "ERP integration late"\nstate = "mitigated"'
    path.write_text(text.replace('name = "ERP integration late"', marked, 1), "utf-8")
    after = {r.slug: r for r in Workspace(demo_copy, today=TODAY).portfolio()}["northwind-emea"]
    assert after.high_risks == 1 and after.health_points < before.health_points
    assert not any("ERP integration late" in r for r in after.health_reasons)
    assert not after.problem
