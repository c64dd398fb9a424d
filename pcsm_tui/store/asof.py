"""An engagement's files as they were at a commit (for reports `--as-of` a date).

Read from git's objects, never from the work tree, and validated like files on disk with
today's settings; a file that did not exist then is simply absent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..errors import PcsmError
from ..framework.catalogue import TOOLS
from .layout import ENGAGEMENTS_DIR, PEOPLE_DIR, check_slug, classify, month_of
from .timetravel import CannotRestore, commit_info, commit_on_or_before, loaded_from_text
from .toml_codec import loads

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


_REVISION = re.compile(r"[0-9a-fA-F]{4,40}")
"""What an engagement "as of" accepts besides a date: a commit id, short or whole (never a
branch name or an option: the text goes to git, so it is held to hexadecimal)."""


@dataclass(frozen=True)
class EngagementThen:
    """An engagement's files as they were at one commit: what the read-only "engagement as
    of a date" screen shows. Texts, not models: an old file is shown as it was even when
    today's settings would no longer accept it (the editor says so, as for any file)."""

    slug: str
    commit: CommitInfo
    texts: dict[str, str] = field(default_factory=dict)
    """Repository path -> text at that commit: the engagement's files and its CSM's own."""
    months: list[str] = field(default_factory=list)
    """The stakeholder plan's months that existed then, oldest first."""
    worked_on: frozenset[str] = frozenset()
    """The files changed since the engagement was created (`pcsm new` writes every tool's
    file, pre-filled): what the wheel shows as a tool with content by then."""

    def text(self, rel: str) -> str | None:
        """The file's text then; None: it did not exist yet."""
        return self.texts.get(rel)


def engagement_then(repo: Repository, slug: str, when: dt.date | str) -> EngagementThen:
    """The engagement as of the end of day `when` (its newest commit then), or as of the
    commit `when` names; NothingThen when it did not exist yet (or `when` is no commit)."""
    folder = f"{ENGAGEMENTS_DIR}/{check_slug(slug)}"
    if isinstance(when, dt.date):
        commit = engagement_commit(repo, slug, when)
    else:
        if _REVISION.fullmatch(when) is None:
            raise NothingThen(f"{when!r} is neither a date (YYYY-MM-DD) nor a commit id")
        try:
            commit = commit_info(repo, when)
        except (CannotRestore, PcsmError) as error:
            raise NothingThen(f"{when} names no commit of this repository") from error
    blobs = _blobs(repo, commit.sha, folder)
    names = list(blobs)
    if not names:
        raise NothingThen(
            f"engagement {slug!r} did not exist yet at commit {commit.sha[:7]} ({commit.date[:10]})"
        )
    texts: dict[str, str] = {}
    for rel in names:
        if classify(rel) is not None and (text := repo.git.show_file(commit.sha, rel)) is not None:
            texts[rel] = text
    csm = _csm_of(texts.get(f"{folder}/engagement.toml"))
    for tool in TOOLS if csm else ():
        if tool.scope == "person":
            rel = f"{PEOPLE_DIR}/{csm}/{tool.file}"
            if classify(rel) is not None and (text := repo.git.show_file(commit.sha, rel)):
                texts[rel] = text
    plan = [rel for rel in texts if rel.startswith(folder)]
    months = sorted(m for rel in plan if (m := month_of(PurePosixPath(rel))))
    created = repo.git.log(rev=commit.sha, paths=[folder])[-1].sha
    first = _blobs(repo, created, folder)
    worked_on = frozenset(rel for rel, blob in blobs.items() if first.get(rel) != blob)
    return EngagementThen(slug, commit, texts, months, worked_on)


def _blobs(repo: Repository, sha: str, folder: str) -> dict[str, str]:
    """Path -> blob id of every file under `folder` at commit `sha`."""
    found: dict[str, str] = {}
    for entry in repo.git.out("ls-tree", "-r", "-z", sha, "--", folder).split("\0"):
        meta, _tab, rel = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            found[rel] = parts[2]
    return found


def _csm_of(text: str | None) -> str:
    """The CSM's id from engagement.toml's text, "" when it does not read or names none (a
    person's folder name is checked like a slug before it becomes a path)."""
    try:
        csm = loads(text).get("csm") if text else None
        return check_slug(csm, "person") if isinstance(csm, str) and csm else ""
    except (ValueError, PcsmError):
        return ""


__all__ = [
    "EngagementThen",
    "NothingThen",
    "engagement_commit",
    "engagement_models_at",
    "engagement_then",
]
