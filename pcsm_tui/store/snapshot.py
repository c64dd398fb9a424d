"""The pcsm files of git's index or of a commit, written out to a folder to validate.

`pcsm validate --staged` (the pre-commit hook) must judge what will be committed, not the
work tree: an untracked broken file must not block an unrelated commit, and a fix that is
not staged yet must not let a broken staged file through. Validation reads folders, so the
staged (or committed) versions are written to a temporary folder first: one `ls-files -s`
(or `ls-tree`) and one `cat-file --batch`, whatever the number of files.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .git import GitService
from .layout import classify

RULES_FILE = "import-rules.toml"
"""The repository's import rules (store/import_rules.py), also validated."""

_REGULAR = ("100644", "100755")


def _wanted(rel: str) -> bool:
    parts = PurePosixPath(rel).parts
    if not parts or any(p in ("", ".", "..") for p in parts) or rel.startswith("/"):
        return False
    return rel == RULES_FILE or classify(rel) is not None


def tracked_files(git: GitService, rev: str | None = None) -> dict[str, str]:
    """pcsm's files in the index (rev None: stage 0, what the next commit holds) or in the
    tree of commit `rev`, as path -> blob id. Symlinks and submodules are left out."""
    found: dict[str, str] = {}
    if rev is None:
        out = git.out("ls-files", "--stage", "-z")
        for record in out.split("\0"):
            meta, _, rel = record.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[2] == "0" and fields[0] in _REGULAR and _wanted(rel):
                found[rel] = fields[1]
    else:
        out = git.out("ls-tree", "-r", "-z", "--full-tree", rev)
        for record in out.split("\0"):
            meta, _, rel = record.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[0] in _REGULAR and _wanted(rel):
                found[rel] = fields[2]
    return found


def materialize(git: GitService, dest: Path, rev: str | None = None) -> list[str]:
    """Write pcsm's files of the index (or of commit `rev`) under `dest`; their paths."""
    files = tracked_files(git, rev)
    blobs = git.cat_blobs(list(files.values()))
    root = dest.resolve()
    for rel, sha in files.items():
        target = (root / rel).resolve()
        if root not in target.parents:  # never outside dest, whatever the index says
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blobs.get(sha, b""))
    return sorted(files)
