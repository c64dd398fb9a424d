"""A clone that holds only some engagements: git's partial clone plus a cone-mode sparse
checkout (`pcsm clone --mine`, docs/scale.md).

Such a clone has every commit and tree but only the blobs of the folders it checks out:
the top-level files, every top-level folder but `engagements/`, and the engagement folders
of one CSM. Whatever pcsm does there must not ask git for a blob of another engagement,
or git quietly fetches it from the remote (a partial clone's "lazy fetch"), which is slow
and defeats the point. So this module answers, without reading any blob:

- whether the work tree is sparse at all (a file test first: this runs before the first
  paint, and almost every clone is a full one);
- which engagements exist in HEAD's tree but not on disk (`git ls-tree` needs trees only);
- whether a repository path is inside the sparse set (the cone rules), so sync's check of
  incoming files reads only the blobs that will land in the work tree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..errors import PcsmError
from .giterrors import GitError
from .layout import _SLUG, ENGAGEMENTS_DIR, engagement_rel

if TYPE_CHECKING:
    from .git import GitService


def _git_dir(root: Path) -> Path | None:
    """`.git` when it is a folder; None for a worktree or submodule (`.git` is a file)."""
    candidate = root / ".git"
    return candidate if candidate.is_dir() else None


def _git(root: Path) -> GitService:
    """git for `root`, loaded on first use: a full clone's first frame never needs it."""
    # start-up: store.git loads only when a sparse question reaches git
    from .git import GitService

    return GitService(root)


def is_sparse(root: Path) -> bool:
    """Whether the work tree at `root` is a sparse checkout (core.sparseCheckout)."""
    git_dir = _git_dir(root)
    if git_dir is not None and not (git_dir / "info" / "sparse-checkout").is_file():
        return False  # the usual case, answered without starting git
    status, out, _ = _git(root).run(
        "config", "--bool", "core.sparseCheckout", check=False, timeout=10
    )
    return status == 0 and out.strip() == "true"


def cone_folders(git: GitService) -> list[str]:
    """The folders of a cone-mode sparse set (`git sparse-checkout list`)."""
    _, out, _ = git.run("sparse-checkout", "list", check=False)
    return [line.strip().strip("/") for line in out.splitlines() if line.strip()]


def in_cone(folders: Sequence[str]) -> Callable[[str], bool]:
    """Whether a repository path is in the work tree of a cone-mode sparse set: top-level
    files, everything below a listed folder, and the files directly inside a folder that
    leads to a listed one (git's cone rules)."""
    listed = {PurePosixPath(f) for f in folders}
    leading = {parent for f in listed for parent in f.parents}

    def inside(rel: str) -> bool:
        parent = PurePosixPath(rel).parent
        if parent in leading or parent == PurePosixPath("."):
            return True
        return any(p in listed for p in (parent, *parent.parents))

    return inside


def sparse_filter(root: Path) -> Callable[[str], bool] | None:
    """`in_cone` for this clone's sparse set, or None when the clone is not sparse."""
    if not is_sparse(root):
        return None
    return in_cone(cone_folders(_git(root)))


def committed_engagements(root: Path) -> list[str]:
    """Engagement folders in HEAD's tree (trees only: no blob is read or fetched)."""
    status, out, _ = _git(root).run(
        "ls-tree", "-d", "-z", "--name-only", "HEAD", f"{ENGAGEMENTS_DIR}/", check=False
    )
    if status != 0:
        return []  # no commit yet
    names = (PurePosixPath(p).name for p in out.split("\0") if p)
    return sorted(n for n in names if _SLUG.fullmatch(n))


def absent_engagements(root: Path) -> list[str]:
    """Engagements HEAD holds that this sparse clone does not check out ([] when the clone
    is not sparse: a folder missing from a full clone is a deletion, not an absence)."""
    if not is_sparse(root):
        return []
    folder = root / ENGAGEMENTS_DIR
    return [s for s in committed_engagements(root) if not os.path.isdir(folder / s)]


class SparseError(PcsmError):
    """git could not change the sparse set; the message says what to do."""


def add_engagements(root: Path, slugs: Sequence[str]) -> None:
    """Check out these engagements too (git fetches their files from the remote now)."""
    git = _git(root)
    if not is_sparse(root):
        raise SparseError("this clone is not sparse: every engagement is here already")
    known = set(committed_engagements(root))
    unknown = [s for s in slugs if s not in known]
    if unknown:
        raise SparseError(
            f"no engagement {', '.join(unknown)} in this repository "
            f"(pcsm lists them on the portfolio; it holds {len(known)})"
        )
    try:
        git.run("sparse-checkout", "add", *(engagement_rel(s) for s in slugs), timeout=600)
    except GitError as error:
        raise SparseError(
            f"git could not add {', '.join(slugs)} to this clone (the remote must be "
            f"reachable to fetch its files): {error.stderr.strip() or error}"
        ) from error


def include_new_engagement(root: Path, slug: str) -> None:
    """In a sparse clone, put a new engagement's folder in the sparse set before its files
    are written: git refuses to add files outside the set (nothing is fetched: HEAD has no
    such folder). Nothing in a full clone."""
    if is_sparse(root):
        try:
            _git(root).run("sparse-checkout", "add", engagement_rel(slug))
        except GitError as error:
            raise SparseError(
                f"git could not add engagements/{slug} to this clone's sparse set: "
                f"{error.stderr.strip() or error}"
            ) from error
