"""Tool 10, the CSM's activity log, as a manager reviews it: `f` shows the tasks of one
state at a time (proposed, planned, in progress, done) and then all again, so the work
waiting for approval or still ahead is read apart from the work done. The file always
keeps every task; the filter is only what is shown, and the section title says it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, get_args

from textual.binding import Binding, BindingType
from textual.content import Content

from ...models.onboarding import TaskState
from ..plain import content
from .sections import Section
from .table import RecordTable
from .tool import ToolEditor

STATES: tuple[str | None, ...] = (None, *get_args(TaskState))
"""What `f` steps through: all tasks, then each state in the model's order."""


def state_words(state: str) -> str:
    return state.replace("-", " ")


class ActivityLogEditor(ToolEditor):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_state", "Show tasks of one state (or all)", id="activity.state"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shown_state: str | None = None

    def row_filter_for(self, section: Section) -> Callable[[dict[str, Any]], bool] | None:
        """The tasks of the chosen state (a row without one is done: the model's default)."""
        state = self.shown_state
        if state is None or section.path != ("tasks",):
            return None
        return lambda row: row.get("state", "done") == state

    def section_title(self, section: Section) -> Content:
        title = super().section_title(section)
        if self.shown_state is None or section.path != ("tasks",):
            return title
        rows = self.data.get("tasks")
        tasks = [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
        shown = sum(1 for r in tasks if r.get("state", "done") == self.shown_state)
        words = f" · showing {state_words(self.shown_state)} only: {shown} of {len(tasks)}"
        return Content.assemble(title, content((words + " (f: next)", "bold")))

    def action_next_state(self) -> None:
        self.shown_state = STATES[(STATES.index(self.shown_state) + 1) % len(STATES)]
        for table in self.query(RecordTable):
            table.row_filter = self.row_filter_for(table.section)
            table.fill(self.data, self.names)
        self.refresh_titles()
        state = "all tasks" if self.shown_state is None else state_words(self.shown_state)
        self.notify(f"Showing {state}", timeout=2)


__all__ = ["STATES", "ActivityLogEditor"]
