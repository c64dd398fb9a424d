"""Row actions of a tool's editor: add, delete (with what refers to the row), copy, move.

Each is one commit through the editor's `commit` (checked against the model first); a
deletion that other rows refer to asks once and takes those references out in the same
commit (store/cascade.py via the service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...models.edit import PathError, new_id, resolve
from ...models.edit import delete_row as delete_data_row
from ...models.edit import move_row as move_data_row
from ...models.fields import main_specs
from ...models.numbering import add_numbered_row, duplicate_numbered_row
from ..appref import pcsm_app
from . import naming
from .dialogs import ConfirmScreen, NewRowScreen
from .editing import row_label
from .sections import Section
from .table import RecordTable

if TYPE_CHECKING:
    from ...gateway import CommitResult, Removal
    from .tool import ToolEditor


def add_row(editor: ToolEditor) -> None:
    table = editor.focused_table()
    if table is None or table.section.kind != "rows":
        editor.notify("rows are added in a table; move to one with tab", timeout=3)
        return
    section = table.section
    after = table.current_row_id()
    existing = [
        str(r.get("id"))
        for r in (resolve(editor.data, section.path) if editor.exists(section.path) else [])
    ]

    def insert(values: dict[str, Any]) -> None:
        row = {"id": new_id(existing, editor.row_prefix(section)), **values}
        problem = editor.commit(  # numbered after the highest number of its list
            lambda data: add_numbered_row(data, section.path, row, section.model, after),
            then=lambda _r: go_to_row(editor, section, row["id"]),
        )
        if problem:
            editor.notify(problem, severity="error")

    ready = editor.new_row(section)  # a shape's prefilled row (a checklist) is added as is
    specs = main_specs(section.model)
    if ready or not specs:
        insert(ready or {})
        return
    pickers = {
        spec.name: found
        for spec in specs
        if (found := naming.picker_for(editor, section, spec)) is not None
    }
    pickers.update(  # a framework list a team may change (RAPAE): its own entries, by name
        {s.name: (editor.choices_for(section, s), "") for s in specs if s.framework_list}
    )
    editor.app.push_screen(
        NewRowScreen(
            f"New row in {section.title}",
            specs,
            editor.workspace.repo.scales(),
            pickers,
            check=lambda values: naming.check_row(editor, section, values),
        ),
        lambda values: naming.add_named_row(editor, section, values, after) if values else None,
    )


def go_to_row(editor: ToolEditor, section: Section, row_id: str) -> None:
    for table in editor.query(RecordTable):
        if table.section.key == section.key and row_id in table.rows:
            table.move_cursor(row=table.get_row_index(row_id))
            table.focus()


def delete_row(editor: ToolEditor) -> None:
    table = editor.focused_table()
    row_id = table.current_row_id() if table else None
    if table is None or row_id is None:
        return
    section = table.section
    # By its name (a stakeholder's from the register), never by its internal id.
    label = row_label(editor, section, row_id).removesuffix(" · ") or "this row"
    question = f"Delete “{label}” from {section.title}?"
    removal = _removal(editor, section, row_id)
    if removal is not None and removal.dependents:
        question += (
            f"\n\n{removal.describe(label)}: remove them too?\n"
            "(y deletes it with those references in one commit; without them the "
            "deletion would leave references to nothing, which pcsm does not save)"
        )

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        if removal is not None and removal.dependents:
            _remove_with_references(editor, section, row_id)
            return
        problem = editor.commit(lambda data: delete_data_row(data, section.path, row_id))
        if problem:
            editor.notify(problem, severity="error")

    editor.app.push_screen(ConfirmScreen(question), answered)


def _removal(editor: ToolEditor, section: Section, row_id: str) -> Removal | None:
    """What else deleting the row takes out (references to it in this and other files);
    None when that cannot be worked out (a file that does not read): the deletion is
    then checked like any save."""
    if len(section.path) != 1 or editor.loaded is None:
        return None  # only top-level lists are referred to from elsewhere
    try:
        return editor.workspace.removal(editor.rel, section.path, [row_id])
    except Exception as error:  # shown, and the plain deletion is still offered
        editor.notify(f"could not check what refers to it: {error}", severity="warning")
        return None


def _remove_with_references(editor: ToolEditor, section: Section, row_id: str) -> None:
    def done(_result: CommitResult) -> None:
        editor.reload()
        editor.post_message(editor.Saved())

    pcsm_app(editor).run_in_background(
        lambda: editor.workspace.remove_rows(editor.rel, section.path, [row_id]),
        done,
        "deleting it with its references…",
    )


def copy_row(editor: ToolEditor) -> None:
    table = editor.focused_table()
    row_id = table.current_row_id() if table else None
    if table is None or row_id is None:
        return
    section = table.section
    prefix = editor.row_prefix(section)
    problem = editor.commit(  # the copy gets the next free number after the original's
        lambda data: duplicate_numbered_row(data, section.path, row_id, section.model, prefix)[0]
    )
    if problem:
        editor.notify(problem, severity="error")


def move_row(editor: ToolEditor, offset: int) -> None:
    table = editor.focused_table()
    row_id = table.current_row_id() if table else None
    if table is None or row_id is None:
        return
    section = table.section
    problem = editor.commit(
        lambda data: move_data_row(data, section.path, row_id, offset),
        headline=move_headline(editor, section, row_id, offset),
        then=lambda _r: go_to_row(editor, section, row_id),
    )
    if problem:
        editor.notify(problem, severity="error")
    else:
        go_to_row(editor, section, row_id)


def move_headline(editor: ToolEditor, section: Section, row_id: str, offset: int) -> str | None:
    """`moved up to 2: Funding approval`: the row the person moved. The diff alone cannot
    tell which of two swapped neighbours moved (either reading explains it), and it named
    the other one when a row went up."""
    try:
        rows = list(resolve(editor.data, section.path))
    except PathError:
        return None
    index = next((i for i, row in enumerate(rows) if row.get("id") == row_id), None)
    if index is None:
        return None
    label_field = getattr(section.model, "label_field", "")
    name = str(rows[index].get(label_field) or "") if label_field else ""
    where = max(1, min(len(rows), index + 1 + offset))
    return f"moved {'up' if offset < 0 else 'down'} to {where}: {name or 'a row'}"
