"""The portfolio's "last change" column: the newest commit that touched each engagement.

Walking a team's whole history for it takes seconds (20,000 commits: `git log --name-only`
alone is over a second), so the answer is kept in `.git/pcsm/last-change.json` with the
HEAD it is true for. At the next start with the same HEAD it is read back; after new
commits (saves, a pull) only `git log PREVIOUS..HEAD` is walked and merged in; when the
previous HEAD is no longer in the history (a reset, a rebase, another branch) the whole
history is walked again. The cache is never committed or shared; a missing, old or
unreadable one is rebuilt without a word.

"The newest" must not depend on the order a walk meets commits in, or the incremental
answer could differ from a full walk's. So it is defined on the commits themselves: among
the non-merge commits reachable from HEAD that change a file under
`engagements/<slug>/`, the one with the latest committer time; among commits of the same
second, the one with the most ancestors (a commit has more than any of its ancestors, so
the later of two related commits wins); then the greatest id. Merge commits are left out:
the change is the teammate's commit, not the sync that brought it in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from .readers import Readers

FORMAT = 1
CACHE_NAME = "last-change.json"
_HEADER = "\x1e"
_FIELD = "\x1f"
_LOG_FORMAT = "--format=%x1e%H%x1f%ct%x1f%aI%x1f%an%x1f%s"
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


@dataclass(frozen=True)
class Touch:
    """A commit that changed an engagement: what the column shows and how to rank it."""

    sha: str
    time: int
    """Committer time (seconds): what decides which change is the newest."""
    when: str
    """Author date, ISO 8601: what the column shows."""
    who: str
    subject: str


def pcsm_dir(root: Path) -> Path | None:
    """`.git/pcsm` of the repository at `root` (or of its worktree); None if not found."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git / "pcsm"
    try:
        first = dot_git.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return None
    if not first.startswith("gitdir: "):
        return None
    git_dir = Path(first.removeprefix("gitdir: ").strip())
    return (git_dir if git_dir.is_absolute() else root / git_dir) / "pcsm"


def kept_for_head(root: Path) -> dict[str, Touch] | None:
    """The kept answer when it is for the HEAD the repository's files name now, found
    without starting git (HEAD, then the branch's loose ref or packed-refs); None when
    there is none or HEAD cannot be told this way (another ref storage, a worktree). The
    portfolio shows it in its first frame; `LastChanges.get` then checks it with git."""
    folder = pcsm_dir(root)
    if folder is None:
        return None
    head = _head_from_files(folder.parent)
    if head is None:
        return None
    kept_head, kept = LastChanges(root, Readers())._load()
    return kept if kept_head == head else None


def _head_from_files(git_dir: Path) -> str | None:
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if _SHA.match(head):
            return head  # detached
        if not head.startswith("ref: refs/") or (git_dir / "commondir").exists():
            return None
        ref = head.removeprefix("ref: ")
        loose = git_dir / ref
        if loose.is_file():
            sha = loose.read_text(encoding="utf-8").strip()
            return sha if _SHA.match(sha) else None
        with (git_dir / "packed-refs").open(encoding="utf-8") as packed:
            for line in packed:
                sha, _, name = line.rstrip("\n").partition(" ")
                if name == ref and _SHA.match(sha):
                    return sha
    except (OSError, UnicodeDecodeError):
        return None
    return None


class LastChanges:
    """The newest change of every engagement, for the repository's current HEAD."""

    def __init__(self, root: Path, readers: Readers) -> None:
        self.root = root
        self.readers = readers
        folder = pcsm_dir(root)
        self.path = folder / CACHE_NAME if folder is not None else None
        self._ancestors: dict[str, int] = {}

    def get(self) -> dict[str, Touch]:
        """By engagement slug; brought up to date from the cache where it can be."""
        head = self._git_text("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        if head is None:
            return {}
        kept_head, kept = self._load()
        if kept_head == head:
            return kept
        if kept_head is not None and self._is_ancestor(kept_head, head):
            found = self._walk(f"{kept_head}..{head}")
            for slug, touch in kept.items():
                found[slug] = self.newer(touch, found[slug]) if slug in found else touch
        else:
            found = self._walk(head)
        self._save(head, found)
        return found

    def full_walk(self) -> dict[str, Touch]:
        """The answer from the whole history, never from the cache (what `get` must equal)."""
        head = self._git_text("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        return {} if head is None else self._walk(head)

    # --- ranking ------------------------------------------------------------------------------

    def newer(self, one: Touch, other: Touch) -> Touch:
        """The newer of two changes (see the module's docstring)."""
        if one.sha == other.sha or one.time != other.time:
            return one if one.time >= other.time else other
        mine, theirs = self._count(one.sha), self._count(other.sha)
        if mine != theirs:
            return one if mine > theirs else other
        return one if one.sha > other.sha else other

    def _count(self, sha: str) -> int:
        if sha not in self._ancestors:
            out = self._git_text("rev-list", "--count", sha)
            self._ancestors[sha] = int(out) if out and out.isdigit() else 0
        return self._ancestors[sha]

    # --- git ----------------------------------------------------------------------------------

    def _walk(self, revisions: str) -> dict[str, Touch]:
        found: dict[str, Touch] = {}
        for touch, names in self._log(revisions):
            for slug in _slugs(names):
                kept = found.get(slug)
                found[slug] = touch if kept is None else self.newer(kept, touch)
        return found

    def _log(self, revisions: str) -> Iterator[tuple[Touch, list[str]]]:
        """Each non-merge commit of `revisions` with the paths it changed, as git gives them
        (read as a stream: `Readers.close` ends it at once)."""
        # No rename detection: an inexact rename needs both blobs, which a partial clone
        # (`pcsm clone --mine`) would fetch from the remote, another CSM's included; and a
        # rename changes both folders anyway.
        args = ["git", "log", "--no-merges", "--no-renames", "-z", "--name-only", _LOG_FORMAT]
        args += [revisions, "--"]
        process = self.readers.start(args, self.root)
        assert process.stdout is not None
        try:
            touch: Touch | None = None
            names: list[str] = []
            rest = b""
            while chunk := process.stdout.read(1 << 16):
                tokens = (rest + chunk).split(b"\0")
                rest = tokens.pop()
                for token in tokens:
                    text = token.decode("utf-8", errors="surrogateescape").lstrip("\n")
                    header = _header(text)
                    if header is None:
                        names.append(text)
                        continue
                    if touch is not None:
                        yield touch, names
                    touch, names = header, []
            if touch is not None:
                yield touch, names
            self._check_ended_well(args, process)
        finally:
            self.readers.finish(process)

    def _check_ended_well(self, args: list[str], process: subprocess.Popen[bytes]) -> None:
        """A walk git could not finish (a corrupt object) is an error, never a partial
        answer: that would be shown and kept in the cache as if it were the whole truth."""

        status = process.wait()
        if status != 0:
            self.readers.check()  # ended by `close` (the app quits): Cancelled, not an error
            assert process.stderr is not None
            error = process.stderr.read().decode("utf-8", errors="replace")
            # start-up: store.git loads only when this runs (not for the kept answer)
            from .git import GitError

            raise GitError(args, status, error)

    def _git_text(self, *args: str) -> str | None:
        status, out, _ = self.readers.run(["git", *args], self.root, None, None, 60)
        return out.decode().strip() if status == 0 else None

    def _is_ancestor(self, old: str, new: str) -> bool:
        status, _, _ = self.readers.run(
            ["git", "merge-base", "--is-ancestor", old, new], self.root, None, None, 60
        )
        return status == 0

    # --- the cache ------------------------------------------------------------------------------

    def _load(self) -> tuple[str | None, dict[str, Touch]]:
        if self.path is None:
            return None, {}
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
            if kept.get("format") != FORMAT or not _SHA.match(kept.get("head", "")):
                return None, {}
            found = {slug: _touch(fields) for slug, fields in kept["engagements"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None, {}
        if not all(_well_typed(touch) for touch in found.values()):
            return None, {}
        return str(kept["head"]), found

    def _save(self, head: str, found: dict[str, Touch]) -> None:
        if self.path is None:
            return
        data = json.dumps(
            {
                "format": FORMAT,
                "head": head,
                "engagements": {slug: asdict(touch) for slug, touch in sorted(found.items())},
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            self.path.parent.mkdir(exist_ok=True)
            temporary.write_text(data, encoding="utf-8", errors="surrogateescape")
            os.replace(temporary, self.path)
        except OSError:  # only a cache: the next start walks again
            temporary.unlink(missing_ok=True)


_TOUCH_FIELDS = frozenset(Touch.__dataclass_fields__)


def _touch(fields: dict[str, object]) -> Touch:
    """A kept change. With exactly Touch's fields, they are set without `__init__`, which
    sets a frozen dataclass's fields one by one through `object.__setattr__`: for a team's
    1,000 engagements that was 3 ms of the first frame (issue 16); `__init__` checks nothing
    more, and any other keys still go through it (and raise, so the cache is not used)."""
    if type(fields) is dict and fields.keys() == _TOUCH_FIELDS:
        touch = object.__new__(Touch)
        touch.__dict__.update(fields)
        return touch
    return Touch(**fields)  # type: ignore[arg-type]


def _well_typed(touch: Touch) -> bool:
    """Every field of the kind the column uses: a cache edited by hand or by another tool
    (`"when": 5`) is no cache, not a crash of the portfolio when it slices the date."""
    texts = (touch.sha, touch.when, touch.who, touch.subject)
    return type(touch.time) is int and all(isinstance(text, str) for text in texts)


def _header(text: str) -> Touch | None:
    if not text.startswith(_HEADER):
        return None
    parts = text[1:].split(_FIELD, 4)
    if len(parts) != 5 or not _SHA.match(parts[0]) or not parts[1].isdigit():
        return None
    sha, time, when, who, subject = parts
    return Touch(sha, int(time), when, who, subject)


def _slugs(names: list[str]) -> set[str]:
    """The engagements (folders under engagements/) that the paths are in."""
    found = set()
    for name in names:
        parts = name.split("/")
        if len(parts) > 2 and parts[0] == "engagements" and parts[1]:
            found.add(parts[1])
    return found
