"""Clones that hold only some engagements (`pcsm clone --mine`, `pcsm sparse`): the
service's side. `clone` makes a clone (there is no Workspace before it); `CloneService`
(mixed into `Workspace`) answers which engagements this clone does not hold and adds
them. The git work is in store/cloning.py and store/sparse.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store.cloning import Cloned


def clone(url: str, target: Path, mine: str | None = None) -> Cloned:
    """Clone `url` into `target`: whole, or with `mine` only that CSM's engagements (plus
    everything shared). Raises a PcsmError that says why when it cannot."""
    # start-up: store.cloning loads only when this runs
    from .store.cloning import clone as make

    return make(url, target, mine)


class CloneService:
    """Mixed into `Workspace`: needs its `root` only."""

    root: Path

    def is_sparse_clone(self) -> bool:
        """Whether this clone checks out only some engagements."""
        # start-up: store.sparse loads only when this runs
        from .store.sparse import is_sparse

        return is_sparse(self.root)

    def absent_engagements(self) -> list[str]:
        """Engagements in the repository that this clone does not check out ([] for a full
        clone)."""
        # start-up: store.sparse loads only when this runs
        from .store.sparse import absent_engagements

        return absent_engagements(self.root)

    def add_to_clone(self, slugs: list[str]) -> None:
        """Check out these engagements too; git fetches their files from the remote.
        Raises a PcsmError (not sparse, no such engagement, the remote unreachable)."""
        # start-up: store.sparse loads only when this runs
        from .store.sparse import add_engagements

        add_engagements(self.root, slugs)

    def start_summaries(self) -> str | None:
        """Write every engagement's portfolio summary as one commit (`pcsm sparse init`), so
        `pcsm clone --mine` can tell whose each engagement is; sync keeps them current from
        then on. Returns the commit, None when every summary was current."""
        # start-up: store.summaries loads only when this runs
        from .store.summaries import start_summaries

        return start_summaries(self.root)
