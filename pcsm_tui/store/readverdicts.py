"""Which files read, kept between runs, so that the portfolio's first look at a team's
repository does not parse every file again.

The live portfolio must flag a file that does not read, also one broken before the app
started; so its first look asked of every file whether it reads. At 1,000 engagements that
is 27,000 parses, 25-30 s of CPU in a background thread right after the first paint, which
slowed every key (and quitting) for as long. The verdicts (reads, or does not and why) are
kept here under each file's full stamp (inode, size, modification and change times: the
change time cannot be put back by a writer) and used again only while that stamp holds.
Stamps taken within two seconds of the file's change are never kept (git's "racy" rule,
service_watch._racy). The file lives in `.git/pcsm/` (never committed, never shared),
carries the pcsm code's stamp and a digest of its body: another pcsm's, a cut or
hand-edited one is ignored and the verdicts are learnt again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .codestamp import code_stamp
from .sealed import read_sealed, write_sealed

FORMAT = 1
KEEP_AFTER = 1000
"""New verdicts worth writing the file for while a first look goes on (it may be cut short
by quitting): thousands of parses, not an edit's one."""

Stamp = tuple[int, ...]


class ReadVerdicts:
    """Verdicts by repository-relative path: ("" when the file reads, else why not)."""

    def __init__(self, root: Path) -> None:
        git_dir = root / ".git"
        self.path = git_dir / "pcsm" / "reads.json" if git_dir.is_dir() else None
        self.context = f"{FORMAT}:{code_stamp()}"
        self.known: dict[str, tuple[Stamp, str]] = self._read()
        self.learnt = 0
        """Verdicts added since the file was read or written."""
        self.parsed = 0
        """Files this process parsed to learn their verdict (the memo's misses)."""
        self._lock = threading.Lock()

    def get(self, rel: str, stamp: Stamp) -> str | None:
        """The verdict on `rel` if it was given for this very stamp; None: not known."""
        known = self.known.get(rel)
        return known[1] if known is not None and known[0] == stamp else None

    def put(self, rel: str, stamp: Stamp, why: str) -> None:
        self.known[rel] = (stamp, why)
        self.learnt += 1

    def keep(self, at_least: int = KEEP_AFTER) -> None:
        """Write the verdicts when `at_least` are new; a failure to write is no failure."""
        if self.path is None or self.learnt < max(1, at_least):
            return
        with self._lock:
            known = dict(self.known)  # one C-level copy: other threads may add meanwhile
            data = {rel: [list(stamp), why] for rel, (stamp, why) in known.items()}
            if write_sealed(self.path, self.context, data):
                self.learnt = 0

    def _read(self) -> dict[str, tuple[Stamp, str]]:
        """The kept verdicts; {} for no file, another pcsm's, one cut short or edited by
        hand (the digest no longer fits), or anything not of the expected shape."""
        if self.path is None:
            return {}
        kept = read_sealed(self.path, self.context)
        if not isinstance(kept, dict):
            return {}
        found: dict[str, tuple[Stamp, str]] = {}
        for rel, value in kept.items():
            if (
                isinstance(value, list)
                and len(value) == 2
                and isinstance(value[0], list)
                and all(isinstance(part, int) for part in value[0])
                and isinstance(value[1], str)
            ):
                found[rel] = (tuple(value[0]), value[1])
        return found
