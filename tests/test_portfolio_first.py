"""Before the portfolio's first frame only the rows it holds are checked against their files
(ui/screens/portfolio_first); the rest are checked right after it. Nothing is ever shown
from a row whose files changed: not in the first screenful, not below it, not when a
changed row now sorts into the first screenful.

The screenful is made small (FIRST_ROWS = 4) so that a repository of fifteen engagements
has rows below it; the rule does not depend on the number.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.analysis.portfolio import PortfolioRow, UncheckedRow
from pcsm_tui.service import Workspace
from pcsm_tui.store import rowcache
from pcsm_tui.ui.screens import portfolio
from pcsm_tui.ui.screens.portfolio import PortfolioScreen
from pcsm_tui.ui.widgets import VimTable

from .apphelp import TODAY, WIDE, make_app, settle

COPIES = 12
SCREENFUL = 4


def _rename(folder: Path, old: str, new: str) -> None:
    """An outside edit in place: the file is rewritten, its folder untouched."""
    path = folder / "engagement.toml"
    text = path.read_text(encoding="utf-8")
    assert f'customer = "{old}"' in text
    with path.open("r+", encoding="utf-8") as handle:  # same inode, truncated and rewritten
        handle.write(text.replace(f'customer = "{old}"', f'customer = "{new}"'))
        handle.truncate()


@pytest.fixture
def team(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo's three engagements and twelve more ("Zeta 00".."Zeta 11", sorted after
    them), every row kept in the row cache; a screenful of four rows."""
    monkeypatch.setattr(rowcache, "RACY_S", 0.0)  # stamps written just now are settled
    monkeypatch.setattr(portfolio, "FIRST_ROWS", SCREENFUL)
    source = demo_copy / "engagements/contoso-retail"
    for number in range(COPIES):
        copy = demo_copy / f"engagements/zz-copy-{number:02d}"
        shutil.copytree(source, copy)
        _rename(copy, "Contoso Retail Group", f"Zeta {number:02d}")
    assert len(Workspace(demo_copy, TODAY).portfolio()) == 3 + COPIES  # the cache is warm
    return demo_copy


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text the portfolio's table was ever given, in any frame."""
    texts: list[str] = []
    add_row, update_cell = VimTable.add_row, VimTable.update_cell

    def adding(table: VimTable, *cells: Any, **kwargs: Any) -> Any:
        texts.extend(str(cell) for cell in cells)
        return add_row(table, *cells, **kwargs)

    def updating(table: VimTable, row: Any, column: Any, value: Any, **kwargs: Any) -> None:
        texts.append(str(value))
        update_cell(table, row, column, value, **kwargs)

    monkeypatch.setattr(VimTable, "add_row", adding)
    monkeypatch.setattr(VimTable, "update_cell", updating)
    yield texts


def _customers(table: VimTable) -> list[str]:
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_rows_changed_outside_are_never_shown_stale(team: Path, shown: list[str]) -> None:
    folders = team / "engagements"
    _rename(folders / "zz-copy-00", "Zeta 00", "Zeta 00 (top)")
    _rename(folders / "zz-copy-09", "Zeta 09", "Zeta 09 (below)")
    _rename(folders / "zz-copy-10", "Zeta 10", "Aardvark")
    app = make_app(team)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#portfolio", VimTable)
        customers = _customers(table)
        assert customers[0] == "Aardvark"
        assert "Zeta 00 (top)" in customers
        assert "Zeta 09 (below)" in customers
        assert len(customers) == 3 + COPIES
    assert not {"Zeta 00", "Zeta 09", "Zeta 10"} & set(shown)  # in no frame, ever


async def test_only_the_first_screenful_is_checked_before_the_first_frame(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamped: list[str] = []
    stamp = rowcache.stamp

    def counting(path: str) -> rowcache.Stamp:
        stamped.append(path)
        return stamp(path)

    before_frame: list[set[str]] = []
    reload = PortfolioScreen.reload

    def first_reload(screen: PortfolioScreen) -> None:
        reload(screen)  # the rows of the first frame are in the table when this returns
        before_frame.append({Path(path).relative_to(team).parts[1] for path in stamped})

    monkeypatch.setattr(rowcache, "stamp", counting)
    monkeypatch.setattr(PortfolioScreen, "reload", first_reload)
    app = make_app(team)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        first = {"contoso-retail", "fabrikam-health", "northwind-emea", "zz-copy-00"}
        assert before_frame[0] == first  # 4 of the 15 rows: the ones in the table
        assert len({Path(path).parent for path in stamped}) > SCREENFUL  # the rest after it
        table = app.screen.query_one("#portfolio", VimTable)
        assert table.row_count == 3 + COPIES


async def test_every_row_given_to_the_table_is_a_checked_one(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first frame the kept rows are only places (UncheckedRow: a customer and a
    problem, parsed from the cache without the rest): every row whose cells are made, for
    the first screenful or for the steps after it, is a row checked against its files, and
    the screen ends with every row checked."""
    made: list[PortfolioRow] = []
    row_cells = PortfolioScreen.row_cells

    def making(screen: PortfolioScreen, row: PortfolioRow) -> dict[str, str]:
        made.append(row)
        return row_cells(screen, row)

    monkeypatch.setattr(PortfolioScreen, "row_cells", making)
    app = make_app(team)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        assert not any(isinstance(row, UncheckedRow) for row in screen.rows)
        by_slug = {row.slug: row for row in Workspace(team, TODAY).portfolio()}
        assert {row.slug: row for row in screen.rows} == by_slug
        assert screen.query_one("#portfolio", VimTable).row_count == 3 + COPIES
    assert {row.slug for row in made} == set(by_slug)  # the rows below the screenful too
    assert [row.slug for row in made if isinstance(row, UncheckedRow)] == []


async def test_rows_read_before_the_first_frame_are_kept_at_once(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start that ends at its first frame (q at once) must not read them again next time."""
    cache = team / ".git/pcsm/portfolio.json"
    head, _, lines = cache.read_text(encoding="utf-8").partition("\n")  # names; row lines
    kept = json.loads(head)
    del kept["rows"]["zz-copy-05"]  # as if this engagement were new
    cache.write_text(json.dumps(kept) + "\n" + lines, encoding="utf-8")
    at_first_frame: list[set[str]] = []
    reload = PortfolioScreen.reload

    def first_reload(screen: PortfolioScreen) -> None:
        reload(screen)
        head = cache.read_text(encoding="utf-8").partition("\n")[0]
        at_first_frame.append(set(json.loads(head)["rows"]))

    monkeypatch.setattr(PortfolioScreen, "reload", first_reload)
    app = make_app(team)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
    assert "zz-copy-05" in at_first_frame[0]


def test_kept_framework_facts_follow_every_byte_they_are_made_from(demo_copy: Path) -> None:
    """The phases, bands and plan months are kept in `.git/pcsm/facts.json` (parsing the
    shipped framework took ~15 ms of each start), but only under a digest of the files they
    come from: an edit of framework.toml, even in place, gives the new facts at once."""
    workspace = Workspace(demo_copy, TODAY)
    assert workspace.band_names()[0] == "Simple"
    assert (demo_copy / ".git/pcsm/facts.json").is_file()  # kept: the next start reads it
    assert Workspace(demo_copy, TODAY).band_names()[0] == "Simple"
    framework = demo_copy / "framework.toml"
    framework.write_text(
        '[items.onboarding_bands.rename]\nsimple = "Light"\n\n[health]\nsupport_months = 2\n',
        encoding="utf-8",
    )
    again = Workspace(demo_copy, TODAY)
    assert again.band_names()[0] == "Light"
    assert again.kept_facts()[1] == 2
    with framework.open("r+", encoding="utf-8") as handle:  # in place, same length
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace('"Light"', '"Quick"'))
    assert Workspace(demo_copy, TODAY).band_names()[0] == "Quick"


def test_kept_framework_facts_edited_by_hand_are_not_trusted(demo_copy: Path) -> None:
    """The kept facts carry a digest of their body (store/sealed): a band renamed by hand
    in `.git/pcsm/facts.json` is not shown; the facts are made again from the framework."""
    assert Workspace(demo_copy, TODAY).band_names()[0] == "Simple"
    kept = demo_copy / ".git/pcsm/facts.json"
    text = kept.read_text(encoding="utf-8")
    assert '"Simple"' in text
    kept.write_text(text.replace('"Simple"', '"Forged"'), encoding="utf-8")
    assert Workspace(demo_copy, TODAY).band_names()[0] == "Simple"
