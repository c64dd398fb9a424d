"""The RACI grid: activities down, stakeholders across; r/a/c/i toggle a letter.

The check column shows, live, what breaks the framework's rules (no A, more than one A,
no R). Every toggle is one commit such as `acme: raci: Funding approval × CFO: R → R/A`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ...models.commitment import ROLE_ORDER
from ...models.edit import set_value
from .sections import Section
from .table import RecordTable
from .tool import ToolEditor

LEGEND = (
    "[b]R[/b] Responsible: does the work   [b]A[/b] Accountable: answers for it, exactly one   "
    "[b]C[/b] Consulted: gives input   [b]I[/b] Informed: told when done"
)
CHECKS = {"no-a": "no A", "several-a": "2+ A", "no-r": "no R"}


class RaciGrid(RecordTable):
    """One matrix as a grid; its `section` is the matrix's activity list."""

    def __init__(self, section: Section, matrix: dict[str, Any], roles: dict[str, str]) -> None:
        super().__init__(section)
        self.matrix = matrix
        self.roles = roles
        """Register id -> job role (or group title): short, readable column heads."""

    def fill(self, data: dict[str, Any], names: dict[str, str]) -> None:
        from ...models.commitment import RaciActivity

        row, column = self.cursor_coordinate
        self.clear(columns=True)
        self.add_column("Activity", key="name")
        columns = self.matrix.get("columns", [])
        for col in columns:
            title = self.roles.get(col.get("stakeholder") or "") or col.get("title") or col["id"]
            self.add_column(_short(title), key=f"cell:{col['id']}")
        self.add_column("Check", key="check")
        for activity in self.matrix.get("activities", []):
            cells = activity.get("cells", {})
            problems = RaciActivity(
                id=activity["id"], name=activity.get("name", "?"), cells=cells
            ).problems
            check = Text(
                ", ".join(CHECKS[p] for p in problems) or "✓",
                style="bold red" if problems else "green",
            )
            name = str(activity.get("name", ""))
            self.add_row(
                name if len(name) <= 40 else name[:39] + "…",
                *[cells.get(col["id"], "") for col in columns],
                check,
                key=activity["id"],
            )
        if self.row_count:
            self.move_cursor(
                row=min(row, self.row_count - 1), column=min(column, len(self.columns) - 1)
            )

    def target(self) -> Any:
        """Only the activity name is edited as text; letters are toggled, checks computed."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate)
        if str(key.column_key.value) != "name":
            return None
        spec = next(s for s in self.section.specs if s.name == "name")
        return (*self.section.path, str(key.row_key.value), "name"), spec, str(key.row_key.value)

    def cell_target(self) -> tuple[str, str] | None:
        """(activity id, column id) under the cursor, if it is a RACI cell."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate)
        column = str(key.column_key.value)
        if not column.startswith("cell:"):
            return None
        return str(key.row_key.value), column.removeprefix("cell:")


def _short(title: str, width: int = 12) -> str:
    """Long column titles stay readable: each word cut to its first letters until it fits."""
    if len(title) <= width:
        return title
    words = title.replace("(", "").replace(")", "").split()
    for size in (5, 4, 3):
        short = " ".join(w[:size] for w in words)
        if len(short) <= width:
            return short
    return "".join(w[0].upper() for w in words)[:width]


class RaciEditor(ToolEditor):
    """The RACI matrices of an engagement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "role('R')", "Toggle R", id="raci.r"),
        Binding("a", "role('A')", "Toggle A", id="raci.a"),
        Binding("c", "role('C')", "Toggle C", id="raci.c"),
        Binding("i", "role('I')", "Toggle I", id="raci.i"),
        Binding("x", "clear_cell", "Clear cell", id="raci.clear"),
        Binding("o", "add_activity", "Add activity", id="raci.add"),
    ]

    def compose_extra(self) -> ComposeResult:
        yield Static(LEGEND, id="raci-legend", classes="summary")

    def show_sections(self, sections: list[Section]) -> None:
        from textual.containers import VerticalScroll
        from textual.widgets import Label

        holder = self.query_one(".sections", VerticalScroll)
        grids = list(holder.query(RaciGrid))
        matrices = self.data.get("matrices", [])
        if [g.matrix.get("id") for g in grids] == [m["id"] for m in matrices]:
            for grid, matrix in zip(grids, matrices, strict=True):
                grid.matrix = matrix
                grid.fill(self.data, self.names)
            return
        self.sections = []
        holder.remove_children()
        widgets: list[Any] = []
        for matrix in matrices:
            section = next(
                s for s in sections if s.path == ("matrices", matrix["id"], "activities")
            )
            widgets.append(Label(f"{matrix.get('title', 'RACI matrix')}", classes="section-title"))
            widgets.append(RaciGrid(section, matrix, self.roles()))
        holder.mount_all(widgets)
        for grid in holder.query(RaciGrid):
            grid.fill(self.data, self.names)
        self.call_after_refresh(self.focus_first_table)

    def roles(self) -> dict[str, str]:
        return {
            row["id"]: str(row.get("job_role") or row.get("name") or row["id"])
            for row in self._engagement_rows("stakeholders.toml", "stakeholders")
        }

    def _grid(self) -> RaciGrid | None:
        focused = self.app.focused
        if isinstance(focused, RaciGrid):
            return focused
        grids = list(self.query(RaciGrid))
        return grids[0] if grids else None

    def action_role(self, role: str) -> None:
        grid = self._grid()
        target = grid.cell_target() if grid else None
        if grid is None or target is None:
            self.notify("move to a stakeholder's cell to set R, A, C or I", timeout=3)
            return
        activity, column = target
        path = ("matrices", str(grid.matrix["id"]), "activities", activity, "cells", column)
        current = set(str(grid.get_cell(activity, f"cell:{column}") or "").split("/")) - {""}
        current ^= {role}
        text = "/".join(r for r in ROLE_ORDER if r in current)
        problem = self.commit(lambda data: set_value(data, path, text or None))
        if problem:
            self.notify(problem, severity="error")

    def action_clear_cell(self) -> None:
        grid = self._grid()
        target = grid.cell_target() if grid else None
        if grid is None or target is None:
            return
        activity, column = target
        path = ("matrices", str(grid.matrix["id"]), "activities", activity, "cells", column)
        problem = self.commit(lambda data: set_value(data, path, None))
        if problem:
            self.notify(problem, severity="error")

    def action_edit(self) -> None:
        grid = self._grid()
        if grid is not None and grid.cell_target() is not None:
            self.notify("r, a, c, i toggle a letter; x clears the cell", timeout=3)
            return
        super().action_edit()

    def action_add_activity(self) -> None:
        super().action_add_row()
