"""References by name in a tool's editor: the pickers, and saves that create named rows.

Which fields are references, and to what, is read from models/references.py; the
choices are the target rows' names (never their ids). A stakeholder or an impacted group
may be named on the spot: the row that names it and the new row are saved as one commit
through `Workspace.change_naming` (service_people.py). A CSM is picked from the team's
members, as `pcsm new --csm` takes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ...models.edit import PathError, new_id, resolve, set_value
from ...models.engagement import Engagement
from ...models.fields import FieldSpec
from ...models.naming import Ids, NewName
from ...models.numbering import add_numbered_row
from ...models.references import IMPACTED_GROUPS, REGISTER, reference_of
from ..appref import pcsm_app
from .picker import NOTHING, Picked, PickScreen
from .row_rules import refused
from .sections import Section

if TYPE_CHECKING:
    from ...gateway import CommitResult
    from .table import RecordTable
    from .tool import ToolEditor

NamingEdit = Callable[[dict[str, Any], Ids], dict[str, Any]]

NEW_NOUNS = {REGISTER: "stakeholder", IMPACTED_GROUPS: "group"}
"""Targets a new name may create, and what the offer calls the new row."""


def picker_for(
    editor: ToolEditor, section: Section, spec: FieldSpec
) -> tuple[list[tuple[str, Any]], str] | None:
    """(choices by name, what a new name creates or "") for a field chosen by name, or
    None for a field typed as a value."""
    if issubclass(section.model, Engagement) and spec.name == "csm":
        choices: list[tuple[str, Any]] = [
            (c.label, c.value) for c in editor.workspace.member_choices()
        ]
        return [("(none)", ""), *choices], ""
    reference = reference_of(section.model, spec.name)
    if reference is None:
        return None
    return editor.choices_for(section, spec), NEW_NOUNS.get(reference.target, "")


def _fake_ids(field: str, value: NewName, data: dict[str, Any]) -> str:
    """A stand-in id to check a row before saving (the save makes the real one)."""
    return "new-name"


def check_row(editor: ToolEditor, section: Section, values: dict[str, Any]) -> str | None:
    """The problem a new row with `values` would have, in words (None: it holds)."""
    if editor.loaded is None:
        return "the file is not loaded"
    data = _with_row(section, "new-row", values, None)(editor.data, _fake_ids)
    try:
        type(editor.loaded.model).model_validate(data, context=editor.workspace.repo.context())
    except ValidationError as error:
        return editor.workspace.explain_problem(
            error, type(editor.loaded.model), data, editor.names
        )
    return refused(type(editor.loaded.model), editor.data, data)


def new_row_id(editor: ToolEditor, section: Section) -> str:
    """A fresh id for a row of `section` (random: two clones adding rows do not collide)."""
    rows = resolve(editor.data, section.path) if _exists(editor.data, section.path) else []
    return new_id([str(r.get("id")) for r in rows], editor.row_prefix(section))


def _with_row(
    section: Section, row_id: str, values: dict[str, Any], after: str | None
) -> NamingEdit:
    """The edit that adds a row with `values` (new names made into rows by `ids`)."""

    def edit(data: dict[str, Any], ids: Ids) -> dict[str, Any]:
        row: dict[str, Any] = {"id": row_id}
        for field, value in values.items():
            row[field] = ids(field, value, data) if isinstance(value, NewName) else value
        return add_numbered_row(data, section.path, row, section.model, after)

    return edit


def _exists(data: dict[str, Any], path: tuple[str, ...]) -> bool:
    try:
        resolve(data, path)
    except PathError:
        return False
    return True


def add_named_row(
    editor: ToolEditor, section: Section, values: dict[str, Any], after: str | None
) -> None:
    """Save a new row with every value given in the dialog as one commit (with any
    stakeholder or group it names for the first time), then put the cursor on it."""
    # cycle: ui.editors.rows imports this module
    from .rows import go_to_row

    row_id = new_row_id(editor, section)
    edit = _with_row(section, row_id, values, after)
    _save(editor, section, edit, lambda: go_to_row(editor, section, row_id))


def pick_reference(
    editor: ToolEditor, table: RecordTable, path: tuple[str, ...], spec: FieldSpec, value: Any
) -> None:
    """e on a reference cell (or the CSM): choose a name in a dialog; one commit."""
    found = picker_for(editor, table.section, spec)
    assert found is not None
    choices, noun = found
    shown = editor.names.get(str(value), "") if value else ""
    title = f"{table.section.title}: {spec.label}" + (f" (now {shown})" if shown else "")

    def chosen(answer: Picked | None) -> None:
        editor.finish_edit(table)
        if answer is None or answer.value == value:
            return
        new = answer.value

        def edit(data: dict[str, Any], ids: Ids) -> dict[str, Any]:
            final = ids(path[-1], new, data) if isinstance(new, NewName) else new
            return set_value(data, path, final)

        if not isinstance(new, NewName):
            problem = editor.commit(lambda data: set_value(data, path, new))
            if problem:
                editor.notify(problem, severity="error")
            return
        _save(editor, table.section, edit, None)

    editor.editing = True
    editor.refresh_bindings()
    editor.app.push_screen(
        PickScreen(title, choices, noun, value if value is not None else NOTHING), chosen
    )


def register_choices(editor: ToolEditor) -> list[tuple[str, Any]]:
    """The register's stakeholders by name (and role), for a column or a plan row."""
    return [
        (editor.names.get(row["id"], str(row.get("name") or "")), row["id"])
        for row in editor._engagement_rows(REGISTER, "stakeholders")
    ]


def _save(
    editor: ToolEditor, section: Section, edit: NamingEdit, then: Callable[[], None] | None
) -> None:
    save_naming(editor, section.model, edit, then)


def save_naming(
    editor: ToolEditor,
    model: type[Any],
    edit: NamingEdit,
    then: Callable[[], None] | None = None,
) -> None:
    """Run a naming save in the background (one commit), read the file, then `then()`."""
    if editor.loaded is None:
        return
    base = editor.workspace.seen(editor.loaded, editor.data)

    def done(_result: CommitResult) -> None:
        editor.reload()
        editor.post_message(editor.Saved())
        if then is not None:
            then()

    pcsm_app(editor).run_in_background(
        lambda: editor.workspace.change_naming(editor.rel, model, edit, base=base),
        done,
        "saving…",
    )
