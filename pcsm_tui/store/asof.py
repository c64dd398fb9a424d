"""An engagement's files as they were at a commit (for reports `--as-of` a date).

Read from git's objects, never from the work tree, and validated like files on disk with
today's settings; a file that did not exist then is simply absent.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..errors import PcsmError
from .layout import ENGAGEMENTS_DIR, check_slug, classify
from .timetravel import commit_on_or_before, loaded_from_text

if TYPE_CHECKING:
    from ..models.base import FileModel
    from .git import CommitInfo
    from .repository import Repository


class NothingThen(PcsmError, LookupError):
    """The engagement had no commit on or before the date asked for."""


def engagement_commit(repo: Repository, slug: str, day: dt.date) -> CommitInfo:
    folder = f"{ENGAGEMENTS_DIR}/{check_slug(slug)}"
    found = commit_on_or_before(repo, [folder], day)
    if found is None:
        raise NothingThen(f"engagement {slug!r} did not exist yet on {day.isoformat()}")
    return found


def engagement_models_at(repo: Repository, slug: str, sha: str) -> dict[str, FileModel]:
    """Repository path -> model of every pcsm file of the engagement at commit `sha`."""
    folder = f"{ENGAGEMENTS_DIR}/{check_slug(slug)}"
    names = repo.git.out("ls-tree", "-r", "--name-only", sha, "--", folder).splitlines()
    models: dict[str, FileModel] = {}
    for rel in names:
        if classify(rel) is None:
            continue
        text = repo.git.show_file(sha, rel)
        if text is not None:
            models[rel] = loaded_from_text(repo, rel, text).model
    return models


__all__ = ["NothingThen", "engagement_commit", "engagement_models_at"]
