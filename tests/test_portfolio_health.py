"""Health on the portfolio (ui/screens/portfolio_health.py): the cells, sort and filter
words, the sparkline, and the "why" dialog, on the demo's real rows and on hostile text."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Static

from pcsm_tui.service import Workspace
from pcsm_tui.ui.screens.portfolio_health import (
    SPARKS,
    health_cells,
    health_rank,
    health_words,
    sparkline,
    trend_arrow,
)
from pcsm_tui.ui.screens.portfolio_why import WhyDialog

from .apphelp import TODAY, WIDE, make_app, settle


@given(st.lists(st.floats(min_value=-5, max_value=15, allow_nan=False), max_size=24))
def test_sparkline_has_one_mark_per_month_and_follows_the_values(values: list[float]) -> None:
    line = sparkline(values)
    assert len(line) == len(values) and set(line) <= set(SPARKS)
    ranks = [SPARKS.index(mark) for mark in line]
    pairs = list(zip(values, ranks, strict=True))
    for (a, ra), (b, rb) in itertools.pairwise(pairs):
        if a <= b:
            assert ra <= rb
    assert sparkline([0.0]) == SPARKS[0] and sparkline([10.0]) == SPARKS[-1]


def test_trend_arrow() -> None:
    assert trend_arrow([5.0]) == ""
    assert trend_arrow([5.0, 6.0]) == "↗" and trend_arrow([6.0, 5.0]) == "↘"
    assert trend_arrow([6.0, 6.0]) == "→"


def test_demo_rows_sort_and_filter_by_health(demo_copy: Path) -> None:
    rows = Workspace(demo_copy, today=TODAY).portfolio()  # writes the row cache: its own copy
    assert all(row.health for row in rows)
    ranked = sorted(rows, key=health_rank)
    levels = [row.health for row in ranked]
    assert levels == sorted(levels, key=["green", "amber", "red"].index)
    for row in rows:
        health, trend = health_cells(row)
        assert health.plain.startswith(f"● {row.health} ")
        assert f"health:{row.health}" in health_words(row)
        assert trend == "—" or trend[0] in SPARKS
    unknown = dataclasses.replace(rows[0], health="", health_points=0)
    assert health_cells(unknown)[0].plain == "—" and health_words(unknown) == ""
    assert health_rank(unknown) < min(health_rank(r) for r in rows)


async def test_why_dialog_lists_the_reasons_as_text(demo_copy: Path) -> None:
    rows = Workspace(demo_copy, today=TODAY).portfolio()
    hostile = dataclasses.replace(
        rows[0],
        customer="Acme [bold]x[/bold]",
        health="red",
        health_points=9,
        health_reasons=("risk [@click=app.quit]boom[/] open (+4)", "bell \x07 and \x1b[31m (+5)"),
        support_trend=(4.0, 6.0, 7.5),
    )
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.push_screen(WhyDialog(hostile))
        await settle(pilot)
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "Acme [bold]x[/bold]" in shown
        assert "risk [@click=app.quit]boom[/] open (+4)" in shown
        assert "\x07" not in shown and "\x1b" not in shown and "\\x1b" in shown
        assert "4 → 6 → 7.5" in shown and "RED" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WhyDialog)
