"""Time travel for the app's history screen: a commit's semantic diff, a file as of a commit
or a date, and restoring an old version as a new commit (history is never rewritten).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..errors import PcsmError
from ..safeio import read_regular
from .atomic import digest
from .git import CommitInfo
from .history import FileDiff, HistoryItem, diff_revisions
from .repository import Loaded, Write
from .toml_codec import loads

if TYPE_CHECKING:
    from .repository import CommitResult, Repository


class CannotRestore(PcsmError):
    """The old version cannot be restored; the message says why (nothing was written)."""


def empty_tree(repo: Repository) -> str:
    """The id of git's empty tree (what a first commit is compared with)."""
    return repo.git.run("hash-object", "-t", "tree", "--stdin", stdin=b"")[1]


def commit_diff(repo: Repository, item: HistoryItem, paths: Sequence[str] = ()) -> list[FileDiff]:
    """What `item`'s commit changed in `paths`, in the files' own terms.

    A merge is compared with its first parent: what the merge brought into the branch.
    """
    parent = item.parents[0] if item.parents else empty_tree(repo)
    return diff_revisions(repo, parent, item.commit.sha, paths)


def file_at(repo: Repository, rel: str, sha: str) -> str | None:
    """The file's text as of commit `sha` (None: it did not exist then)."""
    return repo.git.show_file(sha, rel)


def commit_info(repo: Repository, sha: str) -> CommitInfo:
    found = repo.git.log(rev=sha, max_count=1)
    if not found:
        raise CannotRestore(f"{sha[:7]} names no commit")
    return found[0]


def commit_on_or_before(repo: Repository, paths: Sequence[str], day: dt.date) -> CommitInfo | None:
    """The newest commit touching `paths` whose date (as shown: the author's own calendar
    day) is `day` or earlier; None when there is none."""
    wanted = day.isoformat()
    for commit in repo.git.log(rev="HEAD", paths=paths):
        if commit.date[:10] <= wanted:
            return commit
    return None


def loaded_from_text(repo: Repository, rel: str, text: str) -> Loaded:
    """A file's model from text given (an old version), validated like a file on disk."""

    model = repo.model_class(rel).model_validate(loads(text), context=repo.context())
    return Loaded(rel, model, text, digest(text.encode("utf-8")))


def restore(
    repo: Repository,
    rel: str,
    sha: str,
    env: Mapping[str, str] | None = None,
    confirm_overwrite_unreadable: bool = False,
) -> CommitResult:
    """Make `rel` again exactly what it was as of commit `sha`, as one new commit.

    The subject reads `<engagement>: <tool>: restored as of <date> (<sha7>)`. A file on
    disk that does not read is only written over with `confirm_overwrite_unreadable` (its
    bytes are kept first; see store/rescue.py); nothing is committed when it already equals
    that version.
    """
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    text = file_at(repo, rel, sha)
    if text is None:
        raise CannotRestore(f"{rel} did not exist as of {sha[:7]}; there is nothing to restore")
    info = commit_info(repo, sha)
    try:
        loaded = loaded_from_text(repo, rel, text)
    except (ValidationError, ValueError) as error:
        raise CannotRestore(
            f"{rel} as of {sha[:7]} is not valid with today's settings, so it is not restored: "
            f"{str(error).splitlines()[0]}"
        ) from error
    path = repo.layout.path(rel)  # never through a link
    current = read_regular(path) if os.path.lexists(path) else None
    return repo.save(
        [Write(rel, loaded.model, digest(current) if current is not None else None, text=text)],
        repo.scope_for(rel),
        headline=f"restored as of {info.date[:10]} ({sha[:7]})",
        action="restore",
        env=env,
        confirm_overwrite_unreadable=confirm_overwrite_unreadable,
    )
