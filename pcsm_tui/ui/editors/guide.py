"""A phase's activity guide: the framework's numbered steps, ticked off per engagement."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...gateway import engagement_rel
from ..appref import is_pcsm_app, pcsm_app
from ..plain import content
from ..widgets import VimTable
from .tool import ToolEditor

if TYPE_CHECKING:
    from ...service import Workspace
    from ..app import PcsmApp


class GuideEditor(Vertical):
    """Space or enter ticks the highlighted activity (dated today); again unticks it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick / untick activity", id="guide.tick"),
    ]

    def __init__(self, workspace: Workspace, slug: str, phase: int) -> None:
        super().__init__(classes="tool-editor")
        self.workspace = workspace
        self.slug = slug
        self.phase = phase
        self.as_of: str | None = None
        """A commit: the ticks as they were then, read only (the engagement as of a day)."""

    def compose(self) -> ComposeResult:
        phase = self.workspace.framework.phase(self.phase)  # a team may reword its phases
        yield Static(
            content((f"Phase {phase.number}: {phase.name} — activity guide", "bold")),
            classes="editor-title",
        )
        yield Static(content(f"Output of the phase: {phase.output}"), classes="editor-help")
        table = VimTable(id="guide", cursor_type="row", zebra_stripes=True)
        table.stretch = "text"  # a long activity is cut at a word to the pane, not clipped
        yield table

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#guide", VimTable).focus()

    def reload(self) -> None:
        rel = engagement_rel(self.slug, "engagement.toml")
        done = self.workspace.read_quietly(rel, at=self.as_of).get("activities_done", {})
        done = done if isinstance(done, dict) else {}
        phase = self.workspace.framework.phase(self.phase)
        self.query_one("#guide", VimTable).show(
            [("", "done"), ("No.", "no"), ("Activity", "text"), ("Done on", "when")],
            [
                (
                    activity.id,
                    [
                        Text("✓", style="bold green") if activity.id in done else "·",
                        str(number),
                        activity.text,
                        str(done[activity.id]) if activity.id in done else "",
                    ],
                )
                for number, activity in enumerate(phase.activities, start=1)
            ],
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.as_of is not None and action == "tick")  # read only: passed on

    def action_tick(self) -> None:
        table = self.query_one("#guide", VimTable)
        if self.as_of is not None:
            pcsm_app(self).set_status(
                "read only: the activity guide as it was then; Esc returns to today", "error"
            )
            return
        if not table.row_count:
            return
        activity = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        ticked = str(table.get_cell(activity, "done")) == "✓"
        app = self.app
        assert is_pcsm_app(app)
        app.run_in_background(
            lambda: self.workspace.tick(self.slug, activity, not ticked),
            lambda _r: self._saved(),
            "saving…",
        )

    def _saved(self) -> None:
        self.reload()
        self.post_message(ToolEditor.Saved())

    @on(DataTable.RowSelected, "#guide")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_tick()

    @property
    def pcsm_app(self) -> PcsmApp:
        return pcsm_app(self)
