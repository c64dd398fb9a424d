"""Why a save refuses or fails, as the errors the CLI and the app report: not a
repository, the file changed on disk, the engagement exists already, an undo that cannot be
done, a commit git refused (the change then stays on disk, never lost). `refusals()` names
every error after which nothing was written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import PcsmError, UsageError
from .git import GitError
from .journal import InterruptedSave
from .lock import LockTimeout
from .outside import EditConflict
from .rescue import UnreadableFile


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
