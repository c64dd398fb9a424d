"""An engagement: the framework wheel on the left, the selected tool's editor on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static, Tree

from ...framework.catalogue import (
    ENGAGEMENT_ENTRY,
    ENGAGEMENT_FILES,
    REGISTER_ENTRY,
    TOOLS,
    TOOLS_BY_ID,
    Tool,
)
from ...gateway import engagement_rel, pathspecs
from ...models.base import MAX_PHASE
from ..appref import is_pcsm_app, pcsm_app
from ..editors.cell import EDIT_OPEN, CellEditor
from ..editors.guide import GuideEditor
from ..editors.registry import make_editor
from ..header import ScreenHeader
from ..jobs import run_job
from ..keybar import KeyBar
from ..widgets import StatusLine
from .guide_actions import GUIDE_BINDINGS, GuideActions
from .kept_editors import KeptEditors, QuietFocus, shown_cell_editors, shown_folders
from .wheel import Target, Wheel

if TYPE_CHECKING:
    from .exchange import ExportWhat

STATUS_DELAY_S = 1.0
"""How long after a commit the header's repository status is refreshed."""


class EngagementScreen(QuietFocus, GuideActions, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to portfolio", id="engagement.back"),
        Binding("w", "focus_wheel", "Focus the wheel", id="engagement.wheel"),
        Binding("ctrl+r", "reload", "Reload from disk", id="engagement.reload"),
        # History and time travel (screens/history.py).
        Binding("H", "history", "History of this engagement", show=False, id="engagement.history"),
        Binding(
            "L", "tool_history", "History of this tool", show=False, id="engagement.tool_history"
        ),
        Binding(
            "V", "as_of", "The whole engagement as of a date", show=False, id="engagement.as_of"
        ),
        # Excel and documents (screens/exchange.py): O out, I in; redacted ones in the palette.
        Binding(
            "O",
            "export('engagement')",
            "Export engagement to Excel",
            show=False,
            id="engagement.export",
        ),
        Binding(
            "T",
            "export('tool')",
            "Export this tool to Excel",
            show=False,
            id="engagement.export_tool",
        ),
        Binding(
            "W",
            "export('docx')",
            "Export the proposal as Word",
            show=False,
            id="engagement.export_proposal",
        ),
        Binding(
            "I",
            "import_workbook",
            "Import an Excel workbook",
            show=False,
            id="engagement.import",
        ),
        *GUIDE_BINDINGS,  # P guidance, > next phase, Y go/no-go, R report
        Binding(
            "ctrl+t", "save_template", "Save as team template", show=False, id="engagement.template"
        ),
    ]

    def __init__(self, slug: str, tool: str | None = None) -> None:
        super().__init__()
        self.slug = slug
        self.initial: Target = ("tool", tool) if tool else ("engagement",)
        self.current: Target | None = None
        self._status_timer: Timer | None = None
        self._git_summary = ""
        self.engagement: dict[str, Any] = {}
        self._wheel_shows: tuple[object, ...] = ()
        self.kept = KeptEditors()

    @property
    def workspace(self) -> Any:
        return pcsm_app(self).workspace

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal():
            yield Wheel("wheel", id="wheel")
            yield Container(id="editor-host")
        hint = "tab next pane · w wheel · esc portfolio · ? keys · ctrl+p commands"
        yield StatusLine(getattr(self.app, "status_text", "") or hint, hint=hint)
        yield KeyBar()

    def on_mount(self) -> None:
        self.read_engagement()
        self.build_wheel()
        self.show_target(self.initial)
        self.load_status()

    def read_engagement(self) -> None:
        data = self.read_raw(engagement_rel(self.slug, "engagement.toml"))
        # Only what has the expected type: a hand edit may have put anything anywhere.
        expected = {"customer": str, "csm": str, "current_phase": int, "activities_done": dict}
        self.engagement = {k: v for k, v in data.items() if isinstance(v, expected.get(k, object))}
        phase = self.engagement.get("current_phase", 1)
        if not 1 <= phase <= MAX_PHASE:  # a team's own phases come after 7
            phase = self.engagement["current_phase"] = 1
        name = self.workspace.framework.phase(phase).name if isinstance(phase, int) else "?"
        self.title = f"{self.engagement.get('customer', self.slug)}"
        git = f" · git {self._git_summary}" if self._git_summary else ""
        self.sub_title = f"{self.slug} · phase {phase} {name}{git}"

    def read_raw(self, rel: str) -> dict[str, Any]:
        """A file's data as shown here (as it is now; the as-of screen reads a commit's)."""
        return self.workspace.read_quietly(rel)  # type: ignore[no-any-return]

    def load_status(self) -> None:
        run_job(
            self,
            lambda: self.workspace.status().summary,
            self._status,
            what="reading the repository status",
            group="engagement-status",
            exclusive=True,
        )

    def _status(self, summary: str) -> None:
        self._git_summary = summary
        base = (self.sub_title or "").split(" · git ")[0]
        self.sub_title = f"{base} · git {summary}"

    # --- the wheel ----------------------------------------------------------------------

    def wheel_shows(self) -> tuple[object, ...]:
        """What the wheel's labels are made of: the customer, the current phase, the ticks."""
        return (
            self.engagement.get("customer", self.slug),
            self.engagement.get("current_phase", 1),
            tuple(sorted(self.engagement.get("activities_done", {}))),
        )

    def build_wheel(self) -> None:
        framework = self.workspace.framework
        done = self.engagement.get("activities_done", {})
        current = self.engagement.get("current_phase", 1)
        self._wheel_shows = self.wheel_shows()
        unreadable = self.unreadable_files()
        wheel = self.query_one("#wheel", Wheel)
        wheel.clear()
        root = wheel.root
        root.set_label(Text(str(self.engagement.get("customer", self.slug))))  # never markup
        root.expand()
        root.add_leaf(
            "⚠ Engagement" if "engagement.toml" in unreadable else "Engagement",
            data=("engagement",),
        )
        root.add_leaf(
            "⚠ Stakeholder register"
            if "stakeholders.toml" in unreadable
            else "Stakeholder register",
            data=("register",),
        )
        for stage in framework.stages:
            stage_node = root.add(f"{stage.id} {stage.name}", data=("stage", stage.id), expand=True)
            for number in stage.phases:
                phase = framework.phase(number)
                mark = "● " if number == current else ""
                phase_node = stage_node.add(
                    f"{mark}{number} {phase.name}", data=("phase", number), expand=number == current
                )
                ticked = sum(1 for a in phase.activities if a.id in done)
                count = f"{ticked}/{len(phase.activities)}"
                guide = phase_node.add_leaf(f"Activity guide {count}", data=("guide", number))
                wheel.short_forms[guide.id] = f"Guide {count}"  # the count stays when narrow
                for tool in TOOLS:
                    if tool.phase == number:
                        mark = "⚠ " if tool.file in unreadable else ""
                        phase_node.add_leaf(f"{mark}{tool.wheel_name}", data=("tool", tool.id))

    def unreadable_files(self) -> set[str]:
        """The engagement's files that do not read (a link, a folder, not UTF-8, too big or
        deep, bad TOML): marked ⚠ in the wheel and named in the status line."""
        base = engagement_rel(self.slug)
        # Both read through one memo of the files' stamps: a file is parsed once per change.
        found = self.workspace.broken_files([f"{base}/{name}" for name in ENGAGEMENT_FILES])
        every = self.workspace.engagement_broken(self.slug)  # the plan's months too
        if every and is_pcsm_app(self.app):
            (_rel, first), *rest = sorted(every.items())
            others = [rel.removeprefix(base + "/") for rel, _why in rest]
            more = f" (also: {', '.join(others)})" if others else ""
            message = f"cannot read {first}{more} · pcsm validate lists every problem"
            self.app.call_later(self._say_unreadable, message)
        return {rel.rsplit("/", 1)[1] for rel in found}

    def _say_unreadable(self, message: str) -> None:
        """On this screen's status line only: under the conflict view it would replace
        that view's key hints (the conflicted file does not read, by design)."""
        if self.is_current:
            pcsm_app(self).set_status(message, "error")

    def targets(self) -> list[tuple[str, Target]]:
        """Everything the palette can go to on this screen."""
        framework = self.workspace.framework
        found: list[tuple[str, Target]] = [
            ("Go to guidance: phase, progress and next steps", ("guidance",)),
            ("Go to engagement details", ("engagement",)),
            ("Go to stakeholder register", ("register",)),
        ]
        found += [
            (f"Go to activity guide of phase {p.number} {p.name}", ("guide", p.number))
            for p in framework.phases
        ]
        found += [(f"Go to tool {t.number} {t.title}", ("tool", t.id)) for t in TOOLS]
        return found

    def on_tool_editor_saved(self, _message: Any) -> None:
        """A change was committed: the phase, the ticks or the status may have moved."""
        self.read_engagement()
        if self.wheel_shows() != self._wheel_shows:  # rebuilding costs a full repaint
            self.build_wheel()
            if self.current is not None:
                self._select_in_wheel(self.current)
        # The repository status can wait a moment: edits in quick succession then share
        # one refresh, and its git processes do not compete with the next commit.
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(STATUS_DELAY_S, self.load_status)

    @on(Tree.NodeSelected, "#wheel")
    def _selected(self, event: Tree.NodeSelected[Target]) -> None:
        data = event.node.data
        if data and data[0] in ("engagement", "register", "guide", "tool"):
            if data != self.current and not self.edit_open():
                pcsm_app(self).clear_status()  # another tool: the last one's message is done
            self.show_target(data)

    def edit_open(self) -> bool:
        """An edit box is open: showing another tool or reading the files again would throw
        away what was typed, so the person decides first (enter saves, esc cancels)."""
        if not any(editor.display for editor in shown_cell_editors(self)):
            return False
        pcsm_app(self).set_status(EDIT_OPEN, "error")
        return True

    def show_target(self, target: Target) -> None:
        if self.edit_open():
            return
        host = self.query_one("#editor-host", Container)  # kept: see kept_editors.py
        stamp = self.workspace.shown_stamp(shown_folders(self.slug, self.engagement))
        with self.app.batch_update():
            self._select_in_wheel(target)  # first: its repaint is then in the show's frame
            self.kept.show(host, target, stamp, self.make_editor, self.current)
            self.current = target

    def _select_in_wheel(self, target: Target) -> None:
        wheel = self.query_one("#wheel", Wheel)
        stack = [wheel.root]
        while stack:
            node = stack.pop()
            if node.data == target:
                parent = node.parent
                while parent is not None:  # expand() repaints the whole wheel: when needed
                    parent = parent.expand().parent if not parent.is_expanded else parent.parent
                if wheel.cursor_node is not node:
                    wheel.move_cursor(node)
                return
            stack.extend(node.children)

    def make_editor(self, target: Target) -> Widget:
        workspace = self.workspace
        if target[0] == "engagement":
            rel = engagement_rel(self.slug, ENGAGEMENT_ENTRY.file)
            return make_editor(workspace, ENGAGEMENT_ENTRY, rel, self.slug)
        if target[0] == "register":
            rel = engagement_rel(self.slug, REGISTER_ENTRY.file)
            return make_editor(workspace, REGISTER_ENTRY, rel, self.slug)
        if target[0] == "guide":
            return GuideEditor(workspace, self.slug, int(target[1]))
        if target[0] == "guidance":
            # start-up: ui.screens.guidance loads only when this runs
            from .guidance import GuidancePanel

            return GuidancePanel(workspace, self.slug)
        tool = TOOLS_BY_ID[str(target[1])]
        return self.tool_editor(tool)

    def tool_editor(self, tool: Tool) -> Widget:
        """The editor the tool's registry entry names (editors/registry.py)."""
        workspace = self.workspace
        if tool.scope == "monthly":
            months = workspace.months(self.slug)
            rel = workspace.tool_path(self.slug, tool, months[-1]) if months else ""
            return make_editor(workspace, tool, rel, self.slug, months=months)
        if tool.scope == "person":
            csm = self.engagement.get("csm", "")
            if not csm:
                return Static(
                    "This engagement has no CSM set (Engagement → CSM), so there is "
                    "no personal evaluation to show.",
                    classes="problem",
                )
            rel = f"people/{csm}/{tool.file}"
            person = workspace.member_names().get(csm, csm)  # the CSM by name, not id
            return make_editor(workspace, tool, rel, self.slug, title=f"{tool.heading} — {person}")
        return make_editor(workspace, tool, workspace.tool_path(self.slug, tool), self.slug)

    # --- keys ---------------------------------------------------------------------------

    def undo_scope(self) -> tuple[str, ...]:
        """u and U take back this engagement's changes (and the CSM's own files, which its
        personal evaluation tool shows), never another engagement's."""
        csm = self.engagement.get("csm")
        person = (f"people/{csm}/",) if isinstance(csm, str) and csm else ()
        return (engagement_rel(self.slug) + "/", *person)

    def action_back(self) -> None:
        if any(editor.display for editor in self.query(CellEditor)):
            return
        self.app.pop_screen()
        reload = getattr(self.app.screen, "reload", None)
        if callable(reload):
            reload()

    def action_focus_wheel(self) -> None:
        self.query_one("#wheel", Wheel).focus()

    def action_reload(self) -> None:
        if not self.edit_open():
            self.reload()

    def current_rel(self) -> str | None:
        """The file of the item shown on the right (an activity guide: engagement.toml)."""
        if self.current is not None and self.current[0] == "guide":
            return engagement_rel(self.slug, "engagement.toml")
        for child in self.query_one("#editor-host", Container).displayed_children:
            rel = getattr(child, "rel", None)
            if isinstance(rel, str) and rel:
                return rel
        return None

    def action_history(self) -> None:
        # start-up: ui.screens.history loads only when this runs
        from .history import HistoryScreen

        heading = f"{self.title} ({self.slug})"
        self.app.push_screen(
            HistoryScreen(heading, pathspecs(self.slug), self.slug, fallback_rel=self.current_rel())
        )

    def action_tool_history(self) -> None:
        # start-up: ui.screens.history loads only when this runs
        from .history import HistoryScreen

        rel = self.current_rel()
        if rel is None:
            self.notify("choose a tool in the wheel first", timeout=3)
            return
        shown = self.query_one("#editor-host", Container).displayed_children
        heading = next((str(c.heading) for c in shown if hasattr(c, "heading")), rel)
        self.app.push_screen(HistoryScreen(heading, [rel], self.slug, rel=rel))

    def action_as_of(self) -> None:
        # start-up: ui.screens.engagement_asof loads only when this runs
        from .engagement_asof import ask_as_of

        ask_as_of(self)

    def action_export(self, what: ExportWhat, redact: bool = False) -> None:
        # start-up: ui.screens.exchange loads only when this runs
        from .exchange import open_export

        open_export(self, what, redact)

    def action_save_template(self) -> None:
        # start-up: the dialog loads only when this runs
        from .template_dialog import save_as_template

        save_as_template(self)

    def action_import_workbook(self) -> None:
        # start-up: ui.screens.exchange loads only when this runs
        from .exchange import open_import

        open_import(self)

    def reload(self) -> None:
        """After an undo, a failed save or ctrl+r: read everything again."""
        if self.slug not in self.workspace.engagement_slugs():  # undone, or removed outside
            self.app.pop_screen()
            reload = getattr(self.app.screen, "reload", None)
            if callable(reload):
                reload()
            pcsm_app(self).set_status(f"the engagement {self.slug} is no longer there")
            return
        self.read_engagement()
        if self.wheel_shows() != self._wheel_shows:  # rebuilding costs a full repaint
            self.build_wheel()
            if self.current is not None:
                self._select_in_wheel(self.current)
        self.kept.forget_hidden()
        host = self.query_one("#editor-host", Container)
        for child in host.children:
            refresh = getattr(child, "reload", None)
            if callable(refresh):
                refresh()
        self.load_status()
