"""`pcsm clone URL [DIR] [--mine ID]`: a clone of the central repository, whole or with
only one CSM's engagements (a partial clone, `--filter=blob:none`, with a cone-mode sparse
checkout; see store/sparse.py and docs/scale.md).

With `--mine`, the steps keep every blob of another CSM's engagement on the remote:
1. `git clone --filter=blob:none --sparse`: commits and trees, and the top-level files;
2. the sparse set becomes every top-level folder but `engagements/` (people, knowledge,
   `.pcsm/` with its portfolio summaries, ...): their blobs are fetched;
3. the summaries (store/summaries.py) say whose each engagement is: that CSM's engagement
   folders are added to the set, and only their blobs are fetched.
A clone that fails half way is removed if pcsm made its folder, so trying again works.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PcsmError, UsageError
from ..safeio import read_toml_quietly
from .git import GitError, GitService
from .lastchange import LastChanges
from .layout import ENGAGEMENTS_DIR, SETTINGS_FILE, engagement_rel
from .readers import Readers
from .repository import Repository
from .sparse import committed_engagements
from .summaries import SUMMARY_DIR, summaries_by_csm

CLONE_TIMEOUT_S = 3600.0
"""A team's repository over a slow link can take long; a hung remote still ends."""


class CloneError(PcsmError):
    """The clone did not happen; the message says why and what to do."""


class UnknownMember(CloneError, UsageError):
    """`--mine` names nobody in the repository's pcsm.toml."""


@dataclass
class Cloned:
    root: Path
    sparse: bool
    engagements: int
    """Every engagement in the repository."""
    mine: list[str] = field(default_factory=list)
    """The engagements checked out (with `--mine`)."""
    unsummarized: list[str] = field(default_factory=list)
    """Engagements without a summary: whose they are is unknown, so they are not here."""


def _members(root: Path) -> list[str]:
    members = read_toml_quietly(root / SETTINGS_FILE).get("members")
    rows = members if isinstance(members, list) else []
    return [m["id"] for m in rows if isinstance(m, dict) and isinstance(m.get("id"), str)]


def clone(url: str, target: Path, mine: str | None = None) -> Cloned:
    """Clone `url` into `target` (a new or empty folder); see the module docstring."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise CloneError(f"{target} exists and is not an empty folder: name a new folder")
    made = not target.exists()
    parent = target.parent if target.parent.exists() else Path.cwd()
    try:
        return _clone(GitService(parent), url, target, mine)
    except BaseException:
        if made:  # pcsm's own half-made folder: nothing of anyone's is in it
            shutil.rmtree(target, ignore_errors=True)
        raise


def _git(git: GitService, *args: str) -> None:
    try:
        git.run(*args, timeout=CLONE_TIMEOUT_S)
    except GitError as error:
        raise CloneError(f"git {args[0]} failed: {error.stderr.strip() or error}") from error


def _clone(git: GitService, url: str, target: Path, mine: str | None) -> Cloned:
    if mine is None:
        _git(git, "clone", "--quiet", "--", url, str(target))
        Repository.open(target)  # installs the merge driver, as opening it later would
        _walk_last_changes(target)
        return Cloned(target, False, len(committed_engagements(target)))
    _git(git, "clone", "--quiet", "--filter=blob:none", "--sparse", "--", url, str(target))
    here = GitService(target)
    members = _members(target)
    if mine not in members:
        known = ", ".join(members) or "none"
        raise UnknownMember(
            f"--mine {mine!r} is not a member in {SETTINGS_FILE} (members: {known})"
        )
    tops = here.out("ls-tree", "-d", "-z", "--name-only", "HEAD").split("\0")
    shared = [t for t in tops if t and t != ENGAGEMENTS_DIR]
    _git(here, "sparse-checkout", "set", "--cone", "--", *shared)
    everyone = committed_engagements(target)
    owners = summaries_by_csm(target)
    if everyone and not owners:
        raise CloneError(
            f"the repository keeps no portfolio summaries ({SUMMARY_DIR}/), so pcsm cannot "
            "tell whose each engagement is: in a full clone run `pcsm sparse init` and "
            "`pcsm sync` (once, for the whole team), or clone without --mine"
        )
    chosen = [slug for slug in everyone if owners.get(slug) == mine]
    if chosen:
        _git(here, "sparse-checkout", "add", "--", *(engagement_rel(s) for s in chosen))
    Repository.open(target)
    _walk_last_changes(target)
    return Cloned(target, True, len(everyone), chosen, [s for s in everyone if s not in owners])


def _walk_last_changes(root: Path) -> None:
    """Walk the history for the portfolio's last-change column now, while the person waits
    for the clone anyway (about a second for 20,000 commits): the app's first frame then
    has the column, instead of its first start walking the whole history in the background.
    Only a cache (store/lastchange): failing to make it is no failure of the clone."""
    with contextlib.suppress(GitError, OSError):
        LastChanges(root, Readers()).get()
