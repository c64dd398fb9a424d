"""What a registry entry holds (`Tool`): a tool's number, id, title, phase, file and model,
the editor that shows it and its keys, the Excel adapter and the checklist prefill, each
named by import path so that the framework (and the headless core) never imports Textual or
the exchange layer. The entries themselves are framework/catalogue.py."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Literal

from ..models.base import FileModel
from ..models.references import REFERENCES, Reference

Shape = Literal["form", "table", "checklist", "document", "scoring", "raci", "chart"]
Scope = Literal["engagement", "monthly", "person"]

TABLE_EDITOR = "pcsm_tui.ui.editors.tool:ToolEditor"
"""Editors are named by import path, so this module (and the headless core) never imports
Textual; ui/editors/registry.py imports the class when a tool is opened."""

TABLE_KEYS = "e edit · a add · d delete · c copy · J/K move rows"
FORM_KEYS = "e edit the answer · a add a question · d delete"
CHECKLIST_KEYS = "space yes/no/blank · e edit · a add an item or a copy (in the copies table)"
CHART_KEYS = "e edit the figures · [ ] month · N start next month"


@dataclass(frozen=True)
class Tool:
    """One of the framework's 23 tools, a tool pcsm adds to them (24: value KPIs), or one of
    the engagement's own two files.

    Everything generic code needs to know about a tool is here: its file and model, the
    editor that shows it, the keys that editor offers, what a checklist copy starts from.
    """

    number: int
    id: str
    title: str
    phase: int
    file: str
    """File name in the engagement folder (or person folder); a folder for monthly tools."""
    model: type[FileModel]
    shape: Shape
    scope: Scope = "engagement"
    editor: str = TABLE_EDITOR
    """`module:Class` of the editor (a ui.editors.tool.ToolEditor), live and read only."""
    keys: str = TABLE_KEYS
    """The key help line shown under the editor's title."""
    label: str = ""
    """The editor's heading when it is not `number title` (the engagement's own files)."""
    prefill: str = ""
    """`module:function(framework, number)` making a new checklist copy (checklists only)."""
    adapter: str = ""
    """`module:function(entry, framework)` making the entry's Excel adapter (io/layouts.py)."""
    short: str = ""
    """The name in the wheel: distinct within its phase and short enough for a narrow wheel
    (the phase already says `Onboarding`, so tool 8 is `Requirements`); the editor's heading
    keeps the full title."""

    @property
    def wheel_name(self) -> str:
        """`8 Requirements`: the number and the short name (the title when there is none)."""
        return f"{self.number} {self.short or self.title}"

    @property
    def heading(self) -> str:
        """The editor's heading: `17 Adoption Risks`."""
        return self.label or f"{self.number} {self.title}"

    @property
    def references(self) -> tuple[Reference, ...]:
        """What this tool's file names elsewhere (declared once, in models/references.py)."""
        return tuple(r for r in REFERENCES if r.model is self.model)

    @property
    def help(self) -> str:
        """The help line under the heading: the phase and the keys."""
        return f"Phase {self.phase} · {self.keys}" if self.number else self.keys


def load_object(path: str) -> Any:
    """The object a registry entry names as `module:name` or `module:Class.method`
    (imported on first use)."""
    module, _, name = path.partition(":")
    found: Any = import_module(module)
    for part in name.split("."):
        found = getattr(found, part)
    return found
