"""The repository service: load a tool's file, save a change as one commit.

This is the small API the CLI, the app and the tests share. A save goes: check the git
identity, validate with the repository's scales, make sure the file on disk is still the
one that was loaded, merge into the existing TOML, check the result reads back identical,
write atomically, commit the paths as one commit with a field-level message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from ..framework import Framework, load_framework
from ..framework.catalogue import FILE_MODELS, TOOL_FOR_KIND
from ..framework.customize import CustomizationError, FrameworkCustomization
from ..models.base import FileModel
from ..models.repository import RepoSettings
from ..models.scales import Scale
from ..safeio import Unreadable, decode
from .atomic import digest, write_atomic
from .checks import check_save
from .creating import GITATTRIBUTES as GITATTRIBUTES
from .creating import GITIGNORE as GITIGNORE
from .creating import create_engagement, create_repository
from .diffconfig import ensure_diff_driver
from .git import GitService
from .journal import InterruptedSave as InterruptedSave
from .layout import (
    FRAMEWORK_FILE,
    REGISTER_FILE,
    SETTINGS_FILE,
    FileKind,
    Layout,
    classify,
    engagement_rel,
)
from .locate import locate
from .lock import hold
from .mergeconfig import ensure_merge_driver
from .messages import Scope, compose
from .namesource import GROUPS_FILE, file_stamp, framework_words, names_after, rows_of
from .outside import EditConflict as EditConflict
from .outside import edit_write
from .personal import message_names
from .recovery import settle
from .refusals import AlreadyExists as AlreadyExists
from .refusals import CannotUndo as CannotUndo
from .refusals import CommitFailed as CommitFailed
from .refusals import FileChangedOnDisk as FileChangedOnDisk
from .refusals import NotARepository as NotARepository
from .refusals import refusals as refusals
from .rescue import UnreadableFile as UnreadableFile
from .toml_codec import loads
from .undoing import undo_commit
from .writes import CommitResult as CommitResult
from .writes import Loaded as Loaded
from .writes import Write as Write
from .writes import dump as dump
from .writes import writable as writable


class Repository:
    """One central repository on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.layout = Layout(self.root)
        self.git = GitService(self.root)
        self._settings: RepoSettings | None = None
        self._framework: Framework | None = None
        self._broken: dict[str, Unreadable] = {}
        """pcsm.toml or framework.toml when they do not read: defaults stand in for them
        while reading, and every save is refused until they are fixed."""
        self._names: dict[str, tuple[tuple[tuple[int, int], ...], dict[str, str]]] = {}
        self._head_blobs: dict[str, tuple[str, str | None]] = {}
        """What pcsm's own commits put in HEAD (saving.HeadCache): saves skip asking git."""

    def lock(self, what: str = "saving") -> AbstractContextManager[None]:
        """The repository lock across processes (store/lock.py); re-entrant in a thread."""

        return hold(self.root, what)

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Repository:
        if not (path / "pcsm.toml").is_file():
            raise NotARepository(path)
        repo = cls(path)
        ensure_merge_driver(repo.git)  # git config does not travel with clones
        ensure_diff_driver(repo.git)
        return repo

    @classmethod
    def init(
        cls, path: Path, name: str | None = None, env: Mapping[str, str] | None = None
    ) -> Repository:
        """Create an empty central repository (and the git repository if there is none)."""
        return create_repository(cls, path, name, env)

    # --- settings and framework ------------------------------------------------------------

    @property
    def settings(self) -> RepoSettings:
        """The repository's settings; the defaults if pcsm.toml does not read or validate
        (the app still opens; saves are refused, see `check_readable`)."""
        if self._settings is None:
            model = self._read_top(SETTINGS_FILE, RepoSettings)
            self._settings = model if isinstance(model, RepoSettings) else RepoSettings()
        return self._settings

    @property
    def framework(self) -> Framework:
        """The team's framework; the default one if framework.toml does not read or apply."""
        if self._framework is None:
            custom = None
            if os.path.lexists(self.layout.framework):
                model = self._read_top(FRAMEWORK_FILE, FrameworkCustomization)
                custom = model if isinstance(model, FrameworkCustomization) else None
            try:
                self._framework = load_framework(custom)
            except ValueError as error:  # names something the framework does not have
                line, column = 1, 1
                if isinstance(error, CustomizationError) and error.loc:  # the line it names
                    text, _data = self.layout.read_toml(FRAMEWORK_FILE)
                    line, column = locate(text, error.loc)
                self._broken[FRAMEWORK_FILE] = Unreadable(
                    str(error), line, column, rel=FRAMEWORK_FILE
                )
                self._framework = load_framework(None)
        return self._framework

    def _read_top(self, rel: str, model: type[FileModel]) -> FileModel | None:
        """pcsm.toml or framework.toml as a model; None (and the problem kept) if it fails."""
        # start-up: pydantic loads only when this runs
        from pydantic import ValidationError

        try:
            text, data = self.layout.read_toml(rel)
            return model.model_validate(data)
        except (OSError, Unreadable) as error:
            problem = error if isinstance(error, Unreadable) else Unreadable(str(error))
            problem.rel = rel
            self._broken[rel] = problem
        except ValidationError as error:
            first = error.errors()[0]
            line, column = locate(text, tuple(first["loc"]))
            where = ".".join(str(part) for part in first["loc"])
            message = str(first["msg"]).removeprefix("Value error, ")
            self._broken[rel] = Unreadable(
                f"{where}: {message}" if where else message, line, column, rel=rel
            )
        return None

    def unreadable_settings(self) -> list[Unreadable]:
        """The problems of pcsm.toml and framework.toml, if they do not read or validate."""
        _ = self.settings, self.framework
        return list(self._broken.values())

    def check_readable(self) -> None:
        """Raise the problem of pcsm.toml or framework.toml, if either does not read: a
        change made with default scales or the default framework could be wrong."""
        for problem in self.unreadable_settings():
            raise Unreadable(
                f"{problem.message} — fix {problem.rel} first (`pcsm validate`); nothing was "
                "written",
                problem.line,
                problem.column,
                rel=problem.rel,
            )

    def scales(self) -> dict[str, Scale]:
        chosen = self.settings.scales
        return {
            "support": Scale.parse(chosen.support)
            if chosen.support
            else self.framework.scale("support"),
            "risk": Scale.parse(chosen.risk) if chosen.risk else self.framework.scale("risk"),
        }

    def context(self) -> dict[str, Any]:
        """The validation context: what models need to know about this repository."""
        return {"scales": self.scales()}

    # --- reading ----------------------------------------------------------------------------

    def kind_of(self, rel: str) -> FileKind:
        kind = classify(rel)
        if kind is None:
            raise ValueError(f"{rel} is not a file pcsm manages")
        return kind

    def model_class(self, rel: str) -> type[FileModel]:

        return FILE_MODELS[self.kind_of(rel).kind]

    def load(self, rel: str) -> Loaded:
        """Read and validate a file (raises Unreadable — TomlSyntaxError for bad TOML, or a
        link, a folder, not UTF-8, too big — or pydantic's ValidationError)."""
        raw = self.layout.read_bytes(rel)
        text = decode(raw)
        model = self.model_class(rel).model_validate(loads(text), context=self.context())
        return Loaded(rel, model, text, digest(raw))

    def engagements(self) -> list[str]:
        return self.layout.engagements()

    def names(self, engagement: str | None) -> dict[str, str]:
        """Ids -> words safe for commit messages: roles, non-personal group titles and
        neutral labels ("stakeholder 3", "RACI column 2"), never names (store/personal)."""
        names: dict[str, str] = {}
        if not engagement:
            return names
        folder = self.layout.engagement_dir(engagement)
        files = (REGISTER_FILE, "raci.toml", GROUPS_FILE)
        stamp = tuple(file_stamp(folder / name) for name in files)
        base = engagement_rel(engagement)
        cached = self._names.get(engagement)
        if cached is not None and cached[0] == stamp:
            return dict(cached[1])
        # Plain dicts, not models: this runs on every save and must stay cheap; a broken
        # register or RACI just leaves neutral labels or ids in the message.
        names = message_names(
            rows_of(self.layout, f"{base}/{REGISTER_FILE}", "stakeholders"),
            rows_of(self.layout, f"{base}/raci.toml", "matrices"),
            groups=rows_of(self.layout, f"{base}/{GROUPS_FILE}", "groups"),
        )
        self._names[engagement] = (stamp, dict(names))
        return names

    # --- writing ----------------------------------------------------------------------------

    def _write_text(self, rel: str, text: str) -> None:
        write_atomic(self.layout.path(rel), text.encode("utf-8"))

    def save(
        self,
        writes: Sequence[Write],
        scope: Scope,
        headline: str | None = None,
        action: str = "edit",
        env: Mapping[str, str] | None = None,
        extra_paths: Sequence[str] = (),
        trailers: Sequence[tuple[str, str]] = (),
        message_filter: Callable[[str], str] | None = None,
        confirm_overwrite_unreadable: bool = False,
    ) -> CommitResult:
        """Write files and commit them as one commit; nothing is written if any check fails.

        Runs inside the repository lock: the on-disk checks, the writes and the commit are
        one step for every pcsm process. A file on disk that does not read (not UTF-8, not
        TOML) is only written over with `confirm_overwrite_unreadable`, and then kept
        under `.git/pcsm/rescued/` first. See saving.py for what the commit holds.
        `message_filter` rewrites the composed message (`pcsm forget` takes a name out of
        it, even where a public field shows it).
        """
        # cycle: store.saving imports this module
        from .saving import Planned, commit_plan, plan_write

        self.git.check_identity(env)
        self.check_readable()
        with self.lock():
            settle(self)  # an interrupted earlier save is settled (or decided) first
            context = self.context()
            names = self.names(scope.engagement or None)
            if scope.engagement:
                names = {**names, **(names_after(self.layout, scope.engagement, writes) or {})}
            planned: list[Planned] = []
            stage = [p for p in extra_paths if (self.root / p).exists()]
            for write in writes:
                item = plan_write(self, write, context, names, confirm_overwrite_unreadable)
                if item is None:
                    continue
                if item.old is None or item.new is None:
                    stage.append(write.rel)
                planned.append(item)
            # Every planned file is known here and nothing has been written yet: the change
            # as a whole is checked like `pcsm validate` (references between files).
            self._check([(item.rel, item.new) for item in planned], writes)
            outcome = commit_plan(
                self,
                planned,
                lambda changes: (message_filter or _unchanged)(
                    compose(
                        scope,
                        changes,
                        headline=headline,
                        action=action,
                        trailers=trailers,
                        words=framework_words(self.framework),
                    )
                ),
                stage,
                extra_paths,
                env,
                self._head_blobs,
                names,
            )
        return CommitResult(
            outcome.sha,
            outcome.message,
            outcome.changes,
            outcome.rescued,
            [item.rel for item in planned] + list(extra_paths) if outcome.sha else [],
        )

    def _check(self, planned: Sequence[tuple[str, bytes | None]], writes: Sequence[Write]) -> None:
        """Refuse (ChangeRefused) a change that would leave an error `pcsm validate` reports:
        the same reference and rule checks, on the planned files and the files they involve."""

        check_save(self, planned, writes)

    def _drop_empty_folders(self, rel: str) -> None:
        """After a file is deleted, its folders go too once empty (git does not keep empty
        folders, and an empty engagement folder would block `pcsm new` of the same slug)."""
        folder = (self.root / rel).parent
        while folder != self.root and self.root in folder.parents:
            try:
                folder.rmdir()  # only ever removes an empty folder
            except OSError:
                return
            folder = folder.parent

    undo = undo_commit
    """Take back a change with a new commit, never by rewriting (store/undoing.py)."""

    def edit(
        self,
        loaded: Loaded,
        model: FileModel,
        headline: str | None = None,
        env: Mapping[str, str] | None = None,
        confirm_overwrite_unreadable: bool = False,
    ) -> CommitResult:
        """Save one edited file that was loaded earlier (the app's and scripts' usual path).

        The edit applies to `loaded`, the version the person saw: if the file changed on
        disk since, the two are merged (store/outside.py) or the edit is refused with
        EditConflict naming the fields; the commit holds only this edit (saving.py).
        """

        kind = self.kind_of(loaded.rel)
        with self.lock():
            path = self.root / loaded.rel
            current = path.read_bytes() if path.exists() else None
            return self.save(
                [edit_write(self, loaded, model, current)],
                self.scope_for(loaded.rel, kind),
                headline=headline,
                env=env,
                confirm_overwrite_unreadable=confirm_overwrite_unreadable,
            )

    def scope_for(self, rel: str, kind: FileKind | None = None) -> Scope:

        kind = kind or self.kind_of(rel)
        tool = TOOL_FOR_KIND.get(kind.kind)
        name = tool.id if tool else kind.kind
        if kind.month:
            name = f"{name} {kind.month}"
        return Scope(engagement=kind.engagement or "", tool=name, person=kind.person or "")

    new_engagement = create_engagement
    """An engagement folder with every tool file pre-filled, as one commit
    (store/creating.py)."""


def _unchanged(message: str) -> str:
    return message
