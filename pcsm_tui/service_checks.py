"""The checking part of the service (`Workspace` inherits it): `pcsm validate` and the
repository's editor set-up (`pcsm schemas --repo`), so the CLI asks the gateway, never the
store, whether a repository is trustworthy."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .store.layout import Layout

if TYPE_CHECKING:
    from collections.abc import Callable

    from .store.findings import Finding
    from .store.repository import CommitResult, Repository

EDITOR_CONFIG = ".taplo.toml"
EDITOR_SCHEMAS = ".pcsm/schemas"
"""schemas.editor's TAPLO_CONFIG and SCHEMA_DIR (a test keeps them equal), known here
without importing it (it imports every model)."""


class ChecksService:
    """Mixed into `Workspace`: needs its `root` and `repo`. `validate` works on any folder
    (a repository whose pcsm.toml is broken is exactly what it must report on), so only the
    editor set-up methods open the repository."""

    root: Path

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def findings(
        self,
        staged: bool = False,
        changed_since: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Finding]:
        """Every finding of the work tree, of what is staged (git's index: for pre-commit),
        or (`changed_since` a revision) of the folders holding a file changed since then or
        referring to one, to be narrowed by `affected_since`. `progress` hears (folders
        checked, folders) as the work tree is checked."""
        # start-up: validate_units loads here; the models only when a folder is not cached
        from .store.validate_units import units_of, validate_units

        if changed_since is not None:
            only = units_of(self.affected_since(changed_since))
            return validate_units(self.root, progress=progress, only=only)
        if not staged:
            return validate_units(self.root, progress=progress)
        # start-up: tempfile loads only for --staged
        import tempfile

        # start-up: store.git, store.snapshot load only when this runs
        from .store.git import GitService
        from .store.snapshot import materialize

        with tempfile.TemporaryDirectory(prefix="pcsm-staged-") as folder:
            materialize(GitService(self.root), Path(folder))
            return validate_units(Path(folder))

    def affected_since(self, revision: str) -> set[str]:
        """The files changed since `revision` (committed, in the work tree or untracked) and
        the files referring to them: whose findings `pcsm validate --changed-since` shows.
        ValueError when `revision` is no commit; GitError when this is no git repository."""
        # start-up: store.git loads only when this runs
        from .store.git import GitService

        # start-up: store.referrers loads only when this runs
        from .store.referrers import affected_files

        git = GitService(self.root)
        if git.resolve_commit(revision) is None:
            raise ValueError(f"{revision!r} is not a commit of this repository")
        changed = git.out("diff", "--name-only", "--no-renames", "-z", revision)
        untracked = git.out("ls-files", "--others", "--exclude-standard", "-z")
        layout = Layout(self.root)
        present = [layout.rel(p) for p in layout.owned_files()]
        names = {n for n in (changed + "\0" + untracked).split("\0") if n}
        return affected_files(names, present)

    def stale_editor_schema(self) -> str | None:
        """The first of the repository's editor schema files that no longer fits its scales
        (or this pcsm), or None: editors would check against the wrong ranges."""
        if not (self.root / EDITOR_CONFIG).is_file():
            return None  # no editor set-up: nothing to import (a warm validate stays light)
        # start-up: store.validate_units loads only when this runs
        from .store.validate_units import EDITOR_UNIT, remembered

        schemas = self.root / EDITOR_SCHEMAS
        names = sorted(os.listdir(schemas)) if schemas.is_dir() else []
        rels = [EDITOR_CONFIG, *(f"{EDITOR_SCHEMAS}/{name}" for name in names)]
        rows = remembered(self.root, EDITOR_UNIT, rels, self._stale_editor_rows)
        return rows[0][0] if rows else None

    def _stale_editor_rows(self) -> list[tuple[str, int, int, str, str]]:
        # start-up: schemas.editor, store.repository load only when this runs
        from .schemas.editor import has_editor_files, outdated
        from .store.repository import Repository

        if not has_editor_files(self.root):
            return []
        try:
            scales = Repository(self.root).scales()
        except (ValueError, OSError):
            return []  # pcsm.toml or framework.toml is broken: validate says so already
        stale = outdated(self.root, scales)
        return [(stale[0], 1, 1, "warning", "out of date")] if stale else []

    def interrupted_save_record(self) -> Path | None:
        """The journal of a save that stopped half way, or None (none, or a save running
        now holds the repository lock: then it is no leftover)."""
        # start-up: store.journal, store.lock load only when this runs
        from .store import journal
        from .store.lock import busy

        record = journal.path_of(self.root)
        if not record.exists() or busy(self.root):
            return None
        return record

    def stale_git_locks_note(self) -> str:
        """Git's leftover lock files in words ("" when there are none)."""
        # start-up: store.recovery loads only when this runs
        from .store.recovery import stale_git_locks

        return stale_git_locks(self.root)[0]

    # --- the repository's editor set-up (.taplo.toml and .pcsm/schemas/) ---------------------

    def refresh_editor_files(self) -> CommitResult | None:
        """Write the editor set-up made with this repository's scales, as one commit (None:
        it was up to date). Raises ForeignTaploConfig for a `.taplo.toml` not pcsm's."""
        # start-up: store.editorfiles loads only when this runs
        from .store.editorfiles import refresh_editor_files

        return refresh_editor_files(self.repo)

    def editor_files_state(self) -> tuple[bool, list[str], list[str], str]:
        """Whether `.taplo.toml` is someone else's; the editor files to write and to remove;
        and the scales they are made for, in words."""
        # start-up: schemas.editor, store.editorfiles load only when this runs
        from .schemas.editor import foreign_config, stale_editor_files
        from .store.editorfiles import scales_note

        scales = self.repo.scales()
        if foreign_config(self.repo.root):
            return True, [], [], scales_note(scales)
        write, remove = stale_editor_files(self.repo.root, scales)
        return False, list(write), list(remove), scales_note(scales)


class Checks(ChecksService):
    """The checks alone, for `pcsm validate`: building a `Workspace` imports most of pcsm
    (pydantic, GitPython, the models: ~0.4 s), more than a warm validation of a thousand
    engagements takes, which needs none of it (issue 16)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()  # as Workspace's: paths are reported relative to it
