"""The RACI grid: activities down, stakeholders across; r/a/c/i toggle a letter.

The check column shows, live, what breaks the framework's rules (no A, more than one A,
no R). Every toggle is one commit such as `acme: raci: Funding approval × CFO: R → R/A`.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import Any, ClassVar

from rich.text import Text, TextType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static
from textual.widgets.data_table import CellType, ColumnKey

from ...models.commitment import ROLE_ORDER, RaciActivity, RaciColumn
from ...models.edit import PathError, add_row, move_row, new_id, set_value
from ...models.fields import FieldSpec
from ...models.naming import Ids, NewName
from ..plain import content, line
from ..widgets import Columns, Rows
from . import naming
from .cell import CellEditor
from .dialogs import ConfirmScreen, NewRowScreen
from .raci_parts import _short, _without_column, activity_name_taken, shorten
from .sections import Section
from .table import RecordTable
from .tool import ToolEditor

LEGEND = (
    "[b]R[/b] Responsible: does the work   [b]A[/b] Accountable: answers for it, exactly one   "
    "[b]C[/b] Consulted: gives input   [b]I[/b] Informed: told when done"
)
CHECKS = {"no-a": "no A", "several-a": "2+ A", "no-r": "no R"}
NAME_WIDTH = 34
"""The activity column (frozen while the grid scrolls sideways) leaves room for letters."""


class RaciGrid(RecordTable):
    """One matrix as a grid; its `section` is the matrix's activity list."""

    def __init__(self, section: Section, matrix: dict[str, Any], roles: dict[str, str]) -> None:
        super().__init__(section)
        self.matrix = matrix
        self.roles = roles
        """Register id -> job role (or group title): short, readable column heads."""

    def _layout(self, data: dict[str, Any], names: dict[str, str]) -> tuple[Columns, Rows]:
        # The matrix as in `data` (an edit still being saved included), so that a second
        # key in the same cell toggles from what the first one made.
        wanted = self.matrix.get("id")
        self.matrix = next(
            (m for m in data.get("matrices", []) if m.get("id") == wanted), self.matrix
        )
        columns = self.matrix.get("columns", [])
        heads: Columns = [("Activity", "name")]
        for col in columns:
            heads.append((_short(self.column_name(col)), f"cell:{col['id']}"))
        heads.append(("Check", "check"))
        rows: Rows = []
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
            rows.append(
                (
                    activity["id"],
                    [
                        shorten(name, NAME_WIDTH),  # at a word, with …
                        *[cells.get(col["id"], "") for col in columns],
                        check,
                    ],
                )
            )
        return heads, rows

    def column_name(self, column: dict[str, Any]) -> str:
        """The column's own title when it has one (a rename shows at once), else the
        stakeholder's job role or name from the register, else its id."""
        stakeholder = str(column.get("stakeholder") or "")
        return str(column.get("title") or self.roles.get(stakeholder) or column["id"])

    def long_names(self) -> list[str]:
        """The column names the heads cut, in full, for the legend under the grids."""
        names = [self.column_name(c) for c in self.matrix.get("columns", [])]
        return [name for name in names if "…" in _short(name)]

    def add_column(
        self,
        label: TextType,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
    ) -> ColumnKey:
        """A head of several lines (`_short` wraps long names): each line shown as written
        (controls escaped), the lines kept apart, which the one-line `plain` would not."""
        if isinstance(label, str) and "\n" in label:
            head = Text("\n".join(line(part) for part in label.split("\n")), no_wrap=True)
            return DataTable.add_column(self, head, width=width, key=key, default=default)
        return super().add_column(label, width=width, key=key, default=default)

    def show(self, columns: Columns, rows: Rows) -> None:
        """Heads wrap onto as many lines as the longest needs (one to HEAD_LINES)."""
        self.header_height = max((str(label).count("\n") + 1 for label, _ in columns), default=1)
        super().show(columns, rows)

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


class RaciEditor(ToolEditor):
    """The RACI matrices of an engagement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "role('R')", "Toggle R", id="raci.r"),
        Binding("a", "role('A')", "Toggle A", id="raci.a"),
        Binding("c", "role('C')", "Toggle C", id="raci.c"),
        Binding("i", "role('I')", "Toggle I", id="raci.i"),
        Binding("x", "clear_cell", "Clear cell", id="raci.clear"),
        Binding("o", "add_activity", "Add activity", id="raci.add"),
        Binding(
            "M", "add_matrix", "Add a matrix (for a part of the initiative)", id="raci.matrix.add"
        ),
        Binding("A", "add_column", "Add a stakeholder column", id="raci.column.add"),
        Binding("E", "rename_column", "Rename the column", id="raci.column.rename"),
        Binding("X", "remove_column", "Remove the column", id="raci.column.remove"),
        Binding("less_than_sign", "move_column(-1)", "Move the column left", id="raci.column.left"),
        Binding(
            "greater_than_sign", "move_column(1)", "Move the column right", id="raci.column.right"
        ),
    ]

    def compose_extra(self) -> ComposeResult:
        yield Static(LEGEND, id="raci-legend", classes="summary")
        yield Static("", id="raci-heads", classes="editor-help")

    def show_sections(self, sections: list[Section]) -> None:
        """One grid per matrix; grids on screen are kept and refilled, new matrices are
        mounted after them and removed ones taken away (no remount, no lost cursor)."""
        holder = self.query_one(".sections", VerticalScroll)
        matrices = self.data.get("matrices", [])
        wanted = {str(m["id"]) for m in matrices}
        grids = {str(g.matrix.get("id")): g for g in holder.query(RaciGrid)}
        for matrix_id, gone in grids.items():
            if matrix_id not in wanted:
                for label in holder.query(f"#raci-title-{gone.id}"):
                    label.remove()
                gone.remove()
        mounted = False
        roles = self.roles()  # read again: a new column's stakeholder may be new too
        for matrix in matrices:
            grid = grids.get(str(matrix["id"]))
            if grid is None:
                section = next(
                    s for s in sections if s.path == ("matrices", matrix["id"], "activities")
                )
                grid = RaciGrid(section, matrix, roles)
                title = Label(
                    content(str(matrix.get("title", "RACI matrix")), lines=False),
                    classes="section-title",
                    id=f"raci-title-{section.key}",
                )
                holder.mount(title, grid)
                mounted = True
            grid.matrix, grid.roles = matrix, roles
            grid.fill(self.data, self.names)
        for matrix in matrices:
            for label in holder.query(f"#raci-title-sec-matrices-{matrix['id']}-activities"):
                if isinstance(label, Label):
                    label.update(content(str(matrix.get("title", "RACI matrix")), lines=False))
        self.show_long_heads(holder.query(RaciGrid).results(RaciGrid))
        if mounted:
            self.call_after_refresh(self.focus_first_table)

    def show_long_heads(self, grids: Iterable[RaciGrid]) -> None:
        """Under the legend: the column names their heads cut, in full (data: as written)."""
        names = list(dict.fromkeys(name for grid in grids for name in grid.long_names()))
        heads = self.query_one("#raci-heads", Static)
        heads.update(content("Columns in full: ", " · ".join(names)) if names else "")
        heads.display = bool(names)

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

    def field_path(self) -> tuple[str, ...] | None:
        grid = self._grid()
        target = grid.cell_target() if grid else None
        if grid is None or target is None:
            return super().field_path()
        matrix = str(grid.matrix["id"])
        return ("matrices", matrix, "activities", target[0], "cells", target[1])

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

    def commit(self, edit: Any, headline: str | None = None, then: Any = None) -> str | None:
        """As every editor, refusing an activity named as another of its matrix."""
        with suppress(PathError):
            if problem := activity_name_taken(self.data, edit(self.data)):
                return problem
        return super().commit(edit, headline, then)

    def action_add_activity(self) -> None:
        super().action_add_row()

    def action_add_matrix(self) -> None:
        existing = [str(m["id"]) for m in self.data.get("matrices", [])]

        def add(values: dict[str, Any] | None) -> None:
            if not values:
                return
            matrix = {
                "id": new_id(existing, "matrix"),
                "title": values["title"],
                "columns": [],
                "activities": [],
            }
            problem = self.commit(lambda data: add_row(data, ("matrices",), matrix))
            if problem:
                self.notify(problem, severity="error")

        spec = FieldSpec(name="title", label="Title of the new matrix", kind="text", required=True)
        self.app.push_screen(NewRowScreen("New RACI matrix", [spec]), add)

    # --- columns ------------------------------------------------------------------------

    def _column_fields(self) -> list[FieldSpec]:
        return [
            FieldSpec(name="stakeholder", label="Stakeholder", kind="text", reference=True),
            FieldSpec(
                name="title", label="Column title (a group not in the register)", kind="text"
            ),
        ]

    def action_add_column(self) -> None:
        """A: a column for a stakeholder chosen by name (or named here: a new stakeholder
        joins the register in the same commit), or a titled column for a group."""
        grid = self._grid()
        if grid is None:
            return
        matrix = str(grid.matrix["id"])
        existing = [str(c["id"]) for c in grid.matrix.get("columns", [])]
        columns = ("matrices", matrix, "columns")

        def add(values: dict[str, Any] | None) -> None:
            if not values or not (values.get("stakeholder") or values.get("title")):
                return
            stakeholder = values.get("stakeholder") or None
            if isinstance(stakeholder, NewName):
                column_id = new_id(existing, "col")
                title = values.get("title")

                def edit(data: dict[str, Any], ids: Ids) -> dict[str, Any]:
                    made = ids("stakeholder", stakeholder, data)
                    column = {"id": column_id, "stakeholder": made, "title": title}
                    return add_row(data, columns, {k: v for k, v in column.items() if v})

                naming.save_naming(self, RaciColumn, edit)
                return
            column_id = (
                stakeholder
                if stakeholder and stakeholder not in existing
                else new_id(existing, "col")
            )
            column = {"id": column_id, "stakeholder": stakeholder, "title": values.get("title")}
            column = {k: v for k, v in column.items() if v}
            problem = self.commit(lambda data: add_row(data, columns, column))
            if problem:
                self.notify(problem, severity="error")

        taken = {c.get("stakeholder") for c in grid.matrix.get("columns", [])}  # one each
        free = [choice for choice in naming.register_choices(self) if choice[1] not in taken]
        pickers = {"stakeholder": (free, "stakeholder")}
        self.app.push_screen(
            NewRowScreen(
                "New RACI column", self._column_fields(), self.workspace.repo.scales(), pickers
            ),
            add,
        )

    def column_name(self, grid: RaciGrid, column: str) -> str:
        """How a column is named to a person: its stakeholder's role or name, its title."""
        for col in grid.matrix.get("columns", []):
            if col.get("id") == column:
                return str(
                    self.names.get(col.get("stakeholder") or "")
                    or col.get("title")
                    or self.roles().get(col.get("stakeholder") or "")
                    or "this column"
                )
        return "this column"

    def _column_at_cursor(self) -> tuple[RaciGrid, str, str] | None:
        """(grid, matrix id, column id) under the cursor, or None after saying what to do."""
        grid = self._grid()
        column = _column_id(grid) if grid else None
        if grid is None or column is None:
            self.notify("move to a stakeholder's column first", timeout=3)
            return None
        return grid, str(grid.matrix["id"]), column

    def action_rename_column(self) -> None:
        found = self._column_at_cursor()
        if found is None:
            return
        grid, matrix, column = found
        editor = self.query_one(CellEditor)
        spec = FieldSpec(name="title", label="Column title", kind="text")
        current = next(
            (c.get("title", "") for c in grid.matrix.get("columns", []) if c.get("id") == column),
            "",
        )

        def confirm(value: Any) -> str | None:
            path = ("matrices", matrix, "columns", column, "title")
            problem = self.commit(lambda data: set_value(data, path, value or None))
            if problem is None:
                grid.focus()
            return problem

        def cancel() -> None:
            grid.focus()

        editor.open(spec, current, confirm, cancel, title="Rename the column")

    def action_remove_column(self) -> None:
        found = self._column_at_cursor()
        if found is None:
            return
        grid, matrix, column = found
        name = self.column_name(grid, column)  # a person's words, never the column's id

        def answered(yes: bool | None) -> None:
            if yes:
                problem = self.commit(lambda data: _without_column(data, matrix, column))
                if problem:
                    self.notify(problem, severity="error")

        self.app.push_screen(
            ConfirmScreen(f"Remove the column “{name}” and its letters from every activity?"),
            answered,
        )

    def action_move_column(self, offset: int) -> None:
        found = self._column_at_cursor()
        if found is None:
            return
        grid, matrix, column = found
        problem = self.commit(
            lambda data: move_row(data, ("matrices", matrix, "columns"), column, offset)
        )
        if problem:
            self.notify(problem, severity="error")
        else:
            grid.move_cursor(column=max(1, grid.cursor_column + offset))


def _column_id(grid: RaciGrid) -> str | None:
    if not grid.row_count:
        return None
    key = str(grid.coordinate_to_cell_key(grid.cursor_coordinate).column_key.value)
    return key.removeprefix("cell:") if key.startswith("cell:") else None
