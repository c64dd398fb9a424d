"""The portfolio's first frame holds only the rows the screen has lines for (issue 16: first
paint; ui/screens/portfolio_fill): the rest of the rows the columns were chosen from come
in the next step, after the first frame, and no column widens when they do.

The rows the columns are chosen from are made few (FIRST_ROWS = 12) and the screen short
(10 lines; 200 wide, so every column shows), so that two of those rows are below the
screen; the second of them has the widest CSM of all (an id no team member has, shown as
it is).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets.data_table import ColumnKey

from pcsm_tui.service import Workspace
from pcsm_tui.store import rowcache
from pcsm_tui.ui.screens import portfolio
from pcsm_tui.ui.widgets import VimTable

from .apphelp import TODAY, make_app, settle

COPIES = 12
CHOSEN_FROM = 12
LINES = 10
WIDEST = "someone-not-in-the-team"
"""Zeta 08's CSM: sorted 12th (the demo's three, then Zeta 00..), below a 10-line screen."""


@pytest.fixture
def team(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo's three engagements and twelve more ("Zeta 00".."Zeta 11"), every row kept
    in the row cache; columns chosen from the first twelve rows."""
    monkeypatch.setattr(rowcache, "RACY_S", 0.0)  # stamps written just now are settled
    monkeypatch.setattr(portfolio, "FIRST_ROWS", CHOSEN_FROM)
    source = demo_copy / "engagements/contoso-retail"
    for number in range(COPIES):
        copy = demo_copy / f"engagements/zz-copy-{number:02d}"
        shutil.copytree(source, copy)
        path = copy / "engagement.toml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("Contoso Retail Group", f"Zeta {number:02d}")
        if number == 8:
            text = text.replace('csm = "dev-patel"', f'csm = "{WIDEST}"')
        path.write_text(text, encoding="utf-8")
    assert len(Workspace(demo_copy, TODAY).portfolio()) == 3 + COPIES  # the cache is warm
    return demo_copy


async def test_the_first_frame_holds_a_screenful_and_no_column_widens_after_it(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames: list[tuple[int, int, list[str]]] = []
    render_lines = VimTable.render_lines

    def rendering(table: VimTable, crop: Any) -> Any:
        if table.id == "portfolio" and table.row_count and not frames:
            csms = [str(cell) for cell in table.get_column("csm")]
            frames.append((table.row_count, _csm_width(table), csms))
        return render_lines(table, crop)

    monkeypatch.setattr(VimTable, "render_lines", rendering)
    app = make_app(team)
    async with app.run_test(size=(200, LINES)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#portfolio", VimTable)
        assert table.row_count == 3 + COPIES
        width = _csm_width(table)
    held, first_width, csms = frames[0]
    assert held == LINES  # not the 12 the columns were chosen from
    assert WIDEST not in csms  # it is the 12th row: below the screen, not yet added
    assert max(cell_len(csm) for csm in csms) < cell_len(WIDEST)
    assert first_width == width == cell_len(WIDEST) + 2 * table.cell_padding


def _csm_width(table: VimTable) -> int:
    return table.columns[ColumnKey("csm")].get_render_width(table)
