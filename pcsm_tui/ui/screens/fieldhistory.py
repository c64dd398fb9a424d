"""The history of one field (a cell of any tool): every value it had, when, who, in which
commit, newest first; enter (or r) restores the highlighted value as one new commit.

The data is `Workspace.field_history` (store/blame.py, the same as `pcsm blame --history`),
read off the UI thread; restoring is `Workspace.restore_value`, saved like any edit (checked,
merged with changes made on disk meanwhile, undoable with u). Who is shown by name or by
role, as the repository's `[privacy] blame_authors` wants (`Workspace.author_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ...models.commitment import format_raci_cell
from ..appref import pcsm_app
from ..editors.dialogs import ConfirmScreen
from ..editors.fieldwords import field_words
from ..jobs import run_job
from ..plain import content, line, text
from ..widgets import Columns, VimTable

if TYPE_CHECKING:
    from ..app import PcsmApp
    from ..editors.tool import ToolEditor


def value_text(value: Any, present: bool = True, names: Mapping[str, str] | None = None) -> str:
    """A value as one line of text, as pcsm's other screens write it; a reference's id by
    the name it stands for (`names`, given for a reference field only)."""
    if names and isinstance(value, str) and value in names:
        return line(names[value])
    if not present:
        return "(removed)"
    if value is None or value == "" or value == frozenset():
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, frozenset):
        return format_raci_cell(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value)
    return line(value)


COLUMNS: Columns = [("date", "date"), ("who", "who"), ("commit", "commit"), ("value", "value")]


class FieldHistoryScreen(ModalScreen[None]):
    """Every version of one field, newest first."""

    DEFAULT_CSS = """
    FieldHistoryScreen { align: center middle; }
    FieldHistoryScreen #field-title, FieldHistoryScreen #field-note { width: 1fr; }
    FieldHistoryScreen #versions { height: auto; max-height: 20; margin: 1 0 0 0; }
    FieldHistoryScreen #field-value { color: $text-muted; max-height: 6; margin: 0 0 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="fieldhistory.close"),
        Binding("enter,r", "restore", "Restore this value", id="fieldhistory.restore"),
    ]

    def __init__(
        self,
        rel: str,
        path: tuple[str, ...],
        title: str,
        restored: Callable[[], None],
        words: str = "",
        names: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.rel = rel
        self.path = path
        self.heading = title
        self.restored = restored
        self.words = words
        """The field named as its editor shows it (`John Ashton (CFO) › Kind`); empty:
        the history's own label."""
        self.names = names
        """For a reference field: ids by the names they stand for (values shown by name)."""
        self.history: Any = None
        """The FieldHistory, once read."""

    @classmethod
    def for_field(cls, editor: ToolEditor, path: tuple[str, ...]) -> FieldHistoryScreen:
        """The history of the field at `path` of `editor`'s file, named by its row's name
        and its label (never a row's id), its values by name when it is a reference."""
        model = type(editor.loaded.model) if editor.loaded is not None else None
        words, spec = field_words(model, editor.data, path, editor.names) if model else ("", None)
        names = editor.names if spec is not None and spec.reference else None
        title = f"{editor.heading}: history of {words or 'a field'}"
        return cls(editor.rel, path, title, editor.reload, words, names)

    @property
    def pcsm_app(self) -> PcsmApp:
        return pcsm_app(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide-dialog"):
            yield Label(content((self.heading, "bold")), id="field-title")
            yield Label(content(("reading the history…", "dim")), id="field-note")
            versions = VimTable(id="versions", cursor_type="row", zebra_stripes=True)
            versions.stretch = "value"  # cut at a word to the dialog; in full under it
            yield versions
            yield Label("", id="field-value")
            yield Label(
                content(
                    ("enter", "bold"),
                    "/",
                    ("r", "bold"),
                    " restore this value as a new commit · ",
                    ("esc", "bold"),
                    " close",
                ),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        workspace = self.pcsm_app.workspace
        rel, path = self.rel, self.path

        def read() -> tuple[Any, list[str]]:
            found = workspace.field_history(rel, path)
            who = [workspace.author_of(v.stamp) for v in found.history] if found else []
            return found, who

        run_job(self, read, self.show, what="reading the field's history", quit_waits=False)

    def show(self, found: tuple[Any, list[str]]) -> None:
        history, who = found
        self.history = history
        note = self.query_one("#field-note", Label)
        table = self.query_one("#versions", VimTable)
        if history is None or not history.history:
            note.update(content("no history: this field has no value in any commit"))
            return
        count = len(history.history)
        versions = f"{count} version{'s' * (count != 1)}, newest first"
        note.update(content(versions if self.words else f"{history.label} · {versions}"))
        rows = []
        for index in range(count - 1, -1, -1):
            version = history.history[index]
            stamp = version.stamp
            when = stamp.date[:16].replace("T", " ")
            value = value_text(version.value, version.present, self.names)
            cells = [text(when), text(who[index]), text(stamp.sha[:7]), value]
            rows.append((str(index), cells))
        table.show(COLUMNS, rows)
        table.focus()
        self._show_value()

    @on(DataTable.RowHighlighted, "#versions")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_value()

    def _show_value(self) -> None:
        """The highlighted version's value whole, lines kept, under the table when the table
        shows it cut: there a long value is cut at a word, and two versions that begin alike
        read the same."""
        version = self.selected()
        if version is None:
            return
        one_line = value_text(version.value, version.present, self.names)
        whole = one_line
        if version.present and isinstance(version.value, str) and version.value.strip():
            whole = version.value  # its lines as written (shown as text: `content`)
        table = self.query_one("#versions", VimTable)
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        cut = str(table.get_cell(row_key, "value")) != one_line or whole != one_line
        label = self.query_one("#field-value", Label)
        label.update(content(whole) if cut else "")
        label.display = cut

    def selected(self) -> Any:
        table = self.query_one("#versions", VimTable)
        if self.history is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.history.history[int(str(key))]

    @on(DataTable.RowSelected, "#versions")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        """enter on a row (the table takes enter before the screen's binding sees it)."""
        event.stop()
        self.action_restore()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_restore(self) -> None:
        version = self.selected()
        if version is None:
            return
        history = self.history
        if history.row:
            self.notify("a whole row: restore its fields one by one", severity="warning")
            return
        if not version.present:
            self.notify("the field had no value then: clear it instead", severity="warning")
            return
        if version is history.history[-1] or version.value == history.value:
            self.notify("that is the value it has now", timeout=3)
            return
        stamp = version.stamp
        shown = value_text(version.value, names=self.names)
        said = self.words or history.label
        app = self.pcsm_app
        rel = self.rel

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.dismiss(None)
            app.run_in_background(
                lambda: app.workspace.restore_value(rel, history, version),
                lambda _result: self.restored(),
                f"restoring {said}…",
            )

        app.push_screen(
            ConfirmScreen(
                f"Give {said} back the value {shown!r} it had on "
                f"{stamp.date[:10]} ({stamp.sha[:7]})?\n"
                "This makes one new commit; every other field stays as it is (u undoes it)."
            ),
            answered,
        )
