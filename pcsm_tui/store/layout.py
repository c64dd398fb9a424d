"""Where things live in a central repository (design A1), and which model reads each file."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SETTINGS_FILE = "pcsm.toml"
FRAMEWORK_FILE = "framework.toml"
ENGAGEMENTS_DIR = "engagements"
PEOPLE_DIR = "people"
PLAN_DIR = "stakeholder-plan"
ENGAGEMENT_FILE = "engagement.toml"
REGISTER_FILE = "stakeholders.toml"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class BadName(ValueError):
    """A slug or person id that cannot safely be a folder name."""


def check_slug(slug: str, what: str = "engagement slug") -> str:
    """Accept lower-case letters, digits and dashes only: safe as a folder and in git paths.

    Refuses `/`, `..`, control characters, spaces and upper case with a message that says
    what would be accepted.
    """
    if not _SLUG.match(slug):
        shown = slug.encode("unicode_escape").decode("ascii")
        raise BadName(
            f"{what} {shown!r} is not allowed: use 1-63 lower-case letters, digits and dashes, "
            "starting with a letter or digit (e.g. acme-emea)"
        )
    return slug


def month_of(path: PurePosixPath | Path) -> str | None:
    """The YYYY-MM of a plan file name, or None if the name is not a month."""
    stem = path.name.removesuffix(".toml")
    return stem if path.name.endswith(".toml") and _MONTH.match(stem) else None


@dataclass(frozen=True)
class FileKind:
    """What a repository file is: its model kind and, where it has one, its owner."""

    kind: str
    """A FileModel kind (engagement, raci, stakeholder-plan, profile, ...)."""
    engagement: str | None = None
    person: str | None = None
    month: str | None = None


@functools.lru_cache(maxsize=8192)  # asked for every file of every save's checks
def classify(relative: str | PurePosixPath) -> FileKind | None:
    """The kind of the file at `relative` (a repository path), or None if pcsm does not own it."""
    from ..framework.catalogue import ENGAGEMENT_FILES, PERSON_FILES

    path = PurePosixPath(relative)
    parts = path.parts
    if parts == (SETTINGS_FILE,):
        return FileKind("pcsm")
    if parts == (FRAMEWORK_FILE,):
        return FileKind("framework")
    if len(parts) == 3 and parts[0] == ENGAGEMENTS_DIR and parts[2] in ENGAGEMENT_FILES:
        return FileKind(ENGAGEMENT_FILES[parts[2]], engagement=parts[1])
    if len(parts) == 4 and parts[0] == ENGAGEMENTS_DIR and parts[2] == PLAN_DIR:
        month = month_of(path)
        if month:
            return FileKind("stakeholder-plan", engagement=parts[1], month=month)
        return None
    if len(parts) == 3 and parts[0] == PEOPLE_DIR and parts[2] in PERSON_FILES:
        return FileKind(PERSON_FILES[parts[2]], person=parts[1])
    return None


class Layout:
    """Paths inside one repository."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @property
    def settings(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def framework(self) -> Path:
        return self.root / FRAMEWORK_FILE

    def engagement_dir(self, slug: str) -> Path:
        return self.root / ENGAGEMENTS_DIR / check_slug(slug)

    def engagement_file(self, slug: str, filename: str) -> Path:
        return self.engagement_dir(slug) / filename

    def plan_month(self, slug: str, month: str) -> Path:
        if not _MONTH.match(month):
            raise BadName(f"month {month!r} is not of the form YYYY-MM")
        return self.engagement_dir(slug) / PLAN_DIR / f"{month}.toml"

    def plan_months(self, slug: str) -> list[str]:
        folder = self.engagement_dir(slug) / PLAN_DIR
        if not folder.is_dir():
            return []
        return sorted(m for p in folder.iterdir() if (m := month_of(p)))

    def person_dir(self, person: str) -> Path:
        return self.root / PEOPLE_DIR / check_slug(person, "person id")

    def engagements(self) -> list[str]:
        folder = self.root / ENGAGEMENTS_DIR
        if not folder.is_dir():
            return []
        # os.scandir and os.path, not pathlib: this runs before the first paint and a team's
        # repository has a thousand engagements.
        with os.scandir(folder) as entries:
            return sorted(
                entry.name
                for entry in entries
                if _SLUG.match(entry.name)
                and os.path.isfile(os.path.join(entry.path, ENGAGEMENT_FILE))
            )

    def people(self) -> list[str]:
        folder = self.root / PEOPLE_DIR
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and _SLUG.match(p.name))

    def owned_files(self) -> list[Path]:
        """Every file pcsm reads in this repository, in a stable order."""
        found: list[Path] = []
        for candidate in (self.settings, self.framework):
            if candidate.is_file():
                found.append(candidate)
        for top in (ENGAGEMENTS_DIR, PEOPLE_DIR):
            folder = self.root / top
            if folder.is_dir():
                found.extend(
                    p for p in sorted(folder.rglob("*.toml")) if classify(self.rel(p)) is not None
                )
        return found
