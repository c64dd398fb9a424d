"""The Framework screen (the palette: "Framework"): the framework this repository works
with, every entry marked against the shipped default, as `pcsm framework show` prints it.

Read only: the team changes its framework in framework.toml (README, "A framework the team
can shape"); a framework.toml that does not apply is named here with its file and line.
c shows only what the team changed, or everything again.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...framework.effective import MARKS, section_lines
from ..appref import pcsm_app
from ..header import ScreenHeader
from ..keybar import KeyBar
from ..plain import Part, content
from ..widgets import StatusLine

STYLES = {"*": "bold yellow", "+": "bold green", "-": "bold red"}


class FrameworkScreen(Screen[None]):
    """The effective framework; c toggles "only the team's changes"."""

    DEFAULT_CSS = """
    FrameworkScreen #framework-text { padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="framework.back"),
        Binding("c", "changed", "Only the team's changes (or all)", id="framework.changed"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.changed_only = True

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="framework-scroll"):
            yield Static("", id="framework-text")
        yield StatusLine(
            "marks: * changed · + added · - removed · c all or changes only · esc back"
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Framework"
        self.show()
        self.query_one("#framework-scroll", VerticalScroll).focus()

    def show(self) -> None:
        view = pcsm_app(self).workspace.framework_view()
        where = "framework.toml" if view.customized else "no framework.toml: the defaults"
        self.sub_title = f"{where} · {view.changed} entries changed"
        parts: list[Part] = []
        for problem in view.problems:
            parts.append(
                (f"⚠ {problem}\n  the defaults stand in for it until it is fixed\n\n", "bold red")
            )
        for note in view.overrides:
            parts.append((f"Note: {note}\n\n", "bold"))
        sections = [s for s in view.sections if s.changed or not self.changed_only]
        if not sections:
            parts.append("The team has not changed the framework: every entry is as shipped.\n")
        for section in sections:
            for number, text in enumerate(section_lines(section, self.changed_only)):
                if number == 0:
                    parts.append((text + "\n", "bold"))
                    continue
                mark = text[1:2]
                parts.append((text + "\n", STYLES[mark]) if mark in STYLES else text + "\n")
            parts.append("\n")
        self.query_one("#framework-text", Static).update(content(*parts) if parts else Content(""))

    def action_changed(self) -> None:
        self.changed_only = not self.changed_only
        self.show()

    def action_back(self) -> None:
        self.app.pop_screen()


__all__ = ["MARKS", "FrameworkScreen"]
