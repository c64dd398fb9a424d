"""Where the words of commit messages come from (store/personal.message_names turns them
into roles and neutral labels): the register's and the RACI's rows, read as plain dicts so
that every save stays cheap, and as they will be once a save's writes land (a new
stakeholder or column is named like the others in the very commit that adds it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..framework import Framework
from ..safeio import Unreadable
from .layout import ENGAGEMENTS_DIR, REGISTER_FILE, Layout
from .personal import message_names
from .writes import Write, dump

GROUPS_FILE = "impacted-groups.toml"
"""Its groups' names are public: messages name a group's rows by them."""


def names_after(layout: Layout, engagement: str, writes: Sequence[Write]) -> dict[str, str] | None:
    """The message names as they will be once `writes` are saved, when they change the
    register or the RACI (None: they do not)."""
    folder = f"{ENGAGEMENTS_DIR}/{engagement}/"
    new = {w.rel.removeprefix(folder): w.model for w in writes if w.rel.startswith(folder)}
    if not {REGISTER_FILE, "raci.toml", GROUPS_FILE} & {k for k, m in new.items() if m is not None}:
        return None
    base = f"{ENGAGEMENTS_DIR}/{engagement}"

    def rows(name: str, key: str) -> list[dict[str, Any]]:
        model = new.get(name)
        if model is not None:
            found = dump(model).get(key, [])
            return [r for r in found if isinstance(r, dict) and "id" in r]
        return rows_of(layout, f"{base}/{name}", key)

    return message_names(
        rows(REGISTER_FILE, "stakeholders"),
        rows("raci.toml", "matrices"),
        groups=rows(GROUPS_FILE, "groups"),
    )


def framework_words(framework: Framework) -> dict[str, str]:
    """The framework's ids -> their words, for commit subjects that read like a diary
    (`ticked “Identify stakeholders”`, `Products & services: 2 → 3`): activity, onboarding
    aspect and evaluation area ids. The framework is public text, never personal data."""
    words = {a.id: a.text for phase in framework.phases for a in phase.activities}
    for aspect in framework.onboarding_aspects:  # its score is the field `products_services`
        words[aspect.id] = words[aspect.id.replace("-", "_")] = aspect.name
    words.update((area.id, area.name) for area in framework.evaluation_areas)
    return words


def rows_of(layout: Layout, rel: str, key: str) -> list[dict[str, Any]]:
    """The rows (dicts with an id) of a list in a TOML file; nothing if it does not read."""
    try:
        rows = layout.read_toml(rel)[1].get(key, [])
    except (OSError, Unreadable):
        return []
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)]


def file_stamp(path: Path) -> tuple[int, int]:
    """A file's change stamp (mtime and size) for caches; (0, 0) when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)
