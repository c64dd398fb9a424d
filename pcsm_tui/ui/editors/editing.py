"""Editing one value of a tool's file: the docked cell editor for the highlighted cell,
space on a yes/no answer. Each confirmed change is one commit through the editor's
`commit`, which checks it against the model first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...models.edit import PathError, resolve, set_value
from ...models.fields import FieldSpec, field_specs
from . import naming
from .cell import CellEditor
from .readonly import READ_ONLY
from .sections import Section

if TYPE_CHECKING:
    from .tool import ToolEditor


def edit_cell(editor: ToolEditor) -> None:
    """e: open the cell editor on the highlighted value (a yes/no answer just toggles)."""
    if editor.read_only:
        editor.notify(READ_ONLY, timeout=4)
        return
    table = editor.focused_table()
    if table is None or editor.loaded is None:
        return
    target = table.target()
    if target is None:
        return
    path, spec, _row = target
    if spec is None:  # a map cell such as a score: a whole number in the map's range
        spec = map_spec(table.section, path)
    if spec.kind == "bool" and not spec.optional:
        toggle_answer(editor)
        return
    try:
        value = resolve(editor.data, path)
    except PathError:
        value = None
    if naming.picker_for(editor, table.section, spec) is not None:
        naming.pick_reference(editor, table, path, spec, value)  # by name, in a dialog
        return
    cell = editor.query_one(CellEditor)
    editor.editing = True
    editor.refresh_bindings()

    def confirm(new: Any) -> str | None:
        if new == value:
            editor.finish_edit(table)
            return None
        problem = editor.commit(lambda data: set_value(data, path, new))
        if problem is None:
            editor.finish_edit(table)
        return problem

    cell.on_preview = editor.preview_hook(path)
    cell.open(
        spec,
        value,
        confirm,
        lambda: editor.finish_edit(table),
        choices=editor.choices_for(table.section, spec),
        scales=editor.workspace.repo.scales(),
        title=f"{table.section.title}: {spec.label}",
    )


def map_spec(section: Section, path: tuple[str, ...]) -> FieldSpec:
    """A map cell (a score by area) edits as a whole number in its field's range."""
    spec = next(s for s in field_specs(section.model) if s.name == path[-2])
    return FieldSpec(
        name=path[-1],
        label=f"{spec.label} {path[-1]}",
        kind="int",
        optional=True,
        low=spec.low,
        high=spec.high,
    )


def toggle_answer(editor: ToolEditor) -> None:
    """space: a yes/no answer cycles yes, no (and blank when it may be left open)."""
    table = editor.focused_table()
    target = table.target() if table else None
    if target is None or target[1] is None or target[1].kind != "bool":
        return
    path, spec, _ = target
    assert spec is not None
    current = resolve(editor.data, path) if editor.exists(path) else None
    new = {None: True, True: False, False: None}[current] if spec.optional else not current
    problem = editor.commit(lambda data: set_value(data, path, new))
    if problem:
        editor.notify(problem, severity="error")
