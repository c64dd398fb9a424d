"""The portfolio: every engagement on one screen, the home of the app."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input

from ...analysis.portfolio import PortfolioRow
from ...service import LastChange
from ...textsafe import display
from ..appref import is_pcsm_app, pcsm_app
from ..header import ScreenHeader
from ..jobs import run_job
from ..keybar import KeyBar
from ..widgets import StatusLine, VimTable
from .portfolio_columns import HEALTH, PROBLEM, choose_columns, problem_cell
from .portfolio_columns import cut as _cut
from .portfolio_fill import add_rows, update_in_place
from .portfolio_first import Unchecked, checked_rows, start
from .portfolio_git import read_last_changes, read_status
from .portfolio_health import (
    HEALTH_FILTERS,
    go_cell,
    health_cells,
    health_rank,
    matches,
    open_why,
    trend_rank,
)
from .portfolio_sparse import offer_to_add
from .portfolio_watch import PortfolioWatch

COLUMNS: tuple[tuple[str, str], ...] = (
    ("customer", "Customer"),
    ("csm", "CSM"),
    ("phase", "Phase"),
    ("band", "Onboarding"),
    ("risks", "High risks"),
    ("readiness", "Ready"),
    ("overdue", "Overdue"),
    ("changed", "Last change"),
    ("health", "Health"),
    ("trend", "Support trend"),
    ("go", "Go/no-go"),
)

_FIELD_OF = {"slug": "slug", "phase": "phase", "risks": "high_risks", "overdue": "overdue"}
"""The columns that sort by a row's field as it is."""

LAST_CHANGE_WIDTH = 40
"""The most cells the last change (date and author) takes; a shorter one is never cut."""


def _cells(
    row: PortfolioRow, last: LastChange | None, year: str, names: dict[str, str]
) -> tuple[str, ...]:
    """The row's texts as shown (control characters already escaped, so the widths chosen
    for the columns are the widths drawn)."""
    ready = f"{row.readiness:.0%}" if row.readiness is not None else "—"
    change = "…"
    if last:
        when = last.when[5:] if last.when.startswith(year) else last.when
        change = _cut(display(f"{when} {last.who}", lines=False), LAST_CHANGE_WIDTH)
    health, trend = health_cells(row)
    return (
        _cut(display(row.customer, lines=False), 26, whole_words=False),
        display(names.get(row.csm, row.csm), lines=False) or "—",
        display(f"{row.phase} {row.phase_name}", lines=False),
        display(row.band, lines=False) or "—",
        str(row.high_risks) if row.high_risks else "—",
        ready,
        str(row.overdue) if row.overdue else "—",
        change,
        health.plain,
        trend,
        go_cell(row),
    )


KNOWLEDGE_BASE = "Knowledge base: every engagement's lessons, searchable"
"""K's description; the palette's entry on other screens says the same (palette_steps)."""

READ_AT_ONCE = 50
"""Engagements the row cache lacks that are read before the first paint (~0.25 s); more
are read in a worker while the screen shows the rest and the progress."""
FIRST_ROWS = 100
"""Rows put in the table before the first paint: more than any screen shows."""


class PortfolioScreen(Screen[None]):
    """One row per engagement; Enter opens it."""

    FIRST_RULES_ONLY: ClassVar[bool] = True
    """Styled by pcsm.tcss alone: screens.tcss is read when another screen shows (latecss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open engagement", id="portfolio.open"),
        Binding("slash", "filter", "Filter", id="portfolio.filter"),
        Binding("s", "sort", "Sort (next column)", id="portfolio.sort"),
        Binding("r", "reverse", "Reverse", id="portfolio.reverse"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="portfolio.clear"),
        Binding("n", "new_engagement", "New engagement", id="portfolio.new"),
        Binding("ctrl+r", "refresh", "Reload from disk", show=False, id="portfolio.reload"),
        Binding("y", "why", "Why this health", show=False, id="portfolio.why"),
        Binding("w", "worst_first", "Worst health first", show=False, id="portfolio.worst"),
        Binding(
            "f", "health_filter", "Only amber and red, red, all", show=False, id="portfolio.health"
        ),
        Binding(  # not shown; priority: keys typed right after K reach the KB's search box
            "K", "app.knowledge", KNOWLEDGE_BASE, False, id="portfolio.knowledge", priority=True
        ),
        Binding("p", "people", "People and their development", show=False, id="portfolio.people"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PortfolioRow] = []
        self.last: dict[str, LastChange] = {}
        self.sort_column = 0
        self.descending = False
        self.year = ""
        self._labels: list[str] = []
        self._filling = 0
        """Counts fills, so rows still being added for an older fill stop coming."""
        self._filled_width = 0
        self.filled: dict[str, tuple[object, ...]] = {}
        """The cells in the table by engagement, in its order, once every row is in
        (portfolio_fill: a later fill of the same rows updates only the changed cells)."""
        self.files_watch = PortfolioWatch(self)
        """Notices changed and unreadable files while the screen is open (portfolio_watch)."""
        self._shown: tuple[str, ...] = ()
        self._cuts: dict[str, int] = {}
        """The widths cells are cut to, by column key (the customer's always)."""
        self._layout: tuple[tuple[str, ...], tuple[tuple[str, int], ...]] = ((), ())
        """The keys of the columns shown (chosen by priority for the width: portfolio_columns)."""
        self.names: dict[str, str] = {}
        """Team members' names by id (pcsm.toml): the CSM column shows people, not ids."""
        self.band_order: dict[str, int] = {}
        """Onboarding bands in the framework's order: the band column sorts by it."""
        self.health_filter = 0
        """Which levels `f` keeps: an index into portfolio_health.HEALTH_FILTERS (0: all)."""
        self.unchecked: Unchecked | None = None
        """Rows not yet checked against their files, until after the first frame."""

    def compose(self) -> ComposeResult:
        yield ScreenHeader()  # the filter box is mounted above the table at the first `/`
        yield VimTable(id="portfolio", cursor_type="row", zebra_stripes=True)
        yield StatusLine(self.app_status())
        yield KeyBar()

    def app_status(self) -> str:
        return (
            getattr(self.app, "status_text", "")
            or "Enter opens an engagement · y why its health · ? keys"
        )

    def on_mount(self) -> None:
        self.title = "Portfolio"
        table = self.query_one("#portfolio", VimTable)
        self.reload()
        table.focus()
        self.files_watch.start()
        if is_pcsm_app(self.app):  # the collector back right after the first frame (ui/gcpause)
            self.call_after_refresh(self.app.collection_pause.end)

    def reload(self) -> None:
        """Read the engagements again (fast, tomllib only); git facts follow in a worker."""
        app = pcsm_app(self)
        self.year = str(app.workspace.today.year)
        self.names = app.workspace.member_names()
        self.band_order = {name: i for i, name in enumerate(app.workspace.band_names())}
        rows, unread = start(self, READ_AT_ONCE)  # portfolio_first: shown rows checked first
        if not self.last:  # the first frame has the column when it is kept for this HEAD
            self.last = app.workspace.kept_last_changes()
        known = bool(self.last)
        if not known:  # HEAD moved: git walks the new commits while the frame is drawn
            read_last_changes(self)
        self.show_rows(rows)
        if unread:  # a fresh clone of a big repository: show what is known, read the rest aside
            app.set_status(f"reading {unread} engagements…", "busy")
            self.read_rows()
        # The rest of git's facts follow the first paint (portfolio_git): started before it,
        # their imports and `git status` would compete with the paint for the GIL.
        self.call_after_refresh(self.load_git_facts, known)

    def show_rows(self, rows: list[PortfolioRow]) -> None:
        self.rows = rows
        if is_pcsm_app(self.app):
            self.sub_title = f"{self.app.workspace.root.name} · {len(rows)} engagements"
            broken = [row for row in rows if row.problem]
            if broken and self.app.screen is self:  # never over another screen's status line
                more = f" (⚠ {len(broken)} engagements)" if len(broken) > 1 else ""
                self.app.set_status(
                    f"cannot read {broken[0].slug}/{broken[0].problem}{more} · "
                    "pcsm validate lists every problem",
                    "error",
                )
        self.fill()

    def read_rows(self) -> None:
        """Read every engagement the row cache could not give, showing how far it got."""
        app = self.app
        assert is_pcsm_app(app)

        def progress(done: int, total: int) -> None:
            app.call_from_thread(app.set_status, f"reading engagements… {done}/{total}", "busy")

        run_job(
            self,
            lambda: app.workspace.portfolio(progress, aside=True),
            self._rows_read,
            what="reading the engagements",
            group="portfolio-read",
            exclusive=True,
        )

    def _rows_read(self, rows: list[PortfolioRow]) -> None:
        self.show_rows(rows)
        if is_pcsm_app(self.app):
            self.app.set_status(f"read {len(rows)} engagements")

    def load_git_facts(self, known: bool = True) -> None:
        """The header's sync state, and the last changes checked with git when the first
        frame showed the ones kept for this HEAD (portfolio_git)."""
        read_status(self)
        if known:
            read_last_changes(self)

    def show_last_changes(self, last: dict[str, LastChange]) -> None:
        self.last = last
        self.fill()

    def _sort_key(self, row: PortfolioRow) -> tuple[object, ...]:
        return (self._sort_value(COLUMNS[self.sort_column][0], row), row.customer.lower())

    def _sort_value(self, key: str, row: PortfolioRow) -> object:
        """The value `row` sorts by in column `key`: only that one is made (the sort of a
        team's 1,000 rows runs before the first frame; making every column's took ~5 ms)."""
        if key == "customer":
            return row.customer.lower()
        if key == "csm":
            return self.names.get(row.csm, row.csm).lower()
        if key == "band":
            return self.band_order.get(row.band, len(self.band_order)) if row.band else -1
        if key == "readiness":
            return row.readiness if row.readiness is not None else -1.0
        if key == "changed":
            last = self.last.get(row.slug)
            return last.when if last else ""
        if key == "health":
            return health_rank(row)
        if key == "trend":
            return trend_rank(row)
        if key == "go":
            return go_cell(row)
        return getattr(row, _FIELD_OF[key])  # slug, phase, high risks, overdue

    def visible_rows(self) -> list[PortfolioRow]:
        box = self.filter_box()
        needle = box.value.strip().lower() if box is not None else ""
        levels = HEALTH_FILTERS[self.health_filter][1]
        rows = [r for r in self.rows if matches(r, needle, levels, self.names.get(r.csm, ""))]
        return sorted(rows, key=self._sort_key, reverse=self.descending)

    def fill(self) -> None:
        table = self.query_one("#portfolio", VimTable)
        selected = self.selected_slug()
        rows = checked_rows(self, FIRST_ROWS)  # portfolio_first: nothing unchecked is shown
        if rows is None:
            return  # checking changed the rows: filled again already
        cells = [self.row_cells(row) for row in rows[:FIRST_ROWS]]
        broken = any(row.slug in self.files_watch.broken or row.problem for row in self.rows)
        shown, self._cuts = choose_columns(self.size.width or self.app.size.width, cells, broken)
        arrow = " ↓" if self.descending else " ↑"
        sorted_key = COLUMNS[self.sort_column][0]
        labels = [label + (arrow if key == sorted_key else "") for key, label in shown]
        keys = tuple(key for key, _label in shown)
        layout = (keys, tuple(sorted(self._cuts.items())))
        self._filled_width = self.size.width or self.app.size.width
        if labels == self._labels and keys == self._shown and update_in_place(self, rows):
            self._layout = layout  # the same rows, columns and order: changed cells updated
            return
        if labels != self._labels or layout != self._layout:  # a new sort, width or problem
            table.clear(columns=True)
            for key, text in zip(keys, labels, strict=True):
                table.add_column(text, key=key)
            self._labels = labels
            self._shown = keys
            self._layout = layout
        else:
            table.clear()
        self._filling += 1
        self._add_rows(rows, selected, self._filling, FIRST_ROWS, cells)

    def row_cells(self, row: PortfolioRow) -> dict[str, str]:
        """Every column's text for `row`, by column key (the unreadable files included)."""
        values = dict(
            zip(
                (key for key, _label in COLUMNS),
                _cells(row, self.last.get(row.slug), self.year, self.names),
                strict=True,
            )
        )
        values[PROBLEM] = problem_cell(row.problem, self.files_watch.broken.get(row.slug, {}))
        return values

    def on_resize(self) -> None:
        """The columns are chosen for the width: filled again when it changed (a screen
        gets resize events that change nothing, e.g. when its first frame is laid out)."""
        if self.rows and (self.size.width or self.app.size.width) != self._filled_width:
            self.fill()

    def _add_rows(
        self,
        rows: list[PortfolioRow],
        selected: str | None,
        filling: int,
        count: int,
        made: list[dict[str, str]] | None = None,
        ready: list[tuple[object, ...]] | None = None,
    ) -> None:
        add_rows(self, rows, selected, filling, count, made, ready)

    def selected_slug(self) -> str | None:
        table = self.query_one("#portfolio", VimTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def action_open(self) -> None:
        slug = self.selected_slug()
        row = next((r for r in self.rows if r.slug == slug), None)
        if row is not None and row.absent:
            offer_to_add(self, row)
        elif slug is not None and is_pcsm_app(self.app):
            self.app.open_engagement(slug)

    @on(DataTable.RowSelected, "#portfolio")
    def _row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_sort(self) -> None:
        keys = [key for key, _label in COLUMNS]
        for _step in keys:  # the next column that is shown at this width
            self.sort_column = (self.sort_column + 1) % len(COLUMNS)
            if keys[self.sort_column] in self._shown:
                break
        self.fill()
        self.notify(f"sorted by {COLUMNS[self.sort_column][1].lower()}", timeout=2)

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.fill()

    def filter_box(self) -> Input | None:
        """The filter box; None until the first `/`. Not in the first frame, it was one more
        widget (and Input's stylesheet) to mount and style before it (issue 16)."""
        found = self.query("#filter").results(Input)
        return next(found, None)

    def action_filter(self) -> None:
        box = self.filter_box()
        if box is None:
            box = Input(placeholder="filter: customer, engagement, CSM, phase…", id="filter")
            self.mount(box, before=self.query_one("#portfolio", VimTable))
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, _event: Input.Changed) -> None:
        self.fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, _event: Input.Submitted) -> None:
        self.query_one("#portfolio", VimTable).focus()

    def action_clear_filter(self) -> None:
        box = self.filter_box()
        if box is not None:
            box.value = ""
            box.display = False
        self.query_one("#portfolio", VimTable).focus()
        self.fill()

    def action_refresh(self) -> None:
        """ctrl+r: read every engagement and every file's state again."""
        self.files_watch.forget()
        self.reload()
        self.notify("read again from disk", timeout=2)

    def action_new_engagement(self) -> None:
        # start-up: ui.screens.steps loads only when this runs
        from .steps import open_new_engagement

        open_new_engagement(self.app)

    def action_why(self) -> None:
        """y: why the engagement under the cursor has its health, reasons in words."""
        open_why(self)

    def action_worst_first(self) -> None:
        """w: sort by health, the worst first (red with the most points at the top)."""
        self.sort_column = [key for key, _label in COLUMNS].index(HEALTH)
        self.descending = True
        self.fill()
        self.notify("sorted by health, worst first", timeout=2)

    def action_health_filter(self) -> None:
        """f: only amber and red engagements, then only red, then all again."""
        self.health_filter = (self.health_filter + 1) % len(HEALTH_FILTERS)
        self.fill()
        self.notify(HEALTH_FILTERS[self.health_filter][0], timeout=2)

    def action_people(self) -> None:
        """p: the team and each person's development (screens/people.py)."""
        # start-up: screens.people loads only when this runs
        from .people import PeopleScreen

        self.app.push_screen(PeopleScreen())
