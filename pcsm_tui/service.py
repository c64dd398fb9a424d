"""The service the app talks to: one object per open repository.

It keeps the UI free of storage details (design B1): the portfolio rows, loading a tool's
file, applying an edit as one commit, ticking an activity, undo, repository status. Writes
are serialized by a lock because the app runs them in background threads, and every save
also takes the repository lock that other pcsm processes respect (store/lock.py). Nothing
here imports Textual; the tests and scripts use it directly.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .analysis.portfolio import PortfolioRow, engagement_row
from .framework.facts import portfolio_facts
from .service_engagements import EngagementSteps
from .service_guide import GuideService
from .store.layout import engagement_rel, plan_month_rel
from .store.readers import Cancelled, Readers
from .undo import SessionUndo, UndoStack

if TYPE_CHECKING:
    import subprocess

    from .framework.catalogue import Tool
    from .framework.definition import Framework
    from .io.bundle import Progress
    from .io.xlsx_export import ExportResult
    from .io.xlsx_import import ImportPlan
    from .models.base import FileModel
    from .store.blame import Blame, FieldHistory, Stamp, Version
    from .store.cascade import Removal
    from .store.git import CommitInfo
    from .store.history import FileDiff, HistoryItem
    from .store.journal import Decision
    from .store.repository import CommitResult, Loaded, Repository
    from .store.resolve import ConflictedFile, Pick
    from .store.rowcache import RowCache
    from .store.sync import Action, SyncResult, SyncStatus


ReadCancelled = Cancelled
"""A read abandoned because the app is quitting (store/readers): nobody waits for its answer."""


@dataclass(frozen=True)
class LastChange:
    when: str
    """ISO date of the change."""
    who: str
    subject: str


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


class Workspace(GuideService, SessionUndo, EngagementSteps):
    """A repository opened by the app (or a script). The guidance methods (next steps,
    health, go/no-go, reports) come from `GuideService` (service_guide.py), session undo
    and redo from `SessionUndo` (undo.py)."""

    def __init__(self, root: Path, today: dt.date | None = None) -> None:
        self.root = root.resolve()
        self.today = today or dt.date.today()
        self._repo: Repository | None = None
        self._lock = threading.Lock()
        self.readers = Readers()
        """The app's git reads; closed when it quits, so no quit waits for one."""
        self.undo_stack = UndoStack()
        """This session's own commits, for undo and redo (pcsm_tui/undo.py)."""

    # --- fast reads for the first screen ------------------------------------------------

    def engagement_slugs(self) -> list[str]:
        from .store.layout import Layout

        return Layout(self.root).engagements()

    def portfolio(self, progress: Callable[[int, int], None] | None = None) -> list[PortfolioRow]:
        """One row per engagement, read with tomllib only (no validation, no git); rows of
        engagements whose files have not changed come from the row cache (store/rowcache).
        `progress` hears (done, total) while engagements are read."""
        return self.portfolio_start(None, progress)[0]

    def portfolio_start(
        self, read_at_most: int | None, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[PortfolioRow], int]:
        """Every row, when at most `read_at_most` engagements (None: any number) must be read
        afresh; otherwise only the rows the cache gives, and how many are left unread. The
        first screen's single pass over the files."""
        import dataclasses
        import functools

        from .analysis import portfolio as rules

        facts = functools.cache(lambda: portfolio_facts(self.root))  # only if a row is read
        context = functools.cache(self._guide_context)
        months = self._support_months()

        def read(path: Path) -> dict[str, Any]:
            self.readers.check()  # a long read (a fresh clone) stops when the app quits
            return dataclasses.asdict(engagement_row(path, facts(), self.today, context()))

        cache = self._row_cache()
        rows, unread = cache.rows(
            self._engagement_folders(),
            lambda folder: rules.files_for(folder, months),
            read,
            progress,
            read_at_most,
        )
        cache.save()
        return [PortfolioRow.from_json(row) for row in rows], unread

    def _engagement_folders(self) -> list[Path]:
        folder = self.root / "engagements"
        return [folder / slug for slug in self.engagement_slugs()]

    def _row_cache(self) -> RowCache:
        import hashlib

        from .analysis import portfolio as rules
        from .framework.facts import facts_fingerprint
        from .store.rowcache import RowCache

        # What a row depends on besides its files: the framework's facts, today (overdue),
        # and the rules themselves (a new pcsm version reads every engagement again).
        context = hashlib.sha256(
            facts_fingerprint(self.root)
            + self.today.isoformat().encode()
            + rules.rules_fingerprint()
        ).hexdigest()
        return RowCache(self.root, context)

    def _is_a_repository(self) -> bool:
        """Whether git finds this folder's repository at all (a `.git` file may point
        nowhere; then there is no history to read, which is no failure of a read)."""
        from .store.git import GitError, GitService

        try:
            GitService(self.root).out("rev-parse", "--git-dir")
        except GitError:
            return False
        return True

    def last_changes(self) -> dict[str, LastChange]:
        """The newest commit touching each engagement: from the cache in `.git/pcsm/`, kept
        up to date from the previous HEAD (store/lastchange). Raises git's error: a broken
        history is said, never shown as "no changes"."""
        from .store.lastchange import LastChanges

        with self.readers.reading():
            found = LastChanges(self.root, self.readers).get()
        return {
            slug: LastChange(touch.when[:10], touch.who, touch.subject)
            for slug, touch in found.items()
        }

    def keep_history_fast(self) -> subprocess.Popen[bytes] | None:
        """Bring git's commit-graph (with changed-path filters) up to date in the background
        when it lacks HEAD (store/graph); returns the writer, which nobody needs to wait for."""
        from .store.graph import upkeep

        return None if self.readers.closed else upkeep(self.root)

    def read_quietly(self, rel: str, at: str | None = None) -> dict[str, Any]:
        """A repository file's raw data, or {} if it is missing or does not read (a link, a
        folder, not UTF-8, too big or deep, bad TOML): for what screens show beside a tool.
        `at` a commit: the file as it was in that commit, for the read-only "as of" views
        (their names come from that commit's register, not today's)."""
        from .safeio import Unreadable, parse
        from .store.git import GitError
        from .store.layout import Layout

        try:
            if at is not None:
                text = self.file_at(rel, at)
                return {} if text is None else parse(text)
            return Layout(self.root).read_toml(rel)[1]
        except (OSError, Unreadable, GitError):
            return {}

    def unreadable(self, rels: list[str]) -> dict[str, str]:
        """Which of `rels` exist but do not read, and why (`file:line:col: why`)."""
        from .safeio import Unreadable
        from .store.layout import Layout

        layout = Layout(self.root)
        found: dict[str, str] = {}
        for rel in rels:
            try:
                layout.read_toml(rel)
            except FileNotFoundError:
                continue
            except Unreadable as error:
                found[rel] = error.located(rel)
            except OSError as error:
                found[rel] = f"{rel}: {error.strerror or error}"
        return found

    # --- the full service ---------------------------------------------------------------

    @property
    def repo(self) -> Repository:
        if self._repo is None:
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
        from .store.outside import shown_version

        return shown_version(self.repo, loaded, data)

    def tick(self, slug: str, activity: str, done: bool) -> CommitResult:
        """Tick (or untick) a framework activity of an engagement, dated today."""
        from .store.layout import ENGAGEMENT_FILE

        rel = engagement_rel(slug, ENGAGEMENT_FILE)
        with self._lock, self.repo.lock():
            loaded = self.repo.load(rel)
            ticked = dict(getattr(loaded.model, "activities_done", {}))
            if done:
                ticked[activity] = self.today
            else:
                ticked.pop(activity, None)
            model = loaded.model.model_copy(update={"activities_done": ticked})
            verb = "ticked" if done else "unticked"
            return self._remember(
                self.repo.edit(loaded, model, headline=f"{verb} activity {activity}")
            )

    def start_next_month(self, slug: str) -> CommitResult:
        """Copy the latest month of the stakeholder plan into the next month, to amend."""
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

    # --- interrupted saves (store/journal.py, store/recovery.py) ---------------------------

    def interrupted_save(self) -> str | None:
        """A save a crash stopped half way, in words (None: nothing needs deciding)."""
        from .store.recovery import pending

        with self._lock:
            return pending(self.repo)

    def recover(self, decision: Decision) -> str:
        """Finish, clean or forget an interrupted save; says what was done."""
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
        from .store.cascade import plan_removal

        return plan_removal(self.repo, rel, list_path, ids)

    def remove_rows(self, rel: str, list_path: tuple[str, ...], ids: list[str]) -> CommitResult:
        """Delete the rows and every reference to them (RACI columns, assessments, plan
        rows, adoption activities…) as one commit, from the files as they are now."""
        from .store.cascade import remove_rows

        with self._lock:
            return self._remember(remove_rows(self.repo, rel, list_path, ids))

    def status(self) -> RepoStatus:
        """Branch, sync state and uncommitted files, without touching the network."""
        from .store.git import GitError
        from .store.sync import status as sync_status

        repo = self.repo
        try:
            with self.readers.reading():
                now = sync_status(repo.root)
                head = repo.git.log(max_count=1)
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

    # --- history, time travel, sync and conflicts (store/history, timetravel, sync, resolve)

    def history(self, paths: list[str], max_count: int | None = 1000) -> list[HistoryItem]:
        """Commits touching `paths` (git pathspecs), newest first, without their diffs."""
        from .store.history import history

        repo = self.repo
        with self.readers.reading():
            return history(repo, paths, max_count=max_count, with_diffs=False)

    def commit_diff(self, item: HistoryItem, paths: list[str]) -> list[FileDiff]:
        from .store.timetravel import commit_diff

        repo = self.repo
        with self.readers.reading():
            return commit_diff(repo, item, paths)

    def file_at(self, rel: str, sha: str) -> str | None:
        from .store.timetravel import file_at

        repo = self.repo
        with self.readers.reading():
            return file_at(repo, rel, sha)

    def commit_on_or_before(self, paths: list[str], day: dt.date) -> CommitInfo | None:
        from .store.timetravel import commit_on_or_before

        repo = self.repo
        with self.readers.reading():
            return commit_on_or_before(repo, paths, day)

    def load_text(self, rel: str, text: str) -> Loaded:
        """A file's model from an old version's text (for viewing it as of a commit)."""
        from .store.timetravel import loaded_from_text

        return loaded_from_text(self.repo, rel, text)

    def restore(
        self, rel: str, sha: str, confirm_overwrite_unreadable: bool = False
    ) -> CommitResult:
        """Make `rel` what it was as of `sha` again, as one new commit."""
        from .store.timetravel import restore

        with self._lock:
            return self._remember(
                restore(
                    self.repo, rel, sha, confirm_overwrite_unreadable=confirm_overwrite_unreadable
                )
            )

    def blame(self, rel: str) -> Blame:
        """Every field and row of `rel` with its value and its history (store/blame.py)."""
        from .store.blame import blame

        return blame(self.repo, rel)

    def field_history(self, rel: str, path: tuple[str, ...]) -> FieldHistory | None:
        """Every value one field (or row) of `rel` has had, oldest first: when, who, in
        which commit. `path` is field names and row ids, as in `Change.path`."""
        return self.blame(rel).find(path)

    def restore_value(self, rel: str, history: FieldHistory, version: Version) -> CommitResult:
        """Give one field back a value it had (an entry of its history), as one new commit;
        every other field stays as it is now. Checked and saved like any edit."""
        from .store.blame import put_value

        if history.row:
            raise ValueError(f"{history.label} is a row: restore its fields, or the file")
        stamp = version.stamp
        return self.change(
            rel,
            lambda data: put_value(data, history.path, version),
            headline=f"restored {history.label} as of {stamp.date[:10]} ({stamp.sha[:7]})",
        )

    def author_of(self, stamp: Stamp) -> str:
        """Who made a change, by name or by role as pcsm.toml's [privacy] wants."""
        from .store.blame import author_of

        return author_of(stamp, self.repo)

    def sync_status(self) -> SyncStatus:
        from .store.sync import status as sync_status

        root = self.repo.root
        with self.readers.reading():
            return sync_status(root)

    def sync(self, action: Action = "sync") -> SyncResult:
        """Fetch, merge (field by field), validate, push; or continue/abort a merge."""
        from .store.sync import sync

        with self._lock:
            before = self.repo.git.head()
            result = sync(self.repo.root, action=action)
            self._remember_merge(before)
        self.keep_history_fast()  # a pull brings commits the graph does not hold yet
        return result

    def merge_unfinished(self) -> bool:
        from .store.git import GitService

        return GitService(self.root).merge_in_progress()

    def conflicts(self) -> list[ConflictedFile]:
        """The unfinished merge's conflicted files, each with its conflicting fields."""
        from .store.resolve import load_conflicts

        return load_conflicts(self.repo.root)

    def resolve(self, files: list[ConflictedFile], picks: dict[str, dict[int, Pick]]) -> SyncResult:
        """Write the decided files and commit the merge (validated; nothing pushed)."""
        from .store.resolve import resolve_merge

        with self._lock:
            before = self.repo.git.head()
            result = resolve_merge(self.repo.root, files, picks)
            self._remember_merge(before)
            return result

    # --- Excel workbooks and the proposal as a document (pcsm_tui/io) ---------------------
    # openpyxl and python-docx are imported by these functions only, when they run.

    def export_path(self, slug: str, what: str | None, suffix: str, redact: bool = False) -> Path:
        """Where an export goes unless told otherwise: beside the repository, not inside it.

        `northwind-emea-2026-11-22.xlsx`, `northwind-emea-risks-redacted-2026-11-22.xlsx`.
        """
        parts = [slug, *([what] if what else []), *(["redacted"] if redact else [])]
        return self.root.parent / f"{'-'.join(parts)}-{self.today.isoformat()}{suffix}"

    def export_workbook(
        self,
        slug: str,
        path: Path,
        tool: str | None = None,
        redact: bool = False,
        progress: Progress | None = None,
    ) -> ExportResult:
        """The engagement (or one tool, by the exporter's tool id) as an .xlsx workbook."""
        from .io.xlsx_export import export_xlsx

        return export_xlsx(self.repo, slug, path, tool, redact, progress)

    def export_letter(
        self,
        slug: str,
        path: Path,
        form: Literal["docx", "md"],
        redact: bool = False,
        progress: Progress | None = None,
    ) -> Path:
        """The customer success proposal as a Word or Markdown letter."""
        from .io.proposal_doc import export_proposal

        return export_proposal(self.repo, slug, path, form, redact, progress)

    def plan_import(
        self,
        slug: str,
        path: Path,
        tool: str | None = None,
        progress: Progress | None = None,
    ) -> ImportPlan:
        """Read a workbook into an import plan (preview and report); nothing is written."""
        from .io.xlsx_import import plan_import

        return plan_import(self.repo, path, slug, tool, progress)

    def apply_import(
        self,
        plan: ImportPlan,
        skip_bad_cells: bool = False,
        confirm_overwrite_unreadable: bool = False,
    ) -> CommitResult:
        """Write the plan as one commit, or raise ImportRefused and write nothing."""
        from .io.xlsx_import import apply_import

        with self._lock:
            return self._remember(
                apply_import(
                    self.repo,
                    plan,
                    skip_bad_cells,
                    confirm_overwrite_unreadable=confirm_overwrite_unreadable,
                )
            )
