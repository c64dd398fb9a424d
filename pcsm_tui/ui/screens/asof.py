"""A tool as it was at an earlier commit (read only, in its own editor), and restoring an
old version as one new commit. Split from history.py: the history screen lists commits,
this module shows and restores one file's version of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ...framework.catalogue import ENTRY_FOR_KIND
from ...gateway import classify
from ..appref import pcsm_app
from ..editors.readonly import RESTORABLE
from ..header import ScreenHeader
from ..keybar import KeyBar
from ..widgets import StatusLine

if TYPE_CHECKING:
    from ...gateway import CommitInfo
    from ...service import Workspace
    from ..app import PcsmApp
    from ..editors.tool import ToolEditor


def _app(screen: Screen[Any]) -> PcsmApp:
    return pcsm_app(screen)


def short_date(commit: CommitInfo) -> str:
    """`2026-10-02 13:59`: the author's own date and time, as git recorded it."""
    return commit.date[:16].replace("T", " ")


def editor_for(
    workspace: Workspace, rel: str, text: str, banner: str, engagement: str | None
) -> ToolEditor:
    """The file's own editor (the one the live view shows), read only, showing `text`
    (an earlier version of `rel`)."""
    # start-up: ui.editors.registry loads only when this runs
    from ..editors.registry import make_editor

    kind = classify(rel)
    entry = ENTRY_FOR_KIND.get(kind.kind) if kind is not None else None
    return make_editor(
        workspace,
        entry,
        rel,
        engagement,
        help_text="Read only: moving around works; R restores this version as a new commit.",
        read_only=True,
        text=text,
        banner=banner,
    )


def restore_version(
    app: PcsmApp, rel: str, commit: CommitInfo, done: Callable[[], None] | None = None
) -> None:
    """Ask, then make `rel` what it was as of `commit` again, as one new commit."""
    # start-up: ui.editors.dialogs loads only when this runs
    from ..editors.dialogs import ConfirmScreen

    when = commit.date[:10]

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        app.run_in_background(
            lambda: app.workspace.restore(rel, commit.sha),
            lambda _result: done() if done is not None else None,
            f"restoring {rel} as of {when}…",
            confirmed=lambda: app.workspace.restore(
                rel, commit.sha, confirm_overwrite_unreadable=True
            ),
        )

    kind = classify(rel)
    entry = ENTRY_FOR_KIND.get(kind.kind) if kind is not None else None
    name = f"{entry.heading} ({rel})" if entry is not None else rel
    app.push_screen(
        ConfirmScreen(
            f"Restore {name} as it was on {when}?\n"
            "This makes one new commit; nothing in the history is lost (u undoes it)."
        ),
        answered,
    )


class AsOfScreen(Screen[None]):
    """A tool as it was at an earlier commit, in its own editor, read only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to the history", id="asof.back"),
        Binding("R", "restore", "Restore this version", id="asof.restore"),
        Binding("e", "refuse", "Edit (refused: read only)", show=False, id="asof.edit"),
    ]

    def __init__(self, rel: str, commit: CommitInfo, text: str, engagement: str | None) -> None:
        super().__init__()
        self.rel = rel
        self.commit = commit
        self.text = text
        self.engagement = engagement

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        editor = editor_for(
            _app(self).workspace,
            self.rel,
            self.text,
            f"as of {short_date(self.commit)} {self.commit.sha[:7]} — read only "
            f"· commit by {self.commit.author}",
            self.engagement,
        )
        editor.as_of = self.commit.sha  # names and choices from that commit's register
        editor.read_only_text = RESTORABLE  # R is bound here: a refused edit says so
        yield editor
        yield StatusLine("read only · R restores this version as a new commit · esc back")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"As of {self.commit.date[:10]} — {self.rel}"
        self.sub_title = f"{self.commit.sha[:7]} · read only"

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refuse(self) -> None:
        self.notify(RESTORABLE, timeout=4)

    def action_restore(self) -> None:
        def done() -> None:
            if self.is_current:
                self.app.pop_screen()
            reload = getattr(self.app.screen, "reload", None)
            if callable(reload):
                reload()

        restore_version(_app(self), self.rel, self.commit, done)
