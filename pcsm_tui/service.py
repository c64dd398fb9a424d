"""The service the app talks to: one object per open repository.

It keeps the UI free of storage details (design B1): loading a tool's file, applying an
edit as one commit, ticking an activity, interrupted saves, deleting rows with their
references, repository status. Writes are serialized by a lock because the app runs them in
background threads, and every save also takes the repository lock that other pcsm processes
respect (store/lock.py). Nothing here imports Textual; the tests and scripts use it directly.

`Workspace` is one class made of mixins, each in its own module beside this one: the first
screen's reads (service_portfolio), history, time travel, sync and conflicts
(service_history), Excel and the proposal (service_exchange), guidance (service_guide),
session undo (undo.py), and what the CLI asks (service_checks, service_review,
service_setup, service_privacy, service_sync).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .service_checks import ChecksService
from .service_clone import CloneService
from .service_development import DevelopmentService
from .service_engagements import EngagementSteps
from .service_exchange import ExchangeService
from .service_framework import FrameworkService
from .service_guide import GuideService
from .service_history import HistoryService
from .service_knowledge import KnowledgeService
from .service_people import PeopleService
from .service_portfolio import LastChange as LastChange
from .service_portfolio import PortfolioService
from .service_privacy import PrivacyService
from .service_review import ReviewService
from .service_setup import SetupService
from .service_sync import SyncService
from .service_templates import TemplateService
from .service_watch import FileWatch
from .store.layout import ENGAGEMENT_FILE, engagement_rel, plan_month_rel
from .store.readers import Cancelled, Readers
from .undo import SessionUndo, UndoStack

if TYPE_CHECKING:
    from .framework.catalogue import Tool
    from .framework.definition import Framework
    from .models.base import FileModel
    from .store.cascade import Removal
    from .store.journal import Decision
    from .store.repository import CommitResult, Loaded, Repository
    from .store.sync import SyncStatus


ReadCancelled = Cancelled
"""A read abandoned because the app is quitting (store/readers): nobody waits for its answer."""


@dataclass(frozen=True)
class RepoStatus:
    branch: str
    head: str
    """Subject of the newest commit."""
    uncommitted: tuple[str, ...]
    """Files changed in the work tree but not committed (e.g. after a refused commit)."""
    sync: SyncStatus | None = None
    """Remote, ahead/behind (as of the last fetch), unpushed commits, an unfinished merge."""

    @property
    def summary(self) -> str:
        if self.sync is not None:
            text = self.sync.summary()
            if self.uncommitted and "uncommitted" not in text and not self.sync.merging:
                text += f" · {len(self.uncommitted)} uncommitted"
            return text
        dirty = f" · {len(self.uncommitted)} uncommitted" if self.uncommitted else " · clean"
        return f"{self.branch}{dirty}"


class Workspace(
    GuideService,
    SessionUndo,
    ChecksService,
    ReviewService,
    SetupService,
    PrivacyService,
    SyncService,
    CloneService,
    PortfolioService,
    HistoryService,
    ExchangeService,
    KnowledgeService,
    TemplateService,
    PeopleService,
    DevelopmentService,
    FrameworkService,
    EngagementSteps,
    FileWatch,
):
    """A repository opened by the app (or a script). The guidance methods (next steps,
    health, go/no-go, reports) come from `GuideService` (service_guide.py), session undo
    and redo from `SessionUndo` (undo.py); what the CLI asks of a repository from the
    service_checks, service_review, service_setup, service_privacy and service_sync
    mixins."""

    def __init__(self, root: Path, today: dt.date | None = None) -> None:
        self.root = root.resolve()
        self.today = today or dt.date.today()
        self._repo: Repository | None = None
        self._lock = threading.Lock()
        self.readers = Readers()
        """The app's git reads; closed when it quits, so no quit waits for one."""
        self.undo_stack = UndoStack()
        """This session's own commits, for undo and redo (pcsm_tui/undo.py)."""

    # --- the full service ---------------------------------------------------------------

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            # start-up: store.repository loads only when this runs
            from .store.repository import Repository

            self._repo = Repository.open(self.root)
        return self._repo

    @property
    def framework(self) -> Framework:
        return self.repo.framework

    def tool_path(self, slug: str, tool: Tool, month: str | None = None) -> str:
        if tool.scope == "monthly":
            if month is None:
                raise ValueError(f"{tool.title} needs a month")
            return plan_month_rel(slug, month)
        return engagement_rel(slug, tool.file)

    def months(self, slug: str) -> list[str]:
        return self.repo.layout.plan_months(slug)

    def load(self, rel: str) -> Loaded:
        return self.repo.load(rel)

    def apply(self, loaded: Loaded, model: FileModel, headline: str | None = None) -> CommitResult:
        """Save an edited file as one commit (raises the store's errors, nothing half-done)."""
        with self._lock:
            return self._remember(self.repo.edit(loaded, model, headline=headline))

    def change(
        self,
        rel: str,
        edit: Callable[[dict[str, Any]], dict[str, Any]],
        headline: str | None = None,
        base: Loaded | None = None,
        confirm_overwrite_unreadable: bool = False,
    ) -> CommitResult:
        """Apply `edit` to `base` (the version the person saw) and commit the result.

        If the file changed on disk since `base` was read, the edit is merged into it field
        by field (store/outside.py) or refused with EditConflict naming the fields; the
        commit holds this edit only (an outside change stays uncommitted). Without `base`
        the file is read now. Nothing is written if the result does not validate.
        """
        # start-up: store.repository loads only when this runs
        from .store.repository import dump

        # Both locks: reading the newest data (no base) and saving it must be one step
        # for every pcsm process, or two increments could both start from the same value.
        with self._lock, self.repo.lock():
            loaded = base if base is not None else self.repo.load(rel)
            data = edit(dump(loaded.model))
            model = type(loaded.model).model_validate(data, context=self.repo.context())
            return self._remember(
                self.repo.edit(
                    loaded,
                    model,
                    headline=headline,
                    confirm_overwrite_unreadable=confirm_overwrite_unreadable,
                )
            )

    def seen(self, loaded: Loaded, data: dict[str, Any]) -> Loaded:
        """The version a person sees: `loaded` showing `data` (edits still being saved), as
        `change(base=...)` takes it."""
        # start-up: store.outside loads only when this runs
        from .store.outside import shown_version

        return shown_version(self.repo, loaded, data)

    def tick(self, slug: str, activity: str, done: bool) -> CommitResult:
        """Tick (or untick) a framework activity of an engagement, dated today."""

        rel = engagement_rel(slug, ENGAGEMENT_FILE)
        with self._lock, self.repo.lock():
            loaded = self.repo.load(rel)
            ticked = dict(getattr(loaded.model, "activities_done", {}))
            if done:
                ticked[activity] = self.today
            else:
                ticked.pop(activity, None)
            model = loaded.model.model_copy(update={"activities_done": ticked})
            # The subject names the activity by its words (store/messages), never its id.
            return self._remember(self.repo.edit(loaded, model))

    def start_next_month(self, slug: str) -> CommitResult:
        """Copy the latest month of the stakeholder plan into the next month, to amend."""
        # start-up: models.commitment, store.messages, store.repository load only when this runs
        from .models.commitment import StakeholderPlanMonth
        from .store.messages import Scope
        from .store.repository import Write

        with self._lock, self.repo.lock():
            months = self.months(slug)
            if months:
                year, number = map(int, months[-1].split("-"))
                following = f"{year + number // 12}-{number % 12 + 1:02d}"
                source = self.repo.load(plan_month_rel(slug, months[-1]))
                text: str | None = source.text
                model: FileModel = source.model
            else:
                following = self.today.strftime("%Y-%m")
                text, model = None, StakeholderPlanMonth()
            rel = plan_month_rel(slug, following)
            return self._remember(
                self.repo.save(
                    [Write(rel, model, text=text, header=f"stakeholder plan, {following}")],
                    Scope(engagement=slug, tool=f"stakeholder-plan {following}"),
                    headline=f"started {following} from {months[-1]}"
                    if months
                    else f"started {following}",
                    action="create",
                )
            )

    def wait_for_saves(self) -> None:
        """Return once no save of this process is running: every write holds the write
        lock, so taking it once waits for the one under way (the app ends its process
        straight after this, ui/factory.py)."""
        with self._lock:
            pass

    # --- interrupted saves (store/journal.py, store/recovery.py) ---------------------------

    def interrupted_save(self) -> str | None:
        """A save a crash stopped half way, in words (None: nothing needs deciding)."""
        # The app asks this at every start: without a journal the answer needs no
        # Repository (its models and tomlkit are a second's import on a busy machine,
        # which a quit right after start would wait for).
        # start-up: store.journal (and store.git beneath it) loads only when this runs
        from .store.journal import path_of as journal_path

        if self._repo is None and not journal_path(self.root).exists():
            return None
        # start-up: store.recovery loads only when this runs
        from .store.recovery import pending

        with self._lock:
            return pending(self.repo)

    def recover(self, decision: Decision) -> str:
        """Finish, clean or forget an interrupted save; says what was done."""
        # start-up: store.recovery loads only when this runs
        from .store.recovery import recover

        with self._lock:
            return recover(self.repo, decision)

    def new_engagement(
        self, slug: str, customer: str, initiative: str = "", csm: str = ""
    ) -> CommitResult:
        """An engagement with every tool file pre-filled, as one commit (undo asks first)."""
        with self._lock:
            return self._remember(
                self.repo.new_engagement(slug, customer, initiative, csm, today=self.today)
            )

    # --- deleting rows with the references to them (store/cascade.py) ---------------------

    def removal(self, rel: str, list_path: tuple[str, ...], ids: list[str]) -> Removal:
        """What deleting the rows would also remove (references to them); nothing written."""
        # start-up: store.cascade loads only when this runs
        from .store.cascade import plan_removal

        return plan_removal(self.repo, rel, list_path, ids)

    def remove_rows(self, rel: str, list_path: tuple[str, ...], ids: list[str]) -> CommitResult:
        """Delete the rows and every reference to them (RACI columns, assessments, plan
        rows, adoption activities…) as one commit, from the files as they are now."""
        # start-up: store.cascade loads only when this runs
        from .store.cascade import remove_rows

        with self._lock:
            return self._remember(remove_rows(self.repo, rel, list_path, ids))

    def status(self) -> RepoStatus:
        """Branch, sync state and uncommitted files, without touching the network."""
        # start-up: store.git, store.syncstatus load only when this runs
        from .store.git import GitError, GitService
        from .store.syncstatus import status as sync_status

        # The app reads this right after its first frame: git alone answers it, so it needs
        # no Repository (the models, tomlkit), which a quit at that moment would wait for.
        git = self._repo.git if self._repo is not None else GitService(self.root)
        try:
            with self.readers.reading():
                now = sync_status(self.root)
                head = git.log(max_count=1)
        except GitError as error:
            if self._is_a_repository():
                raise  # a corrupt index or object: reported as the failure it is
            # a broken `.git` (a file pointing nowhere): said in the header instead
            reason = (error.stderr or str(error)).splitlines()[0] if str(error) else "?"
            return RepoStatus(branch=f"git: {reason}", head="", uncommitted=())
        return RepoStatus(
            branch=now.branch or "(no branch)",
            head=head[0].subject if head else "(no commits yet)",
            uncommitted=tuple(now.dirty),
            sync=now,
        )
