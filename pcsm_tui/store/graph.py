"""Git's commit-graph with changed-path Bloom filters, kept current so history stays fast.

A tool's history (`git log -- path`) has to look at every commit and, without help, open
each one's trees to see whether the path changed: half a second at 20,000 commits, and
more every year. Git's commit-graph file stores the commits' parents and, with
`--changed-paths`, a Bloom filter per commit that answers "did this path change?" without
opening a tree: the same question in a tenth of the time. Git does not keep the file
current by itself, so pcsm does, after a sync and when the app opens a repository whose
graph does not hold HEAD yet.

The write runs as its own git process in the background, at low priority, and the caller
never waits for it: git writes a new layer next to the old ones (`--split`), takes its own
lock, and renames the result into place, so a save or another pcsm running at the same
time is never blocked and never sees half a file. A second writer finding the lock taken
simply fails and the next upkeep catches up. Reading whether the graph is current is done
here, from the files, without starting git's writer.
"""

from __future__ import annotations

import mmap
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .git import GitService
from .plumbing import git_dirs, read_head

STALE_LOCK_S = 600
"""A lock left this long by a writer that was killed is removed (the graph is a cache)."""

Need = Literal["current", "incremental", "full"]


@dataclass(frozen=True)
class Layer:
    """One commit-graph file: its commits (sorted ids) and whether it has Bloom filters."""

    path: Path
    hash_size: int
    count: int
    fanout_at: int
    ids_at: int
    bloom: bool


def _layer(path: Path) -> Layer | None:
    """The header and chunk table of a commit-graph file (git's format, version 1)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if len(head) < 8 or head[:4] != b"CGPH" or head[4] != 1:
                return None
            hash_size = 20 if head[5] == 1 else 32
            table = handle.read((head[6] + 1) * 12)
    except OSError:
        return None
    chunks = {
        table[i : i + 4]: int.from_bytes(table[i + 4 : i + 12], "big")
        for i in range(0, len(table) - 12, 12)
    }
    if b"OIDF" not in chunks or b"OIDL" not in chunks:
        return None
    bloom = b"BIDX" in chunks and b"BDAT" in chunks
    fanout_at, ids_at = chunks[b"OIDF"], chunks[b"OIDL"]
    count = (chunks[b"CDAT"] - ids_at) // hash_size if b"CDAT" in chunks else 0
    return Layer(path, hash_size, count, fanout_at, ids_at, bloom)


def layers(objects: Path) -> list[Layer] | None:
    """The graph's files as git reads them (the single file first, else the chain);
    None when there is no graph or one of its files cannot be read."""
    single = objects / "info" / "commit-graph"
    if single.is_file():
        paths = [single]
    else:
        chain = objects / "info" / "commit-graphs" / "commit-graph-chain"
        try:
            names = chain.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return None
        paths = [chain.parent / f"graph-{name}.graph" for name in names]
    found = [_layer(path) for path in paths]
    if not found or any(layer is None for layer in found):
        return None
    return [layer for layer in found if layer is not None]


def contains(layer: Layer, sha: str) -> bool:
    """Whether the commit `sha` is in `layer` (a binary search of its sorted ids)."""
    try:
        wanted = bytes.fromhex(sha)
    except ValueError:
        return False
    if len(wanted) != layer.hash_size or not layer.count:
        return False
    size = layer.hash_size
    try:
        with layer.path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return False
    with data:

        def fanout(index: int) -> int:
            at = layer.fanout_at + 4 * index
            return int.from_bytes(data[at : at + 4], "big")

        low, high = (fanout(wanted[0] - 1) if wanted[0] else 0), fanout(wanted[0])
        high = min(high, layer.count)
        while low < high:
            middle = (low + high) // 2
            at = layer.ids_at + middle * size
            found = data[at : at + size]
            if found == wanted:
                return True
            if found < wanted:
                low = middle + 1
            else:
                high = middle
    return False


def need(objects: Path, head: str) -> Need:
    """What the graph needs for fast history at `head`: nothing, a new layer, or all new
    (no graph yet, or a layer without changed-path filters, e.g. written by `git gc`)."""
    found = layers(objects)
    if found is None or not all(layer.bloom for layer in found):
        return "full"
    if any(contains(layer, head) for layer in found):
        return "current"
    return "incremental"


def _where(root: Path) -> tuple[Path, str] | None:
    """The objects folder and HEAD of the repository at `root` (None: no commit yet), from
    git's files (store/plumbing), else from git: a sync's upkeep starts no process to ask."""
    dirs = git_dirs(root)
    if dirs is not None and "GIT_DIR" not in os.environ:
        head = read_head(GitService(root))
        return None if head is None else (dirs[1] / "objects", head)
    done = subprocess.run(
        ["git", "rev-parse", "--path-format=absolute", "--git-common-dir", "HEAD"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2:
        return None
    return Path(lines[0]) / "objects", lines[1]


def upkeep(root: Path) -> subprocess.Popen[bytes] | None:
    """Start writing what the graph lacks, in the background; the process is returned
    (nobody has to wait for it) or None when the graph is current or nothing can be done."""
    where = _where(root)
    if where is None:
        return None
    objects, head = where
    wanted = need(objects, head)
    if wanted == "current":
        return None
    _remove_stale_locks(objects)
    split = "--split=replace" if wanted == "full" else "--split"
    command = ["git", "commit-graph", "write", "--reachable", "--changed-paths", split]
    nice = shutil.which("nice")
    if nice is not None:
        command = [nice, "-n", "10", *command]
    try:
        return subprocess.Popen(
            command,
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the terminal's Ctrl+C; outlives the app
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except OSError:
        return None


def _remove_stale_locks(objects: Path) -> None:
    for lock in (
        objects / "info" / "commit-graph.lock",
        objects / "info" / "commit-graphs" / "commit-graph-chain.lock",
    ):
        try:
            if time.time() - lock.stat().st_mtime > STALE_LOCK_S:
                lock.unlink()
        except OSError:
            continue
