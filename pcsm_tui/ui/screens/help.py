"""`?`: every key of the screen underneath, with what it does."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..plain import Part, content, line

EXTRA_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ ← → / h j k l", "move"),
    ("tab / shift+tab", "next / previous pane"),
    ("enter / e", "edit the cell or open the item"),
    ("esc", "cancel an edit, go back"),
)


MOVING_TITLE = "Moving in tables and lists"
MOVING_ACTIONS = ("cursor_", "scroll_", "page_", "focus_next", "focus_previous")
"""Actions that only move the cursor or the focus: listed last."""
EVERY_SCREENS_ACTIONS = frozenset(b.action for b in Screen.BINDINGS if isinstance(b, Binding))
"""What Textual gives every screen (copy the selected text): listed with the app's keys."""

SAVING_TITLE = "Undo and saving"
SAVING: tuple[str, ...] = (
    "  u undoes your own newest change of this session on this engagement (on the",
    "  portfolio: any engagement); U redoes it. A teammate's commit is never undone;",
    "  undoing a new engagement or a sync merge asks first and says what goes.",
    "  Every save is checked like `pcsm validate`: a change that would leave an error",
    "  is refused (nothing written); deleting a row others refer to lists them and",
    "  offers to remove them in the same commit.",
    "  n (portfolio) starts a new engagement; M manages the team's members; C commits or",
    "  discards changes made outside pcsm (a discarded file is kept under",
    "  .git/pcsm/rescued/ first); ctrl+r reads everything again from disk.",
    "  K (portfolio) opens the knowledge base: every engagement's evaluation entries,",
    "  found as you type and narrowed by category, engagement, CSM, phase and dates.",
    "  ctrl+t (engagement) saves the tool shown as a team template after a preview (people,",
    "  dates and progress left out); the new-engagement wizard starts tools from templates.",
    "  p (portfolio) opens People: each person's evaluations and development plan; the",
    "  Framework screen (ctrl+p) shows what the team's framework.toml changed.",
)

GUIDE_TITLE = "The framework as a guide (on an engagement)"
GUIDE: tuple[str, ...] = (
    "  P shows the guidance: the phase's overview, progress, health and next steps;",
    "  enter on an activity or a next step opens the tool where it is done or fixed.",
    "  > lists what is still open and asks before moving to the next phase; Y records a",
    "  go/no-go decision; R writes the milestone report (Word, Markdown or HTML).",
)


def _paragraph(text: tuple[str, ...]) -> str:
    """Lines written for one width joined into one paragraph that wraps at any width (not
    indented: a wrapped paragraph's first line alone was)."""
    return " ".join(part.strip() for part in text) + "\n"


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened on (and of the focused editor)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close2"),
        Binding("q", "dismiss", "Close", show=False, id="help.close3"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        # Built as Content, never markup: keys such as `[` and `]` and a screen's title (a
        # customer's name) are shown as they are.
        lines: list[Part] = [(f"Keys — {line(self.under.title or 'pcsm')}", "bold"), "\n\n"]
        here, everywhere, moving = self._grouped()
        lines += here
        lines += ["\n", ("Everywhere", "bold"), "\n", *everywhere]
        for key, what in EXTRA_KEYS:
            lines += ["  ", (f"{key:<18}", "bold"), f" {what}\n"]
        # The prose as paragraphs that wrap to the dialog's width (at 80 columns too),
        # never lines broken for a wider one.
        lines += ["\n", (SAVING_TITLE, "bold"), "\n", _paragraph(SAVING)]
        lines += ["\n", (GUIDE_TITLE, "bold"), "\n", _paragraph(GUIDE)]
        lines += ["\n", (MOVING_TITLE, "bold"), "\n", *moving]
        lines += ["\nctrl+p lists every action by name. esc closes this."]
        with VerticalScroll(id="help-body"):
            yield Static(content(*lines), id="help-text")

    def _grouped(self) -> tuple[list[Part], list[Part], list[Part]]:
        """The keys of the screen and its focused editor first, then the app's, and the
        cursor keys of tables and lists last: listed in the order Textual keeps them (the
        focused table's first), a new user opening `?` on the portfolio read twenty
        cursor keys before Filter, Sort or New engagement."""
        groups: tuple[list[Part], list[Part], list[Part]] = ([], [], [])
        seen: set[tuple[str, str]] = set()
        for key, active in self.under.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            shown = binding.key_display or self.app.get_key_display(binding) or key
            entry = (shown, binding.description)
            if entry in seen:
                continue
            seen.add(entry)
            moves = binding.action.rpartition(".")[2].startswith(MOVING_ACTIONS)
            app_wide = active.node is self.app or binding.action in EVERY_SCREENS_ACTIONS
            group = groups[2] if moves else groups[1] if app_wide else groups[0]
            group += ["  ", (f"{shown:<18}", "bold"), f" {binding.description}\n"]
        return groups

    def on_mount(self) -> None:
        # The list can be longer than the screen: focus its scroller so ↓, pgdn and end
        # reach the keys below the fold without a mouse.
        self.query_one("#help-body", VerticalScroll).focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
