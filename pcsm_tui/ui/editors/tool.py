"""The editor of one tool's file, generic over the tool registry.

It lays the file out in sections (editors/sections.py), edits one value at a time in the
docked cell editor, and turns every confirmed change into one commit through the app's
background saver. Shapes (checklist, scoring, document, monthly plan) add a little on top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static

from ...models.edit import (
    PathError,
    delete_row,
    move_row,
    new_id,
    resolve,
    set_value,
)
from ...models.fields import FieldSpec, field_specs
from ...models.numbering import add_numbered_row, duplicate_numbered_row
from ..plain import content
from .cell import CellEditor
from .dialogs import ConfirmScreen, NewRowScreen
from .sections import Section, build_sections
from .table import RecordTable

if TYPE_CHECKING:
    from ...service import Workspace
    from ...store.cascade import Removal
    from ...store.repository import CommitResult, Loaded
    from ..app import PcsmApp

Edit = Callable[[dict[str, Any]], dict[str, Any]]

REFERENCE_TARGETS: dict[tuple[str, str], tuple[str, str]] = {
    ("Assessment", "stakeholder"): ("stakeholders.toml", "stakeholders"),
    ("PlanRow", "stakeholder"): ("stakeholders.toml", "stakeholders"),
    ("RaciColumn", "stakeholder"): ("stakeholders.toml", "stakeholders"),
    ("AdoptionActivity", "group"): ("impacted-groups.toml", "groups"),
    ("PlanRow", "strategy"): ("", "strategies"),
    ("DevelopmentActivity", "csf"): ("", "csfs"),
}
"""Which rows a reference field names: (file in the engagement or "" for this file, list)."""


READ_ONLY = "read only: this is an earlier version; R restores it as a new commit"
READ_ONLY_ACTIONS = frozenset({"toggle_preview"})
"""What an editor still does when read only (viewing a file as of an earlier commit)."""


class ReadOnlyBanner(Static):
    """The bar over an editor that shows an earlier version: "as of … — read only"."""

    DEFAULT_CSS = """
    ReadOnlyBanner {
        height: auto; padding: 0 1; background: $warning 25%; color: $text; text-style: bold;
    }
    """


class ToolEditor(Vertical):
    """Edits one file; each confirmed change is one commit.

    With `read_only` it shows `text` (an earlier version) instead of the file on disk,
    under `banner`, and refuses every edit.
    """

    class Saved(Message):
        """Posted after a change was committed and the file read again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit cell", id="editor.edit"),
        Binding("space", "toggle_answer", "Toggle yes/no", id="editor.toggle"),
        Binding("a", "add_row", "Add row", id="editor.add"),
        Binding("d", "delete_row", "Delete row", id="editor.delete"),
        Binding("c", "copy_row", "Duplicate row", id="editor.copy"),
        Binding("K,shift+up", "move_row(-1)", "Move row up", id="editor.up"),
        Binding("J,shift+down", "move_row(1)", "Move row down", id="editor.down"),
        Binding("F", "field_history", "History of this field", id="editor.field_history"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        rel: str,
        title: str,
        help_text: str = "",
        engagement: str | None = None,
        read_only: bool = False,
        text: str | None = None,
        banner: str = "",
    ) -> None:
        super().__init__(classes="tool-editor")
        self.read_only = read_only
        self.source_text = text
        """The text to show instead of the file on disk (an earlier version)."""
        self.banner = banner
        self.workspace = workspace
        self.rel = rel
        self.heading = title
        self.help_text = help_text
        self.engagement = engagement
        self.loaded: Loaded | None = None
        self.data: dict[str, Any] = {}
        self.sections: list[Section] = []
        self.names: dict[str, str] = {}
        self.editing = False
        self.autofocus = True

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.banner:
            yield ReadOnlyBanner(content(self.banner))  # names the commit's author
        yield Static(self.title_content(), classes="editor-title")
        if self.help_text:
            yield Static(self.help_text, classes="editor-help")
        yield from self.compose_extra()
        yield VerticalScroll(classes="sections")
        yield CellEditor()

    def compose_extra(self) -> ComposeResult:
        """Shape-specific widgets above the sections."""
        yield from ()

    def title_content(self) -> Content:
        """The editor's heading and file: data (a person's id is in both), never markup."""
        return content((self.heading, "bold"), "  ", (self.rel, "dim"), lines=False)

    def on_mount(self) -> None:
        self.reload()

    @property
    def pcsm_app(self) -> PcsmApp:
        from ..app import PcsmApp

        assert isinstance(self.app, PcsmApp)
        return self.app

    def reload(self) -> None:
        """Read the file again and show it; a file that does not read is shown, not touched."""
        from pydantic import ValidationError

        from ...safeio import Unreadable
        from ...store.repository import dump

        try:
            if self.source_text is not None:
                self.loaded = self.workspace.load_text(self.rel, self.source_text)
            else:
                self.loaded = self.workspace.load(self.rel)
        except Unreadable as error:  # bad TOML, a link, a folder, not UTF-8, too big or deep
            self.show_problem(error.located(self.rel))
            return
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            self.show_problem(f"{self.rel}: {where}: {first['msg']}")
            return
        except FileNotFoundError:
            self.show_problem(f"{self.rel} does not exist")
            return
        self.data = dump(self.loaded.model)
        self.names = self.reference_names()
        sections = build_sections(
            type(self.loaded.model), self.data, self.map_keys(), skip=self.skipped_fields()
        )
        self.show_sections(sections)
        self.draw_extra()

    def show_problem(self, message: str) -> None:
        self.loaded = None
        holder = self.query_one(".sections", VerticalScroll)
        holder.remove_children()
        holder.mount(
            Static(
                content(
                    ("This file cannot be edited until it is fixed:", "bold red"),
                    f"\n{message}\n\n",
                    "pcsm has not changed it. Fix it in your editor (`pcsm validate` lists "
                    "every problem), then come back.",
                ),
                classes="problem",
            )
        )

    def show_sections(self, sections: list[Section]) -> None:
        """Show the sections, reusing the tables already on screen (no flicker, no refocus):
        only sections that appeared are mounted and only those that went away removed."""
        holder = self.query_one(".sections", VerticalScroll)
        self.sections = sections
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
                    self.section_title(section), classes="section-title", id=f"title-{section.key}"
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
            table.fill(self.data, self.names)
            previous = table
        self.refresh_titles()
        if mounted:
            self.call_after_refresh(self.focus_first_table)

    def focus_first_table(self) -> None:
        """Land in the first table when the editor opens, so keys work at once."""
        if self.autofocus and not self.editing:
            self.autofocus = False
            tables = list(self.query(RecordTable))
            if tables:
                tables[0].focus()

    def refresh_titles(self) -> None:
        for section in self.sections:
            for label in self.query(f"#title-{section.key}").results(Label):
                label.update(self.section_title(section))

    def section_title(self, section: Section) -> Content:
        """The title: the section's own text (row names), shown as written."""
        return content(section.title, lines=False)

    def refresh_extra(self) -> None:
        """Shape-specific refresh after every load."""

    def draw_extra(self) -> None:
        """`refresh_extra`, whose failure is shown rather than fatal: a chart reads other
        files (the register, an earlier month) that may not read, and the editor must stay."""
        from ..jobs import report_failure

        try:
            self.refresh_extra()
        except Exception as error:  # shown with the file's own words; the editor stays
            report_failure(self.app, "drawing the chart", error)

    def skipped_fields(self) -> frozenset[str]:
        return frozenset()

    def map_keys(self) -> dict[str, tuple[str, ...]]:
        return {"scores": tuple(a.id for a in self.workspace.framework.evaluation_areas)}

    # --- references ---------------------------------------------------------------------

    def _engagement_rows(self, filename: str, list_name: str) -> list[dict[str, Any]]:
        if not self.engagement:
            return []
        rows = self.workspace.read_quietly(f"engagements/{self.engagement}/{filename}")
        found = rows.get(list_name, [])
        if not isinstance(found, list):
            return []
        return [r for r in found if isinstance(r, dict) and isinstance(r.get("id"), str)]

    def reference_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for row in self._engagement_rows("stakeholders.toml", "stakeholders"):
            role = row.get("job_role", "")
            names[row["id"]] = f"{row.get('name', row['id'])}" + (f" ({role})" if role else "")
        for row in self._engagement_rows("impacted-groups.toml", "groups"):
            names[row["id"]] = f"{row['id']} {row.get('name', '')}".strip()
        return names

    def choices_for(self, section: Section, spec: FieldSpec) -> list[tuple[str, Any]]:
        target = REFERENCE_TARGETS.get((section.model.__name__, spec.name))
        if target is None:
            return []
        filename, list_name = target
        rows = (
            self._engagement_rows(filename, list_name) if filename else self.data.get(list_name, [])
        )
        label_of = {
            "stakeholders": "name",
            "groups": "name",
            "strategies": "title",
            "csfs": "factor",
        }[list_name]
        choices = [(f"{r['id']} — {r.get(label_of, '')}", r["id"]) for r in rows]
        if spec.optional or not spec.required:
            choices.insert(0, ("(none)", None if spec.optional else ""))
        return choices

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something where the cursor is."""
        if self.read_only:
            return action in READ_ONLY_ACTIONS
        table = self.focused_table() if self.is_mounted else None
        if self.editing and action in (
            "add_row",
            "delete_row",
            "copy_row",
            "move_row",
            "toggle_answer",
            "edit",
        ):
            return False
        if action in ("add_row", "delete_row", "copy_row", "move_row"):
            return table is not None and table.section.kind == "rows"
        if action == "toggle_answer":
            target = table.target() if table is not None else None
            return bool(target and target[1] is not None and target[1].kind == "bool")
        return True

    @on(RecordTable.CellHighlighted)
    def _moved(self, _event: RecordTable.CellHighlighted) -> None:
        self.refresh_bindings()

    # --- the focused table --------------------------------------------------------------

    def focused_table(self) -> RecordTable | None:
        """The table with the focus, else the first one. Asked for every key on every
        bindings refresh, so it walks up from the focus rather than querying the editor."""
        focused = self.app.focused
        if isinstance(focused, RecordTable) and self in focused.ancestors:
            return focused
        for table in self.query(RecordTable):
            return table
        return None

    @on(RecordTable.CellSelected)
    def _cell_selected(self, event: RecordTable.CellSelected) -> None:
        event.stop()
        self.action_edit()

    # --- editing ------------------------------------------------------------------------

    def commit(
        self,
        edit: Edit,
        headline: str | None = None,
        then: Callable[[CommitResult], None] | None = None,
    ) -> str | None:
        """Check the edit against the model now; if it holds, commit it in the background.

        Returns an error message (and writes nothing) when the result would not be valid.
        """
        from pydantic import ValidationError

        from ...app_errors import explain_validation

        if self.read_only:
            return READ_ONLY
        if self.loaded is None:
            return "the file is not loaded"
        try:
            new_data = edit(self.data)
            type(self.loaded.model).model_validate(new_data, context=self.workspace.repo.context())
        except ValidationError as error:
            return explain_validation(error)
        except PathError as error:
            return str(error)

        def done(result: CommitResult) -> None:
            self.reload()
            self.post_message(self.Saved())
            if then is not None:
                then(result)

        # The edit applies to what the person saw (edits still being saved included), so a
        # change made on disk meanwhile is merged in, never overwritten (service.change).
        base = self.workspace.seen(self.loaded, self.data)
        self.data = new_data  # show the change at once; the reload after the commit confirms it
        for table in self.query(RecordTable):
            table.fill(self.data, self.names)
        self.pcsm_app.change(self.rel, edit, done=done, headline=headline, base=base)
        return None

    def action_edit(self) -> None:
        if self.read_only:
            self.notify(READ_ONLY, timeout=4)
            return
        table = self.focused_table()
        if table is None or self.loaded is None:
            return
        target = table.target()
        if target is None:
            return
        path, spec, _row = target
        if spec is None:  # a map cell such as a score: a whole number in the map's range
            spec = self.map_spec(table.section, path)
        if spec.kind == "bool" and not spec.optional:
            self.action_toggle_answer()
            return
        try:
            value = resolve(self.data, path)
        except PathError:
            value = None
        editor = self.query_one(CellEditor)
        self.editing = True
        self.refresh_bindings()

        def confirm(new: Any) -> str | None:
            if new == value:
                self.finish_edit(table)
                return None
            problem = self.commit(lambda data: set_value(data, path, new))
            if problem is None:
                self.finish_edit(table)
            return problem

        editor.on_preview = self.preview_hook(path)
        editor.open(
            spec,
            value,
            confirm,
            lambda: self.finish_edit(table),
            choices=self.choices_for(table.section, spec),
            scales=self.workspace.repo.scales(),
            title=f"{table.section.title}: {spec.label}",
        )

    def field_path(self) -> tuple[str, ...] | None:
        """The path of the field under the cursor (RACI cells: raci.py)."""
        table = self.focused_table()
        target = table.target() if table is not None else None
        return target[0] if target is not None else None

    def action_field_history(self) -> None:
        """Every value the field under the cursor had; restore one (screens/fieldhistory.py)."""
        from ..screens.fieldhistory import FieldHistoryScreen

        path = self.field_path()
        if path is None:
            self.notify("move to a cell to see its history", timeout=3)
            return
        title = f"{self.heading}: history of a field"
        self.app.push_screen(FieldHistoryScreen(self.rel, path, title, self.reload))

    def preview_hook(self, path: tuple[str, ...]) -> Callable[[Any], None] | None:
        return None

    def map_spec(self, section: Section, path: tuple[str, ...]) -> FieldSpec:
        spec = next(s for s in field_specs(section.model) if s.name == path[-2])
        return FieldSpec(
            name=path[-1],
            label=f"{spec.label} {path[-1]}",
            kind="int",
            optional=True,
            low=spec.low,
            high=spec.high,
        )

    def finish_edit(self, table: RecordTable) -> None:
        self.editing = False
        self.refresh_bindings()
        table.focus()

    def action_toggle_answer(self) -> None:
        table = self.focused_table()
        target = table.target() if table else None
        if target is None or target[1] is None or target[1].kind != "bool":
            return
        path, spec, _ = target
        assert spec is not None
        current = resolve(self.data, path) if self._exists(path) else None
        new = {None: True, True: False, False: None}[current] if spec.optional else not current
        problem = self.commit(lambda data: set_value(data, path, new))
        if problem:
            self.notify(problem, severity="error")

    def _exists(self, path: tuple[str, ...]) -> bool:
        try:
            resolve(self.data, path)
        except PathError:
            return False
        return True

    def new_row(self, section: Section) -> dict[str, Any] | None:
        """A new row for `section` with nothing but defaults, or None to ask for fields."""
        required = [s for s in section.specs if s.required]
        if required:
            return None
        return {}

    def _prefix(self, section: Section) -> str:
        return section.model.__name__.lower()[:12]

    def action_add_row(self) -> None:
        table = self.focused_table()
        if table is None or table.section.kind != "rows":
            self.notify("rows are added in a table; move to one with tab", timeout=3)
            return
        section = table.section
        after = table.current_row_id()
        existing = [
            str(r.get("id"))
            for r in (resolve(self.data, section.path) if self._exists(section.path) else [])
        ]

        def insert(values: dict[str, Any]) -> None:
            row = {"id": new_id(existing, self._prefix(section)), **values}
            problem = self.commit(  # numbered after the highest number of its list
                lambda data: add_numbered_row(data, section.path, row, section.model, after),
                then=lambda _r: self._go_to_row(section, row["id"]),
            )
            if problem:
                self.notify(problem, severity="error")

        ready = self.new_row(section)
        if ready is not None:
            insert(ready)
            return
        required = [s for s in section.specs if s.required]
        self.app.push_screen(
            NewRowScreen(f"New row in {section.title}", required, self.workspace.repo.scales()),
            lambda values: insert(values) if values else None,
        )

    def _go_to_row(self, section: Section, row_id: str) -> None:
        for table in self.query(RecordTable):
            if table.section.key == section.key and row_id in table.rows:
                table.move_cursor(row=table.get_row_index(row_id))
                table.focus()

    def action_delete_row(self) -> None:
        table = self.focused_table()
        row_id = table.current_row_id() if table else None
        if table is None or row_id is None:
            return
        section = table.section
        label = row_id
        for row in resolve(self.data, section.path):
            if row.get("id") == row_id:
                field = getattr(section.model, "label_field", "")
                label = str(row.get(field) or row_id)

        question = f"Delete “{label}” from {section.title}?"
        removal = self._removal(section, row_id)
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
                self._remove_with_references(section, row_id)
                return
            problem = self.commit(lambda data: delete_row(data, section.path, row_id))
            if problem:
                self.notify(problem, severity="error")

        self.app.push_screen(ConfirmScreen(question), answered)

    def _removal(self, section: Section, row_id: str) -> Removal | None:
        """What else deleting the row takes out (references to it in this and other files);
        None when that cannot be worked out (a file that does not read): the deletion is
        then checked like any save."""
        if len(section.path) != 1 or self.loaded is None:
            return None  # only top-level lists are referred to from elsewhere
        try:
            return self.workspace.removal(self.rel, section.path, [row_id])
        except Exception as error:  # shown, and the plain deletion is still offered
            self.notify(f"could not check what refers to it: {error}", severity="warning")
            return None

    def _remove_with_references(self, section: Section, row_id: str) -> None:
        def done(_result: CommitResult) -> None:
            self.reload()
            self.post_message(self.Saved())

        self.pcsm_app.run_in_background(
            lambda: self.workspace.remove_rows(self.rel, section.path, [row_id]),
            done,
            "deleting it with its references…",
        )

    def action_copy_row(self) -> None:
        table = self.focused_table()
        row_id = table.current_row_id() if table else None
        if table is None or row_id is None:
            return
        section = table.section
        prefix = self._prefix(section)
        problem = self.commit(  # the copy gets the next free number after the original's
            lambda data: duplicate_numbered_row(data, section.path, row_id, section.model, prefix)[
                0
            ]
        )
        if problem:
            self.notify(problem, severity="error")

    def action_move_row(self, offset: int) -> None:
        table = self.focused_table()
        row_id = table.current_row_id() if table else None
        if table is None or row_id is None:
            return
        section = table.section
        problem = self.commit(
            lambda data: move_row(data, section.path, row_id, offset),
            then=lambda _r: self._go_to_row(section, row_id),
        )
        if problem:
            self.notify(problem, severity="error")
        else:
            self._go_to_row(section, row_id)


class EngagementEditor(ToolEditor):
    """engagement.toml as a form; its ticked activities live in the activity guides."""

    def skipped_fields(self) -> frozenset[str]:
        return frozenset({"activities_done"})
