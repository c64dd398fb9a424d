"""History: the commits of an engagement or a tool beside the selected commit's semantic
diff. Views as of a commit and restores live in asof.py, the date question in
datedialog.py. Git work runs in thread workers; the screen only shows and asks.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...gateway import classify, engagement_rel, file_text
from ...textcut import shorten, shorten_name
from ..appref import pcsm_app
from ..header import ScreenHeader
from ..jobs import run_job
from ..keybar import KeyBar
from ..plain import safe_text
from ..widgets import StatusLine, VimTable
from .asof import AsOfScreen, editor_for, restore_version, short_date
from .datedialog import DateScreen

if TYPE_CHECKING:
    from ...gateway import CommitInfo, FileDiff, HistoryItem
    from ...service import Workspace
    from ..app import PcsmApp

__all__ = ["AsOfScreen", "DateScreen", "HistoryScreen", "diff_text", "editor_for"]


def _app(screen: Screen[Any]) -> PcsmApp:
    return pcsm_app(screen)


def diff_text(
    item: HistoryItem,
    diffs: list[FileDiff],
    words: dict[str, str] | None = None,
    home: str | None = None,
) -> Text:
    """A commit and its semantic diff, coloured: added lines green, removed lines red;
    ticked activities by their `words` (the framework's), never their ids. Files in the
    folder `home` are named relative to it."""
    commit = item.commit
    text = Text()
    text.append(f"{commit.sha[:12]}", style="bold yellow")
    if item.is_merge:
        text.append("  merge", style="bold magenta")
    text.append(f"\n{commit.author} · {short_date(commit)}\n", style="dim")
    text.append(f"{commit.subject}\n", style="bold")
    if item.is_merge:
        text.append("What the merge brought in (against its first parent):\n", style="italic")
    if not diffs:
        text.append("\n(no change to these files)", style="dim")
    for diff in diffs:
        text.append("\n")
        # Inside the engagement the screen is about, its folder goes without saying: a
        # narrow pane then has the file's name whole, not folded as "rac|i.toml".
        shown = diff.rel.removeprefix(f"{home}/") if home else diff.rel
        text.append(f"{shown} ({diff.status})\n", style="bold cyan")
        for line in file_text(diff, reveal=True, words=words)[1:]:
            stripped = line.lstrip()
            if stripped.startswith("+"):
                style = "green"
            elif stripped.startswith("-"):
                style = "red"
            elif stripped.startswith("@@") or stripped.startswith("note:"):
                style = "dim"
            else:
                style = ""
            text.append(line + "\n", style=style)
    return safe_text(text)  # authors, subjects and values are data


class HistoryScreen(Screen[None]):
    """Commits (date, author, subject) beside the selected commit's semantic diff."""

    DEFAULT_CSS = """
    HistoryScreen #history-body { height: 1fr; }
    HistoryScreen #commit-list { width: 58%; height: 1fr; border-right: solid $primary-darken-2; }
    HistoryScreen #commits { height: 1fr; overflow-x: hidden; }
    HistoryScreen #commit-subject {
        height: auto; max-height: 4; padding: 0 1; background: $boost; text-style: bold;
    }
    HistoryScreen #diff-pane { width: 1fr; height: 1fr; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="history.back"),
        Binding("v", "view", "View as of this commit", id="history.view"),
        Binding("D", "as_of_date", "View as of a date", id="history.date"),
        Binding("R", "restore", "Restore this version", id="history.restore"),
    ]

    def __init__(
        self,
        heading: str,
        paths: list[str],
        engagement: str | None = None,
        rel: str | None = None,
        fallback_rel: str | None = None,
    ) -> None:
        """`rel`: the tool file this history is about (views and restores act on it).
        Without it (an engagement's history) they act on the file the selected commit
        changed, or `fallback_rel` (the tool that was open)."""
        super().__init__()
        self.heading = heading
        self.paths = paths
        self.engagement = engagement
        self.rel = rel
        self.fallback_rel = fallback_rel
        self.items: dict[str, HistoryItem] = {}
        self.diffs: dict[str, list[FileDiff]] = {}
        self.unpushed: set[str] = set()
        self.fitted: dict[str, int] = {}
        """The column widths the rows were cut for."""
        self.home = engagement_rel(engagement) if engagement else None
        """The engagement's folder: its files are named relative to it in the diff."""

    @property
    def workspace(self) -> Workspace:
        return _app(self).workspace

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(id="history-body"):
            with Vertical(id="commit-list"):
                yield VimTable(id="commits", cursor_type="row", zebra_stripes=True)
                yield Static("", id="commit-subject")
            with VerticalScroll(id="diff-pane"):
                yield Static("reading the history…", id="commit-diff")
        yield StatusLine(
            "enter/v view as of · D as of a date · R restore · u undo your last change · "
            "esc back · ↑ not pushed yet"
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"History — {self.heading}"
        self.sub_title = " ".join(self.paths) or "the whole repository"
        table = self.query_one("#commits", VimTable)
        table.add_column("", key="mark", width=1)
        table.add_column("Date", key="date", width=10)
        table.add_column("Author", key="author", width=6)
        table.add_column("Subject", key="subject", width=24)
        table.focus()
        self.reload()

    def reload(self) -> None:
        """Read the history again (after a restore, an undo or a sync)."""
        self.load_history()

    def load_history(self) -> None:
        workspace, paths = self.workspace, self.paths

        def read() -> tuple[list[HistoryItem], set[str], str]:
            items = workspace.history(paths)
            status = workspace.status()
            unpushed = {c.sha for c in status.sync.unpushed} if status.sync else set()
            return items, unpushed, status.summary

        run_job(
            self,
            read,
            lambda found: self._show_items(*found),
            what="loading the history",
            group="history-list",
            exclusive=True,
        )

    def _show_items(self, items: list[HistoryItem], unpushed: set[str], summary: str) -> None:
        self.items = {item.commit.sha: item for item in items}
        self.unpushed = unpushed
        where = self.rel or self.engagement or " ".join(self.paths)
        self.sub_title = f"{where} · {len(items)} commits · git {summary}"
        self._fill(self._widths())
        if not items:
            self.query_one("#commit-diff", Static).update("No commits touch these files.")
            return
        self.show_diff()

    def _fill(self, widths: dict[str, int]) -> None:
        """The rows at these column widths: an author and a subject too long for their
        column are cut at a word with "…" (the selected commit's are whole beside it);
        the selected commit stays selected."""
        table = self.query_one("#commits", VimTable)
        selected = self.selected()
        table.clear()
        for key, column in table.columns.items():
            if key.value in widths:
                column.width = widths[str(key.value)]
                column.auto_width = False
        self.fitted = widths
        for item in self.items.values():
            commit = item.commit
            table.add_row(
                Text("↑", style="bold yellow") if commit.sha in self.unpushed else "",
                commit.date[:10],
                Text(shorten_name(commit.author, widths["author"])),
                Text(shorten(self.subject_of(item), widths["subject"]), no_wrap=True),
                key=commit.sha,
            )
        if selected is not None and selected.commit.sha in table.rows:
            table.move_cursor(row=table.get_row_index(selected.commit.sha))
        elif table.row_count:
            table.move_cursor(row=0)

    def subject_of(self, item: HistoryItem) -> str:
        """The subject as listed: without the engagement's own prefix, merges marked."""
        subject = item.commit.subject
        if self.engagement:
            subject = subject.removeprefix(f"{self.engagement}: ")
        return subject + " (merge)" if item.is_merge else subject

    def _widths(self) -> dict[str, int]:
        """Column widths from the pane's width: the author as wide as the longest name (at
        most a third of the room), the subject the rest. Set, not measured from the rows,
        so the table never draws squashed columns while it measures."""
        table = self.query_one("#commits", VimTable)
        room = max(40, table.size.width or self.size.width * 58 // 100) - 2 * 4 - 1 - 10 - 1
        longest = max((len(item.commit.author) for item in self.items.values()), default=6)
        author = max(6, min(longest, room // 3))
        return {"author": author, "subject": max(12, room - author)}

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        """After a resize: the rows again, cut for the new widths (when they changed)."""
        widths = self._widths()
        if widths != self.fitted:
            self._fill(widths)

    def selected(self) -> HistoryItem | None:
        table = self.query_one("#commits", VimTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.items.get(str(key))

    def select(self, sha: str) -> bool:
        table = self.query_one("#commits", VimTable)
        if sha not in table.rows:
            return False
        table.move_cursor(row=table.get_row_index(sha))
        return True

    @on(DataTable.RowHighlighted, "#commits")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_diff()

    @on(DataTable.RowSelected, "#commits")
    def _chosen(self, _event: DataTable.RowSelected) -> None:
        self.action_view()

    @property
    def words(self) -> dict[str, str]:
        """The framework's activities by their words (a ticked one is said by them)."""
        phases = self.workspace.framework.phases
        return {a.id: a.text for phase in phases for a in phase.activities}

    def show_diff(self) -> None:
        item = self.selected()
        if item is None:
            return
        subject = Text(self.subject_of(item))  # data: never markup
        self.query_one("#commit-subject", Static).update(safe_text(subject))
        found = self.diffs.get(item.commit.sha)
        if found is not None:
            self._put_diff(item, found)
            return
        self.query_one("#commit-diff", Static).update(Text("reading the changes…", style="dim"))
        self.load_diff(item)

    def load_diff(self, item: HistoryItem) -> None:
        workspace, paths = self.workspace, self.paths
        run_job(
            self,
            lambda: workspace.commit_diff(item, paths),
            lambda diffs: self._diff_ready(item.commit.sha, diffs),
            what="reading the commit's changes",
            group="history-diff",
            exclusive=True,
        )

    def _diff_ready(self, sha: str, diffs: list[FileDiff]) -> None:
        self.diffs[sha] = diffs
        item = self.selected()
        if item is not None and item.commit.sha == sha:
            self._put_diff(item, diffs)

    def _put_diff(self, item: HistoryItem, diffs: list[FileDiff]) -> None:
        text = diff_text(item, diffs, self.words, self.home)
        self.query_one("#commit-diff", Static).update(text)

    # --- which file a view or a restore is about ------------------------------------------

    def target(self, item: HistoryItem) -> str | None:
        """The tool file the history is about, or the one the commit changed."""
        if self.rel is not None:
            return self.rel
        diffs = self.diffs.get(item.commit.sha)
        if diffs is None:
            diffs = self.workspace.commit_diff(item, self.paths)
        changed = [d.rel for d in diffs if classify(d.rel) is not None and d.status != "deleted"]
        if self.fallback_rel in changed or (not changed and self.fallback_rel):
            return self.fallback_rel
        return changed[0] if changed else None

    # --- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()
        reload = getattr(self.app.screen, "reload", None)
        if callable(reload):
            reload()

    def action_view(self) -> None:
        item = self.selected()
        if item is not None:
            self.open_as_of(item.commit, item)

    def open_as_of(self, commit: CommitInfo, item: HistoryItem | None = None) -> None:
        """Show the target file as of `commit` in its editor, read only."""
        workspace = self.workspace

        def read() -> tuple[str, str | None] | None:
            rel = self.target(item) if item is not None else (self.rel or self.fallback_rel)
            return None if rel is None else (rel, workspace.file_at(rel, commit.sha))

        def show(found: tuple[str, str | None] | None) -> None:
            if found is None:
                self.notify("this commit changed no tool file to show", severity="warning")
            else:
                self._push_as_of(found[0], commit, found[1])

        run_job(self, read, show, what="reading the file as of that commit", group="history-view")

    def _push_as_of(self, rel: str, commit: CommitInfo, text: str | None) -> None:
        if text is None:
            self.notify(f"{rel} did not exist as of {commit.date[:10]}", severity="warning")
            return
        self.app.push_screen(AsOfScreen(rel, commit, text, self.engagement))

    def action_as_of_date(self) -> None:
        item = self.selected()
        default = (
            dt.date.fromisoformat(item.commit.date[:10]) if item else _app(self).workspace.today
        )

        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.find_date(day)

        self.app.push_screen(
            DateScreen(
                "View as of a date (YYYY-MM-DD): the newest commit on or before it", default
            ),
            chosen,
        )

    def find_date(self, day: dt.date) -> None:
        workspace, paths = self.workspace, self.paths
        run_job(
            self,
            lambda: workspace.commit_on_or_before(paths, day),
            lambda commit: self._date_found(day, commit),
            what="finding the commit of that date",
            group="history-view",
        )

    def _date_found(self, day: dt.date, commit: CommitInfo | None) -> None:
        if commit is None:
            self.notify(f"nothing was committed here on or before {day}", severity="warning")
            return
        self.select(commit.sha)
        if self.rel is None and self.fallback_rel is None:
            self.notify(f"selected the last commit on or before {day}; v views it", timeout=4)
            return
        self.open_as_of(commit)

    def action_restore(self) -> None:
        item = self.selected()
        if item is not None:
            self.ask_restore(item)

    def ask_restore(self, item: HistoryItem) -> None:
        def ask(rel: str | None) -> None:
            if rel is None:
                self.notify("this commit changed no tool file to restore", severity="warning")
            else:
                restore_version(_app(self), rel, item.commit, self.reload)

        run_job(
            self,
            lambda: self.target(item),
            ask,
            what="finding the file to restore",
            group="history-view",
        )
