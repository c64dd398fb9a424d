"""The conflict view: each conflicting field of an unfinished merge with base, ours and
theirs; o keeps ours, t takes theirs, e types a value (checked as the field's kind); c
writes the files and commits the merge once every conflict is decided; A aborts it.

The question asked at start when an unfinished merge is found (continue or abort) is
unfinished_merge.py; how a value is shown in a cell and in the detail pane is
conflict_values.py. The work is done by store/resolve.py and store/sync.py through the
Workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...gateway import MISSING, ConflictedFile, FieldConflict, Pick, ResolveError, resolved_text
from ..appref import pcsm_app
from ..editors.cell import CellEditor
from ..editors.dialogs import ConfirmScreen
from ..header import ScreenHeader
from ..jobs import run_job
from ..keybar import KeyBar
from ..plain import Part, content, safe_text
from ..syncflow import start_sync
from ..widgets import StatusLine, VimTable
from .conflict_values import SIDE_NAMES, full_value, show_value
from .unfinished_merge import UnfinishedMergeScreen as UnfinishedMergeScreen

if TYPE_CHECKING:
    from ...gateway import SyncResult
    from ...service import Workspace
    from ..app import PcsmApp


def _app(screen: Screen[Any]) -> PcsmApp:
    return pcsm_app(screen)


class ConflictScreen(Screen[None]):
    """Every conflicting field of the unfinished merge; decide each, then commit."""

    DEFAULT_CSS = """
    ConflictScreen #conflicts { height: auto; max-height: 60%; }
    ConflictScreen #conflict-detail-pane {
        height: 1fr; border-top: solid $primary-darken-2; padding: 0 1;
    }
    ConflictScreen #conflict-intro { height: auto; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "pick('ours')", "Keep ours", id="conflicts.ours"),
        Binding("t", "pick('theirs')", "Take theirs", id="conflicts.theirs"),
        Binding("e", "edit", "Edit the value", id="conflicts.edit"),
        Binding("c", "commit", "Commit the merge", id="conflicts.commit"),
        Binding("A", "abort", "Abort the merge", id="conflicts.abort"),
        Binding("escape", "back", "Close", id="conflicts.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.files: list[ConflictedFile] = []
        self.conflicts: dict[str, FieldConflict] = {}
        self.picks: dict[str, dict[int, Pick]] = {}
        self.problem = ""
        self.editing = False
        self.busy = False

    @property
    def workspace(self) -> Workspace:
        return _app(self).workspace

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Static("reading the conflicts…", id="conflict-intro")
        yield VimTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="conflict-detail-pane"):
            yield Static("", id="conflict-detail")
        yield CellEditor()
        # The hints are a line of their own: a status from a screen under this one (a
        # conflicted file does not read, so they say "cannot read") never replaces them.
        yield Static(
            "o ours · t theirs · e edit · c commit the merge · A abort · "
            "esc close (the merge stays open)",
            id="conflict-keys",
            classes="dialog-keys",
        )
        yield StatusLine("")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Merge conflicts"
        table = self.query_one("#conflicts", VimTable)
        for key, label in (
            ("mark", ""),
            ("file", "File"),
            ("field", "Field"),
            ("base", "Base"),
            ("ours", "Ours (yours)"),
            ("theirs", "Theirs"),
            ("decision", "Decision"),
        ):
            table.add_column(label, key=key)
        table.focus()
        self.reload()

    def reload(self) -> None:
        self.load()

    def load(self) -> None:
        workspace = self.workspace

        def read() -> tuple[list[ConflictedFile], str, Any]:
            files = workspace.conflicts()
            status = workspace.status()
            return files, status.summary, status.sync

        run_job(
            self,
            read,
            lambda found: self._loaded(*found),
            what="reading the conflicts",
            group="conflicts",
            exclusive=True,
        )

    def _loaded(self, files: list[ConflictedFile], summary: str, sync: Any) -> None:
        self.files = files
        self.conflicts = {f"{c.rel}#{c.index}": c for f in files for c in f.conflicts}
        self.picks = {
            f.rel: {i: p for i, p in self.picks.get(f.rel, {}).items() if i < len(f.conflicts)}
            for f in files
        }
        upstream = getattr(sync, "upstream", None) or "the remote"
        self.title = f"Merge conflicts — merging {upstream}"
        self.sub_title = f"git {summary}"
        self.fill()

    def fill(self) -> None:
        table = self.query_one("#conflicts", VimTable)
        row = table.cursor_row
        table.clear()
        for key, conflict in self.conflicts.items():
            table.add_row(*self._cells(conflict), key=key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.show_intro()
        self.show_detail()

    def _cells(self, conflict: FieldConflict) -> tuple[Any, ...]:
        pick = self.pick_of(conflict)
        whole = conflict.whole_file
        rel = conflict.rel.removeprefix("engagements/")
        decision = Text("to decide", style="bold red")
        if pick is not None:
            shown = SIDE_NAMES[pick.side]
            if pick.side == "edit":
                shown += f": {show_value(pick.value, width=14)}"
            decision = Text(shown, style="bold green")
        return (
            Text("✓", style="bold green") if pick is not None else Text("•", style="bold red"),
            Text(rel if len(rel) <= 34 else "…" + rel[-33:]),
            Text(conflict.label or "(whole file)"),
            Text(show_value(conflict.base, whole)),
            Text(show_value(conflict.ours, whole)),
            Text(show_value(conflict.theirs, whole)),
            decision,
        )

    def pick_of(self, conflict: FieldConflict) -> Pick | None:
        return self.picks.get(conflict.rel, {}).get(conflict.index)

    def undecided(self) -> int:
        return sum(1 for c in self.conflicts.values() if self.pick_of(c) is None)

    def show_intro(self) -> None:
        total = len(self.conflicts)
        merged = [f.rel for f in self.files if not f.conflicts]
        lines: list[Part] = []  # file paths and git's words are data: never markup
        if total:
            left = self.undecided()
            files = len({c.rel for c in self.conflicts.values()})
            state = (
                (f"{left} of {total} to decide", "bold")
                if left
                else ("every conflict is decided: c commits the merge", "bold green")
            )
            lines += [f"{total} conflicting field(s) in {files} file(s) · ", state]
        else:
            lines.append(
                "No conflicting fields are left. c checks every file and commits the merge; "
                "A aborts it."
            )
        if merged:
            lines.append(f"\nMerged field by field, nothing to decide: {', '.join(merged)}")
        if self.problem:
            lines += ["\n", ("✗", "bold red"), f" {self.problem}"]
        self.query_one("#conflict-intro", Static).update(content(*lines))

    def current(self) -> FieldConflict | None:
        table = self.query_one("#conflicts", VimTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.conflicts.get(str(key))

    @on(DataTable.RowHighlighted, "#conflicts")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        conflict = self.current()
        detail = self.query_one("#conflict-detail", Static)
        if conflict is None:
            detail.update("")
            return
        whole = conflict.whole_file
        text = Text()
        text.append(f"{conflict.rel}\n", style="bold cyan")
        text.append(f"{conflict.describe()}\n", style="bold")
        for side, style in (("base", "dim"), ("ours", "yellow"), ("theirs", "magenta")):
            label = {"base": "base (before both)", "ours": "ours (yours)", "theirs": "theirs"}
            text.append(f"\n{label[side]}:\n", style=f"bold {style}")
            text.append(full_value(conflict.side(side), whole) + "\n")  # type: ignore[arg-type]
        hint = (
            "o keeps ours, t takes theirs, e types a value"
            if conflict.editable
            else "o keeps ours, t takes theirs (this one cannot be typed in)"
        )
        if whole:
            hint = "o keeps your version of the file, t takes theirs"
        text.append(f"\n{hint}", style="dim")
        detail.update(safe_text(text))  # the values are data

    # --- deciding -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.editing and action in ("pick", "edit", "commit", "abort", "back"))

    def decide(self, conflict: FieldConflict, pick: Pick) -> None:
        self.picks.setdefault(conflict.rel, {})[conflict.index] = pick
        self.problem = ""
        table = self.query_one("#conflicts", VimTable)
        key = f"{conflict.rel}#{conflict.index}"
        for column, value in zip(
            ("mark", "file", "field", "base", "ours", "theirs", "decision"),
            self._cells(conflict),
            strict=True,
        ):
            table.update_cell(key, column, value)
        self.show_intro()
        self._next_undecided()

    def _next_undecided(self) -> None:
        table = self.query_one("#conflicts", VimTable)
        keys = list(self.conflicts)
        if not keys:
            return
        start = table.cursor_row
        for offset in range(1, len(keys) + 1):
            key = keys[(start + offset) % len(keys)]
            if self.pick_of(self.conflicts[key]) is None:
                table.move_cursor(row=table.get_row_index(key))
                return
        self.show_detail()

    def action_pick(self, side: str) -> None:
        conflict = self.current()
        if conflict is not None and side in ("ours", "theirs"):
            self.decide(conflict, Pick("ours" if side == "ours" else "theirs"))

    def action_edit(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        if not conflict.editable or conflict.spec is None:
            self.notify("choose o (ours) or t (theirs) for this one", timeout=4)
            return
        pick = self.pick_of(conflict)
        value = pick.value if pick is not None and pick.side == "edit" else conflict.ours
        if value is MISSING:
            value = conflict.theirs if conflict.theirs is not MISSING else None
        editor = self.query_one(CellEditor)
        self.editing = True
        self.refresh_bindings()

        def confirm(new: Any) -> str | None:
            problem = self.check_edit(conflict, new)
            if problem is None:
                self.finish_edit()
                self.decide(conflict, Pick("edit", new))
            return problem

        editor.open(
            conflict.spec,
            value,
            confirm,
            self.finish_edit,
            scales=self.workspace.repo.scales(),
            title=f"{conflict.label} (base {show_value(conflict.base)})",
        )

    def check_edit(self, conflict: FieldConflict, value: Any) -> str | None:
        """Whether the file would be valid with this value (others as decided, or ours)."""
        file = next(f for f in self.files if f.rel == conflict.rel)
        picks = {c.index: self.pick_of(c) or Pick("ours") for c in file.conflicts}
        picks[conflict.index] = Pick("edit", value)
        try:
            resolved_text(file, picks, self.workspace.root)
        except ResolveError as error:
            return str(error).removeprefix(f"{file.rel}: ")
        return None

    def finish_edit(self) -> None:
        self.editing = False
        self.refresh_bindings()
        self.query_one("#conflicts", VimTable).focus()

    # --- concluding -----------------------------------------------------------------------

    def action_commit(self) -> None:
        left = self.undecided()
        if left:
            self.notify(f"{left} conflict(s) still to decide (o, t or e)", timeout=4)
            return
        if self.busy:
            return
        self.busy = True
        _app(self).set_status("writing the files and committing the merge…", "busy")
        self.commit_merge()

    def commit_merge(self) -> None:
        workspace, files, picks = self.workspace, self.files, self.picks
        run_job(
            self,
            lambda: workspace.resolve(files, picks),
            self._committed,
            what="committing the merge",
            # every failure is shown; the merge stays as it was
            failed=lambda error: self._not_committed(str(error)),
            group="conflicts-commit",
            exclusive=True,
        )

    def _not_committed(self, message: str) -> None:
        self.busy = False
        self.problem = message.splitlines()[0]
        _app(self).set_status(f"merge not committed: {self.problem}", "error")
        self.notify(message, title="The merge was not committed", severity="error", timeout=12)
        self.show_intro()

    def _committed(self, result: SyncResult) -> None:
        self.busy = False
        app = _app(self)
        if result.outcome != "merged":
            findings = [str(f) for f in result.findings[:5]]
            self.problem = result.message.splitlines()[0]
            app.set_status(f"merge not committed: {self.problem}", "error")
            self.notify(
                "\n".join([result.message, *findings]),
                title="The merge was not committed",
                severity="error",
                timeout=15,
            )
            self.reload()
            return
        app.set_status("merge committed; not pushed yet (S pushes)")

        def answered(yes: bool | None) -> None:
            if self.is_current:
                app.pop_screen()
            if yes:
                start_sync(app)
            else:
                reload = getattr(app.screen, "reload", None)
                if callable(reload):
                    reload()

        remote = result.status.remote or "the remote"
        app.push_screen(
            ConfirmScreen(f"The merge is committed. Push it to {remote} now (sync)?"), answered
        )

    def action_abort(self) -> None:
        app = _app(self)

        def answered(yes: bool | None) -> None:
            if yes:
                if self.is_current:
                    app.pop_screen()
                start_sync(app, "abort")

        app.push_screen(
            ConfirmScreen(
                "Abort the merge? Their changes are not merged in; your local commits are kept."
            ),
            answered,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
        _app(self).set_status("the merge is unfinished: S (sync) brings the conflicts back")
        reload = getattr(self.app.screen, "reload", None)
        if callable(reload):
            reload()
