"""The pcsm app: screens, app-wide keys, background saving, the status line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel

from ..service import Workspace
from .palette import ActionsProvider, EngagementsProvider, ExchangeProvider, ToolsProvider
from .widgets import StatusLine

if TYPE_CHECKING:
    from ..store.repository import CommitResult

SWITCH_INTERVAL_S = 0.001
"""How often CPython hands the GIL between threads while the app runs (see on_load)."""


def describe_error(error: BaseException) -> str:
    """What a person needs to read when a save fails: pydantic's or git's own words."""
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return str(error)


class PcsmApp(App[None]):
    """The Practical CSM Framework, one repository at a time."""

    CSS_PATH = "pcsm.tcss"
    TITLE = "pcsm"
    COMMANDS: ClassVar[set[Any]] = {
        *App.COMMANDS,
        EngagementsProvider,
        ToolsProvider,
        ActionsProvider,
        ExchangeProvider,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("u", "undo", "Undo your last change", id="app.undo"),
        Binding("U", "redo", "Redo what you undid", show=False, id="app.redo"),
        Binding("S", "sync", "Sync with the team (pull, then push)", show=False, id="app.sync"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette"),
    ]

    def __init__(self, workspace: Workspace, open_engagement: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self._open_first = open_engagement
        self.status_text = ""
        self._switch_interval = sys.getswitchinterval()
        from .jobs import InOrder

        self._in_order = InOrder()
        """Saves and undos run in the order they were asked for (ui/jobs.py)."""

    def on_load(self) -> None:
        # The UI thread renders in pure Python while the save workers mostly wait on git's
        # pipes. With CPython's default 5 ms switch interval a worker that wakes from a read
        # can wait that long for the GIL each time, and a commit does dozens of such reads
        # (the "convoy effect"); 1 ms keeps a commit close to git's own time at no visible
        # cost to rendering. Put back when the app ends, as the process may go on.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))

    def on_unmount(self) -> None:
        sys.setswitchinterval(self._switch_interval)

    def on_mount(self) -> None:
        from .screens.portfolio import PortfolioScreen

        self.push_screen(PortfolioScreen())
        if self._open_first:
            self.open_engagement(self._open_first)
        from .syncflow import check_unfinished_merge

        # An unfinished merge is offered (continue or abort) once the first screen is painted.
        self.call_after_refresh(check_unfinished_merge, self)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications carry git's words and people's text ("! [rejected] main -> main",
        "Upgrade [phase 2]"): always shown as written, never read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # --- navigation -----------------------------------------------------------------------

    def open_engagement(self, slug: str, tool: str | None = None) -> None:
        from .screens.engagement import EngagementScreen

        if slug not in self.workspace.engagement_slugs():
            self.notify(f"there is no engagement {slug!r}", severity="error")
            return
        self.push_screen(EngagementScreen(slug, tool=tool))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # --- status ---------------------------------------------------------------------------

    def set_status(self, text: str, kind: str = "") -> None:
        self.status_text = text
        for line in self.screen.query(StatusLine):
            line.update(text, layout=False)  # one line high always: no relayout needed
            line.set_class(kind == "error", "-error")
            line.set_class(kind == "busy", "-busy")

    # --- saving in the background ---------------------------------------------------------

    def change(
        self,
        rel: str,
        edit: Callable[[dict[str, Any]], dict[str, Any]],
        done: Callable[[CommitResult], None] | None = None,
        headline: str | None = None,
    ) -> None:
        """Apply `edit` to the file's newest data and commit it, in a worker thread."""
        self.run_in_background(
            lambda: self.workspace.change(rel, edit, headline=headline), done, "saving…"
        )

    def run_in_background(
        self,
        job: Callable[[], CommitResult],
        done: Callable[[CommitResult], None] | None = None,
        busy: str = "working…",
        failed: Callable[[BaseException], object] | None = None,
    ) -> None:
        """Run a git/file job off the UI thread; report its commit or its error."""
        from .jobs import run_job

        self.set_status(busy, "busy")
        run_job(
            self,
            self._in_order.wrap(job, lambda: self.is_running),
            lambda result: self._finished(result, done),
            what=busy.rstrip("…"),
            failed=failed or self._failed,
            group="save",
        )

    def _finished(self, result: CommitResult, done: Callable[[CommitResult], None] | None) -> None:
        if result.sha is None:
            self.set_status("nothing changed")
        else:
            self.set_status(f"committed {result.sha[:7]}: {result.subject}")
        if done is not None:
            done(result)

    def _failed(self, error: BaseException) -> None:
        message = describe_error(error)
        self.set_status(f"not saved: {message.splitlines()[0]}", "error")
        self.notify(message, title="The change was not committed", severity="error", timeout=15)
        self._reload_screen()

    def _reload_screen(self) -> None:
        refresh = getattr(self.screen, "reload", None)
        if callable(refresh):
            refresh()

    def action_undo(self) -> None:
        """Take back your newest change on this screen with a new commit (pcsm_tui/undo.py)."""
        self._take_back("undo")

    def action_redo(self) -> None:
        """Make the change you undid last on this screen again."""
        self._take_back("redo")

    def _take_back(self, which: str, confirm: str | None = None) -> None:
        from textual.screen import ModalScreen

        from ..undo import NothingToUndo, UndoNeedsConfirmation
        from .editors.dialogs import ConfirmScreen

        if isinstance(self.screen, ModalScreen):
            return  # undo belongs to the screen underneath, not to an open dialog
        scope = undo_scope(self.screen)
        workspace = self.workspace

        def job() -> CommitResult:
            if which == "undo":
                return workspace.undo(scope, confirm)
            return workspace.redo(scope)

        def failed(error: BaseException) -> None:
            if isinstance(error, UndoNeedsConfirmation):
                self.set_status("undo: answer the question (y undoes, n keeps the change)")
                self.push_screen(
                    ConfirmScreen(error.question),
                    lambda yes: (
                        self._take_back("undo", error.sha)
                        if yes
                        else self.set_status("nothing undone")
                    ),
                )
            elif isinstance(error, NothingToUndo):
                self.set_status(str(error))
                self.notify(str(error), timeout=5)
            else:  # the files changed since, git refused…: said in git's or pcsm's words
                message = describe_error(error)
                self.set_status(f"nothing {which}ne: {message.splitlines()[0]}", "error")
                self.notify(message, title=f"Nothing was {which}ne", severity="error", timeout=15)
                self._reload_screen()

        self.run_in_background(job, lambda _r: self._reload_screen(), f"{which}ing…", failed)

    def action_sync(self) -> None:
        """Fetch, merge field by field, check every file, push (screens/conflicts on conflict)."""
        from .syncflow import start_sync

        start_sync(self)


def undo_scope(screen: object) -> tuple[str, ...] | None:
    """What `u` and `U` may take back on a screen: its own `undo_scope()`, the files of the
    engagement it shows, or (the portfolio) every change of this session."""
    own = getattr(screen, "undo_scope", None)
    if callable(own):
        found = own()
        return tuple(found) if found is not None else None
    slug = getattr(screen, "slug", None) or getattr(screen, "engagement", None)
    return (f"engagements/{slug}/",) if isinstance(slug, str) and slug else None
