"""`pcsm diff FILE1 FILE2`: two versions of a file given as paths, as `git difftool` does.

`git difftool -x 'pcsm diff'` (or `--extcmd`) calls `pcsm diff LOCAL REMOTE` with two
paths that are usually temporary files (`/tmp/XXXX_risks.toml`), so the file's kind is
found, in order: from the path git exports in `$MERGED` / `$BASE` (the file's place in the
repository), from either path itself (a repository path, or its tail), and lastly from the
content (the model that reads it and knows most of its keys).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ..framework.catalogue import ENGAGEMENT_FILES, FILE_MODELS, PERSON_FILES
from .layout import ENGAGEMENTS_DIR, PEOPLE_DIR, PLAN_DIR, classify
from .toml_codec import TomlSyntaxError, loads

_UNKNOWN_OWNER = "unknown"


def _tail_rel(path: str) -> str | None:
    """A repository path hidden in `path`: its last parts, or a temporary file's name
    (`5f1a_risks.toml`, `risks.toml.LOCAL.1234`) that ends in a pcsm file name."""
    parts = PurePosixPath(path.replace(os.sep, "/")).parts
    for count in (4, 3, 1):
        if len(parts) >= count:
            candidate = "/".join(parts[-count:])
            if classify(candidate) is not None:
                return candidate

    name = parts[-1] if parts else ""
    for known in ENGAGEMENT_FILES:
        if name == known or name.endswith("_" + known):
            return f"{ENGAGEMENTS_DIR}/{_UNKNOWN_OWNER}/{known}"
    for known in PERSON_FILES:
        if name == known or name.endswith("_" + known):
            return f"{PEOPLE_DIR}/{_UNKNOWN_OWNER}/{known}"
    return None


def stand_in_path(kind: str) -> str:
    """A stand-in repository path for a file of `kind` (owner unknown)."""

    if kind == "pcsm":
        return "pcsm.toml"
    if kind == "framework":
        return "framework.toml"
    if kind == "stakeholder-plan":
        return f"{ENGAGEMENTS_DIR}/{_UNKNOWN_OWNER}/{PLAN_DIR}/2000-01.toml"
    for name, file_kind in ENGAGEMENT_FILES.items():
        if file_kind == kind:
            return f"{ENGAGEMENTS_DIR}/{_UNKNOWN_OWNER}/{name}"
    for name, file_kind in PERSON_FILES.items():
        if file_kind == kind:
            return f"{PEOPLE_DIR}/{_UNKNOWN_OWNER}/{name}"
    return "file.toml"


def kind_from_content(texts: list[str], context: Mapping[str, Any]) -> str | None:
    """The file kind whose model reads every text and knows the most of its keys."""
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    datas = []
    for text in texts:
        try:
            datas.append(loads(text))
        except TomlSyntaxError:
            continue
    keys = {key for data in datas for key in data if key != "format_version"}
    if not keys:
        return None
    best: tuple[int, str] | None = None
    for kind, model in FILE_MODELS.items():
        known = set(model.model_fields) | {f.alias for f in model.model_fields.values() if f.alias}
        score = len(keys & known) - len(keys - known)
        if score <= 0 or (best is not None and score <= best[0]):
            continue
        try:
            for data in datas:
                model.model_validate(data, context=dict(context))
        except ValidationError:
            continue
        best = (score, kind)
    return best[1] if best else None


def repository_path(
    old: Path, new: Path, environ: Mapping[str, str], root: Path | None
) -> str | None:
    """Where in the repository the compared file lives, if anything says so."""
    for variable in ("MERGED", "BASE"):
        value = environ.get(variable, "")
        if value and classify(value) is not None:
            return value
    for path in (new, old):
        if root is not None:
            try:
                rel = path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                rel = ""
            if rel and classify(rel) is not None:
                return rel
    for variable in ("MERGED", "BASE"):
        found = _tail_rel(environ.get(variable, ""))
        if found:
            return found
    for path in (new, old):
        found = _tail_rel(str(path))
        if found:
            return found
    return None


def read_version(path: Path) -> str | None:
    """A side's text; None for git's stand-in for a missing side (/dev/null, absent)."""
    if str(path) == os.devnull or not path.is_file():
        return None
    return path.read_bytes().decode("utf-8", errors="replace")
