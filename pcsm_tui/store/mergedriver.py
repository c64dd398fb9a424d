"""The git merge driver: `pcsm merge-driver %O %A %B %P`, and its conflict sidecars.

git hands us three temporary files (base, ours = the result file, theirs) and the path.
A clean structured merge writes the local side's document with the merged data into %A
and exits 0. On conflict, %A gets a line merge with git's own conflict markers (so git,
editors and people handle it as usual), but built from the three versions re-rendered in
the local layout so that the markers surround the conflicting fields only; and the
field-level conflicts are written to `.git/pcsm-conflicts/<path>.json` for `pcsm sync` and
the app's conflict view. An input that does not parse falls back to git's merge of the
original files, always reported as a conflict. Exit 1 on conflict; an unexpected failure
that even the fallback cannot handle exits above 128, which makes git stop the merge.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..framework.catalogue import FILE_MODELS
from .atomic import write_atomic
from .changes import jsonable as to_json
from .git import GitService
from .layout import classify
from .merge import (
    MISSING,
    Check,
    Conflict,
    TextMerge,
    conflict_versions,
    merge_texts,
    render_merged,
)
from .repository import Repository
from .sidecars import SIDECAR_DIR as SIDECAR_DIR
from .sidecars import SIDECAR_FORMAT, sidecar_path
from .sidecars import FileConflicts as FileConflicts
from .sidecars import clear_sidecars as clear_sidecars
from .sidecars import read_sidecars as read_sidecars
from .sidecars import sidecar_dir as sidecar_dir

LABELS = ("ours", "base", "theirs")
"""Conflict-marker labels: `<<<<<<< ours`, `||||||| base`, `>>>>>>> theirs`."""

EXIT_CLEAN = 0
EXIT_CONFLICT = 1
EXIT_INTERNAL = 130


# --- the sidecar ------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """A TOML value (or MISSING) as JSON."""
    return None if value is MISSING else to_json(value)


def conflict_record(conflict: Conflict) -> dict[str, Any]:
    sides = {"base": conflict.base, "ours": conflict.ours, "theirs": conflict.theirs}
    return {
        "path": list(conflict.path),
        "label": conflict.label,
        "kind": conflict.kind,
        "note": conflict.note,
        **{side: jsonable(value) for side, value in sides.items()},
        "absent": [side for side, value in sides.items() if value is MISSING],
    }


def write_sidecar(git: GitService, rel: str, conflicts: Sequence[Conflict]) -> None:
    record = {
        "format": SIDECAR_FORMAT,
        "path": rel,
        "labels": list(LABELS),
        "conflicts": [conflict_record(c) for c in conflicts],
    }
    text = json.dumps(record, indent=2, ensure_ascii=False)
    write_atomic(sidecar_path(git, rel), (text + "\n").encode("utf-8"))


# --- the driver -------------------------------------------------------------------------------


def model_check(rel: str, root: Path) -> Check | None:
    """A validity check for the file at `rel` with the repository's scales, if pcsm owns it."""
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    kind = classify(rel)
    if kind is None:
        return None
    model = FILE_MODELS[kind.kind]
    context: dict[str, Any] = {}
    try:
        context = Repository(root).context()
    except Exception:  # a broken pcsm.toml mid-merge: check with defaults
        context = {}

    def check(data: Mapping[str, Any]) -> str | None:
        try:
            model.model_validate(data, context=context)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            return f"{where}: {first['msg']}" if where else str(first["msg"])
        return None

    return check


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _line_merge(git: GitService, ours: Path, base: Path, theirs: Path) -> str:
    """git's line merge of the original three files (the fallback for unreadable input)."""
    return git.merge_file(ours, base, theirs, LABELS)[1]


def _marked_merge(git: GitService, texts: tuple[str, str, str]) -> str:
    """Conflict markers around the conflicting fields only (see module docstring)."""
    base_text, ours_text, theirs_text = texts
    versions = conflict_versions(base_text, ours_text, theirs_text)
    if versions is None:
        raise ValueError("inputs do not parse")
    with tempfile.TemporaryDirectory(prefix="pcsm-merge-") as folder:
        paths = [Path(folder) / name for name in ("base", "ours", "theirs")]
        for path, text in zip(paths, versions, strict=True):
            path.write_text(text, encoding="utf-8")
        return git.merge_file(paths[1], paths[0], paths[2], LABELS)[1]


def run_merge_driver(base: Path, ours: Path, theirs: Path, rel: str, root: Path) -> int:
    """Merge per git's merge-driver protocol; the result goes into `ours` (git's %A)."""
    git = GitService(root)
    texts = (_read(base), _read(ours), _read(theirs))
    outcome: TextMerge
    if texts[0] is None or texts[1] is None or texts[2] is None:
        outcome = TextMerge(None, [Conflict((), "", "unparseable", note="not UTF-8 text")])
    else:
        try:
            outcome = merge_texts(texts[0], texts[1], texts[2], model_check(rel, root))
        except Exception as error:  # never lose a merge to a bug: fall back
            outcome = TextMerge(None, [Conflict((), "", "unparseable", note=f"internal: {error}")])
    if outcome.text is not None:
        write_atomic(ours, outcome.text.encode("utf-8"))
        clear_sidecars(git, rel)
        return EXIT_CLEAN
    result: str | None = None
    only_invalid = all(c.kind == "invalid" for c in outcome.conflicts)
    if texts[0] is not None and texts[1] is not None and texts[2] is not None:
        try:
            if only_invalid and outcome.data is not None:
                result = render_merged(texts[1], outcome.data)
            elif not any(c.kind == "unparseable" for c in outcome.conflicts):
                result = _marked_merge(git, (texts[0], texts[1], texts[2]))
        except Exception:  # fall back to git's merge of the originals
            result = None
    if result is None:
        result = _line_merge(git, ours, base, theirs)
    write_atomic(ours, result.encode("utf-8"))
    write_sidecar(git, rel, outcome.conflicts)
    return EXIT_CONFLICT
