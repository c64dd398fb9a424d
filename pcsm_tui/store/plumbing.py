"""Git without the porcelain, for the two things a save needs beyond `git commit --only`.

1. Knowing cheaply whether a file on disk is what HEAD has. `read_head` reads HEAD from
   the files git keeps (no process), `blob_id` hashes bytes as git would, and
   `tree_blobs` asks git once for the blob ids of several paths.
2. Committing contents that are *not* the work tree's (`commit_contents`). When a file has
   an uncommitted change made outside pcsm and the person edits another field, the commit
   must hold only the person's change (its message describes nothing else), while the
   outside change stays in the work tree exactly as it was. The commit is built in a
   temporary index (`hash-object`, `read-tree`, `update-index`, `write-tree`,
   `commit-tree`), HEAD moves with `update-ref` (which refuses if HEAD moved meanwhile),
   and the real index is set to the committed blobs so that `git status` shows the outside
   change as an ordinary unstaged change. Commit hooks do not run on this path.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from .git import GitService

_HEX = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def blob_id(data: bytes, length: int = 40) -> str:
    """The id git gives a blob with these bytes (sha1; sha256 for 64-digit repositories)."""
    algorithm = hashlib.sha1 if length == 40 else hashlib.sha256
    return algorithm(b"blob %d\0" % len(data) + data).hexdigest()


def git_dirs(root: Path) -> tuple[Path, Path] | None:
    """(the worktree's git folder, the common git folder), from the files alone."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git, dot_git
    try:
        text = dot_git.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    own = Path(text.removeprefix("gitdir:").strip())
    own = own if own.is_absolute() else (root / own).resolve()
    try:
        common = Path((own / "commondir").read_text(encoding="utf-8").strip())
    except OSError:
        return own, own
    return own, common if common.is_absolute() else (own / common).resolve()


def read_head(git: GitService) -> str | None:
    """HEAD's commit id read from `.git/HEAD` and the ref files (no git process).

    Anything unusual (a reftable repository, a ref that does not read) asks git instead;
    None when the branch has no commit yet.
    """
    dirs = git_dirs(git.root)
    if dirs is None:
        return git.head()
    own, common = dirs
    try:
        head = (own / "HEAD").read_text(encoding="utf-8").strip()
        if _HEX.fullmatch(head):
            return head
        if not head.startswith("ref: refs/") or (common / "reftable").exists():
            return git.head()
        ref = head.removeprefix("ref: ")
        loose = common / ref
        if loose.is_file():
            value = loose.read_text(encoding="utf-8").strip()
            return value if _HEX.fullmatch(value) else git.head()
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                sha, _, name = line.partition(" ")
                if name == ref and _HEX.fullmatch(sha):
                    return sha
    except OSError:
        return git.head()
    return git.head()


def tree_blobs(git: GitService, rev: str, paths: Sequence[str]) -> dict[str, tuple[str, str]]:
    """(mode, blob id) of each of `paths` that exists in commit `rev`, from one process."""
    if not paths:
        return {}
    out = git.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", *paths, strip=False)[1]
    found: dict[str, tuple[str, str]] = {}
    for entry in out.split("\0"):
        meta, tab, rel = entry.partition("\t")
        fields = meta.split()
        if tab and len(fields) == 3 and fields[1] == "blob":
            found[rel] = (fields[0], fields[2])
    return found


def commit_contents(
    git: GitService,
    parent: str | None,
    files: Mapping[str, bytes | None],
    modes: Mapping[str, str],
    message: str,
    env: Mapping[str, str] | None = None,
    index_dir: Path | None = None,
) -> str:
    """Commit `files` (None deletes) on top of `parent` without touching the work tree.

    Returns the new commit's id; HEAD (its branch) points to it and the real index holds
    the committed blobs for these paths. Raises GitError (HEAD unchanged) on any failure.
    """
    git.check_identity(env)
    folder = index_dir or git.root / ".git"
    folder.mkdir(parents=True, exist_ok=True)
    index = folder / f"index.pcsm.{os.getpid()}.{threading.get_ident()}"
    own_env = {**(env or {}), "GIT_INDEX_FILE": str(index)}
    null = "0" * (len(parent) if parent else 40)
    try:
        if parent is not None:
            git.run("read-tree", parent, env=own_env)
        else:
            git.run("read-tree", "--empty", env=own_env)
        entries = []
        for rel, content in files.items():
            if content is None:
                entries.append(f"0 {null}\t{rel}")
            else:
                blob = git.run("hash-object", "-w", "--stdin", stdin=content)[1]
                entries.append(f"{modes.get(rel, '100644')} {blob}\t{rel}")
        listing = "".join(f"{entry}\0" for entry in entries).encode("utf-8")
        git.run("update-index", "-z", "--index-info", stdin=listing, env=own_env)
        tree = git.run("write-tree", env=own_env)[1]
        parents = ["-p", parent] if parent is not None else []
        sha = git.run("commit-tree", tree, *parents, "-F", "-", stdin=message.encode(), env=env)[1]
        subject = message.split("\n", 1)[0]
        git.run("update-ref", "-m", f"commit: {subject}", "HEAD", sha, parent or null)
    finally:
        index.unlink(missing_ok=True)
    git.run("reset", "--quiet", sha, "--", *files)
    return sha
