"""The mapping step: a table pcsm found by content, mapped by hand with a live preview.

Opened from the import screen when pcsm is not sure what a table is (or with ctrl+t): the tool
to read it as, each source column with a choice of that tool's fields or "ignore", and each
distinct text of a column mapped to a scaled field (`A`, `M`, `B` under likelihood) with a
choice of the scale's values. Beside it, the first rows as they would be imported, redrawn
on every change. Enter hands the choices back to the import screen, which imports them as
one commit (the mapping remembered in import-mappings/ for the next workbook of the same
shape); esc hands back nothing and nothing is written.

Choices are cycled with ←/→ rather than opened as drop-downs, so that Enter always means
"import" on this screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, Static

from ..plain import content, text
from .exchange_parts import DIALOG_CSS

if TYPE_CHECKING:
    from ...gateway import Chosen, MappingStep

MAPPING_CSS = """
MappingScreen { align: center middle; }
#mapping-body { width: 116; height: 100%; margin: 1 0; }
#mapping-main { height: 1fr; margin: 1 0 0 0; }
#mapping-choices { width: 52; height: 1fr; border: round $primary-darken-2; padding: 0 1; }
#mapping-preview-box { width: 1fr; height: 1fr; border: round $primary-darken-2; padding: 0 1; }
MappingScreen.-narrow #mapping-body { margin: 0; padding: 0 1; }
MappingScreen.-narrow #mapping-main { layout: vertical; margin: 0; }
MappingScreen.-narrow #mapping-choices { width: 1fr; height: 1fr; }
MappingScreen.-narrow #mapping-preview-box { height: 9; }
MappingScreen.-narrow #mapping-hint { display: none; }
.mapping-section { color: $text-muted; margin: 1 0 0 0; }
#mapping-columns, #mapping-values { height: auto; }
Choice { height: auto; }
Choice:focus { background: $accent 30%; }
"""


PAD = 18
"""Labels up to this long line their choices up; a longer one just puts its choice after it."""


class Choice(Static, can_focus=True):
    """One choice among a few, cycled with ←/→ (space too): `Stufe     < Likelihood >`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space", "step(1)", "Next choice", show=False, id="mapping.next"),
        Binding("left", "step(-1)", "Previous choice", show=False, id="mapping.previous"),
    ]

    class Changed(Message):
        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    def __init__(
        self, label: str, options: Sequence[tuple[str, str]], value: str, id: str, pad: int = 0
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.pad = pad
        """The labels of one list are padded to one width, so the choices line up."""
        self.options = list(options)
        keys = [key for key, _ in self.options]
        self.index = keys.index(value) if value in keys else 0

    @property
    def value(self) -> str:
        return self.options[self.index][0]

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        shown = self.options[self.index][1]
        gap = " " * max(1, self.pad - len(self.label) + 1)
        self.update(content((self.label, "bold"), gap, "< ", (shown, "underline"), " >"))

    def action_step(self, by: int) -> None:
        self.index = (self.index + by) % len(self.options)
        self._show()
        self.post_message(self.Changed(self))


class MappingScreen(ModalScreen["Chosen | None"]):
    """Each column to a field or ignore, each level text to a scale value, with a preview."""

    DEFAULT_CSS = DIALOG_CSS + MAPPING_CSS
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen declares it; narrow: stacked)
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Import with this mapping (one commit)", id="mapping.import"),
        Binding("escape", "cancel", "Cancel the mapping (nothing is written)", id="mapping.cancel"),
        # Priority: the choices' scroll box would take ↑/↓ to scroll instead (focusing a
        # choice scrolls it into view anyway).
        Binding(
            "down", "app.focus_next", "Next choice", show=False, id="mapping.down", priority=True
        ),
        Binding(
            "up",
            "app.focus_previous",
            "Previous choice",
            show=False,
            id="mapping.up",
            priority=True,
        ),
    ]

    def __init__(self, step: MappingStep) -> None:
        super().__init__()
        self.step = step
        self.chosen: Chosen = step.start()

    def compose(self) -> ComposeResult:
        step = self.step
        with Vertical(id="mapping-body", classes="exchange-body"):
            yield Static(content(("Map the columns of ", "bold"), (step.where, "bold")))
            yield Static(
                content(
                    step.why,
                    "\nChoose what each column is; the preview shows the rows as they will be "
                    "imported. The mapping is remembered for the next workbook of this shape.",
                ),
                id="mapping-hint",
                classes="exchange-hint",
            )
            with Horizontal(id="mapping-main"):
                with VerticalScroll(id="mapping-choices", can_focus=False):
                    yield Choice(
                        "Read as",
                        [(t.target, t.title) for t in step.tools],
                        self.chosen.tool,
                        id="mapping-tool",
                        pad=min(PAD, max((len(h) for h in step.headers.values()), default=0)),
                    )
                    yield Vertical(id="mapping-columns")
                    yield Vertical(id="mapping-values")
                with VerticalScroll(id="mapping-preview-box", can_focus=False):
                    yield Static("", id="mapping-preview")
            yield Label(
                "↑↓ moves · ←→ changes the choice · enter imports · esc cancels",
                classes="exchange-keys",
            )

    async def on_mount(self) -> None:
        self.query_one("#mapping-choices").border_title = "Columns and values"
        self.query_one("#mapping-preview-box").border_title = "Preview (first rows)"
        await self._columns()
        await self._values()
        self._preview()
        self.query_one("#mapping-tool", Choice).focus()

    # --- the choices ----------------------------------------------------------------------

    async def _columns(self) -> None:
        box_ = self.query_one("#mapping-columns", Vertical)
        await box_.remove_children()
        tool = self.step.choice(self.chosen.tool)
        options = [("ignore", "ignore (not imported)"), *((f.key, f.label) for f in tool.fields)]
        widgets: list[Widget] = [Static("Columns → fields", classes="mapping-section")]
        names = {col: header or f"column {col}" for col, header in self.step.headers.items()}
        pad = min(PAD, max((len(name) for name in names.values()), default=0))
        for col, name in names.items():
            value = self.chosen.columns.get(col, "ignore")
            widgets.append(Choice(name, options, value, id=f"col-{col}", pad=pad))
        await box_.mount_all(widgets)

    async def _values(self) -> None:
        box_ = self.query_one("#mapping-values", Vertical)
        await box_.remove_children()
        widgets: list[Widget] = []
        for col, spec, texts in self.step.scaled(self.chosen):
            low, high = spec.scale or (0, 0)
            widgets.append(
                Static(
                    content(f"Values of {self.step.headers[col]} → {spec.label} ({low}..{high})"),
                    classes="mapping-section",
                )
            )
            options = [("", "as read"), *((str(v), str(v)) for v in range(low, high + 1))]
            said = self.chosen.values.get(spec.key, {})
            for index, cell in enumerate(texts):
                widgets.append(Choice(cell, options, said.get(cell, ""), id=f"val-{col}-{index}"))
        await box_.mount_all(widgets)

    @on(Choice.Changed)
    async def _changed(self, event: Choice.Changed) -> None:
        choice = event.choice
        ident = choice.id or ""
        if ident == "mapping-tool":
            self.chosen = self.step.start(choice.value)
            await self._columns()
            await self._values()
        elif ident.startswith("col-"):
            before = [(c, s.key) for c, s, _ in self.step.scaled(self.chosen)]
            columns = dict(self.chosen.columns)
            columns[int(ident.removeprefix("col-"))] = choice.value
            self.chosen = replace(self.chosen, columns=columns)
            if [(c, s.key) for c, s, _ in self.step.scaled(self.chosen)] != before:
                await self._values()
        elif ident.startswith("val-"):
            col, index = (int(p) for p in ident.removeprefix("val-").split("-"))
            key = self.chosen.columns[col]
            cell = self.step.distinct[col][index]
            values = {k: dict(v) for k, v in self.chosen.values.items()}
            if choice.value:
                values.setdefault(key, {})[cell] = choice.value
            else:
                values.get(key, {}).pop(cell, None)
            self.chosen = replace(self.chosen, values=values)
        self._preview()

    def _preview(self) -> None:
        labels, rows = self.step.preview(self.chosen)
        shown = self.query_one("#mapping-preview", Static)
        if not labels:
            shown.update("No column is mapped to a field yet: choose one with ←/→.")
            return
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for label in labels:
            table.add_column(text(label, lines=False), overflow="fold")
        for row in rows:
            table.add_row(*(text(value) for value in row))
        shown.update(table)

    # --- done -----------------------------------------------------------------------------

    def action_done(self) -> None:
        if not any(k != "ignore" for k in self.chosen.columns.values()):
            self.notify("Map at least one column to a field first (←/→).", severity="warning")
            return
        self.dismiss(self.chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
