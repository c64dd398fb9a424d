"""The guidance's questions: move to the next phase (what is still open, then ask) and the
go/no-go decision of one adoption phase. Each hands its answer back; the caller commits
through the service, so each answer is one commit (ui/screens/guide_actions.py).

Every text here comes from data (activities a team reworded, stakeholders' names, the
reasons of next steps): shown through `plain.content`, never read as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, Static

from ..plain import content, text

if TYPE_CHECKING:
    from ...analysis.guide import AdvanceCheck
    from ...analysis.readiness import GoState
    from ...models.checklists import Decision

GUIDE_DIALOG_CSS = """
AdvanceDialog, GoDecisionDialog, ReportDialog {
    align: center middle;
}
/* The keys come right under the title, so a short terminal (80x24) still shows them;
   what does not fit scrolls. */
.guide-dialog {
    width: 96;
    max-width: 96%;
    height: auto;
    max-height: 90%;
    padding: 1 2;
    border: thick $accent;
    background: $surface;
}
.guide-dialog .open-list {
    height: auto;
    max-height: 16;
    margin: 1 0 0 0;
}
.guide-dialog Input, .guide-dialog Select, .guide-dialog RadioSet {
    margin: 0;
}
.guide-dialog .dialog-keys, .guide-dialog .guide-hint {
    color: $text-muted;
    margin: 1 0 0 0;
}
.guide-dialog .guide-error {
    color: $error;
    height: auto;
}
.guide-dialog Horizontal {
    height: auto;
}
"""


class AdvanceDialog(ModalScreen[bool]):
    """What is still open in the current phase, then: move on anyway (y) or not (n, esc)."""

    DEFAULT_CSS = GUIDE_DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Move to the next phase", id="advance.yes"),
        Binding("n", "answer(False)", "Stay in this phase", id="advance.no"),
        Binding("escape", "answer(False)", "Stay", show=False, id="advance.cancel"),
    ]

    def __init__(self, check: AdvanceCheck, phase_name: str, next_name: str) -> None:
        super().__init__()
        self.check = check
        self.phase_name = phase_name
        self.next_name = next_name

    def compose(self) -> ComposeResult:
        check = self.check
        with Vertical(classes="guide-dialog", id="advance-body"):
            yield Static(
                content(
                    (f"Move from phase {check.phase} {self.phase_name} ", "bold"),
                    (f"to phase {check.next_phase} {self.next_name}?", "bold"),
                )
            )
            yield Label(
                content(("y", "bold"), " move on (one commit)   ", ("n", "bold"), " stay"),
                classes="dialog-keys",
            )
            if check.clear:
                yield Static(content("Nothing is open in this phase: its steps are all done."))
            else:
                yield Static(
                    content(
                        f"Still open: {len(check.unticked)} step(s) of the activity guide and "
                        f"{len(check.steps)} next step(s) of this phase's tools or earlier ones."
                    )
                )
                with VerticalScroll(classes="open-list", id="advance-open"):
                    for activity in check.unticked:
                        yield Static(
                            content(("○ ", "yellow"), f"{activity.number}. {activity.text}")
                        )
                    for step in check.steps:
                        yield Static(content(("→ ", "yellow"), step.reason))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


DECISIONS: tuple[tuple[Decision, str], ...] = (
    ("not-yet", "Not yet"),
    ("go", "Go"),
    ("no-go", "No-go"),
)
"""The choices, the safe one first: it is pressed when the dialog opens, and the radio
set's highlight starts on the first button, so both agree."""


@dataclass(frozen=True)
class GoChoice:
    """What the go/no-go dialog hands back."""

    checklist: str
    decision: Decision
    day: dt.date
    decided_by: str
    comments: str


SHOWN_OPEN = 5
"""Open items listed in the dialog; the rest are counted (the decision records them all)."""


class GoDecisionDialog(ModalScreen[GoChoice | None]):
    """One adoption phase's decision: which phase, go / no-go / not yet, the date, who
    decided (chosen from the register's and the team's names) and a comment; the items open
    now are listed, and the service records them with the decision. The choices are data
    (names, titles): given to the selects as Rich `Text`, which is never read as markup."""

    DEFAULT_CSS = GUIDE_DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "record", "Record the decision", id="go.record"),
        Binding("escape", "cancel", "Cancel", id="go.cancel"),
    ]

    def __init__(
        self,
        states: list[GoState],
        item_text: dict[str, dict[str, str]],
        names: list[str],
        today: dt.date,
    ) -> None:
        super().__init__()
        self.states = {s.checklist: s for s in states}
        self.item_text = item_text
        """Per checklist copy: item id → its question (to list the open items in words)."""
        self.names = names
        self.today = today

    @property
    def current(self) -> str:
        """The phase to decide now: the first copy with no decision yet (else the first not
        decided "go"); the dialog opens on it, never on a phase already decided."""
        states = list(self.states.values())
        undecided = next((s for s in states if s.decision is None), None)
        pending = next((s for s in states if s.decision and s.decision.decision != "go"), None)
        return (undecided or pending or states[0]).checklist

    def compose(self) -> ComposeResult:
        first = self.current
        with VerticalScroll(classes="guide-dialog", id="go-body"):
            yield Static(content(("Go / no-go decision", "bold")))
            yield Label(
                content(
                    ("ctrl+s", "bold"), " records (one commit)   ", ("esc", "bold"), " cancels"
                ),
                classes="dialog-keys",
            )
            yield Static("", id="go-error", classes="guide-error")
            yield Select(
                [(text(s.title, lines=False), s.checklist) for s in self.states.values()],
                value=first,
                allow_blank=False,
                id="go-checklist",
            )
            with RadioSet(id="go-decision"):
                for index, (_value, label) in enumerate(DECISIONS):
                    yield RadioButton(label, value=index == 0)
            with Horizontal():
                day = Input(self.today.isoformat(), id="go-date", placeholder="YYYY-MM-DD")
                day.border_title = "Date"
                yield day
            yield Select(
                [(text(name, lines=False), name) for name in self.names],
                prompt="Who decided",
                id="go-who",
            )
            comments = Input(id="go-comments", placeholder="comments (optional)")
            yield comments
            yield Static("", id="go-open", classes="guide-hint")

    def on_mount(self) -> None:
        self._show_open(self.current)
        self.query_one("#go-decision", RadioSet).focus()

    @on(Select.Changed, "#go-checklist")
    def _checklist_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._show_open(event.value)

    def _show_open(self, checklist: str) -> None:
        state = self.states[checklist]
        texts = self.item_text.get(checklist, {})
        opened = [texts.get(item, item) for item in state.open]
        head = f"Open now ({len(opened)} of {state.total}), recorded with the decision:"
        lines = [head, *(f"  ○ {text}" for text in opened[:SHOWN_OPEN])]
        if len(opened) > SHOWN_OPEN:
            lines.append(f"  … and {len(opened) - SHOWN_OPEN} more (all are recorded)")
        if not opened:
            lines = ["Nothing is open in this checklist now."]
        last = f"Last decision: {state.decided}" + (
            f" on {state.decision.date.isoformat()}" if state.decision else ""
        )
        self.query_one("#go-open", Static).update(content("\n".join([last, *lines])))

    def action_record(self) -> None:
        error = self.query_one("#go-error", Static)
        checklist = self.query_one("#go-checklist", Select).value
        pressed = self.query_one("#go-decision", RadioSet).pressed_index
        try:
            day = dt.date.fromisoformat(self.query_one("#go-date", Input).value.strip())
        except ValueError:
            error.update(content("✗ The date is YYYY-MM-DD, e.g. " + self.today.isoformat()))
            self.query_one("#go-date", Input).focus()
            return
        who = self.query_one("#go-who", Select).value
        if not isinstance(who, str):
            error.update(content("✗ Choose who decided."))
            self.query_one("#go-who", Select).focus()
            return
        if not isinstance(checklist, str) or pressed < 0:
            error.update(content("✗ Choose the adoption phase and the decision."))
            return
        self.dismiss(
            GoChoice(
                checklist=checklist,
                decision=DECISIONS[pressed][0],
                day=day,
                decided_by=who,
                comments=self.query_one("#go-comments", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["GUIDE_DIALOG_CSS", "AdvanceDialog", "GoChoice", "GoDecisionDialog"]
