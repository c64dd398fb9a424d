"""Registering pcsm's merge driver in a repository's own git config.

`.gitattributes` (committed) routes engagement and people files to `merge=pcsm`, but git
config does not travel with clones, so every clone needs `merge.pcsm.driver` set locally.
pcsm does that whenever it opens a repository. It is cheap when already done: the config
file is read directly first, and git is only run when something must change.

The driver is the running interpreter by absolute path (git runs merge drivers through
`sh`, from the repository's top folder), in **isolated mode**: `python -I -m pcsm_tui.cli`.
Plain `python -m` puts the current folder first on `sys.path`, and git's current folder is
the repository — so a `pcsm_tui/` folder (or a `sitecustomize.py`) committed by anyone
would replace pcsm's own code on every teammate's next merge, even a plain `git merge`.
`-I` leaves the current folder, PYTHONPATH (whose empty entries also mean the current
folder), PYTHONSTARTUP and the user's site folder out; pcsm is found through the
interpreter's site-packages (a normal or editable install). When pcsm is only installed in
the user's site folder, `-E -P` is used instead: the same protection, the user site kept.
A repository registered with an older command gets the new one the next time it is opened.
"""

from __future__ import annotations

import functools
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pcsm_tui

from .git import GitError, GitService

DRIVER_NAME = "pcsm structured merge (rows by id, fields by name)"
DRIVER_ARGS = "merge-driver %O %A %B %P"
ISOLATED = "-I"
"""Isolated mode: no current folder, no PYTHON* variables, no user site on sys.path."""
USER_SITE = "-E -P"
"""No current folder (-P) and no PYTHON* variables (-E), user site kept."""


def driver_command(python: str | None = None, flags: str = ISOLATED) -> str:
    """The `merge.pcsm.driver` value for this interpreter."""
    interpreter = shlex.quote(python or sys.executable)
    return f"{interpreter} {flags} -m pcsm_tui.cli {DRIVER_ARGS}"


def safe_commands(python: str | None = None) -> tuple[str, ...]:
    """The driver commands pcsm accepts as already registered (both keep the repository's
    files off sys.path)."""
    return (driver_command(python, ISOLATED), driver_command(python, USER_SITE))


@functools.cache
def chosen_flags(python: str | None = None) -> str:
    """`-I` when the interpreter finds this very pcsm in isolated mode; else `-E -P`.

    Asked of a child interpreter once per process, and only when a repository must be
    (re-)registered. If neither way finds pcsm (it is only on PYTHONPATH), `-I` is kept:
    merges then stop as conflicts, which is safe, rather than run with the current folder
    on sys.path.
    """

    here = os.path.realpath(pcsm_tui.__file__)
    probe = "import importlib.util as u; s = u.find_spec('pcsm_tui'); print(s.origin if s else '')"
    for flags in (ISOLATED, USER_SITE):
        try:
            found = subprocess.run(
                [python or sys.executable, *flags.split(), "-c", probe],
                capture_output=True,
                text=True,
                timeout=30,
                cwd=tempfile.gettempdir(),
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if found and os.path.realpath(found) == here:
            return flags
    return ISOLATED


def _registered(dot_git: Path) -> bool:
    """Whether the repository's own config already names a safe driver (no git run)."""
    try:
        text = (dot_git / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if f"name = {DRIVER_NAME}" not in text:
        return False
    return any(f"driver = {command}\n" in text for command in safe_commands())


def ensure_merge_driver(git: GitService) -> None:
    """Set `merge.pcsm.name` and `merge.pcsm.driver` in the repository's local config.

    Only the repository whose top folder is `git.root` is touched (never an enclosing one,
    e.g. a sample folder inside a source checkout); nothing happens without a `.git` there.
    A config git cannot write (read-only clone) is left alone: opening must still work, and
    sync validates every file after a merge whether the driver ran or not. Any other
    driver command (an older pcsm's `python -m ...`) is replaced.
    """
    dot_git = git.root / ".git"
    if not dot_git.exists():
        return
    if dot_git.is_dir() and _registered(dot_git):
        return  # the usual case: already set by an earlier open
    try:
        current = git.config_get_regexp(r"^merge\.pcsm\.")
        if current.get("merge.pcsm.name") != DRIVER_NAME:
            git.config_set("merge.pcsm.name", DRIVER_NAME)
        if current.get("merge.pcsm.driver") not in safe_commands():
            git.config_set("merge.pcsm.driver", driver_command(flags=chosen_flags()))
    except GitError:
        return


def remove_merge_driver(git: GitService) -> None:
    """Unset the driver (tests use it to check that sync is safe without it)."""
    git.config_unset("merge.pcsm.driver")
    git.config_unset("merge.pcsm.name")
