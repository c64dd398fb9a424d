"""The knowledge base (K on the portfolio, or the palette): every engagement's evaluation
entries on one screen, found as you type.

The search box takes words that must all appear (any order, case and accents ignored); the
line of choices under it narrows to a category, an engagement, a CSM, a phase and a period.
The table lists what matches, newest first; the pane under it shows the selected entry's
whole text, wrapped. Enter opens the entry's engagement at the evaluation tool. The
matching is the shell's (`pcsm knowledge search`, analysis/knowledge.py), through the
service; every text is data, shown as written.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from ...analysis.knowledge import KnowledgeEntry, KnowledgeQuery, search
from ...framework.catalogue import TOOL_FOR_KIND
from ...models.evaluation import Evaluation
from ...models.typed import parse_date
from ...textcut import shorten, shorten_name
from ..appref import is_pcsm_app, pcsm_app
from ..header import ScreenHeader
from ..jobs import run_job
from ..keybar import KeyBar
from ..plain import content, line
from ..widgets import Columns, StatusLine, VimTable

if TYPE_CHECKING:
    from ...service_knowledge import KnowledgeBase

ANY = "*"
"""The choice "every category / engagement / CSM / phase" (no id is ever `*`)."""
EVALUATION_TOOL = TOOL_FOR_KIND[Evaluation.kind].id
NARROW_BELOW = 100
"""Screens narrower than this cut the category, customer and CSM shorter, so the entry's
own text keeps room (the pane under the table shows it whole)."""


def _cut(text: str, width: int) -> str:
    return shorten(" ".join(text.split()), width)


class KnowledgeScreen(Screen[None]):
    """Search and filter the team's knowledge; enter opens the entry's engagement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open its engagement at the evaluation", id="knowledge.open"),
        Binding("slash", "search", "Search (type words)", id="knowledge.search"),
        Binding(
            "f",
            "filters",
            "Filters (category, engagement, CSM, phase, dates)",
            id="knowledge.filters",
        ),
        Binding("x", "clear", "Clear search and filters", id="knowledge.clear"),
        Binding("escape", "back", "Back", id="knowledge.back"),
    ]

    DEFAULT_CSS = """
    KnowledgeScreen #kb-filters { height: 1; margin: 0 0 1 0; }
    KnowledgeScreen #kb-filters Select { width: 1fr; margin: 0 1 0 0; }
    KnowledgeScreen #kb-filters Input { width: 15; margin: 0 1 0 0; }
    KnowledgeScreen #kb-table { height: 1fr; }
    KnowledgeScreen #kb-detail-box { height: 7; border-top: solid $primary; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: tuple[KnowledgeEntry, ...] = ()
        self.shown: list[KnowledgeEntry] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        # '/' comes back to the box with the cursor after the words: what is typed adds to
        # them (select_on_focus would replace them with the first key).
        yield Input(
            placeholder="search: words that must all appear…", id="kb-search", select_on_focus=False
        )
        with Horizontal(id="kb-filters"):
            yield Select([], prompt="category", id="kb-category", compact=True)
            yield Select([], prompt="engagement", id="kb-engagement", compact=True)
            yield Select([], prompt="CSM", id="kb-csm", compact=True)
            yield Select([], prompt="phase", id="kb-phase", compact=True)
            yield Input(placeholder="from date", id="kb-since", compact=True)
            yield Input(placeholder="to date", id="kb-until", compact=True)
        yield VimTable(id="kb-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="kb-detail-box"):
            yield Static("", id="kb-detail")
        yield StatusLine("type to search · tab to the filters · enter opens · esc back")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Knowledge base"
        self.reload()
        self.query_one("#kb-search", Input).focus()

    def reload(self) -> None:
        """Read every engagement's evaluation again (in a worker: a team's many engagements
        never hold the screen), then offer the choices found in it."""
        workspace = pcsm_app(self).workspace
        pcsm_app(self).set_status("reading every engagement's evaluation…", "busy")
        run_job(
            self,
            lambda: (workspace.knowledge(), len(workspace.engagement_slugs())),
            lambda found: self._read(*found),
            what="reading the knowledge base",
            group="knowledge-read",
            exclusive=True,
            quit_waits=False,
        )

    def _read(self, base: KnowledgeBase, count: int) -> None:
        app = pcsm_app(self)
        self.entries = base.entries
        self.sub_title = f"{len(self.entries)} entries from {count} engagements"
        categories = {e.category: e.category_name for e in self.entries}
        for c in app.workspace.framework.evaluation_categories:
            categories.setdefault(c.id, c.name)
        engagements = {e.engagement: f"{e.customer} ({e.engagement})" for e in self.entries}
        csms = {e.csm: e.csm_name for e in self.entries if e.csm}
        phases = sorted({e.phase for e in self.entries if e.phase})
        # Nothing chosen shows the filter's name: the line reads as what can be narrowed.
        with self.prevent(Select.Changed):
            self._options("#kb-category", "Category", categories)
            self._options("#kb-engagement", "Engagement", engagements)
            self._options("#kb-csm", "CSM", csms)
            self._options("#kb-phase", "Phase", {str(p): f"phase {p}" for p in phases})
        self.fill()
        if base.unreadable:  # said after the count, so it stays on the status line
            rel, why = next(iter(base.unreadable.items()))
            more = f" (and {len(base.unreadable) - 1} more)" if len(base.unreadable) > 1 else ""
            app.set_status(f"left out {rel}{more}: {why.splitlines()[0]}", "error")

    def _options(self, selector: str, every: str, choices: dict[str, str]) -> None:
        box: Select[str] = self.query_one(selector, Select)
        current = box.value
        options = [(content(every), ANY)]
        options += [
            (content(label), key)
            for key, label in sorted(choices.items(), key=lambda kv: kv[1].casefold())
        ]
        box.set_options(options)
        box.value = current if isinstance(current, str) and current in choices else ANY

    # --- what is asked ------------------------------------------------------------------------

    def query_now(self) -> tuple[KnowledgeQuery, str]:
        """The search and the filters as a query, and what is wrong with a date typed."""

        def chosen(selector: str) -> str:
            value = self.query_one(selector, Select).value
            return value if isinstance(value, str) and value != ANY else ""

        problem = ""
        days: list[dt.date | None] = []
        for selector in ("#kb-since", "#kb-until"):
            typed = self.query_one(selector, Input).value.strip()
            try:
                days.append(parse_date(typed) if typed else None)
            except ValueError as error:  # why it is no date ("there is no month 13")
                days.append(None)
                problem = str(error)
        phase = chosen("#kb-phase")
        query = KnowledgeQuery(
            text=self.query_one("#kb-search", Input).value,
            category=chosen("#kb-category"),
            engagement=chosen("#kb-engagement"),
            csm=chosen("#kb-csm"),
            phase=int(phase) if phase else None,
            since=days[0],
            until=days[1],
        )
        return query, problem

    def fill(self) -> None:
        query, problem = self.query_now()
        self.shown = search(self.entries, query)
        table = self.query_one("#kb-table", VimTable)
        screen_width = self.size.width or self.app.size.width
        narrow = screen_width < NARROW_BELOW
        widths = (14, 12, 10) if narrow else (22, 20, 14)
        # what the other columns take (their text, the date, two cells of padding each)
        width = max(12, screen_width - sum(widths) - 10 - 5 * 2 - 2)
        columns: Columns = [
            ("Category", "category"),
            ("Entry", "text"),
            ("Engagement", "engagement"),
            ("CSM", "csm"),
            ("Date", "date"),
        ]
        rows = [
            (
                f"{entry.engagement}/{entry.entry_id}",
                [
                    _cut(entry.category_name, widths[0]),
                    _cut(entry.text, width),
                    _cut(entry.customer, widths[1]),
                    shorten_name(entry.csm_name or "—", widths[2]),
                    entry.date.isoformat() if entry.date else "—",
                ],
            )
            for entry in self.shown
        ]
        table.show(columns, rows)
        if is_pcsm_app(self.app):
            said = f"{len(self.shown)} of {len(self.entries)} entries"
            self.app.set_status(
                f"{said} · {problem}" if problem else said, "error" if problem else ""
            )
        self.show_detail()

    def selected(self) -> KnowledgeEntry | None:
        table = self.query_one("#kb-table", VimTable)
        if not table.row_count or not self.shown:
            return None
        row = min(table.cursor_row, len(self.shown) - 1)
        return self.shown[row]

    def show_detail(self) -> None:
        entry = self.selected()
        detail = self.query_one("#kb-detail", Static)
        if entry is None:
            detail.update(content("nothing matches: fewer words, or x clears the filters"))
            return
        when = entry.date.isoformat() if entry.date else "undated"
        phase = f" · phase {entry.phase}" if entry.phase else ""
        who = f" · {entry.csm_name}" if entry.csm_name else ""
        detail.update(
            content(
                (line(entry.category_name), "bold"),
                f" · {line(entry.customer)} ({line(entry.engagement)}){phase}{who} · {when}\n",
                entry.text,
            )
        )

    # --- events -------------------------------------------------------------------------------

    @on(Input.Changed)
    def _typed(self, _event: Input.Changed) -> None:
        self.fill()

    @on(Select.Changed)
    def _chosen(self, _event: Select.Changed) -> None:
        self.fill()

    @on(Input.Submitted)
    def _submitted(self, _event: Input.Submitted) -> None:
        self.query_one("#kb-table", VimTable).focus()

    @on(DataTable.RowHighlighted, "#kb-table")
    def _moved(self, _event: Any) -> None:
        self.show_detail()

    @on(DataTable.RowSelected, "#kb-table")
    def _row_selected(self, _event: Any) -> None:
        self.action_open()

    def action_open(self) -> None:
        entry = self.selected()
        if entry is not None and is_pcsm_app(self.app):
            self.app.open_engagement(entry.engagement, tool=EVALUATION_TOOL)

    def action_search(self) -> None:
        self.query_one("#kb-search", Input).focus()

    def action_filters(self) -> None:
        self.query_one("#kb-category", Select).focus()

    def action_clear(self) -> None:
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#kb-search", Input).value = ""
            for selector in ("#kb-since", "#kb-until"):
                self.query_one(selector, Input).value = ""
            for selector in ("#kb-category", "#kb-engagement", "#kb-csm", "#kb-phase"):
                self.query_one(selector, Select).value = ANY
        self.fill()

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_resize(self) -> None:
        if self.entries:
            self.fill()
