"""Tool 23, the personal evaluation: the highlighted evaluation on a spider chart over the
one before, the lowest areas named as the CPD focus. Split from charted.py (size); the
registry still names it `charted:SpiderEditor`, which re-exports it."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ...analysis.charts import cpd_focus, evaluation_history, spider_chart
from ...models.people import PersonalEvaluations
from ..charts.spider import SpiderPlot
from ..plain import content
from .table import RecordTable
from .tool import ToolEditor


class SpiderEditor(ToolEditor):
    """Tool 23: a person's evaluations; the highlighted one is drawn, over the one before.

    o cycles the overlay (the previous evaluation, any other, none); the lowest areas are
    named as the CPD focus.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "overlay", "Overlay another evaluation (cycle)", id="spider.overlay"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.selected: str | None = None
        self.overlay: str | None = "previous"

    def compose_extra(self) -> ComposeResult:
        yield SpiderPlot(id="spider-plot")
        yield Static("", id="cpd", classes="editor-help")

    def refresh_extra(self) -> None:
        plot = self.query_one("#spider-plot", SpiderPlot)
        model = self.loaded.model if self.loaded else None
        if not isinstance(model, PersonalEvaluations) or not model.evaluations:
            plot.show(None)
            return
        areas = self.workspace.framework.evaluation_areas
        history = evaluation_history(model.evaluations, areas)
        by_id = {e.id: e for e in model.evaluations}
        if self.selected is None:  # opening: the newest evaluation, its row highlighted
            self.selected = history.evaluations[-1].id
            self.call_after_refresh(self._highlight, self.selected)
        chosen = by_id.get(self.selected or "") or history.evaluations[-1]
        overlay = None
        if self.overlay == "previous":
            overlay = history.previous(chosen.id)
        elif self.overlay in by_id and self.overlay != chosen.id:
            overlay = by_id[self.overlay]
        plot.show(spider_chart(chosen, areas, overlay))
        focus = cpd_focus(chosen, areas)
        names = {a.id: a.name for a in areas}
        focus_text = ", ".join(f"{a} {names.get(a, '')}" for a in focus.areas) or "—"
        self.query_one("#cpd", Static).update(
            content(
                f"CPD focus (lowest areas) for {chosen.date}: ",
                (focus_text, "bold"),
                f" · overlay: {overlay.date}" if overlay else " · no overlay",
            )
        )

    def _highlight(self, row_id: str) -> None:
        """Put the evaluations table's cursor on `row_id` (the newest, on opening: the
        table lists them as stored, oldest first, and its cursor starts at the top)."""
        for table in self.query(RecordTable):
            if table.section.path == ("evaluations",) and row_id in table.rows:
                table.move_cursor(row=table.get_row_index(row_id), scroll=True)

    @on(RecordTable.CellHighlighted)
    def _row_moved(self, event: RecordTable.CellHighlighted) -> None:
        table = event.data_table
        if isinstance(table, RecordTable) and table.section.path == ("evaluations",):
            row_id = table.current_row_id()
            if self.selected is None:
                return  # the table's first highlight, before the newest is chosen
            if row_id != self.selected:
                self.selected = row_id
                self.draw_extra()

    def action_overlay(self) -> None:
        ids = [str(e.get("id")) for e in self.data.get("evaluations", [])]
        order: list[str | None] = ["previous", *ids, None]
        position = order.index(self.overlay) if self.overlay in order else 0
        self.overlay = order[(position + 1) % len(order)]
        self.draw_extra()
