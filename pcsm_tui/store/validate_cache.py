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
temporary name and renamed, so a reader never sees half of it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..safeio import Unreadable, read_regular
from .git import GitService
from .plumbing import blob_id, git_dirs

FORMAT = 1
Row = tuple[str, int, int, str, str]
"""A finding as kept: (path, line, column, severity, message)."""


def code_stamp() -> str:
    """What identifies this pcsm's validation rules: the name, size and modification time
    of every file of the package (a stat each, no read). A new pcsm, or an edited one in a
    developer's checkout, starts the cache afresh."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".toml", ".json")):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class ValidationCache:
    """Findings by unit (`engagements/<slug>`, `people/<slug>`), valid while their key holds."""

    def __init__(self, root: Path, context: str) -> None:
        self.root = root
        dirs = git_dirs(root)
        self.path = dirs[0] / "pcsm" / "validate.json" if dirs else None
        self.context = hashlib.sha256(f"{FORMAT}\0{code_stamp()}\0{context}".encode()).hexdigest()
        self._units: dict[str, dict[str, object]] = {}
        self._dirty = False
        self._index: dict[str, str] | None = None
        self.reused = 0
        """How many units came from the cache in this run (shown by tests and benchmarks)."""
        if self.path is None:
            return
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(kept, dict) and kept.get("context") == self.context:
            units = kept.get("units")
            if isinstance(units, dict):
                self._units = units

    @property
    def usable(self) -> bool:
        return self.path is not None

    # --- keys -----------------------------------------------------------------------------

    def _clean_blobs(self) -> dict[str, str]:
        """Blob ids of the files git's index holds and the work tree has unchanged."""
        if self._index is not None:
            return self._index
        git = GitService(self.root)
        index: dict[str, str] = {}
        scope = ("--", "engagements", "people")
        status, out, _ = git.run("ls-files", "--stage", "-z", *scope, check=False, strip=False)
        if status == 0:
            for entry in out.split("\0"):
                meta, _, path = entry.partition("\t")
                parts = meta.split(" ")
                if len(parts) == 3 and parts[2] == "0" and parts[0].startswith("100"):
                    index[path] = parts[1]
            status, dirty, _ = git.run("diff-files", "--name-only", "-z", *scope, check=False)
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
        digest = hashlib.sha256(extra.encode())
        for rel in sorted(rels):
            blob = index.get(rel)
            if blob is None:
                try:  # never follows a link, never waits on a pipe (safeio)
                    blob = blob_id(read_regular(self.root / rel), length)
                except (OSError, Unreadable):
                    return None  # a pipe, a folder, too big, unreadable: validated each time
            digest.update(f"{rel}\0{blob}\n".encode())
        return digest.hexdigest()

    # --- findings -------------------------------------------------------------------------

    def get(self, unit: str, key: str) -> list[Row] | None:
        kept = self._units.get(unit)
        if not isinstance(kept, dict) or kept.get("key") != key:
            return None
        rows = kept.get("findings")
        if not isinstance(rows, list):
            return None
        self.reused += 1
        return [tuple(row) for row in rows]

    def put(self, unit: str, key: str, rows: Iterable[Row]) -> None:
        self._units[unit] = {"key": key, "findings": [list(row) for row in rows]}
        self._dirty = True

    def save(self, present: Iterable[str]) -> None:
        """Write the cache (units no longer in the repository dropped); a failure to write
        is no failure of the validation."""
        keep = set(present)
        for gone in [unit for unit in self._units if unit not in keep]:
            del self._units[gone]
            self._dirty = True
        if not self._dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"validate.{os.getpid()}.tmp")
            temporary.write_text(
                json.dumps({"context": self.context, "units": self._units}), encoding="utf-8"
            )
            os.replace(temporary, self.path)
        except OSError:
            return
        self._dirty = False
