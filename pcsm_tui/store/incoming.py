"""What a sync would bring in, checked before anything is merged (issue 11.3).

A teammate's push may hold what pcsm cannot read: a symbolic link (to a file outside the
repository, to `/dev/zero`), a submodule, a folder with a tool file's name, a file too big,
not UTF-8 or nested thousands deep. Merged, it would land in the work tree (git merges
symbolic links as links) and leave a merge half done. So before `git merge`, sync reads
the incoming side's changes from git's object store — the file modes from `git diff --raw`
of the merge base against the fetched branch, then the blobs pcsm would read, each only up
to the size limit — and refuses the whole sync, touching nothing, if any is unreadable.

Invalid TOML and invalid values are not refused here: those merge as usual and are
validated before the merge is committed (a person can fix them in the merge).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from ..safeio import LINK_MESSAGE, MAX_FILE_BYTES, TooDeep, Unreadable, decode, parse
from .findings import Finding
from .git import GitService
from .layout import ENGAGEMENTS_DIR, MAPPINGS_DIR, PEOPLE_DIR
from .sparse import sparse_filter
from .validate_units import TOP_FILES, unit_of

LINK = "120000"
SUBMODULE = "160000"


@dataclass(frozen=True)
class Incoming:
    """One path the incoming side adds or changes, with its new mode and blob."""

    rel: str
    mode: str
    blob: str


def read_by_pcsm(rel: str) -> bool:
    """Whether pcsm reads files at `rel` or below it: its top-level TOML files (or a folder
    with such a name), engagements/ and people/ (a link or submodule there is refused)."""
    top = PurePosixPath(rel).parts[0]
    return top in (ENGAGEMENTS_DIR, PEOPLE_DIR, MAPPINGS_DIR) or top.endswith(".toml")


def owned(rel: str) -> bool:
    """Whether pcsm reads the file at `rel` (layout.classify says a kind): from the path's
    text alone, as store/validate_units decides a file's unit — classify loads every model
    (the catalogue), which a sync only needs once a file must be validated."""
    return rel in TOP_FILES or unit_of(rel) is not None


def incoming_changes(git: GitService, tracking: str) -> list[Incoming]:
    """Paths added or changed on `tracking` since its merge base with HEAD (no renames)."""
    status, out, _ = git.run(
        "diff",
        "--raw",
        "-z",
        "--no-renames",
        "--no-abbrev",
        f"HEAD...{tracking}",
        "--",
        check=False,
    )
    if status != 0:  # no merge base: `git merge` itself refuses such histories
        return []
    parts = out.split("\0")
    found: list[Incoming] = []
    for meta, rel in zip(parts[::2], parts[1::2], strict=False):
        fields = meta.strip().lstrip(":").split()
        if len(fields) < 5 or fields[4].startswith("D"):
            continue
        found.append(Incoming(rel, fields[1], fields[3]))
    return found


def _sizes(git: GitService, blobs: list[str]) -> dict[str, int]:
    if not blobs:
        return {}
    _, out, _ = git.run_bytes("cat-file", "--batch-check", stdin="\n".join(blobs).encode() + b"\n")
    sizes: dict[str, int] = {}
    for line in out.decode("ascii", errors="replace").splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2].isdigit():
            sizes[fields[0]] = int(fields[2])
    return sizes


def unreadable_incoming(git: GitService, tracking: str) -> list[Finding]:
    """One finding per incoming path pcsm would refuse to read (see the module docstring)."""
    findings: list[Finding] = []

    def refuse(rel: str, message: str, line: int = 1, column: int = 1) -> None:
        findings.append(Finding(rel, line, column, "error", message))

    to_read: list[Incoming] = []
    # A sparse clone (pcsm clone --mine) never has the files outside its set on disk, and
    # reading their blobs would fetch other CSMs' engagements: they are not checked here.
    inside = sparse_filter(git.root)
    for entry in incoming_changes(git, tracking):
        if not read_by_pcsm(entry.rel) or (inside is not None and not inside(entry.rel)):
            continue
        parents = PurePosixPath(entry.rel).parents
        owner = next((str(p) for p in parents if owned(str(p))), None)
        if owner is not None and owner != ".":
            refuse(entry.rel, f"{owner} would be a folder, but it is a file pcsm reads")
        elif entry.mode == LINK:
            refuse(entry.rel, f"{entry.rel} {LINK_MESSAGE}")
        elif entry.mode == SUBMODULE:
            refuse(entry.rel, f"{entry.rel} is a git submodule where pcsm's files live")
        elif owned(entry.rel) or "/" not in entry.rel:
            to_read.append(entry)
    sizes = _sizes(git, [e.blob for e in to_read])
    small = [e for e in to_read if sizes.get(e.blob, 0) <= MAX_FILE_BYTES]
    for entry in to_read:
        if sizes.get(entry.blob, 0) > MAX_FILE_BYTES:
            refuse(
                entry.rel,
                f"the file is {sizes[entry.blob] / 1_000_000:.1f} MB; pcsm reads files of at "
                f"most {MAX_FILE_BYTES / 1_000_000:.1f} MB",
            )
    blobs = git.cat_blobs([e.blob for e in small])
    for entry in small:
        try:
            parse(decode(blobs.get(entry.blob, b"")))
        except TooDeep as error:
            refuse(entry.rel, error.message, error.line, error.column)
        except Unreadable as error:  # not UTF-8; plain bad TOML is left to validation
            if type(error) is Unreadable:
                refuse(entry.rel, error.message, error.line, error.column)
    return findings


def refusal(where: str, count: int) -> str:
    """What sync says when it refuses to merge `where` (e.g. origin/main)."""
    return (
        f"{where} brings {count} file(s) pcsm cannot read, so nothing was merged and your "
        "local commits are kept: whoever pushed them should fix them (listed below) and "
        "push again, then sync again"
    )
