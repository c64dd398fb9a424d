"""The editor of one tool's file, generic over the tool registry.

It lays the file out in sections (editors/sections.py), edits one value at a time in the
docked cell editor, and turns every confirmed change into one commit through the app's
background saver. Shapes (checklist, scoring, document, monthly plan) add a little on top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static

from ...framework.catalogue import REGISTER_ENTRY, TOOL_FOR_KIND
from ...gateway import dump, engagement_rel
from ...models.adoption import ImpactedGroups
from ...models.edit import PathError, resolve
from ...models.fields import FieldSpec
from ...models.references import choice_source, own_names, reference_of
from ...safeio import Unreadable
from ..appref import pcsm_app
from ..jobs import report_failure
from ..plain import content
from . import editing, rows
from .cell import CellEditor
from .readonly import READ_ONLY, READ_ONLY_ACTIONS
from .readonly import ReadOnlyBanner as ReadOnlyBanner
from .sections import Section, build_sections
from .table import RecordTable, choice_names, mount_sections

if TYPE_CHECKING:
    from ...framework.catalogue import Tool
    from ...gateway import CommitResult, Loaded
    from ...service import Workspace
    from ..app import PcsmApp

Edit = Callable[[dict[str, Any]], dict[str, Any]]


DETAIL_FROM = 30
"""A text value longer than this is also shown in full under the tables when highlighted."""


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
        tool: Tool | None = None,
    ) -> None:
        super().__init__(classes="tool-editor")
        self.tool = tool
        """The registry entry this editor shows (None for a file with no entry)."""
        self.read_only = read_only
        self.read_only_text = READ_ONLY  # what a refused edit says (a screen may say more)
        self.source_text = text
        """The text to show instead of the file on disk (an earlier version)."""
        self.banner = banner
        self.workspace = workspace
        self.rel = rel
        self.heading = title
        self.help_text = help_text
        self.engagement = engagement
        self._detail_shown = ""  # what the cell-detail line says ("": hidden)
        self.loaded: Loaded | None = None
        self.data: dict[str, Any] = {}
        self.sections: list[Section] = []
        self.names: dict[str, str] = {}
        self.as_of: str | None = None
        """The commit a read-only view shows: files beside this one are read as of it too."""
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
        yield Static("", id="cell-detail", classes="editor-help")
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
        return pcsm_app(self)

    def reload(self) -> None:
        """Read the file again and show it; a file that does not read is shown, not touched."""
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
        self.names = {**own_names(type(self.loaded.model), self.data), **self.reference_names()}
        sections = build_sections(
            type(self.loaded.model), self.data, self.map_keys(), skip=self.skipped_fields()
        )
        self.names.update(choice_names(self.workspace.framework.choices, sections))
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
        mount_sections(self, sections)

    def focus_first_table(self) -> None:
        """Land in the first table when the editor opens, so keys work at once."""
        if self.autofocus and not self.editing:
            self.autofocus = False
            tables = list(self.query(RecordTable))
            if tables:
                # Not scrolled to: the editor opens at its top, the first section's title
                # in view, whatever the table had measured by then (it was a race).
                tables[0].focus(scroll_visible=False)
                keys = [str(column.value) for column in tables[0].columns]
                if self.tool and self.tool.shape == "form" and "answer" in keys:  # e edits answers
                    tables[0].move_cursor(column=keys.index("answer"))

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
        rows = self.read_beside(engagement_rel(self.engagement, filename))
        found = rows.get(list_name, [])
        if not isinstance(found, list):
            return []
        return [r for r in found if isinstance(r, dict) and isinstance(r.get("id"), str)]

    def read_beside(self, rel: str) -> dict[str, Any]:
        """Another file this editor shows names or choices from (the register, the
        engagement): as of the view's commit in a read-only view, else as it is now."""
        return self.workspace.read_quietly(rel, at=self.as_of)

    def reference_names(self) -> dict[str, str]:
        names = dict(self.workspace.member_names())  # the CSM by name, never its id
        for row in self._engagement_rows(REGISTER_ENTRY.file, "stakeholders"):
            role = row.get("job_role", "")
            names[row["id"]] = f"{row.get('name', row['id'])}" + (f" ({role})" if role else "")
        for row in self._engagement_rows(TOOL_FOR_KIND[ImpactedGroups.kind].file, "groups"):
            names[row["id"]] = str(row.get("name") or "").strip() or "a group"  # never the id
        return names

    def choices_for(self, section: Section, spec: FieldSpec) -> list[tuple[str, Any]]:
        if (reference := reference_of(section.model, spec.name)) is None:  # references.py
            return self.workspace.framework.choices(spec.framework_list, spec.optional)
        filename, list_name = choice_source(reference)
        rows = (
            self._engagement_rows(filename, list_name) if filename else self.data.get(list_name, [])
        )
        label_of = reference.label  # by name, never the id (the name shown in the table)
        choices = [(self.names.get(r["id"]) or str(r.get(label_of) or "?"), r["id"]) for r in rows]
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
            return table is not None and editing.answer_target(self) is not None
        return True

    @on(RecordTable.CellHighlighted)
    def _moved(self, event: RecordTable.CellHighlighted) -> None:
        self.refresh_bindings()
        self.show_cell_detail(event.data_table)

    @on(events.DescendantFocus)
    def _focused(self, event: events.DescendantFocus) -> None:
        self.show_cell_detail(event.widget)  # the first highlight can come before the focus

    def show_cell_detail(self, table: Any) -> None:
        """The highlighted text in full under the tables (a research answer, a risk's
        strategy), since its cell shows only the start of it at most widths."""
        if not (isinstance(table, RecordTable) and table.has_focus):
            return  # a table filled or moved off screen: the one in use keeps the line
        target = table.target()
        value: Any = None
        if target is not None and target[1] is not None and target[1].kind in ("text", "multiline"):
            value = resolve(self.data, target[0]) if self.exists(target[0]) else None
        long = isinstance(value, str) and (len(value) > DETAIL_FROM or "\n" in value.strip())
        if (shown := str(value) if long else "") == self._detail_shown:
            return  # an update lays the screen out again: only for a change (not a kept show)
        self._detail_shown = shown
        for detail in self.query("#cell-detail").results(Static):
            detail.update(content(shown))
            detail.display = long

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
        if self.read_only:
            return self.read_only_text
        if self.loaded is None:
            return "the file is not loaded"
        model = type(self.loaded.model)
        new_data: dict[str, Any] = {}
        try:
            new_data = edit(self.data)
            model.model_validate(new_data, context=self.workspace.repo.context())
        except ValidationError as error:  # in words, rows and fields by their labels
            return self.workspace.explain_problem(error, model, new_data, self.names)
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
        editing.edit_cell(self)

    def field_path(self) -> tuple[str, ...] | None:
        """The path of the field under the cursor (RACI cells: raci.py)."""
        table = self.focused_table()
        target = table.target() if table is not None else None
        return target[0] if target is not None else None

    def action_field_history(self) -> None:
        """Every value the field under the cursor had; restore one (screens/fieldhistory.py)."""
        # start-up: ui.screens.fieldhistory loads only when this runs
        from ..screens.fieldhistory import FieldHistoryScreen

        path = self.field_path()
        if path is None:
            self.notify("move to a cell to see its history", timeout=3)
            return
        self.app.push_screen(FieldHistoryScreen.for_field(self, path))  # the row by name

    def preview_hook(self, path: tuple[str, ...]) -> Callable[[Any], None] | None:
        return None

    def finish_edit(self, table: RecordTable) -> None:
        self.editing = False
        self.refresh_bindings()
        table.focus()

    def action_toggle_answer(self) -> None:
        editing.toggle_answer(self)

    def exists(self, path: tuple[str, ...]) -> bool:
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

    def row_prefix(self, section: Section) -> str:
        return section.model.__name__.lower()[:12]

    def action_add_row(self) -> None:
        rows.add_row(self)

    def action_delete_row(self) -> None:
        rows.delete_row(self)

    def action_copy_row(self) -> None:
        rows.copy_row(self)

    def action_move_row(self, offset: int) -> None:
        rows.move_row(self, offset)


class EngagementEditor(ToolEditor):
    """engagement.toml as a form; its ticked activities live in the activity guides."""

    def skipped_fields(self) -> frozenset[str]:
        return frozenset({"activities_done"})
