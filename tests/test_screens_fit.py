"""The main screens at 80x24 and 120x40 cut no word mid-word (issue 13): a text too long
for its pane or column ends at a word with "…" (textcut), never clipped at the edge.

What the screen shows is read back as text and every word in it must be a word of the
texts the app shows (the repository's files, the framework, the app's own words), unless
it ends in "…": `Manufacturin`, `Realizat` or `Opera` are not words of any source."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

import pcsm_tui
from pcsm_tui.models.adoption import Risk, Risks
from pcsm_tui.models.engagement import Register, Stakeholder
from pcsm_tui.textcut import cells
from pcsm_tui.ui.editors.raci_parts import _short
from pcsm_tui.ui.editors.sections import build_sections
from pcsm_tui.ui.keybar import KeyBar
from pcsm_tui.ui.screens.wheel import Node, Wheel
from pcsm_tui.ui.tablefit import fit_rows, partial_columns

from .apphelp import NARROW, WIDE, make_app, settle, shown, until

Opener = Callable[[Pilot[None]], Awaitable[None]]
NW = "northwind-emea"
WORD = re.compile(r"[^\W\d_]+")


def _opening(tool: str | None = None, target: tuple[object, ...] | None = None) -> Opener:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.open_engagement(NW, tool=tool)  # type: ignore[attr-defined]
        await settle(pilot)
        if target is not None:
            pilot.app.screen.show_target(target)  # type: ignore[attr-defined]
            await settle(pilot)
        pilot.app.screen.query_one(Wheel).root.expand_all()
        await settle(pilot)

    return run


async def _portfolio(pilot: Pilot[None]) -> None:
    await settle(pilot)


SCREENS: dict[str, Opener] = {
    "portfolio": _portfolio,
    "engagement, wheel expanded": _opening(),
    "risks table": _opening("risks"),
    "RACI": _opening("raci"),
    "personal evaluation chart": _opening("personal-evaluation"),
    "activity guide": _opening(target=("guide", 6)),
}


def vocabulary(root: Path) -> set[str]:
    """Every word of the texts the app may show: the repository's files, and the package's
    own (framework data, labels, help)."""
    words: set[str] = set()
    files = [*root.rglob("*.toml"), *Path(pcsm_tui.__file__).parent.rglob("*")]
    for path in files:
        if path.is_file() and path.suffix in {".toml", ".py", ".json", ".md", ".yaml", ""}:
            words.update(w.casefold() for w in WORD.findall(path.read_text("utf-8", "replace")))
    return words


def cut_words(lines: list[str], known: set[str]) -> list[str]:
    """The words on screen that are no word of any source and are not marked "…"."""
    found: list[str] = []
    for line in lines:
        for chunk in line.split():
            *cut, last = chunk.split("…")
            runs = [run for piece in cut for run in WORD.findall(piece)[:-1]]  # "Value…": cut
            runs += WORD.findall(last)
            found += [run for run in runs if run.casefold() not in known]
    return found


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_no_word_on_a_main_screen_is_cut(
    demo_copy: Path, name: str, size: tuple[int, int]
) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=size) as pilot:
        await SCREENS[name](pilot)
        app.clear_notifications()
        await settle(pilot)
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        assert cut_words(lines, vocabulary(demo_copy)) == [], "\n".join(lines)


async def test_portfolio_at_80_columns_keeps_names_whole_and_the_keys_uncut(
    demo_copy: Path,
) -> None:
    """At 80 columns the customer's names get the room (the phase and the last change are
    cut first, at a word), and the key bar leaves keys out whole rather than `q Q…`."""
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        heads = [str(column.label) for column in table.ordered_columns]
        for head in ("Customer", "Phase", "Hi risk", "Late", "Changed"):
            assert any(h.startswith(head) for h in heads), heads
        names = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert "Northwind Manufacturing" in names
        bar = shown(app.screen.query_one(KeyBar))
        assert "…" not in bar and "q Quit" in bar, bar


async def test_a_cut_wheel_label_fits_its_line_and_is_named_in_full(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=NARROW) as pilot:
        await _opening()(pilot)
        wheel = app.screen.query_one(Wheel)
        cut: list[Node] = []
        for line in range(wheel.last_line + 1):
            node = wheel.get_node_at_line(line)
            assert node is not None
            assert cells(wheel.fitted(node)) <= wheel.room(node), node.label
            siblings = list(node.parent.children) if node.parent else [node]
            fitted = [wheel.fitted(sibling) for sibling in siblings]
            assert len(set(fitted)) == len(fitted), fitted
            # and not only by their numbers: "4 Adoption…" / "5 Adoption…" read the same
            names = [label.split(" ", 1)[-1] for label in fitted]
            assert len(set(names)) == len(names), fitted
            if wheel.fitted(node) != str(node.label):
                cut.append(node)
        assert wheel.fitted(wheel.root) == "Northwind…"
        last = cut[-1]
        wheel.focus()
        wheel.move_cursor(last)
        await until(pilot, lambda: app.status_text == str(last.label), "the full name")


def test_the_columns_half_in_view_are_found() -> None:
    # fixed 10; columns 10, 20, 30 scrolled by 5 in a 40-cell view
    assert partial_columns([10, 10, 20, 30], 1, 5, 40) == [(10, 15, 1), (35, 40, 3)]
    assert partial_columns([10, 10, 20], 1, 0, 40) == []  # all whole
    assert partial_columns([10, 10, 21], 1, 0, 40) == []  # only a padding hidden
    assert partial_columns([10, 50], 1, 0, 40) == [(10, 40, 1)]  # never whole: cut to fit
    assert partial_columns([50, 10], 1, 0, 40) == [(0, 40, 0)]  # a fixed one too


def test_a_stretched_column_is_cut_at_a_word_to_the_room_left() -> None:
    rows = [("a", ["Initiative", "EMEA order-to-delivery programme: joint rollout"])]
    fitted = fit_rows(["Field", "Value"], rows, 1, 40, 1)
    assert fitted == [("a", ["Initiative", "EMEA order-to-delivery…"])]


def test_a_raci_head_ends_at_a_word() -> None:
    head = _short("Executive Director of Operations and Finance, EMEA and APAC")
    assert head.splitlines()[-1] == "Operations…"


def test_a_row_s_name_is_its_first_column_even_when_it_is_not_its_label() -> None:
    """The register labels a stakeholder by job role (commit messages never carry a
    person's name), but the name is what a reader looks for: it is the first column, the
    one that stays when a wide table scrolls; a row labelled by its name keeps that order."""
    rows = next(s for s in build_sections(Register, {}) if s.model is Stakeholder)
    assert rows.specs[0].name == "name"
    risks = next(s for s in build_sections(Risks, {}) if s.model is Risk)
    assert Risk.label_field == "name" and [s.name for s in risks.specs][:2] == ["no", "name"]
