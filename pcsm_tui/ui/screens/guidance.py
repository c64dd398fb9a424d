"""The guidance panel of an engagement: where it stands and what to do next.

Shown on the right of the engagement screen (key `P`, or the palette): the current phase's
overview and output, its progress, health with its reasons, the go/no-go state of each
adoption phase, the phase's activities each linked to the tools it uses, and the next steps
computed from the data with their reasons. Enter on an activity or a next step opens the
tool where it is done or fixed. Everything is read through the service (`Workspace.guide`);
the panel only presents it, every text from data shown as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ...errors import explain
from ...framework.catalogue import TOOLS_BY_ID
from ...service_guide import explain as located
from ...textcut import shorten
from ..plain import content
from ..widgets import VimTable

if TYPE_CHECKING:
    from ...analysis.attention import Target
    from ...analysis.overview import Guide
    from ...service import Workspace

LEVEL_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}


def wheel_target(target: Target) -> tuple[Any, ...]:
    """Where the engagement screen's wheel shows a finding's fix."""
    if target.tool == "engagement":
        return ("engagement",)
    if target.tool == "stakeholders":
        return ("register",)
    if target.tool in TOOLS_BY_ID:
        return ("tool", target.tool)
    return ("engagement",)


def tool_numbers(tools: tuple[str, ...]) -> str:
    """The tools an activity uses by their numbers (`3, 5`): short, so the activity's own
    words keep the width; the wheel and the palette name each number."""
    return ", ".join(str(TOOLS_BY_ID[t].number) if t in TOOLS_BY_ID else t for t in tools)


def where(tool: str, month: str | None) -> str:
    """Where a next step is fixed, short (`6 2026-11`: tool 6, that month's file) so the
    reason keeps the width; the wheel names each number, enter goes there."""
    found = TOOLS_BY_ID.get(tool)
    name = str(found.number) if found else tool
    return f"{name} {month}" if month else name


class GuidancePanel(VerticalScroll):
    """Enter on an activity opens its first tool; on a next step, where it is fixed."""

    DEFAULT_CSS = """
    GuidancePanel {
        height: 1fr;
        padding: 0 1;
    }
    GuidancePanel .guide-section {
        margin: 1 0 0 0;
        height: auto;
    }
    GuidancePanel DataTable {
        height: auto;
        max-height: 14;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "Open where this is done", show=False, id="guidance.jump"),
    ]

    def __init__(self, workspace: Workspace, slug: str) -> None:
        super().__init__(classes="tool-editor", id="guidance")
        self.workspace = workspace
        self.slug = slug
        self.heading = "Guidance"
        self.guide: Guide | None = None
        self.jumps: dict[str, tuple[Any, ...]] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="guide-title", classes="editor-title")
        yield Static("", id="guide-overview", classes="editor-help")
        yield Static("", id="guide-state")
        yield Static(content(("Activities of this phase", "bold")), classes="guide-section")
        yield VimTable(id="guide-activities", cursor_type="row", zebra_stripes=True)
        yield Static("", id="guide-steps-title", classes="guide-section")
        yield VimTable(id="guide-steps", cursor_type="row", zebra_stripes=True)
        yield Static(
            content(
                ("enter", "bold"),
                " opens the tool · ",
                (">", "bold"),
                " next phase · ",
                ("Y", "bold"),
                " go/no-go · ",
                ("R", "bold"),
                " report",
            ),
            classes="editor-help guide-section",
        )

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#guide-steps", VimTable).focus()

    def fit_last(self, rows: list[tuple[str, list[Any]]], heads: tuple[str, ...]) -> Any:
        """The last column (an activity, a step's reason) cut at a word with "…" to what the
        panel leaves it, never clipped inside a word by the edge; enter opens it in full."""
        width = self.size.width or self.app.size.width
        others = [
            max([len(h), *(len(str(r[1][i])) for r in rows)]) + 2 for i, h in enumerate(heads)
        ]
        room = max(12, width - sum(others) - 2 - 2 - 1)  # its padding, the panel's, a bar
        return [(key, [*cells[:-1], shorten(str(cells[-1]), room)]) for key, cells in rows]

    def on_resize(self) -> None:
        if self.guide is not None:
            self.show(self.guide)

    def reload(self) -> None:
        """Read the guide again (after a save, an undo or ctrl+r). A file that does not read
        is said in its own words; the panel stays."""
        try:
            guide = self.workspace.guide(self.slug)
        except Exception as error:  # shown, never fatal: validate names every problem
            self.guide = None
            self.query_one("#guide-title", Static).update(content(("Guidance", "bold")))
            self.query_one("#guide-overview", Static).update(
                content(
                    ("cannot build the guidance: ", "bold red"),
                    (located(error) or (explain(error), 1))[0],  # with the file and line
                )
            )
            return
        self.guide = guide
        self.show(guide)

    def show(self, guide: Guide) -> None:
        phase = guide.phase
        stage = f" · {phase.stage} stage" if phase.stage else ""
        self.query_one("#guide-title", Static).update(
            content((f"Guidance: phase {phase.number} {phase.name}{stage}", "bold"), lines=False)
        )
        self.query_one("#guide-overview", Static).update(
            content(phase.overview, "\n", ("Output: ", "bold"), phase.output)
        )
        health = guide.health
        parts: list[str | tuple[str, str]] = [
            ("Progress: ", "bold"),
            f"{phase.ticked}/{len(phase.activities)} steps done ({phase.progress:.0%})",
        ]
        if phase.tools:
            parts.append(
                " · tools: " + ", ".join(f"{t.title} {t.completeness:.0%}" for t in phase.tools)
            )
        parts += ["\n", ("Health: ", "bold"), (health.level.upper(), LEVEL_STYLE[health.level])]
        parts += [f" ({health.points} point(s))"]
        parts += [f"\n  · {reason}" for reason in health.lines()]
        for go in guide.go:
            if go.go_live or go.decision:
                parts += ["\n", ("Go/no-go: ", "bold"), go.summary()]
        self.query_one("#guide-state", Static).update(content(*parts))
        self.jumps = {}
        activities = []
        for activity in phase.activities:
            key = f"a-{activity.id}"
            first = activity.tools[0] if activity.tools else None
            self.jumps[key] = ("tool", first) if first in TOOLS_BY_ID else ("guide", phase.number)
            done = activity.done.isoformat() if activity.done else ""
            mark = Text("✓", style="bold green") if activity.done else "○"
            cells = [mark, str(activity.number), tool_numbers(activity.tools), done]
            activities.append((key, [*cells, activity.text]))
        activities = self.fit_last(activities, ("", "No.", "Tools", "Done on"))
        self.query_one("#guide-activities", VimTable).show(
            [
                ("", "done"),
                ("No.", "no"),
                ("Tools", "tools"),
                ("Done on", "on"),
                ("Activity", "text"),
            ],
            activities,
        )
        steps = []
        for number, step in enumerate(guide.next_steps, start=1):
            key = f"s-{number}"
            self.jumps[key] = wheel_target(step.target)
            place = where(step.target.tool, step.target.month)
            steps.append((key, [str(number), place, step.reason]))
        steps = self.fit_last(steps, ("No.", "Tool"))
        count = len(guide.next_steps)
        self.query_one("#guide-steps-title", Static).update(
            content((f"Next steps ({count})", "bold"), "" if count else ": nothing outstanding")
        )
        self.query_one("#guide-steps", VimTable).show(
            [("No.", "no"), ("Tool", "where"), ("Why", "reason")], steps
        )

    def action_jump(self) -> None:
        focused = self.app.focused
        if not isinstance(focused, VimTable) or not focused.row_count:
            return
        key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
        target = self.jumps.get(str(key))
        show = getattr(self.screen, "show_target", None)
        if target is not None and callable(show):
            show(target)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()


__all__ = ["GuidancePanel", "tool_numbers", "wheel_target", "where"]
