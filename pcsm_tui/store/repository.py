"""The repository service: load a tool's file, save a change as one commit.

This is the small API the CLI, the app and the tests share. A save goes: check the git
identity, validate with the repository's scales, make sure the file on disk is still the
one that was loaded, merge into the existing TOML, check the result reads back identical,
write atomically, commit the paths as one commit with a field-level message.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..framework import Framework, load_framework
from ..framework.customize import FrameworkCustomization
from ..models.base import FileModel
from ..models.repository import RepoSettings
from ..models.scales import Scale
from ..schemas.editor import foreign_config
from .atomic import digest, write_atomic
from .changes import Change, diff_models
from .editorfiles import write_editor_files
from .git import GitError, GitService
from .layout import (
    ENGAGEMENT_FILE,
    REGISTER_FILE,
    FileKind,
    Layout,
    check_slug,
    classify,
)
from .mergeconfig import ensure_merge_driver
from .messages import Scope, compose
from .toml_codec import loads, render

GITIGNORE = """\
# pcsm: temporary files of interrupted saves (the saved file itself is always whole)
.*.tmp
"""

GITATTRIBUTES = """\
# pcsm: engagement and people files are merged row by row and field by field
engagements/**/*.toml merge=pcsm
people/**/*.toml merge=pcsm
"""


class NotARepository(Exception):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a pcsm repository (no pcsm.toml there).\n"
            f"Create one with:  pcsm init {path}\n"
            "or try the sample: pcsm demo"
        )


class FileChangedOnDisk(Exception):
    """The file changed since it was loaded; saving would overwrite someone's work."""

    def __init__(self, rel: str) -> None:
        super().__init__(
            f"{rel} changed on disk since it was loaded; reload it and apply the change again "
            "(nothing was written)"
        )
        self.rel = rel


class AlreadyExists(Exception):
    pass


class CannotUndo(Exception):
    """The change cannot be taken back automatically; the message says why."""


class CommitFailed(Exception):
    """The files were written but git refused the commit; the change is on disk, not lost."""

    def __init__(self, paths: Sequence[str], error: GitError) -> None:
        super().__init__(
            f"saved {', '.join(paths)} but git could not commit it: {error.stderr}\n"
            "The change is kept in the working tree; fix the cause and commit it with git."
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
        self._names: dict[str, tuple[tuple[tuple[int, int], ...], dict[str, str]]] = {}

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Repository:
        if not (path / "pcsm.toml").is_file():
            raise NotARepository(path)
        repo = cls(path)
        ensure_merge_driver(repo.git)  # git config does not travel with clones
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
        if self._settings is None:
            data = loads(self.layout.settings.read_text(encoding="utf-8"))
            self._settings = RepoSettings.model_validate(data)
        return self._settings

    @property
    def framework(self) -> Framework:
        if self._framework is None:
            custom = None
            if self.layout.framework.is_file():
                data = loads(self.layout.framework.read_text(encoding="utf-8"))
                custom = FrameworkCustomization.model_validate(data)
            self._framework = load_framework(custom)
        return self._framework

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
        """Read and validate a file (raises TomlSyntaxError or pydantic's ValidationError)."""
        raw = (self.root / rel).read_bytes()
        text = raw.decode("utf-8")
        model = self.model_class(rel).model_validate(loads(text), context=self.context())
        return Loaded(rel, model, text, digest(raw))

    def engagements(self) -> list[str]:
        return self.layout.engagements()

    def names(self, engagement: str | None) -> dict[str, str]:
        """Ids -> words safe for commit messages (roles and group titles, never names)."""
        names: dict[str, str] = {}
        if not engagement:
            return names
        folder = self.layout.engagement_dir(engagement)
        stamp = tuple(_stamp(folder / name) for name in (REGISTER_FILE, "raci.toml"))
        cached = self._names.get(engagement)
        if cached is not None and cached[0] == stamp:
            return dict(cached[1])
        # Plain dicts, not models: this runs on every save and must stay cheap; a broken
        # register or RACI just leaves ids in the message.
        for stakeholder in _rows_of(folder / REGISTER_FILE, "stakeholders"):
            role = stakeholder.get("job_role") or stakeholder["id"]
            names[stakeholder["id"]] = str(
                stakeholder.get("name", role) if stakeholder.get("kind") == "group" else role
            )
        for matrix in _rows_of(folder / "raci.toml", "matrices"):
            for column in matrix.get("columns", []):
                if isinstance(column, dict) and "id" in column:
                    names[column["id"]] = str(
                        column.get("title")
                        or names.get(str(column.get("stakeholder", "")), column["id"])
                    )
        self._names[engagement] = (stamp, dict(names))
        return names

    # --- writing ----------------------------------------------------------------------------

    def _write_text(self, rel: str, text: str) -> None:
        write_atomic(self.root / rel, text.encode("utf-8"))

    def save(
        self,
        writes: Sequence[Write],
        scope: Scope,
        headline: str | None = None,
        action: str = "edit",
        env: Mapping[str, str] | None = None,
        extra_paths: Sequence[str] = (),
        trailers: Sequence[tuple[str, str]] = (),
    ) -> CommitResult:
        """Write files and commit them as one commit; nothing is written if any check fails."""
        self.git.check_identity(env)
        context = self.context()
        names = self.names(scope.engagement or None)
        planned: list[tuple[str, bytes | None]] = []
        changes: list[Change] = []
        stage = [p for p in extra_paths if (self.root / p).exists()]
        for write in writes:
            path = self.root / write.rel
            current = path.read_bytes() if path.exists() else None
            if current is not None and write.expected_digest is None:
                raise FileChangedOnDisk(write.rel)
            if write.expected_digest is not None and (
                current is None or digest(current) != write.expected_digest
            ):
                raise FileChangedOnDisk(write.rel)
            old_model = self._parse_quietly(write.rel, current)
            if write.model is None:
                if current is None:
                    continue
                stage.append(write.rel)
                planned.append((write.rel, None))
                changes.append(Change("remove", (write.rel,), write.rel, shown=False))
                continue
            model = type(write.model).model_validate(dump(write.model), context=context)
            data = dump(model)
            if write.text is not None:
                text = write.text
                if dump(type(model).model_validate(loads(text), context=context)) != data:
                    raise ValueError(f"{write.rel}: the text given does not hold the model given")
            else:
                existing = current.decode("utf-8") if current is not None else None
                if existing is not None:
                    data = writable(model, loads(existing))
                text = render(data, existing, header=write.header)
                if loads(text) != data:
                    raise RuntimeError(
                        f"internal error: {write.rel} would not read back as written"
                    )
            encoded = text.encode("utf-8")
            if encoded == current:
                continue  # nothing to write or commit for this file
            planned.append((write.rel, encoded))
            if current is None:
                stage.append(write.rel)
                changes.append(Change("add", (write.rel,), write.rel, shown=False))
            else:
                changes.extend(diff_models(old_model, model, names))
        for rel, content in planned:
            if content is None:
                (self.root / rel).unlink(missing_ok=True)
            else:
                write_atomic(self.root / rel, content)
        message = compose(scope, changes, headline=headline, action=action, trailers=trailers)
        paths = [rel for rel, _ in planned] + list(extra_paths)
        if not paths:
            return CommitResult(None, message, changes)
        try:
            sha = self.git.commit(paths, message, env=env, stage=stage)
        except GitError as error:
            raise CommitFailed(paths, error) from error
        return CommitResult(sha, message, changes)

    def _parse_quietly(self, rel: str, current: bytes | None) -> FileModel | None:
        """The model of the file on disk, for the change list; None if it does not validate.

        A file that is not TOML at all raises TomlSyntaxError: pcsm never writes over a file
        it cannot read, so the person's text stays exactly as it is.
        """
        if current is None:
            return None
        data = loads(current.decode("utf-8", errors="replace"))
        try:
            return self.model_class(rel).model_validate(data, context=self.context())
        except ValueError:
            return None

    def undo(self, sha: str | None = None, env: Mapping[str, str] | None = None) -> CommitResult:
        """Take back a change (the last commit by default) with a new commit; never rewrite.

        Every file the change touched must still be as that change left it; otherwise
        someone has worked on it since and undoing would overwrite that work.
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
        if len(parents) != 1:
            raise CannotUndo(f"{subject!r} is a merge or the first commit; undo it with git")
        writes: list[Write] = []
        for rel in self.git.changed_files(target):
            if classify(rel) is None:
                raise CannotUndo(f"{subject!r} changed {rel}, which pcsm does not manage")
            path = self.root / rel
            current = path.read_bytes() if path.exists() else None
            left = self.git.show_file(target, rel)
            if (current.decode("utf-8") if current is not None else None) != left:
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
            tool=found.get(TOOL_TRAILER, ""),
            person=found.get(PERSON_TRAILER, ""),
        )
        short = subject.removeprefix(f"{scope.prefix}: ")
        return self.save(
            writes,
            scope,
            headline=f"undo “{short}”",
            action="undo",
            env=env,
            trailers=[(UNDOES_TRAILER, target)],
        )

    def edit(
        self,
        loaded: Loaded,
        model: FileModel,
        headline: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> CommitResult:
        """Save one edited file that was loaded earlier (the app's and scripts' usual path)."""
        kind = self.kind_of(loaded.rel)
        return self.save(
            [Write(loaded.rel, model, loaded.digest)],
            self.scope_for(loaded.rel, kind),
            headline=headline,
            env=env,
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
    ) -> CommitResult:
        """Create an engagement folder with every tool file pre-filled, as one commit.

        `texts` may give the exact text of some files (by file name), for example a team's
        own commented layout; each must hold the same data as the pre-filled file.
        """
        from ..framework.prefill import engagement_files
        from ..models.commitment import StakeholderPlanMonth

        check_slug(slug)
        folder = self.layout.engagement_dir(slug)
        if folder.exists():
            raise AlreadyExists(f"engagement {slug!r} already exists ({self.layout.rel(folder)})")
        files = engagement_files(self.framework, customer, initiative, csm, start)
        month = (start or today or dt.date.today()).strftime("%Y-%m")
        texts = texts or {}
        writes = [
            Write(f"engagements/{slug}/{name}", model, header=_header(name), text=texts.get(name))
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


def _header(filename: str) -> str:
    from ..framework.catalogue import TOOLS

    for tool in TOOLS:
        if tool.file == filename:
            return f"{tool.title} (tool {tool.number})"
    return "engagement" if filename == ENGAGEMENT_FILE else "stakeholder register"


def _rows_of(path: Path, key: str) -> list[dict[str, Any]]:
    """The rows (dicts with an id) of a list in a TOML file; nothing if it does not read."""
    try:
        rows = tomllib.loads(path.read_text(encoding="utf-8")).get(key, [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    return [r for r in rows if isinstance(r, dict) and "id" in r] if isinstance(rows, list) else []


def _stamp(path: Path) -> tuple[int, int]:
    """A file's change stamp (mtime and size) for caches; (0, 0) when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)
