"""Editing one value of a tool's file: the docked cell editor for the highlighted cell,
space on a yes/no answer. Each confirmed change is one commit through the editor's
`commit`, which checks it against the model first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...models.edit import PathError, resolve, set_value
from ...models.fields import FieldSpec, field_specs
from . import naming
from .cell import CellEditor
from .sections import Section

if TYPE_CHECKING:
    from .tool import ToolEditor


def edit_cell(editor: ToolEditor) -> None:
    """e: open the cell editor on the highlighted value (a yes/no answer just toggles)."""
    if editor.read_only:
        editor.notify(editor.read_only_text, timeout=4)
        return
    table = editor.focused_table()
    if table is None or editor.loaded is None:
        return
    target = table.target()
    if target is None:
        return
    path, spec, row = target
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
        title=f"{table.section.title}: {row_label(editor, table.section, row)}{spec.label}",
    )


def row_label(editor: ToolEditor, section: Section, row: str | None) -> str:
    """`Graham Pike · `: the row being edited, named in the edit box's title (the matrix's
    figures are edited below a chart, away from the row's name); empty for a form."""
    if row is None:
        return ""
    try:
        item = resolve(editor.data, (*section.path, row))
    except PathError:
        return ""
    field = getattr(section.model, "label_field", "")
    value = item.get(field) if field and isinstance(item, dict) else None
    if not isinstance(value, str) or not value:
        return ""
    return f"{editor.names.get(value, value)} · "


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


def answer_target(editor: ToolEditor) -> tuple[tuple[str, ...], FieldSpec] | None:
    """The yes/no answer space toggles: the highlighted one, or on a row with one yes/no
    field, that field from any column of the row (a checklist's question or comment cell
    answers the question too)."""
    table = editor.focused_table()
    target = table.target() if table else None
    if table is None or target is None:
        return None
    path, spec, row = target
    if spec is not None and spec.kind == "bool":
        return path, spec
    answers = [s for s in table.section.specs if s.kind == "bool"]
    if row is None or len(answers) != 1:
        return None
    return (*table.section.path, row, answers[0].name), answers[0]


def toggle_answer(editor: ToolEditor) -> None:
    """space: a yes/no answer cycles yes, no (and blank when it may be left open). A row
    with a date beside its answer is dated today when answered (cleared with the answer),
    as the checklist's Date column means the day the answer was given."""
    found = answer_edit(editor, editor.data)
    if found is None:
        return
    change, headline = found
    problem = editor.commit(change, headline=headline)
    if problem:
        editor.notify(problem, severity="error")


def answer_edit(
    editor: ToolEditor, data: dict[str, Any]
) -> tuple[Callable[[dict[str, Any]], dict[str, Any]], str | None] | None:
    """The edit space makes on the highlighted answer as `data` shows it, and its words
    (`answered yes on 2026-11-22: Are the users trained?`); None: nothing to toggle."""
    found = answer_target(editor)
    table = editor.focused_table()
    if found is None or table is None:
        return None
    path, spec = found
    try:
        current = resolve(data, path)
    except PathError:
        current = None
    new = {None: True, True: False, False: None}[current] if spec.optional else not current
    dated = any(s.name == "date" and s.kind == "date" for s in table.section.specs)
    day = editor.workspace.today if new is not None else None

    def change(data: dict[str, Any]) -> dict[str, Any]:
        data = set_value(data, path, new)
        return set_value(data, (*path[:-1], "date"), day) if dated else data

    word = {True: "yes", False: "no", None: "(empty)"}
    headline = None
    if dated:
        row = resolve(data, path[:-1]) if editor.exists(path[:-1]) else {}
        label = str(row.get("question") or row.get("title") or path[-2])
        when = f" on {day}" if day else ""
        said = (  # a diary: "answered yes", never "(empty) → yes"
            f"answered {word[new]}"
            if current is None
            else "answer cleared"
            if new is None
            else f"answer {word[current]} → {word[new]}"
        )
        headline = f"{said}{when}: {label}"
    return change, headline
