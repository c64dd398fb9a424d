"""A section on screen: a form (field | value) or a table (one row per row)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Label

from ...models.edit import resolve
from ...models.fields import FieldSpec, format_value
from ...textcut import shorten
from ..widgets import Columns, Rows, VimTable
from .sections import Section, is_short

if TYPE_CHECKING:
    from .tool import ToolEditor

CELL_WIDTH = 44
"""A table's cell at most this wide: its text is cut at a word (the cell detail has it all)."""
FORM_VALUE_WIDTH = 240
"""A form's value (one field a line) is cut only to the room the pane leaves it, by
`VimTable.stretch` (cut at 44 too, it left half of a wide pane empty); this bounds what is
measured before the pane's width is known."""


MEMBER_FIELDS = frozenset({"csm", "am"})
"""Fields that hold a team member's id (the engagement's CSM and account manager): shown by
the member's name, as every other reference is."""


def cell_text(
    spec: FieldSpec | None, value: Any, names: dict[str, str], width: int = CELL_WIDTH
) -> str:
    if spec is None:  # a map column (e.g. a score A-H)
        return "" if value is None else str(value)
    if spec.kind == "bool" and value is None:
        return "·"
    if (spec.reference or spec.name in MEMBER_FIELDS) and isinstance(value, str) and value in names:
        text = f"{names[value]}"
    elif spec.framework_list and isinstance(value, str) and choice_key(spec, value) in names:
        text = names[choice_key(spec, value)]  # a RAPAE category by its name, not its id
    else:
        text = format_value(spec, value)
    first, _, rest = text.partition("\n")
    if rest.strip():
        first += " ⏎…"
    return shorten(first, width)  # at a word, with "…"; the cell detail has it all


def choice_key(spec: FieldSpec, value: str) -> str:
    """Where `choice_names` keeps an entry's name: apart from the register's ids."""
    return f"{spec.framework_list}:{value}"


def choice_names(
    choices: Callable[[str], list[tuple[str, str | None]]], sections: list[Section]
) -> dict[str, str]:
    """The names of the framework-list entries the sections' fields choose from (a team's
    own RAPAE categories included), so that cells show a name where the file keeps an id."""
    found: dict[str, str] = {}
    for section in sections:
        for spec in section.specs:
            if spec.framework_list:
                for name, ident in choices(spec.framework_list):
                    if ident is not None:
                        found[choice_key(spec, ident)] = name
    return found


class RecordTable(VimTable):
    """Shows one section; knows which field and row each cell stands for."""

    def __init__(self, section: Section) -> None:
        super().__init__(id=section.key, cursor_type="cell", zebra_stripes=True)
        self.section = section
        self.fixed_columns = 1  # the row's name stays in view while wide tables scroll
        if section.kind == "record":
            self.stretch = "value"  # a long value is cut at a word to the pane, not clipped
        self.row_filter: Callable[[dict[str, Any]], bool] | None = None
        """Rows shown (None: all); the file keeps every row (the activity log's states)."""

    def fill(self, data: dict[str, Any], names: dict[str, str]) -> None:
        self.show(*self._layout(data, names))

    def _layout(self, data: dict[str, Any], names: dict[str, str]) -> tuple[Columns, Rows]:
        """The columns (label, key) and rows (key, cells) that show `data`."""
        section = self.section
        if section.kind == "record":
            record = _record(data, section.path)
            return [("Field", "field"), ("Value", "value")], [
                (
                    spec.name,
                    [
                        Text(spec.label, style="bold"),
                        cell_text(spec, record.get(spec.name), names, FORM_VALUE_WIDTH),
                    ],
                )
                for spec in section.specs
            ]
        label_field = getattr(section.model, "label_field", "")
        split = next(
            (i for i, spec in enumerate(section.specs) if not is_short(spec, label_field)),
            len(section.specs),
        )
        computed = getattr(section.model, "computed_columns", ())
        columns: Columns = [(spec.label, spec.name) for spec in section.specs[:split]]
        columns += [(key, f"{map_name}:{key}") for map_name, key in section.map_columns]
        columns += [(Text(name.capitalize(), style="italic"), f"={name}") for name in computed]
        columns += [(spec.label, spec.name) for spec in section.specs[split:]]
        rows: Rows = []
        for item in _rows(data, section.path):
            if self.row_filter is not None and not self.row_filter(item):
                continue
            cells: list[Any] = [
                cell_text(spec, item.get(spec.name), names) for spec in section.specs[:split]
            ]
            cells += [
                cell_text(None, item.get(m, {}).get(k), names) for m, k in section.map_columns
            ]
            if computed:
                row_model = section.model.model_construct(**item)
                cells += [
                    Text(cell_text(None, getattr(row_model, name), names), style="italic")
                    for name in computed
                ]
            cells += [cell_text(spec, item.get(spec.name), names) for spec in section.specs[split:]]
            rows.append((str(item["id"]), cells))
        return columns, rows

    def target(self) -> tuple[tuple[str, ...], FieldSpec | None, str | None] | None:
        """(path of the value, its spec, the row id) under the cursor; None on an empty table.

        The spec is None for a map column (the path then ends with the map's key).
        """
        if not self.row_count:
            return None
        cell = self.coordinate_to_cell_key(self.cursor_coordinate)
        row_key = str(cell.row_key.value)
        column_key = str(cell.column_key.value)
        section = self.section
        if section.kind == "record":
            spec = next(s for s in section.specs if s.name == row_key)
            return (*section.path, spec.name), spec, None
        if column_key.startswith("="):
            return None  # a computed value: nothing to edit
        if ":" in column_key:
            map_name, key = column_key.split(":", 1)
            return (*section.path, row_key, map_name, key), None, row_key
        spec = next(s for s in section.specs if s.name == column_key)
        return (*section.path, row_key, spec.name), spec, row_key

    def current_row_id(self) -> str | None:
        if self.section.kind != "rows" or not self.row_count:
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)


def _record(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    try:
        found = resolve(data, path)
    except KeyError:
        return {}
    return found if isinstance(found, dict) else {}


def _rows(data: dict[str, Any], path: tuple[str, ...]) -> list[dict[str, Any]]:
    try:
        found = resolve(data, path)
    except KeyError:
        return []
    return found if isinstance(found, list) else []


def mount_sections(editor: ToolEditor, sections: list[Section]) -> None:
    """An editor's sections on screen: a title and a table each, in order; tables already
    shown are refilled in place, new ones mounted after their predecessor, gone ones removed."""
    holder = editor.query_one(".sections", VerticalScroll)
    editor.sections = sections
    existing = {table.section.key: table for table in holder.query(RecordTable)}
    wanted = {section.key for section in sections}
    for key, gone in existing.items():
        if key not in wanted:
            for label in holder.query(f"#title-{key}"):
                label.remove()
            gone.remove()
    previous: RecordTable | None = None
    mounted = False
    for section in sections:
        table = existing.get(section.key)
        if table is None:
            title = Label(
                editor.section_title(section), classes="section-title", id=f"title-{section.key}"
            )
            table = RecordTable(section)
            if previous is None and holder.children:
                holder.mount(title, table, before=0)
            elif previous is None:
                holder.mount(title, table)
            else:
                holder.mount(title, table, after=previous)
            mounted = True
        table.section = section
        # an editor that shows some rows only (ActivityLogEditor) says which; most show all
        table.row_filter = getattr(editor, "row_filter_for", lambda _section: None)(section)
        table.fill(editor.data, editor.names)
        previous = table
    editor.refresh_titles()
    if mounted:
        editor.call_after_refresh(editor.focus_first_table)
