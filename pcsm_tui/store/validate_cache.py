"""Validation results kept between runs, keyed by the blob ids of the files they came from.

`pcsm validate` and every sync used to parse every file of the repository: 26,000 files and
fifteen seconds at 1,000 engagements, for a sync that brought in one commit. The findings
of an engagement (or a person's folder) depend only on its own files, on pcsm.toml and
framework.toml (members, scales, the framework's rules), on the list of engagements (a
person's evaluations name them) and on pcsm itself. So each such unit's findings are kept
under `.git/pcsm/validate.json` with a key made of exactly those: the blob id git gives
each of its files, the two top files' texts, and a stamp of pcsm's own code. A unit whose
key is unchanged is not read again; anything else is validated afresh.

Blob ids come from git's index for files the index knows to be unchanged (git checks what
its stamps cannot tell, the "racy" case, by content), and are hashed here, as git would,
for files changed in the work tree, untracked or ignored. A unit with a symbolic link in it
is never kept (what a link says depends on what it points to). The file is only a cache:
missing, old or unreadable, it is rebuilt without a word; it is written whole to a
temporary name and renamed, so a reader never sees half of it. Its first line holds a
digest of the rest: a file cut short or edited by hand (a finding taken out) is not the
one pcsm wrote, and is ignored as a whole, so the cache can never hide a finding.

Nothing here imports pydantic, GitPython or the models (git runs as a plain child
process): a warm `pcsm validate` is this module, one walk and git's index.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..safeio import Unreadable, read_regular
from .codestamp import code_stamp
from .git import GIT_TIMEOUT_S, QUIET_ENV, no_implicit_bare_repositories
from .plumbing import blob_id, git_dirs
from .sealed import read_sealed, write_sealed

FORMAT = 2
Row = tuple[str, int, int, str, str]
"""A finding as kept: (path, line, column, severity, message)."""


class ValidationCache:
    """Findings by unit (`engagements/<slug>`, `people/<slug>`), valid while their key holds."""

    def __init__(self, root: Path, context: str, scope: Sequence[str] | None = None) -> None:
        """`scope`: the folders whose keys will be asked for (None: engagements/ and
        people/), so a sync that checks a few folders has git look at those only."""
        self.root = root
        self.scope = ("engagements", "people") if scope is None else tuple(scope)
        dirs = git_dirs(root)
        self.path = dirs[0] / "pcsm" / "validate.json" if dirs else None
        self.context = hashlib.sha256(f"{FORMAT}\0{code_stamp()}\0{context}".encode()).hexdigest()
        self._units: dict[str, dict[str, object]] = {}
        self._dirty = False
        self._index: dict[str, str] | None = None
        self.reused = 0
        """How many units came from the cache in this run (shown by tests and benchmarks)."""
        if self.path is not None:
            self._units = _read(self.path, self.context)

    @property
    def usable(self) -> bool:
        return self.path is not None

    # --- keys -----------------------------------------------------------------------------

    def _clean_blobs(self) -> dict[str, str]:
        """Blob ids of the files git's index holds and the work tree has unchanged."""
        if self._index is not None:
            return self._index
        index: dict[str, str] = {}
        scope = ("--", *self.scope)
        status, out = _git(self.root, "ls-files", "--stage", "-z", *scope)
        if status == 0:
            for entry in out.split("\0"):
                meta, _, path = entry.partition("\t")
                parts = meta.split(" ")
                if len(parts) == 3 and parts[2] == "0" and parts[0].startswith("100"):
                    index[path] = parts[1]
            status, dirty = _git(self.root, "diff-files", "--name-only", "-z", *scope)
            if status != 0:
                index = {}
            for path in dirty.split("\0"):
                index.pop(path, None)
        self._index = index
        return index

    def key(self, rels: Sequence[str], extra: str = "") -> str | None:
        """The unit's key: its files' blob ids (and `extra`), or None if one cannot be read."""
        index = self._clean_blobs()
        length = len(next(iter(index.values()), "x" * 40))
        parts = [extra]
        for rel in sorted(rels):
            blob = index.get(rel)
            if blob is None:
                try:  # never follows a link, never waits on a pipe (safeio)
                    blob = blob_id(read_regular(self.root / rel), length)
                except (OSError, Unreadable):
                    return None  # a pipe, a folder, too big, unreadable: validated each time
            parts.append(f"{rel}\0{blob}\n")
        return hashlib.sha256("".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    # --- findings -------------------------------------------------------------------------

    def get(self, unit: str, key: str) -> list[Row] | None:
        kept = self._units.get(unit)
        if not isinstance(kept, dict) or kept.get("key") != key:
            return None
        rows = kept.get("findings")
        if not isinstance(rows, list) or not all(_is_row(row) for row in rows):
            return None  # not what pcsm writes: validated afresh, never trusted
        self.reused += 1
        return [tuple(row) for row in rows]

    def put(self, unit: str, key: str, rows: Iterable[Row]) -> None:
        self._units[unit] = {"key": key, "findings": [list(row) for row in rows]}
        self._dirty = True

    def save(self, present: Iterable[str] | None) -> None:
        """Write the cache (units no longer `present` dropped, when the caller saw them
        all); a failure to write is no failure of the validation."""
        keep = None if present is None else set(present)
        for gone in [unit for unit in self._units if keep is not None and unit not in keep]:
            del self._units[gone]
            self._dirty = True
        if not self._dirty or self.path is None:
            return
        if write_sealed(self.path, self.context, self._units):
            self._dirty = False


def _read(path: Path, context: str) -> dict[str, dict[str, object]]:
    """The units kept at `path` for `context`; {} for anything else (store/sealed): the
    cache is then rebuilt, as on a first run."""
    units = read_sealed(path, context)
    return units if isinstance(units, dict) else {}


def _is_row(row: object) -> bool:
    """A finding as `put` keeps it: (path, line, column, severity, message)."""
    return (
        isinstance(row, list)
        and len(row) == 5
        and isinstance(row[0], str)
        and all(isinstance(n, int) and not isinstance(n, bool) for n in row[1:3])
        and row[3] in ("error", "warning")
        and isinstance(row[4], str)
    )


def _git(root: Path, *args: str) -> tuple[int, str]:
    """Run a git plumbing command that only reads (status, output): as a plain child
    process, with the environment every pcsm git runs with (store/git.py)."""
    env = {
        **os.environ,
        **QUIET_ENV,
        **no_implicit_bare_repositories(),
        "GIT_LITERAL_PATHSPECS": "1",
    }
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return 1, ""
    return done.returncode, done.stdout.decode("utf-8", errors="surrogateescape")
