"""The portfolio's first frame at team scale: only the rows it holds are checked before it.

At 1,000 engagements, checking every kept row (store/rowcache: the stamps of ~14,000 files
and a listing of 1,000 plan folders) took 100-150 ms before the first frame, though a
40-line terminal shows 35 rows. So when the screen starts:

1. the kept rows come with nothing checked (service_portfolio RowRead.unchecked), only to
   be sorted; engagements the cache has no row for are read, and rows with a kept problem
   are checked (the status line names them). More than `read_at_most` to read: everything
   is checked at once, as before, and the rest read aside;
2. before the first frame, the rows the table will hold (the first `count` of the order)
   are checked and read afresh where their files changed; a re-read row may sort
   elsewhere, so this repeats until every row of the first screenful has been checked;
3. right after the first frame, before any later row is added to the table and before any
   other fill (a sort, a filter, the last-change column), every row is checked
   (RowRead.all) and the table is filled again if anything differed.

The rule: **nothing is ever shown from a row that was not checked against its files** -- no
cell, no problem in the status line, no place in a sort or a filter, no row to scroll to.
The header's count is the engagement folders', listed afresh. What the first frame can lack,
for the moment until step 3, is a row whose files changed so that it now belongs in the first
screenful (or now has a problem): it is missing from that frame, never shown with its old
values. Folder times would not be a cheaper proof that nothing changed: rewriting a file in
place (an editor saving over it, `>>`) changes the file's times, not its folder's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...analysis.portfolio import UncheckedRow
from ..appref import pcsm_app

if TYPE_CHECKING:
    from ...analysis.portfolio import PortfolioRow
    from ...service_portfolio import RowRead
    from .portfolio import PortfolioScreen


@dataclass
class Unchecked:
    """The screen's rows while some are not checked yet (`pending`)."""

    read: RowRead
    read_at_most: int
    pending: set[str] = field(default_factory=set)
    filled: bool = False
    """The first fill (steps 1-2) is done: any other fill checks everything first."""


def start(screen: PortfolioScreen, read_at_most: int) -> tuple[list[PortfolioRow], int]:
    """The rows to show (the unchecked ones marked in `screen.unchecked`), and how many are
    left to read aside. Only the screen's first reload takes the short way: later ones
    (ctrl+r, the watch) check everything, as the table already holds every row."""
    workspace = pcsm_app(screen).workspace
    screen.unchecked = None
    if screen.rows:
        return workspace.portfolio_start(read_at_most)
    read = workspace.row_read()
    rows, missing = read.unchecked()
    todo = missing + [row.slug for row in rows if row.problem and not row.absent]
    checked = read.check(todo, read_at_most) if len(missing) <= read_at_most else None
    if checked is None:
        return read.all(read_at_most)
    state = Unchecked(read, read_at_most)
    state.pending = {row.slug for row in rows if not row.absent} - set(todo)
    rows = _merged(read, rows, checked)
    screen.unchecked = state  # settled even with nothing pending: the cache is pruned then
    screen.call_after_refresh(settle, screen)  # before the fill's later steps
    return rows, 0


def _merged(
    read: RowRead, rows: list[PortfolioRow], checked: list[PortfolioRow]
) -> list[PortfolioRow]:
    """`rows` with the `checked` ones in their place, in the engagement folders' order (as
    RowRead.all gives them: equal sort keys keep it), absent rows last."""
    by_slug = {row.slug: row for row in rows if not row.absent}
    by_slug.update((row.slug, row) for row in checked)
    absent = [row for row in rows if row.absent]
    return [by_slug[slug] for slug in read.slugs if slug in by_slug] + absent


def checked_rows(screen: PortfolioScreen, count: int) -> list[PortfolioRow] | None:
    """The screen's visible rows in order, every one of the first `count` checked; None when
    checking changed the rows and the screen has been filled again (the caller stops)."""
    state = screen.unchecked
    if state is None:
        return screen.visible_rows()
    if state.filled:
        return None if settle(screen) else screen.visible_rows()
    state.filled = True
    while True:
        rows = screen.visible_rows()
        todo = [row.slug for row in rows[:count] if row.slug in state.pending]
        if not todo:
            return rows
        checked = state.read.check(todo, state.read_at_most)
        if checked is None:  # many changed (a pull): every row checked, the rest read aside
            settle(screen, force=True)
            return None
        state.pending.difference_update(todo)
        before = {row.slug: row for row in rows}
        unchanged = all(_in_place(row, before.get(row.slug)) for row in checked)
        screen.rows = _merged(state.read, screen.rows, checked)
        if unchanged:  # what was sorted by is the same: no second sort of every row
            fresh = {row.slug: row for row in checked}
            return [fresh.get(row.slug, row) for row in rows]


def _in_place(new: PortfolioRow, old: PortfolioRow | None) -> bool:
    """`new` (checked) is `old`, or takes an unchecked row's place with what the first fill
    used of it (the customer it sorted by, the problem the status line names)."""
    if isinstance(old, UncheckedRow):
        return (new.slug, new.customer, new.problem) == (old.slug, old.customer, old.problem)
    return new == old


def _same_places(rows: list[PortfolioRow], before: list[PortfolioRow]) -> bool:
    """`rows` (every one checked) are, one by one, in the places `before` held."""
    return len(rows) == len(before) and all(
        _in_place(new, old) for new, old in zip(rows, before, strict=True)
    )


def current(screen: PortfolioScreen, rows: list[PortfolioRow]) -> list[PortfolioRow]:
    """`rows` with any unchecked one replaced by the screen's row of the same engagement
    (checked by then: `settle` ran): the later steps of the first fill were given places."""
    if not any(isinstance(row, UncheckedRow) for row in rows):
        return rows
    by_slug = {row.slug: row for row in screen.rows}
    return [by_slug.get(row.slug, row) for row in rows]


def settle(screen: PortfolioScreen, force: bool = False) -> bool:
    """Step 3: check every row; True when the screen was filled again (the rows differed,
    or `force`). Nothing to do once done."""
    state = screen.unchecked
    if state is None:
        return False
    screen.unchecked = None
    rows, unread = state.read.all(state.read_at_most)
    if not unread and not force and _same_places(rows, screen.rows):
        screen.rows = rows  # checked rows where their places were: what is shown is the same
        return False
    screen.show_rows(rows)
    if unread:
        pcsm_app(screen).set_status(f"reading {unread} engagements…", "busy")
        screen.read_rows()
    return True
