"""A finding of `pcsm validate`, and the findings that come from the folders alone.

Kept apart from store/validate (the models, pydantic, the framework) so that a warm
`pcsm validate`, which takes every file's findings from the cache (store/validate_cache),
imports none of that: links and folder names are seen in the one walk of the repository
that the cache's keys need anyway (issue 16).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..safeio import LINK_MESSAGE
from .layout import _MONTH, _SLUG, ENGAGEMENTS_DIR, PEOPLE_DIR, PLAN_DIR

PLAN_PART = f"/{PLAN_DIR}"

Severity = Literal["error", "warning"]

Entry = tuple[str, bool, bool]
"""A path found in the walk of a repository (Layout.walk): (repository path, is a symbolic
link, is a real folder)."""


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


def link_findings_of(links: Iterable[str]) -> list[Finding]:
    """A symbolic link where pcsm's files live (a linked engagement or plan folder): pcsm
    never goes through it, so whatever is behind it is not part of the repository."""
    return [Finding(rel, 1, 1, "error", f"{rel} {LINK_MESSAGE}") for rel in links]


def name_findings_of(entries: Sequence[Entry]) -> list[Finding]:
    """Folders and plan files whose names pcsm cannot use: the app does not show them, so
    what they hold would be invisible (a folder `Bad Name`, a plan file `2026-13.toml`).
    Only what is reached through real folders counts (a link is never listed)."""
    folders = {rel for rel, link, folder in entries if folder and not link}
    found: list[Finding] = []
    for rel, _link, folder in entries:
        depth = rel.count("/")
        if depth == 1 and folder:  # engagements/<name>, people/<name>
            top, _, name = rel.partition("/")
            if top in (ENGAGEMENTS_DIR, PEOPLE_DIR) and top in folders and not _valid_slug(name):
                what = "an engagement" if top == ENGAGEMENTS_DIR else "a person"
                found.append(
                    Finding(
                        rel,
                        1,
                        1,
                        "error",
                        f"not a valid folder name for {what} (1-63 lower-case letters, digits "
                        "and dashes): pcsm does not show it; rename the folder",
                    )
                )
        elif depth == 3 and rel.endswith(".toml") and rel.startswith(f"{ENGAGEMENTS_DIR}/"):
            parent, _, name = rel.rpartition("/")
            if _MONTH.fullmatch(name.removesuffix(".toml")) or not parent.endswith(PLAN_PART):
                continue
            engagement = parent.removesuffix(PLAN_PART)
            inside = {parent, engagement, ENGAGEMENTS_DIR} <= folders
            if inside and _valid_slug(engagement.partition("/")[2]):
                found.append(
                    Finding(
                        rel,
                        1,
                        1,
                        "error",
                        "not a month (YYYY-MM.toml): pcsm does not read this plan file; rename it",
                    )
                )
    return found


def _valid_slug(name: str) -> bool:
    """A folder with a bad name has its own finding; what is inside it is not looked at."""
    return _SLUG.fullmatch(name) is not None  # what layout.check_slug accepts


__all__ = ["Entry", "Finding", "Severity", "link_findings_of", "name_findings_of"]
