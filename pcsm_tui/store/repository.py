"""The repository service: load a tool's file, save a change as one commit.

This is the small API the CLI, the app and the tests share. A save goes: check the git
identity, validate with the repository's scales, make sure the file on disk is still the
one that was loaded, merge into the existing TOML, check the result reads back identical,
write atomically, commit the paths as one commit with a field-level message.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PcsmError, UsageError
from ..framework import Framework, load_framework
from ..framework.customize import FrameworkCustomization
from ..models.base import FileModel
from ..models.repository import RepoSettings
from ..models.scales import Scale
from ..safeio import Unreadable, decode, read_regular
from ..schemas.editor import foreign_config
from .atomic import digest, write_atomic
from .changes import Change
from .diffconfig import ensure_diff_driver
from .editorfiles import write_editor_files
from .git import GitError, GitService
from .journal import InterruptedSave as InterruptedSave
from .layout import (
    ENGAGEMENT_FILE,
    ENGAGEMENTS_DIR,
    FRAMEWORK_FILE,
    REGISTER_FILE,
    SETTINGS_FILE,
    FileKind,
    Layout,
    check_slug,
    classify,
    engagement_rel,
)
from .mergeconfig import ensure_merge_driver
from .messages import Scope, compose
from .outside import EditConflict as EditConflict
from .personal import message_names
from .rescue import UnreadableFile as UnreadableFile
from .toml_codec import loads

GITIGNORE = """\
# pcsm: temporary files of interrupted saves (the saved file itself is always whole)
.*.tmp
"""

GITATTRIBUTES = """\
# pcsm: engagement and people files are merged row by row and field by field
engagements/**/*.toml merge=pcsm
people/**/*.toml merge=pcsm
"""


class NotARepository(UsageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a pcsm repository (no pcsm.toml there).\n"
            f"Create one with:  pcsm init {path}\n"
            "or try the sample: pcsm demo"
        )


class FileChangedOnDisk(PcsmError):
    """The file changed since it was loaded; saving would overwrite someone's work."""

    def __init__(self, rel: str) -> None:
        super().__init__(
            f"{rel} changed on disk since it was loaded; reload it and apply the change again "
            "(nothing was written)"
        )
        self.rel = rel


def refusals(*more: type[Exception]) -> tuple[type[Exception], ...]:
    """What a save raises when it refuses and wrote nothing (and `more`); each message says
    why and what to do. Commands report these as they are (exit 1)."""
    from .lock import LockTimeout

    return (FileChangedOnDisk, EditConflict, UnreadableFile, InterruptedSave, LockTimeout, *more)


class AlreadyExists(PcsmError):
    pass


class CannotUndo(PcsmError):
    """The change cannot be taken back automatically; the message says why."""


class CommitFailed(PcsmError):
    """The files were written but git refused the commit; the change is on disk, not lost."""

    def __init__(self, paths: Sequence[str], error: GitError, note: str = "") -> None:
        super().__init__(
            f"saved {', '.join(paths)} but git could not commit it: {error.stderr}\n"
            + (f"{note}\n" if note else "")
            + "The change is kept in the working tree; fix the cause, then `pcsm recover "
            "--finish` commits it as planned (or `pcsm recover --clean` takes it back)."
        )
        self.paths = list(paths)
        self.error = error


@dataclass(frozen=True)
class Loaded:
    """A file as read: the model, the exact text and its digest (to detect later changes)."""

    rel: str
    model: FileModel
    text: str
    digest: str


@dataclass(frozen=True)
class Write:
    """One file of a change: the new model (None deletes) and the digest it was loaded at."""

    rel: str
    model: FileModel | None
    expected_digest: str | None = None
    """The loaded file's digest; None when the file must not exist yet."""
    header: str | None = None
    text: str | None = None
    """Exact text to write instead of rendering `model` (it must parse to `model`)."""


@dataclass(frozen=True)
class CommitResult:
    sha: str | None
    """None when the change turned out to change nothing."""
    message: str
    changes: list[Change] = field(default_factory=list)
    rescued: list[str] = field(default_factory=list)
    """Lines saying where unreadable files that were written over are kept."""
    paths: list[str] = field(default_factory=list)
    """The files the commit changed (what an undo of it is scoped by)."""

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]


def dump(model: FileModel) -> dict[str, Any]:
    """The TOML-ready data of a model: no None values, RACI cells as text."""
    return model.model_dump(mode="python", exclude_none=True, by_alias=True)


def writable(model: FileModel, existing: dict[str, Any]) -> dict[str, Any]:
    """The data to merge into an existing file: `dump(model)` without the keys the file
    does not have and that only hold their default. A person's minimal hand-written file
    then stays minimal, and a one-field edit stays a one-line diff."""
    return _prune(model, dump(model), existing)


def _prune(model: Any, data: dict[str, Any], existing: dict[str, Any]) -> dict[str, Any]:
    from pydantic import BaseModel

    fields = type(model).model_fields
    out: dict[str, Any] = {}
    for key, value in data.items():
        info = fields.get(key)
        current = getattr(model, key, None) if info is not None else None
        if (
            info is not None
            and key not in existing
            and not info.is_required()
            and current == info.get_default(call_default_factory=True)
        ):
            continue
        before = existing.get(key)
        if isinstance(current, BaseModel) and isinstance(value, dict):
            value = _prune(current, value, before) if isinstance(before, dict) else value
        elif isinstance(current, list) and isinstance(value, list) and isinstance(before, list):
            old_rows = {r.get("id"): r for r in before if isinstance(r, dict)}
            value = [
                _prune(row, item, old_rows[item.get("id")])
                if isinstance(row, BaseModel)
                and isinstance(item, dict)
                and item.get("id") in old_rows
                else item
                for row, item in zip(current, value, strict=False)
            ]
        out[key] = value
    return out


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
        from .lock import hold

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
        if (path / "pcsm.toml").exists():
            raise AlreadyExists(f"{path} is already a pcsm repository")
        path.mkdir(parents=True, exist_ok=True)
        repo = cls(path)
        if not repo.git.is_repository() or not (path / ".git").exists():
            repo.git.init()
        ensure_merge_driver(repo.git)
        ensure_diff_driver(repo.git)
        repo.git.check_identity(env)
        settings = RepoSettings(name=name or path.resolve().name)
        repo._settings = settings
        repo._write_text(".gitattributes", GITATTRIBUTES)
        repo._write_text(".gitignore", GITIGNORE)
        editor: list[str] = []
        if not foreign_config(repo.root):  # .taplo.toml and schemas, for editors
            editor = write_editor_files(repo.root, repo.scales())
        repo.save(
            [Write("pcsm.toml", settings, header="pcsm repository settings")],
            Scope(tool="repository"),
            headline="repository created",
            action="init",
            env=env,
            extra_paths=[".gitattributes", ".gitignore", *editor],
        )
        return repo

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
                self._broken[FRAMEWORK_FILE] = Unreadable(str(error), rel=FRAMEWORK_FILE)
                self._framework = load_framework(None)
        return self._framework

    def _read_top(self, rel: str, model: type[FileModel]) -> FileModel | None:
        """pcsm.toml or framework.toml as a model; None (and the problem kept) if it fails."""
        from pydantic import ValidationError

        from .locate import locate

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
        from ..framework.catalogue import FILE_MODELS

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
        stamp = tuple(_stamp(folder / name) for name in (REGISTER_FILE, "raci.toml"))
        base = engagement_rel(engagement)
        cached = self._names.get(engagement)
        if cached is not None and cached[0] == stamp:
            return dict(cached[1])
        # Plain dicts, not models: this runs on every save and must stay cheap; a broken
        # register or RACI just leaves neutral labels or ids in the message.
        names = message_names(
            _rows_of(self.layout, f"{base}/{REGISTER_FILE}", "stakeholders"),
            _rows_of(self.layout, f"{base}/raci.toml", "matrices"),
        )
        self._names[engagement] = (stamp, dict(names))
        return names

    def _names_after(self, engagement: str, writes: Sequence[Write]) -> dict[str, str] | None:
        """The message names as they will be once `writes` are saved, when they change the
        register or the RACI (a new stakeholder or column is named like the others)."""
        folder = f"{ENGAGEMENTS_DIR}/{engagement}/"
        new = {w.rel.removeprefix(folder): w.model for w in writes if w.rel.startswith(folder)}
        if not {REGISTER_FILE, "raci.toml"} & {k for k, m in new.items() if m is not None}:
            return None
        base = f"{ENGAGEMENTS_DIR}/{engagement}"

        def rows(name: str, key: str) -> list[dict[str, Any]]:
            model = new.get(name)
            if model is not None:
                found = dump(model).get(key, [])
                return [r for r in found if isinstance(r, dict) and "id" in r]
            return _rows_of(self.layout, f"{base}/{name}", key)

        return message_names(rows(REGISTER_FILE, "stakeholders"), rows("raci.toml", "matrices"))

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
        from .recovery import settle
        from .saving import Planned, commit_plan, plan_write

        self.git.check_identity(env)
        self.check_readable()
        with self.lock():
            settle(self)  # an interrupted earlier save is settled (or decided) first
            context = self.context()
            names = self.names(scope.engagement or None)
            if scope.engagement:
                names = {**names, **(self._names_after(scope.engagement, writes) or {})}
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
                    compose(scope, changes, headline=headline, action=action, trailers=trailers)
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
        from .checks import check_save

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

    def undo(
        self,
        sha: str | None = None,
        env: Mapping[str, str] | None = None,
        confirm_overwrite_unreadable: bool = False,
        headline: str | None = None,
        action: str = "undo",
        merge: bool = False,
    ) -> CommitResult:
        """Take back a change (the last commit by default) with a new commit; never rewrite.

        Every file the change touched must still be as that change left it; otherwise
        someone has worked on it since and undoing would overwrite that work. `headline`
        and `action` let the session's undo stack say "undo …" or "redo …" itself; `merge`
        allows taking back what a (sync) merge brought in, back to its first parent.
        """
        from .messages import (
            ENGAGEMENT_TRAILER,
            PERSON_TRAILER,
            TOOL_TRAILER,
            UNDOES_TRAILER,
            parse_trailers,
        )

        target = sha or self.git.head()
        if target is None:
            raise CannotUndo("there is nothing to undo: the repository has no commits")
        message = self.git.message(target)
        subject = message.split("\n", 1)[0]
        parents = self.git.out("rev-list", "--parents", "-n", "1", target).split()[1:]
        if len(parents) != 1 and not (merge and len(parents) == 2):
            raise CannotUndo(f"{subject!r} is a merge or the first commit; undo it with git")
        changed = (
            self.git.changed_files(target)
            if len(parents) == 1
            else self.git.out("diff", "--name-only", "--no-renames", parents[0], target).split("\n")
        )
        writes: list[Write] = []
        for rel in filter(None, changed):
            if classify(rel) is None:
                raise CannotUndo(f"{subject!r} changed {rel}, which pcsm does not manage")
            path = self.layout.path(rel)  # never through a link
            current = read_regular(path) if os.path.lexists(path) else None
            if current != self.git.show_bytes(target, rel):  # bytes: any encoding compares
                raise CannotUndo(f"{rel} has changed since {subject!r}; undo would overwrite it")
            before = self.git.show_file(parents[0], rel)
            expected = digest(current) if current is not None else None
            if before is None:
                writes.append(Write(rel, None, expected))
                continue
            try:
                model = self.model_class(rel).model_validate(loads(before), context=self.context())
            except ValueError as error:
                raise CannotUndo(f"the earlier {rel} does not validate: {error}") from error
            writes.append(Write(rel, model, expected, text=before))
        found = parse_trailers(message)
        scope = Scope(
            engagement=found.get(ENGAGEMENT_TRAILER, ""),
            tool=found.get(TOOL_TRAILER, "" if len(parents) == 1 else "sync"),
            person=found.get(PERSON_TRAILER, ""),
        )
        short = subject.removeprefix(f"{scope.prefix}: ")
        return self.save(
            writes,
            scope,
            headline=headline or f"undo “{short}”",
            action=action,
            env=env,
            trailers=[(UNDOES_TRAILER, target)],
            confirm_overwrite_unreadable=confirm_overwrite_unreadable,
        )

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
        from .outside import edit_write

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
        from ..framework.catalogue import TOOL_FOR_KIND

        kind = kind or self.kind_of(rel)
        tool = TOOL_FOR_KIND.get(kind.kind)
        name = tool.id if tool else kind.kind
        if kind.month:
            name = f"{name} {kind.month}"
        return Scope(engagement=kind.engagement or "", tool=name, person=kind.person or "")

    def new_engagement(
        self,
        slug: str,
        customer: str,
        initiative: str = "",
        csm: str = "",
        start: dt.date | None = None,
        env: Mapping[str, str] | None = None,
        today: dt.date | None = None,
        first_month: bool = True,
        texts: Mapping[str, str] | None = None,
        raci_activities: bool = False,
    ) -> CommitResult:
        """Create an engagement folder with every tool file pre-filled, as one commit.

        `raci_activities`: the RACI matrix starts with the framework's standard activities.

        `texts` may give the exact text of some files (by file name), for example a team's
        own commented layout; each must hold the same data as the pre-filled file.
        """
        from ..framework.prefill import engagement_files
        from ..models.commitment import StakeholderPlanMonth

        check_slug(slug)
        folder = self.layout.engagement_dir(slug)
        if folder.exists():
            raise AlreadyExists(f"engagement {slug!r} already exists ({self.layout.rel(folder)})")
        files = engagement_files(
            self.framework, customer, initiative, csm, start, raci_activities=raci_activities
        )
        month = (start or today or dt.date.today()).strftime("%Y-%m")
        texts = texts or {}
        writes = [
            Write(engagement_rel(slug, name), model, header=_header(name), text=texts.get(name))
            for name, model in files.items()
        ]
        if first_month:
            writes.append(
                Write(
                    self.layout.rel(self.layout.plan_month(slug, month)),
                    StakeholderPlanMonth(),
                    header=f"stakeholder plan, {month}",
                )
            )
        return self.save(
            writes,
            Scope(engagement=slug, tool="engagement"),
            headline=f"engagement started ({len(writes)} files)",
            action="create",
            env=env,
        )


def _unchanged(message: str) -> str:
    return message


def _header(filename: str) -> str:
    from ..framework.catalogue import TOOLS

    for tool in TOOLS:
        if tool.file == filename:
            return f"{tool.title} (tool {tool.number})"
    return "engagement" if filename == ENGAGEMENT_FILE else "stakeholder register"


def _rows_of(layout: Layout, rel: str, key: str) -> list[dict[str, Any]]:
    """The rows (dicts with an id) of a list in a TOML file; nothing if it does not read."""
    try:
        rows = layout.read_toml(rel)[1].get(key, [])
    except (OSError, Unreadable):
        return []
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)]


def _stamp(path: Path) -> tuple[int, int]:
    """A file's change stamp (mtime and size) for caches; (0, 0) when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)
