"""Registering pcsm's merge driver in a repository's own git config.

`.gitattributes` (committed) routes engagement and people files to `merge=pcsm`, but git
config does not travel with clones, so every clone needs `merge.pcsm.driver` set locally.
pcsm does that whenever it opens a repository. It is cheap when already done: the config
file is read directly first, and git is only run when something must change.

The driver is the running interpreter with `-m pcsm_tui.cli`, by absolute path, so it works
from any shell and any PATH (git runs merge drivers through `sh`).
"""

from __future__ import annotations

import shlex
import sys

from .git import GitError, GitService

DRIVER_NAME = "pcsm structured merge (rows by id, fields by name)"


def driver_command(python: str | None = None) -> str:
    """The `merge.pcsm.driver` value for this interpreter."""
    interpreter = shlex.quote(python or sys.executable)
    return f"{interpreter} -m pcsm_tui.cli merge-driver %O %A %B %P"


def ensure_merge_driver(git: GitService) -> None:
    """Set `merge.pcsm.name` and `merge.pcsm.driver` in the repository's local config.

    Only the repository whose top folder is `git.root` is touched (never an enclosing one,
    e.g. a sample folder inside a source checkout); nothing happens without a `.git` there.
    A config git cannot write (read-only clone) is left alone: opening must still work, and
    sync validates every file after a merge whether the driver ran or not.
    """
    dot_git = git.root / ".git"
    if not dot_git.exists():
        return
    command = driver_command()
    if dot_git.is_dir():
        try:
            text = (dot_git / "config").read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        if f"driver = {command}" in text and f"name = {DRIVER_NAME}" in text:
            return  # the usual case: already set by an earlier open
    try:
        current = git.config_get_regexp(r"^merge\.pcsm\.")
        if current.get("merge.pcsm.name") != DRIVER_NAME:
            git.config_set("merge.pcsm.name", DRIVER_NAME)
        if current.get("merge.pcsm.driver") != command:
            git.config_set("merge.pcsm.driver", command)
    except GitError:
        return


def remove_merge_driver(git: GitService) -> None:
    """Unset the driver (tests use it to check that sync is safe without it)."""
    git.config_unset("merge.pcsm.driver")
    git.config_unset("merge.pcsm.name")
