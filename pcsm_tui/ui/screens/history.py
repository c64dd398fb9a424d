"""History: the commits of an engagement or a tool beside the selected commit's semantic
diff; a tool viewed as of a commit or a date (read only); restoring an old version as a
new commit. Git work runs in thread workers; the screens only show and ask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from ..keybar import KeyBar
from ..plain import safe_text
from ..widgets import StatusLine, VimTable

if TYPE_CHECKING:
    from ...service import Workspace
    from ...store.git import CommitInfo
    from ...store.history import FileDiff, HistoryItem
    from ..app import PcsmApp
    from ..editors.tool import ToolEditor


def _app(screen: Screen[Any]) -> PcsmApp:
    from ..app import PcsmApp

    app = screen.app
    assert isinstance(app, PcsmApp)
    return app


def short_date(commit: CommitInfo) -> str:
    """`2026-10-02 13:59`: the author's own date and time, as git recorded it."""
    return commit.date[:16].replace("T", " ")


def diff_text(item: HistoryItem, diffs: list[FileDiff]) -> Text:
    """A commit and its semantic diff, coloured: added lines green, removed lines red."""
    from ...store.history import file_text

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
        for line in file_text(diff, reveal=True):
            stripped = line.lstrip()
            if not line.startswith(" "):
                style = "bold cyan"
            elif stripped.startswith("+"):
                style = "green"
            elif stripped.startswith("-"):
                style = "red"
            elif stripped.startswith("@@") or stripped.startswith("note:"):
                style = "dim"
            else:
                style = ""
            text.append(line + "\n", style=style)
    return safe_text(text)  # authors, subjects and values are data


def editor_for(
    workspace: Workspace, rel: str, text: str, banner: str, engagement: str | None
) -> ToolEditor:
    """The tool's own editor, read only, showing `text` (an earlier version of `rel`)."""
    from ...framework.catalogue import TOOL_FOR_KIND
    from ...store.layout import classify
    from ..editors.raci import RaciEditor
    from ..editors.shapes import ChecklistEditor, DocumentEditor, ScoringEditor
    from ..editors.tool import ToolEditor

    kind = classify(rel)
    tool = TOOL_FOR_KIND.get(kind.kind) if kind is not None else None
    if tool is not None:
        title = f"{tool.number} {tool.title}"
    elif kind is not None and kind.kind == "stakeholders":
        title = "Stakeholder register"
    else:
        title = "Engagement" if rel.endswith("engagement.toml") else rel
    shape = tool.shape if tool is not None and tool.scope != "monthly" else "table"
    editor_class: type[ToolEditor] = {
        "raci": RaciEditor,
        "scoring": ScoringEditor,
        "checklist": ChecklistEditor,
        "document": DocumentEditor,
    }.get(shape, ToolEditor)
    return editor_class(
        workspace,
        rel,
        title,
        "Read only: moving around works; R restores this version as a new commit.",
        engagement=engagement,
        read_only=True,
        text=text,
        banner=banner,
    )


def restore_version(
    app: PcsmApp, rel: str, commit: CommitInfo, done: Callable[[], None] | None = None
) -> None:
    """Ask, then make `rel` what it was as of `commit` again, as one new commit."""
    from ..editors.dialogs import ConfirmScreen

    when = commit.date[:10]

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        app.run_in_background(
            lambda: app.workspace.restore(rel, commit.sha),
            lambda _result: done() if done is not None else None,
            f"restoring {rel} as of {when}…",
            confirmed=lambda: app.workspace.restore(
                rel, commit.sha, confirm_overwrite_unreadable=True
            ),
        )

    app.push_screen(
        ConfirmScreen(
            f"Restore {rel} as it was on {when} ({commit.sha[:7]})?\n"
            "This makes one new commit; nothing in the history is lost (u undoes it)."
        ),
        answered,
    )


class DateScreen(ModalScreen[dt.date | None]):
    """Ask for a date (YYYY-MM-DD); Enter gives it back, Esc gives up."""

    DEFAULT_CSS = "DateScreen { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="date.cancel"),
    ]

    def __init__(self, question: str, default: dt.date) -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question)
            yield Input(self.default.isoformat(), placeholder="YYYY-MM-DD", id="as-of-date")
            yield Label("", id="date-error")
            yield Label("enter shows it · esc cancels", classes="dialog-keys")

    @on(Input.Submitted, "#as-of-date")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            day = dt.date.fromisoformat(event.value.strip())
        except ValueError:
            self.query_one("#date-error", Label).update(
                "[b red]✗[/] a date is written YYYY-MM-DD, e.g. 2026-10-15"
            )
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HistoryScreen(Screen[None]):
    """Commits (date, author, subject) beside the selected commit's semantic diff."""

    DEFAULT_CSS = """
    HistoryScreen #history-body { height: 1fr; }
    HistoryScreen #commits {
        width: 58%; height: 1fr; overflow-x: hidden; border-right: solid $primary-darken-2;
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

    @property
    def workspace(self) -> Workspace:
        return _app(self).workspace

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-body"):
            yield VimTable(id="commits", cursor_type="row", zebra_stripes=True)
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
        table.add_column("", key="mark")
        table.add_column("Date", key="date")
        table.add_column("Author", key="author")
        table.add_column("Subject", key="subject")
        table.focus()
        self.reload()

    def reload(self) -> None:
        """Read the history again (after a restore, an undo or a sync)."""
        self.load_history()

    def load_history(self) -> None:
        from ..jobs import run_job

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
        table = self.query_one("#commits", VimTable)
        selected = self.selected()
        table.clear()
        authors = max((len(item.commit.author) for item in items), default=6)
        room = max(24, table.size.width - authors - 22)
        for item in items:
            commit = item.commit
            subject = commit.subject
            if self.engagement:
                subject = subject.removeprefix(f"{self.engagement}: ")
            if item.is_merge:
                subject += " (merge)"
            table.add_row(
                Text("↑", style="bold yellow") if commit.sha in unpushed else "",
                commit.date[:10],
                Text(commit.author),
                Text(subject if len(subject) <= room else subject[: room - 1] + "…"),
                key=commit.sha,
            )
        if not items:
            self.query_one("#commit-diff", Static).update("No commits touch these files.")
            return
        if selected is not None and selected.commit.sha in table.rows:
            table.move_cursor(row=table.get_row_index(selected.commit.sha))
        else:
            table.move_cursor(row=0)
        self.show_diff()

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

    def show_diff(self) -> None:
        item = self.selected()
        if item is None:
            return
        found = self.diffs.get(item.commit.sha)
        if found is not None:
            self.query_one("#commit-diff", Static).update(diff_text(item, found))
            return
        self.query_one("#commit-diff", Static).update(Text("reading the changes…", style="dim"))
        self.load_diff(item)

    def load_diff(self, item: HistoryItem) -> None:
        from ..jobs import run_job

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
            self.query_one("#commit-diff", Static).update(diff_text(item, diffs))

    # --- which file a view or a restore is about ------------------------------------------

    def target(self, item: HistoryItem) -> str | None:
        """The tool file the history is about, or the one the commit changed."""
        from ...store.layout import classify

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
        from ..jobs import run_job

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
        from ..jobs import run_job

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
        from ..jobs import run_job

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


class AsOfScreen(Screen[None]):
    """A tool as it was at an earlier commit, in its own editor, read only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to the history", id="asof.back"),
        Binding("R", "restore", "Restore this version", id="asof.restore"),
        Binding("e", "refuse", "Edit (refused: read only)", show=False, id="asof.edit"),
    ]

    def __init__(self, rel: str, commit: CommitInfo, text: str, engagement: str | None) -> None:
        super().__init__()
        self.rel = rel
        self.commit = commit
        self.text = text
        self.engagement = engagement

    def compose(self) -> ComposeResult:
        yield Header()
        yield editor_for(
            _app(self).workspace,
            self.rel,
            self.text,
            f"as of {short_date(self.commit)} {self.commit.sha[:7]} — read only "
            f"· commit by {self.commit.author}",
            self.engagement,
        )
        yield StatusLine("read only · R restores this version as a new commit · esc back")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"As of {self.commit.date[:10]} — {self.rel}"
        self.sub_title = f"{self.commit.sha[:7]} · read only"

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refuse(self) -> None:
        from ..editors.tool import READ_ONLY

        self.notify(READ_ONLY, timeout=4)

    def action_restore(self) -> None:
        def done() -> None:
            if self.is_current:
                self.app.pop_screen()
            reload = getattr(self.app.screen, "reload", None)
            if callable(reload):
                reload()

        restore_version(_app(self), self.rel, self.commit, done)
