"""Which editor shows a file: the one its registry entry names, live or read only.

The engagement screen and the "view as of" screen both ask here, so a tool looks the same
in both (they used to choose with rules of their own, and an earlier version of the risks
showed as a plain table without its grid). The entry names its editor by import path
(framework/ never imports Textual); the class is imported when a tool is first opened.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from ...framework.catalogue import Tool, load_object
from .shapes import MonthlyEditor
from .tool import ToolEditor

if TYPE_CHECKING:
    from ...service import Workspace


def editor_class(tool: Tool) -> type[ToolEditor]:
    """The editor class the entry names; a name that is not an editor is a bug in the entry."""
    found = load_object(tool.editor)
    if not (isinstance(found, type) and issubclass(found, ToolEditor)):
        raise TypeError(f"{tool.id}: {tool.editor} is not a ToolEditor")
    return found


def make_editor(
    workspace: Workspace,
    tool: Tool | None,
    rel: str,
    engagement: str | None,
    *,
    title: str | None = None,
    help_text: str | None = None,
    months: list[str] | None = None,
    read_only: bool = False,
    text: str | None = None,
    banner: str = "",
) -> ToolEditor:
    """The entry's editor for `rel` (a month's file for a monthly tool; "" when there is no
    month yet); a file with no entry (a person's profile) gets the generic editor, titled
    with its path. Read only it shows `text`, an earlier version, under `banner`."""
    cls = editor_class(tool) if tool is not None else ToolEditor
    extra: dict[str, Any] = {}
    if issubclass(cls, MonthlyEditor):
        month = PurePosixPath(rel).stem if rel else ""
        extra = {"months": months if months is not None else [month], "month": month}
    return cls(
        workspace,
        rel,
        title if title is not None else tool.heading if tool is not None else rel,
        help_text if help_text is not None else tool.help if tool is not None else "",
        engagement=engagement,
        read_only=read_only,
        text=text,
        banner=banner,
        tool=tool,
        **extra,
    )


__all__ = ["editor_class", "make_editor"]
