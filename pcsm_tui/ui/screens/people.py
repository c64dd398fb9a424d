"""People (p on the portfolio, or the palette): the team, and each person's development.

The list shows every team member (pcsm.toml) and any people/ folder; Enter opens a person:
an overview (profile, latest evaluation against the one before with the CPD focus,
development plan in brief, engagements, hours by RAPAE category) and their three files,
each in the same editor as any tool (one commit per change): the profile, the personal
evaluations (spider chart with overlay) and the development plan. A file the person does
not have yet is started with n (one commit). Everything is read through the Workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from ...framework.catalogue import TOOL_FOR_KIND
from ...models.people import PersonalEvaluations
from ..appref import pcsm_app
from ..header import ScreenHeader
from ..keybar import KeyBar
from ..plain import content, text
from ..widgets import StatusLine, VimTable
from .people_overview import overview_content

if TYPE_CHECKING:
    from ...analysis.people import PersonSummary
    from ...gateway import CommitResult
    from ...service import Workspace

PARTS: tuple[tuple[str, str, str], ...] = (
    ("overview", "Overview", ""),
    ("profile", "Profile", "profile.toml"),
    ("evaluations", "Personal evaluations", TOOL_FOR_KIND[PersonalEvaluations.kind].file),
    ("development", "Development plan", "development.toml"),
)
"""(id, label, file) of what a person's screen shows; the overview has no file."""


class PeopleScreen(Screen[None]):
    """One row per team member; Enter opens the person."""

    DEFAULT_CSS = """
    PeopleScreen #people { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open the person", id="people.open"),
        Binding("escape", "back", "Back", id="people.back"),
        Binding("ctrl+r", "reload", "Reload from disk", show=False, id="people.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PersonSummary] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield VimTable(id="people", cursor_type="row", zebra_stripes=True)
        yield StatusLine(
            getattr(self.app, "status_text", "") or "Enter opens a person · esc back · ? keys"
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "People"
        table = self.query_one("#people", VimTable)
        for key, label in (
            ("name", "Name"),
            ("role", "Role"),
            ("engagements", "Engagements"),
            ("evaluated", "Evaluated"),
            ("plan", "Plan"),
        ):
            table.add_column(label, key=key)
        self.reload()
        table.focus()

    def reload(self) -> None:
        workspace = pcsm_app(self).workspace
        table = self.query_one("#people", VimTable)
        chosen = self.selected()
        self.rows = workspace.people_summaries()
        self.sub_title = f"{workspace.root.name} · {len(self.rows)} people"
        table.clear()
        for row in self.rows:
            latest = row.latest_evaluation.isoformat() if row.latest_evaluation else "—"
            table.add_row(
                text(row.name, lines=False),
                text(row.role or "—", lines=False),
                str(row.engagements),
                latest,
                ("⚠ " if row.problems else "") + ("yes" if row.has_plan else "—"),
                key=row.id,
            )
        if chosen is not None and chosen in table.rows:
            table.move_cursor(row=table.get_row_index(chosen))

    def selected(self) -> str | None:
        table = self.query_one("#people", VimTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_open(self) -> None:
        person = self.selected()
        if person is not None:
            self.app.push_screen(PersonScreen(person))

    @on(DataTable.RowSelected, "#people")
    def _row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.reload()


class PersonScreen(Screen[None]):
    """A person: their parts on the left, the chosen one on the right."""

    DEFAULT_CSS = """
    PersonScreen #parts { width: 26; height: 1fr; }
    PersonScreen #person-host { width: 1fr; height: 1fr; }
    PersonScreen #person-overview { padding: 0 1; }
    PersonScreen #person-missing { padding: 1 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to people", id="person.back"),
        Binding("w", "focus_parts", "Focus the list of parts", show=False, id="person.parts"),
        Binding("n", "start_file", "Start this file (one commit)", show=False, id="person.start"),
        Binding("ctrl+r", "reload", "Reload from disk", show=False, id="person.reload"),
    ]

    def __init__(self, person: str, part: str = "overview") -> None:
        super().__init__()
        self.person = person
        self.part = part

    @property
    def workspace(self) -> Workspace:
        return pcsm_app(self).workspace

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal():
            yield OptionList(*(Option(label, id=key) for key, label, _ in PARTS), id="parts")
            yield Container(id="person-host")
        yield StatusLine(
            getattr(self.app, "status_text", "")
            or "tab next pane · w parts · n start a missing file · esc people · ? keys"
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "People"
        self.sub_title = self.person_name
        parts = self.query_one("#parts", OptionList)
        parts.highlighted = [key for key, _, _ in PARTS].index(self.part)
        self.show_part(self.part)
        parts.focus()

    @property
    def person_name(self) -> str:
        """The person as people know them (the team's name for the id; the id only when
        the team has no name for them)."""
        return self.workspace.member_names().get(self.person, self.person)

    def undo_scope(self) -> tuple[str, ...]:
        """u and U take back changes to this person's files only."""
        return (f"people/{self.person}/",)

    def part_file(self, part: str) -> tuple[str, bool]:
        """The part's file and whether it exists ("" for the overview)."""
        filename = next(f for key, _, f in PARTS if key == part)
        return self.workspace.person_file(self.person, filename) if filename else ("", False)

    @on(OptionList.OptionHighlighted, "#parts")
    def _part_chosen(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id or "overview"
        if key != self.part:
            self.show_part(key)

    def show_part(self, part: str) -> None:
        # start-up: the editors load only when a person is opened
        from ..editors.registry import make_editor

        self.part = part
        host = self.query_one("#person-host", Container)
        host.remove_children()
        label = next(label for key, label, _ in PARTS if key == part)
        if part == "overview":
            view = self.workspace.person(self.person)
            self.sub_title = view.name or self.person_name
            host.mount(VerticalScroll(Static(overview_content(view), id="person-overview")))
            return
        rel, exists = self.part_file(part)
        if not exists:
            host.mount(
                Static(
                    content(
                        (f"{label}: none yet", "bold"),
                        f"\n\n{rel} does not exist. Press n to start it (one commit); "
                        "then edit it here like any tool.",
                    ),
                    id="person-missing",
                )
            )
            return
        tool = TOOL_FOR_KIND[PersonalEvaluations.kind] if part == "evaluations" else None
        editor = make_editor(
            self.workspace, tool, rel, None, title=f"{label} — {self.person_name}", help_text=""
        )
        editor.autofocus = False
        host.mount(editor)

    def action_focus_parts(self) -> None:
        self.query_one("#parts", OptionList).focus()

    def action_start_file(self) -> None:
        rel, exists = self.part_file(self.part)
        if not rel or exists:
            self.notify("this file exists already: edit it with e", timeout=3)
            return
        filename = rel.rsplit("/", 1)[1]

        def started(result: CommitResult) -> None:
            self.show_part(self.part)

        pcsm_app(self).run_in_background(
            lambda: self.workspace.start_person_file(self.person, filename), started, "saving…"
        )

    def action_back(self) -> None:
        # start-up: the cell editor loads with the editors
        from ..editors.cell import CellEditor

        if any(editor.display for editor in self.query(CellEditor)):
            return
        self.app.pop_screen()
        reload = getattr(self.app.screen, "reload", None)
        if callable(reload):
            reload()

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        """After an undo, a failed save or ctrl+r: show the part again from disk."""
        self.show_part(self.part)


__all__ = ["PARTS", "PeopleScreen", "PersonScreen"]
