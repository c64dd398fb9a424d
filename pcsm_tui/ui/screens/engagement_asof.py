"""The whole engagement as it was on a day (or at a commit), read only.

The engagement screen's own layout — the wheel with that day's phase and ticks, every
tool in its own editor — fed from git's objects through `Workspace.engagement_as_of`
instead of the work tree. Nothing here writes: every editor is read only, and every key
that changes something (in an editor, the guidance keys, undo, sync, import, templates)
is answered with one status line that says why and how to get back to today.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from ...framework.catalogue import ENGAGEMENT_ENTRY, REGISTER_ENTRY, TOOLS_BY_ID, Tool
from ...gateway import engagement_rel, plan_month_rel
from ...service_guide import explain
from ..appref import pcsm_app
from ..editors.guide import GuideEditor
from ..editors.readonly import ReadOnlyBanner
from ..editors.registry import make_editor
from ..jobs import run_job
from ..plain import content
from .datedialog import WhenScreen
from .engagement import EngagementScreen
from .wheel import Target, Wheel

if TYPE_CHECKING:
    from ...gateway import EngagementThen

REFUSED = (
    ("e", "edit"),
    ("space", "toggle"),
    ("a", "add"),
    ("d", "delete"),
    ("c", "copy"),
    ("o", "add"),
    ("r,i,x,less_than_sign", "change"),
    ("y,n", "answer"),
    ("K,J,shift+up,shift+down", "move"),
    ("N", "start a month"),
    ("A,E,X", "change a column"),
    ("plus,equals_sign,minus", "score"),
    ("u", "undo"),
    ("U", "redo"),
    ("C", "commit"),
    ("S", "sync"),
)
"""Keys that change something somewhere in the app, refused here by name (an editor that
is read only passes its keys on; they end here instead of in today's files)."""

READ_HELP = "Read only: as it was then. Moving around works; Esc returns to today."


def ask_as_of(screen: EngagementScreen) -> None:
    """Ask for a day or a commit, then open the engagement as it was (read only)."""
    slug = screen.slug
    workspace = screen.workspace

    def opened(then: EngagementThen | str, day: dt.date | None) -> None:
        if isinstance(then, str):  # did not exist yet, no such commit: said, nothing opens
            pcsm_app(screen).set_status(then, "error")
            screen.notify(then, severity="warning", markup=False, timeout=6)
            return
        screen.app.push_screen(EngagementAsOfScreen(then, day, screen.current))

    def chosen(when: dt.date | str | None) -> None:
        if when is None:
            return

        def read() -> EngagementThen | str:
            try:
                found: EngagementThen = workspace.engagement_as_of(slug, when)
            except Exception as error:  # said in words (did not exist yet, no such commit)
                known = explain(error)
                if known is None:
                    raise
                return known[0]
            return found

        day = when if isinstance(when, dt.date) else None
        run_job(
            screen,
            read,
            lambda then: opened(then, day),
            what="reading the engagement as of that day",
            group="engagement-as-of",
        )

    screen.app.push_screen(
        WhenScreen(
            "The engagement as of a date (YYYY-MM-DD) or a commit id: every tool as it "
            "was, read only",
            workspace.today,
        ),
        chosen,
    )


class EngagementAsOfScreen(EngagementScreen):
    """An engagement as it was at one commit: the wheel and every tool, read only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "today", "Return to today", id="asof_engagement.today"),
        Binding("ctrl+r", "refuse('reloading')", "Reload: refused", show=False),
        *(
            Binding(keys, f"refuse('{what}')", f"{what.capitalize()}: refused", show=False)
            for keys, what in REFUSED
        ),
    ]

    def __init__(
        self, then: EngagementThen, day: dt.date | None = None, shown: Target | None = None
    ) -> None:
        super().__init__(then.slug)
        self.initial = shown or self.initial  # the tool that was on screen, as it was then
        self.then = then
        self.day = day or dt.date.fromisoformat(then.commit.date[:10])
        """The day asked for (the commit shown is the newest on or before it)."""

    # --- what it shows ------------------------------------------------------------------

    @property
    def sha(self) -> str:
        return self.then.commit.sha

    def banner(self) -> str:
        return (
            f"as of {self.day.isoformat()} (commit {self.sha[:7]}, read only) — Esc returns to "
            "today"
        )

    def compose(self) -> Any:
        yield ReadOnlyBanner(content(self.banner()), id="asof-banner")
        yield from super().compose()

    def on_mount(self) -> None:
        """After the engagement screen's own on_mount (Textual calls each class's)."""
        pcsm_app(self).set_status(
            "read only · dimmed tools: not worked on yet then · Esc returns to today"
        )

    def read_raw(self, rel: str) -> dict[str, Any]:
        """engagement.toml (the customer, phase and ticks) as of the commit shown."""
        return self.workspace.read_quietly(rel, at=self.sha)  # type: ignore[no-any-return]

    def read_engagement(self) -> None:
        super().read_engagement()
        self.sub_title = f"{(self.sub_title or '').split(' · git ')[0]} · read only"

    def load_status(self) -> None:
        """The repository's status is today's: not shown over an old version."""

    def unreadable_files(self) -> set[str]:
        """An old file that does not read says so in its own editor."""
        return set()

    def build_wheel(self) -> None:
        """The wheel as it was: that day's phase and ticks, and the tools nobody had worked
        on yet (their file as `pcsm new` made it, or none) dimmed."""
        super().build_wheel()
        stack = [self.query_one("#wheel", Wheel).root]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            data = node.data
            if data and data[0] == "tool" and not self.had(TOOLS_BY_ID[str(data[1])]):
                node.set_label(Text(str(node.label), style="dim"))

    def had(self, tool: Tool) -> bool:
        """Whether the tool had content by then: changed since the engagement was made."""
        if tool.scope == "monthly":
            return bool(self.then.months)
        rel = self.rel_of(tool)
        return rel in self.then.worked_on or (tool.scope == "person" and rel in self.then.texts)

    def rel_of(self, tool: Tool) -> str:
        if tool.scope == "person":
            csm = self.engagement.get("csm", "")
            return f"people/{csm}/{tool.file}" if csm else ""
        if tool.scope == "monthly":
            last = self.then.months[-1] if self.then.months else ""
            return plan_month_rel(self.slug, last) if last else ""
        return engagement_rel(self.slug, tool.file)

    def make_editor(self, target: Target) -> Widget:
        if target[0] == "guide":
            guide = GuideEditor(self.workspace, self.slug, int(target[1]))
            guide.as_of = self.sha
            return guide
        if target[0] == "guidance":
            return self.note(
                "Guidance is worked out for today. For the phase, next steps and health as "
                f"of a day, run: pcsm guide {self.slug} --as-of {self.day.isoformat()}"
            )
        if target[0] == "engagement":
            return self.old_editor(ENGAGEMENT_ENTRY, engagement_rel(self.slug, "engagement.toml"))
        if target[0] == "register":
            return self.old_editor(REGISTER_ENTRY, engagement_rel(self.slug, REGISTER_ENTRY.file))
        tool = TOOLS_BY_ID[str(target[1])]
        return self.old_editor(tool, self.rel_of(tool))

    def old_editor(self, tool: Tool, rel: str) -> Widget:
        """The tool's own editor, read only, showing its text at the commit."""
        text = self.then.text(rel) if rel else None
        if text is None:
            return self.note(f"{tool.heading}: no file yet on {self.day.isoformat()}.")
        title = tool.heading
        if tool.scope == "person":
            title = f"{tool.heading} — {self.engagement.get('csm', '')}"
        editor = make_editor(
            self.workspace,
            tool,
            rel,
            self.slug,
            title=title,
            help_text=READ_HELP,
            months=list(self.then.months) if tool.scope == "monthly" else None,
            read_only=True,
            text=text,
        )
        editor.as_of = self.sha  # names and choices from that commit's register
        editor.read_only_text = (  # R restores nothing here: only what can be done is said
            f"read only: {self.engagement.get('customer') or self.slug} as of "
            f"{self.day.isoformat()}; Esc returns to today"
        )
        return editor

    def note(self, text: str) -> Widget:
        box = Vertical(classes="tool-editor")
        box.compose_add_child(Static(content(text), classes="problem"))
        return box

    # --- keys: nothing changes ------------------------------------------------------------

    def refuse(self, what: str) -> None:
        """Said on the status line and, as it is longer than a narrow line, in a toast
        that wraps (the line cut `… writes one) is` at 120 columns)."""
        said = f"read only (as of {self.day.isoformat()}): {what} is refused; Esc returns to today"
        pcsm_app(self).set_status(said, "error")
        self.notify(said, severity="warning", markup=False, timeout=5)

    def action_refuse(self, what: str) -> None:
        self.refuse(what)

    def action_today(self) -> None:
        self.app.pop_screen()
        pcsm_app(self).set_status("back to today")

    def action_reload(self) -> None:
        self.refuse("reloading")

    def reload(self) -> None:
        """Nothing on screen can change: the commit shown stays what it was."""

    def action_advance(self) -> None:
        self.refuse("moving to the next phase")

    def action_decide(self) -> None:
        self.refuse("a go/no-go decision")

    def action_report(self) -> None:
        self.refuse(f"a report here (pcsm report --as-of {self.day.isoformat()} writes one)")

    def action_import_workbook(self) -> None:
        self.refuse("an import")

    def action_save_template(self) -> None:
        self.refuse("saving a template")

    def action_export(self, what: Any, redact: bool = False) -> None:
        self.refuse("an export (it writes today's files)")

    def action_as_of(self) -> None:
        self.refuse("another date from here")


__all__ = ["EngagementAsOfScreen", "ask_as_of"]
