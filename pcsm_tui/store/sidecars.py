"""The merge driver's sidecars: the field-level conflicts it recorded for each file it could
not merge, in `.git/pcsm-conflicts/<path>.json` (written by store/mergedriver.py).

Apart from the driver so that a sync reads and clears them without importing the driver's
models (issue 16: `pcsm sync` near git's own pull and push)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .git import GitService

SIDECAR_DIR = "pcsm-conflicts"
SIDECAR_FORMAT = 1


@dataclass(frozen=True)
class FileConflicts:
    """The conflicts of one file, as the driver recorded them."""

    rel: str
    conflicts: list[dict[str, Any]]
    """Records as in the sidecar: path, label, kind, note, base, ours, theirs, absent."""


def sidecar_dir(git: GitService) -> Path:
    """`.git/pcsm-conflicts`; found without running git in the usual layout (a clean merge
    then costs no git process at all), through git for worktrees and GIT_DIR set-ups."""
    dot_git = git.root / ".git"
    if dot_git.is_dir() and "GIT_DIR" not in os.environ:
        return dot_git / SIDECAR_DIR
    return git.git_dir() / SIDECAR_DIR


def sidecar_path(git: GitService, rel: str) -> Path:
    return sidecar_dir(git) / f"{rel}.json"


def read_sidecars(git: GitService) -> list[FileConflicts]:
    """Every file's recorded conflicts (unreadable sidecars are skipped)."""
    folder = sidecar_dir(git)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            found.append(FileConflicts(str(record["path"]), list(record["conflicts"])))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def clear_sidecars(git: GitService, rel: str | None = None) -> None:
    """Forget recorded conflicts: of one file, or all of them (before a new merge)."""
    if rel is not None:
        sidecar_path(git, rel).unlink(missing_ok=True)
        return
    shutil.rmtree(sidecar_dir(git), ignore_errors=True)
