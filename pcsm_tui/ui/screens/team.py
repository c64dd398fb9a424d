"""The team's members (M, or the palette): add, rename, retire — each one commit to
pcsm.toml. A retired member stays listed (dated), so every engagement, person folder and
history that names them still reads; they are only no longer offered as a CSM."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..appref import pcsm_app
from ..editors.dialogs import ConfirmScreen
from ..plain import content
from ..widgets import VimTable

if TYPE_CHECKING:
    from ...models.repository import Member


class TeamScreen(ModalScreen[None]):
    """The members in a table; a adds, e renames, x retires (or brings back), esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add a team member", id="team.add"),
        Binding("e", "rename", "Rename the member", id="team.rename"),
        Binding("x", "retire", "Retire the member (or bring back)", id="team.retire"),
        Binding("escape", "close", "Close", id="team.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.members: list[Member] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide-dialog"):
            yield Label(content(("Team members", "bold")))
            yield VimTable(id="team", cursor_type="row", zebra_stripes=True)
            yield Label(
                "a add · e rename · x retire or bring back · esc close — a retired member "
                "keeps their name in old engagements and history",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        table = self.query_one("#team", VimTable)
        for key, label in (("name", "Name"), ("role", "Role"), ("id", "Id"), ("state", "State")):
            table.add_column(label, key=key)
        self.reload()
        table.focus()

    def reload(self) -> None:
        table = self.query_one("#team", VimTable)
        selected = self.selected()
        self.members = pcsm_app(self).workspace.team()
        table.clear()
        for member in self.members:
            state = f"retired {member.retired.isoformat()}" if member.retired else "in the team"
            # Plain strings: the table shows them as written (VimTable) and measures them;
            # Content cells were measured as 4 wide and the names cut to "Mari", "Seni".
            table.add_row(member.name, member.role or "—", member.id, state, key=member.id)
        if selected is not None and selected.id in table.rows:
            table.move_cursor(row=table.get_row_index(selected.id))

    def selected(self) -> Member | None:
        table = self.query_one("#team", VimTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((m for m in self.members if m.id == key), None)

    def _save(self, job: Any, busy: str) -> None:
        app = pcsm_app(self)
        app.run_in_background(job, lambda _r: self.reload(), busy)

    def action_add(self) -> None:
        workspace = pcsm_app(self).workspace

        def added(answer: list[str] | None) -> None:
            if answer:
                name, role = answer
                self._save(lambda: workspace.add_member(name, role), "adding the member…")

        self.app.push_screen(AskScreen("A new team member", ["Name", "Role (e.g. CSM)"]), added)

    def action_rename(self) -> None:
        member = self.selected()
        if member is None:
            return
        workspace = pcsm_app(self).workspace

        def renamed(answer: list[str] | None) -> None:
            if answer:
                self._save(
                    lambda: workspace.rename_member(member.id, answer[0]), "renaming the member…"
                )

        self.app.push_screen(
            AskScreen(f"Rename {member.name}", ["New name"], [member.name]), renamed
        )

    def action_retire(self) -> None:
        member = self.selected()
        if member is None:
            return
        workspace = pcsm_app(self).workspace
        back = member.retired is not None
        question = (
            f"Bring {member.name} back into the team (offered as a CSM again)?"
            if back
            else f"Retire {member.name}? They stay listed, so their name still reads in "
            "old engagements and history; they are no longer offered as a CSM."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(
                    lambda: workspace.retire_member(member.id, retired=not back),
                    "saving the team…",
                )

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_close(self) -> None:
        self.dismiss(None)


class AskScreen(ModalScreen[list[str] | None]):
    """A few text boxes; enter on the last one answers, esc cancels. The first box must
    not be empty."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel"),
    ]

    def __init__(self, heading: str, labels: list[str], values: list[str] | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.labels = labels
        self.values = values or []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(content((self.heading, "bold")))
            for index, label in enumerate(self.labels):
                yield Label(label)
                value = self.values[index] if index < len(self.values) else ""
                yield Input(value, id=f"ask-{index}")
            yield Label("", id="ask-error")
            yield Label(
                "enter on the last box saves (one commit) · esc cancels", classes="dialog-keys"
            )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        boxes = list(self.query(Input))
        if event.input is not boxes[-1]:
            boxes[boxes.index(event.input) + 1].focus()
            return
        if not boxes[0].value.strip():
            self.query_one("#ask-error", Label).update(content(("✗", "bold red"), " type a name"))
            boxes[0].focus()
            return
        self.dismiss([box.value for box in boxes])

    def action_cancel(self) -> None:
        self.dismiss(None)
