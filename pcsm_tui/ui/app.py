"""The pcsm app: screens, app-wide keys, background saving, the status line."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen

from ..errors import explain
from ..gateway import engagement_rel
from ..service import Workspace
from ..textsafe import display
from ..undo import NothingToUndo, UndoNeedsConfirmation
from .gcpause import CollectionPause
from .jobs import InOrder, run_job
from .latecss import load_screen_css
from .palette import ActionsProvider, EngagementsProvider, ExchangeProvider, ToolsProvider
from .palette_steps import StepsProvider
from .palette_team import TeamScreensProvider
from .plain import content
from .quitdriver import QuickQuitDriver
from .saveflow import ask_interrupted_save, check_interrupted_save, confirm_overwrite
from .screens.portfolio import PortfolioScreen
from .syncflow import check_unfinished_merge, start_sync
from .widgets import StatusLine

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete

    from ..gateway import CommitResult, Loaded

SWITCH_INTERVAL_S = 0.001
"""How often CPython hands the GIL between threads while the app runs (see on_load)."""
UNCOMMITTED = "Commit or discard changes made outside pcsm"


class PcsmApp(App[None]):
    """The Practical CSM Framework, one repository at a time."""

    CSS_PATH = "pcsm.tcss"
    _load_screen_css = load_screen_css  # screens.tcss before the first other screen (latecss)
    pcsm_app: ClassVar[bool] = True
    """How ui/appref knows this app without importing this module (see there)."""
    TITLE = "pcsm"
    COMMANDS: ClassVar[set[Any]] = {
        *App.COMMANDS,
        EngagementsProvider,
        ToolsProvider,
        ActionsProvider,
        ExchangeProvider,
        StepsProvider,
        TeamScreensProvider,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("u", "undo", "Undo your last change", id="app.undo"),
        Binding("U", "redo", "Redo what you undid", show=False, id="app.redo"),
        Binding("S", "sync", "Sync with the team (pull, then push)", show=False, id="app.sync"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette"),
        # Steps that used to need the shell (screens/steps, team, uncommitted).
        Binding("ctrl+r", "refresh", "Reload from disk", show=False, id="app.reload"),
        Binding("C", "uncommitted", UNCOMMITTED, show=False, id="app.uncommitted"),
        Binding("M", "team", "Team members (add, rename, retire)", show=False, id="app.team"),
    ]

    def __init__(self, workspace: Workspace, open_engagement: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self._open_first = open_engagement
        self.status_text = ""
        self._switch_interval = sys.getswitchinterval()
        self._in_order = InOrder()
        """Saves and undos run in the order they were asked for (ui/jobs.py)."""
        self._noticing = False
        """The lock's waiting notice is this app's (set after the first frame: `_notice_waits`)."""
        self.collection_pause = CollectionPause()  # none before the first frame (ui/gcpause)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this platform; on Linux and macOS one whose quit does not
        wait for the keyboard thread's last polls (ui/quitdriver)."""
        chosen = super().get_driver_class()
        if chosen is LinuxDriver:
            return QuickQuitDriver
        return chosen

    def on_load(self) -> None:
        # The UI thread renders while the save workers mostly wait on git's pipes. With the
        # default 5 ms switch interval a worker woken from a read can wait that long for the
        # GIL each time, and a commit does dozens of reads (the "convoy effect"); 1 ms keeps
        # a commit close to git's own time. Put back when the app ends (the process goes on).
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        self.collection_pause.start()

    async def on_event(self, event: events.Event) -> None:
        self.collection_pause.saw(self, event)  # a key: no collection till idle (ui/gcpause)
        await super().on_event(event)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit at once: git reads in flight are killed now (store/readers), not waited for.
        Edits gathered into one commit (scoring's +/- presses) are committed first."""
        self.flush_pending()
        self.workspace.readers.close()
        super().exit(*args, **kwargs)

    def flush_pending(self) -> None:
        """Commit, here and now, edits gathered into one commit (scoring's +/- presses, a
        checklist's answers): before quitting, syncing or listing uncommitted changes."""
        for pending in self.screen.query(".pending-burst"):
            flush = getattr(pending, "flush_burst", None)
            if callable(flush):
                flush(quitting=True)

    def on_unmount(self) -> None:
        self.collection_pause.thaw()  # the collector back, this app's objects collectable
        # Quitting never waits for a git read nobody wants any more: its process is killed
        # and its worker ends (store/readers). A save in progress is not a read: it ends.
        self.workspace.readers.close()
        sys.setswitchinterval(self._switch_interval)
        if self._noticing:
            # start-up: store.lock is loaded already (by `_notice_waits`)
            from ..gateway import set_waiting_notice

            set_waiting_notice(None)

    def on_mount(self) -> None:
        self.push_screen(PortfolioScreen())
        if self._open_first:
            self.open_engagement(self._open_first)
        # An unfinished merge is offered (continue or abort) once the first screen is painted,
        # and so is a save that a crash stopped half way.
        self.call_after_refresh(check_unfinished_merge, self)
        self.call_after_refresh(check_interrupted_save, self)
        self.call_after_refresh(self._notice_waits)  # no save can wait before a first frame
        self.call_after_refresh(self.collection_pause.end)  # (the portfolio ends it sooner)

    def _notice_waits(self) -> None:
        """Say when a save waits for another pcsm's lock. Set after the first frame: store.lock
        (with store.journal and store.git) is ~8 ms of imports the first frame does not need."""
        # start-up: store.lock loads only when this runs
        from ..gateway import set_waiting_notice

        set_waiting_notice(self._waiting)
        self._noticing = True

    def _waiting(self, message: str) -> None:
        """Another pcsm holds the repository lock: say so while this save waits."""
        if threading.get_ident() == self._thread_id:
            self.set_status(message, "busy")
        else:
            self.call_from_thread(self.set_status, message, "busy")

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
        "Upgrade [phase 2]"): always shown as written, never read as markup, with control
        and bidi characters shown as escapes."""
        super().notify(
            display(message),
            title=display(title, lines=False),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header of every screen: a customer's name, a folder's name, a file's path,
        shown as written (never markup, no terminal controls)."""
        if not sub_title:
            return content(title, lines=False)
        return content(title, (" — ", "dim"), (sub_title, "dim"), lines=False)

    # --- navigation -----------------------------------------------------------------------

    def open_engagement(self, slug: str, tool: str | None = None) -> None:
        # start-up: ui.screens.engagement loads only when this runs
        from .screens.engagement import EngagementScreen

        if slug not in self.workspace.engagement_slugs():
            self.notify(f"there is no engagement {slug!r}", severity="error")
            return
        self.status_text = ""  # another screen: the last one's message is done
        self.push_screen(EngagementScreen(slug, tool=tool))

    def action_help(self) -> None:
        # start-up: ui.screens.help loads only when this runs
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # --- status ---------------------------------------------------------------------------

    def set_status(self, text: str, kind: str = "") -> None:
        self.status_text = text = display(text, lines=False)
        for line in self.screen.query(StatusLine):
            line.update(text, layout=False)  # one line high always: no relayout needed
            line.set_class(kind == "error", "-error")
            line.set_class(kind == "busy", "-busy")

    def clear_status(self) -> None:
        """An action with nothing to say (another tool, another screen) takes the previous
        action's message away, so the line never tells an older action as if current."""
        self.status_text = ""
        for line in self.screen.query(StatusLine):
            line.update(line.hint, layout=False)
            line.remove_class("-error", "-busy")

    def pop_screen(self) -> AwaitComplete:
        """Back to the screen under: its line said what was done there before; a dialog's
        closing is not a move (its answer may set the status)."""
        leaving = self.screen
        done = super().pop_screen()
        if not isinstance(leaving, ModalScreen):
            self.clear_status()
        return done

    # --- saving in the background ---------------------------------------------------------

    def change(
        self,
        rel: str,
        edit: Callable[[dict[str, Any]], dict[str, Any]],
        done: Callable[[CommitResult], None] | None = None,
        headline: str | None = None,
        base: Loaded | None = None,
    ) -> None:
        """Apply `edit` to `base` (what the editor showed) and commit it, in a worker thread;
        a change made on disk meanwhile is merged in or the edit refused (service.change)."""
        self.run_in_background(
            lambda: self.workspace.change(rel, edit, headline=headline, base=base), done, "saving…"
        )

    def run_in_background(
        self,
        job: Callable[[], CommitResult],
        done: Callable[[CommitResult], None] | None = None,
        busy: str = "working…",
        confirmed: Callable[[], CommitResult] | None = None,
        failed: Callable[[BaseException], object] | None = None,
    ) -> None:
        """Run a git/file job off the UI thread, in the order asked (ui/jobs.InOrder); report
        its commit or its error. `confirmed` is the same job allowed to write over a file
        that does not read: offered to the person when `job` is refused for that reason.
        `failed` takes any other error instead of the standard report."""
        self.set_status(busy, "busy")
        run_job(
            self,
            self._in_order.wrap(job, lambda: self.is_running),
            lambda result: self._finished(result, done),
            what=busy.rstrip("…"),
            failed=lambda error: self._failed(error, confirmed, done, busy, failed),
            group="save",
        )

    def _finished(self, result: CommitResult, done: Callable[[CommitResult], None] | None) -> None:
        if result.sha is None:
            self.set_status("nothing changed")
        else:
            self.set_status(f"committed {result.sha[:7]}: {result.subject}")
        if done is not None:
            done(result)

    def _failed(
        self,
        error: BaseException,
        confirmed: Callable[[], CommitResult] | None = None,
        done: Callable[[CommitResult], None] | None = None,
        busy: str = "working…",
        failed: Callable[[BaseException], object] | None = None,
    ) -> None:
        # start-up: store.rescue (tomlkit) and store.journal load only when this runs
        from ..gateway import InterruptedSave, UnreadableFile

        if isinstance(error, UnreadableFile) and confirmed is not None:
            self.set_status("not saved yet: a file does not read; asking first", "error")
            confirm_overwrite(self, str(error), confirmed, done, busy)
            return
        if isinstance(error, InterruptedSave):
            self.set_status("not saved: an earlier save did not finish", "error")
            ask_interrupted_save(self, str(error))
            return
        if failed is not None:
            failed(error)
            return
        message = explain(error)
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
        # start-up: ui.editors.dialogs loads only when this runs
        from .editors.dialogs import ConfirmScreen

        if isinstance(self.screen, ModalScreen):
            return  # undo belongs to the screen underneath, not to an open dialog
        scope = undo_scope(self.screen)
        workspace = self.workspace

        def job(overwrite: bool = False) -> CommitResult:
            if which == "undo":
                return workspace.undo(scope, confirm, confirm_overwrite_unreadable=overwrite)
            return workspace.redo(scope, confirm_overwrite_unreadable=overwrite)

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
                message = explain(error)
                self.set_status(f"nothing {which}ne: {message.splitlines()[0]}", "error")
                self.notify(message, title=f"Nothing was {which}ne", severity="error", timeout=15)
                self._reload_screen()

        self.run_in_background(
            job,
            lambda _r: self._reload_screen(),
            f"{which}ing…",
            confirmed=lambda: job(overwrite=True),
            failed=failed,
        )

    def action_refresh(self) -> None:
        """ctrl+r on any screen: read what it shows again from disk."""
        self._reload_screen()

    def action_uncommitted(self) -> None:
        # start-up: ui.screens.uncommitted loads only when this runs
        from .screens.uncommitted import UncommittedScreen

        self.flush_pending()  # gathered answers are this app's own, not outside changes
        if not isinstance(self.screen, UncommittedScreen):
            self.push_screen(UncommittedScreen())

    def action_team(self) -> None:
        # start-up: ui.screens.team loads only when this runs
        from .screens.team import TeamScreen

        if not isinstance(self.screen, TeamScreen):
            self.push_screen(TeamScreen())

    def action_knowledge(self) -> None:
        """K on the portfolio (and the palette anywhere): the team's knowledge base."""
        # start-up: the screen loads only when this runs
        from .screens.knowledge import KnowledgeScreen

        if not isinstance(self.screen, KnowledgeScreen):
            self.push_screen(KnowledgeScreen())

    def action_open_people(self) -> None:
        """The People screen (the palette; p on the portfolio)."""
        # start-up: screens.people loads only when this runs
        from .screens.people import PeopleScreen

        if not isinstance(self.screen, PeopleScreen):
            self.push_screen(PeopleScreen())

    def action_open_framework(self) -> None:
        """The Framework screen (the palette): what the team's framework.toml changed."""
        # start-up: screens.framework loads only when this runs
        from .screens.framework import FrameworkScreen

        if not isinstance(self.screen, FrameworkScreen):
            self.push_screen(FrameworkScreen())

    def action_new_engagement(self) -> None:
        # start-up: ui.screens.steps loads only when this runs
        from .screens.steps import open_new_engagement

        open_new_engagement(self)

    def action_sync(self) -> None:
        """Fetch, merge field by field, check every file, push (screens/conflicts on conflict)."""
        self.flush_pending()  # the answers just given go with the sync
        start_sync(self)


def undo_scope(screen: object) -> tuple[str, ...] | None:
    """What `u` and `U` may take back on a screen: its own `undo_scope()`, the files of the
    engagement it shows, or (the portfolio) every change of this session."""
    own = getattr(screen, "undo_scope", None)
    if callable(own):
        found = own()
        return tuple(found) if found is not None else None
    slug = getattr(screen, "slug", None) or getattr(screen, "engagement", None)
    return (engagement_rel(slug) + "/",) if isinstance(slug, str) and slug else None
