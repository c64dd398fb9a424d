"""Table cells drawn the short way (ui/tablecell) are the very segments Rich draws for them:
the first frame of the portfolio must look exactly as DataTable's own drawing made it."""

from __future__ import annotations

import itertools

from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.renderables.styled import Styled
from textual.strip import Strip
from textual.widgets import DataTable

from pcsm_tui.ui.tablecell import cell_lines, plain_line
from pcsm_tui.ui.widgets import VimTable

from .apphelp import settle, until


def cells() -> list[Text]:
    """One-line texts of every kind a table is given: plain, empty, wide characters,
    combining marks, styled, with spans, justified, with each overflow, too long."""
    plain = [
        "Acme",
        "",
        "Northwind Traders Holding",
        "漢字のお客様",
        "e\u0301cole  ",
        "  lead",
        "Acme [/EU]",
        "🙂 ok",
    ]
    found = [Text(text, no_wrap=True, end="") for text in plain]
    found += [Text("red", style="bold red", no_wrap=True, end="")]
    found += [Text("● ", style="green"), Text(""), Text("—")]  # ending a line, as Text does
    found += [Text.assemble(("ab", "red"), "cd ", ("漢字漢字", "italic"), end="")]
    found += [Text("x", no_wrap=None, end="")]
    for justify in ("left", "center", "right", "full"):
        found.append(Text("mid text", justify=justify, no_wrap=True, end=""))
    for overflow in ("fold", "crop", "ellipsis", "ignore"):
        found.append(Text("overflowing words", overflow=overflow, no_wrap=True, end=""))
    return found


def test_cells_drawn_as_rich_draws_them() -> None:
    console = Console(width=100, color_system="truecolor")
    styles = [
        (Style(), Style()),
        (Style(color="white", bgcolor="black") + Style.from_meta({"row": 3}), Style(bold=True)),
        (Style(bgcolor="#203040"), Style(color="yellow", reverse=True)),
    ]
    drawn = 0
    for cell, width, padding, (pre, post) in itertools.product(
        cells(), range(1, 14), (0, 1, 2), styles
    ):
        options = console.options.update_dimensions(width, 1).update(no_wrap=True)
        rich = console.render_lines(
            Styled(Padding(cell, (0, padding)), pre_style=pre, post_style=post), options
        )
        short = cell_lines(console, cell, width, padding, pre, post)
        if short is not None:
            drawn += 1
            assert short == rich, (cell, width, padding)
    assert drawn > 1500  # the short way is taken for nearly all of them


def test_plain_cells_drawn_with_the_meta_last_are_what_rich_draws() -> None:
    """`plain_line` adds the cell's meta after its other styles (DataTable: base, meta,
    component, then post): the very segments Rich draws, for every plain cell it takes."""
    console = Console(width=100, color_system="truecolor")
    meta = Style.from_meta({"row": 3, "column": 1})
    bases = [Style(), Style(color="white", bgcolor="black"), Style(bgcolor="#203040")]
    components = [Style(), Style(bold=True), Style(color="yellow", reverse=True)]
    posts = [Style(), Style(italic=True), Style(color="red", bgcolor="blue", bold=False)]
    drawn = 0
    for cell, width, padding, base, component, post in itertools.product(
        cells(), range(1, 14), (0, 1, 2), bases, components, posts
    ):
        options = console.options.update_dimensions(width, 1).update(no_wrap=True)
        pre = base + meta + component
        rich = console.render_lines(
            Styled(Padding(cell, (0, padding)), pre_style=pre, post_style=post), options
        )
        short = plain_line(cell, width, padding, base + component + post, meta)
        if short is not None:
            drawn += 1
            assert short == rich, (cell, width, padding, base, component, post)
            assert short == cell_lines(console, cell, width, padding, pre, post)
    assert drawn > 5000  # the plain cells that fit (5,886)


def test_plain_cells_with_other_meta_or_links_are_left_to_cell_lines() -> None:
    meta = Style.from_meta({"row": 0, "column": 0})
    plain = Text("Acme", no_wrap=True, end="")
    assert plain_line(plain, 10, 1, Style(bold=True), meta) is not None
    assert plain_line(plain, 10, 1, Style.from_meta({"x": 1}), meta) is None
    assert plain_line(plain, 10, 1, Style(link="https://example.com"), meta) is None
    assert plain_line(Text("red", style="red", end=""), 10, 1, Style(), meta) is None
    assert plain_line(Text.assemble(("a", "red"), "b"), 10, 1, Style(), meta) is None
    assert plain_line(Text("mid", justify="center", end=""), 10, 1, Style(), meta) is None
    assert plain_line(Text("too long for it", end=""), 6, 1, Style(), meta) is None
    assert plain_line("a string", 10, 1, Style(), meta) is None


def test_cells_rich_must_draw_are_left_to_it() -> None:
    console = Console(width=100)
    assert cell_lines(console, Text("two\nlines"), 10, 1, Style(), Style()) is None
    assert cell_lines(console, Text("a\tb"), 10, 1, Style(), Style()) is None
    assert cell_lines(console, Text("wraps", no_wrap=False), 10, 1, Style(), Style()) is None
    assert cell_lines(console, Text("x"), 2, 1, Style(), Style()) is None  # no room inside
    assert cell_lines(console, Text("x", end=" "), 10, 1, Style(), Style()) is None
    assert cell_lines(console, "a string", 10, 1, Style(), Style()) is None


class OneTable(App[None]):
    def __init__(self, table: DataTable[object]) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table


async def drawn(table: DataTable[object]) -> list[Strip]:
    """Every line of `table` with a fixed column, zebra stripes, the cursor on a row and
    a column too narrow for some texts, once it has measured its rows."""
    app = OneTable(table)
    async with app.run_test(size=(70, 24)) as pilot:
        table.fixed_columns = 1
        table.add_column(Text("Customer"), key="customer", width=12)
        table.add_column(Text("Health"), key="health")
        table.add_column(Text("Phase"), key="phase", width=6)
        for number, cell in enumerate(cells()):
            table.add_row(
                Text(f"Customer {number} of many", no_wrap=True, end=""),
                cell,
                Text("2 Adoption", no_wrap=True, end=""),
                key=str(number),
            )
        table.move_cursor(row=2)
        await until(pilot, lambda: not table._new_rows, "the table measured its rows")
        await settle(pilot)
        return [table.render_line(y) for y in range(table.size.height)]


async def test_a_table_looks_as_datatable_draws_it() -> None:
    short = await drawn(VimTable(cursor_type="row", zebra_stripes=True))
    rich = await drawn(DataTable(cursor_type="row", zebra_stripes=True))
    assert len(short) > 8
    for y, (one, other) in enumerate(zip(short, rich, strict=True)):
        assert one == other, (y, [(a, b) for a, b in zip(one, other, strict=False) if a != b][:1])
