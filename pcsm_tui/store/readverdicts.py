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

FORMAT = 2
"""2: each verdict is one string, "inode size mtime ctime<TAB>why" (`_key`): the file of
27,000 verdicts held 108,000 numbers in 54,000 lists, and its `json.loads` (one C call that
never lets another thread run) held the interpreter for ~100 ms on a loaded machine while
the watch's first look read it, right after the first frame: a `q` typed then waited for
it. Strings parse in about a third of that, and need no conversion to be kept or used."""
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
        self.known: dict[str, str] = self._read()
        """Path -> "inode size mtime ctime<TAB>why" (the stamp's `_key`, the verdict)."""
        self.learnt = 0
        """Verdicts added since the file was read or written."""
        self.parsed = 0
        """Files this process parsed to learn their verdict (the memo's misses)."""
        self._lock = threading.Lock()

    def get(self, rel: str, stamp: Stamp) -> str | None:
        """The verdict on `rel` if it was given for this very stamp; None: not known."""
        known = self.known.get(rel)
        if known is None:
            return None
        key, tab, why = known.partition("\t")
        return why if tab and key == _key(stamp) else None

    def put(self, rel: str, stamp: Stamp, why: str) -> None:
        self.known[rel] = f"{_key(stamp)}\t{why}"
        self.learnt += 1

    def keep(self, at_least: int = KEEP_AFTER) -> None:
        """Write the verdicts when `at_least` are new; a failure to write is no failure."""
        if self.path is None or self.learnt < max(1, at_least):
            return
        with self._lock:
            known = dict(self.known)  # one C-level copy: other threads may add meanwhile
            if write_sealed(self.path, self.context, known):
                self.learnt = 0

    def _read(self) -> dict[str, str]:
        """The kept verdicts; {} for no file, another pcsm's, one cut short or edited by
        hand (the digest no longer fits), or anything not of the expected shape."""
        if self.path is None:
            return {}
        kept = read_sealed(self.path, self.context)
        if not isinstance(kept, dict) or not all(isinstance(v, str) for v in kept.values()):
            return {}
        return kept


def _key(stamp: Stamp) -> str:
    """A stamp as kept: its numbers, space-separated."""
    return " ".join(map(str, stamp))
