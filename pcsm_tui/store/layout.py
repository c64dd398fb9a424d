"""Where things live in a central repository (design A1), and which model reads each file.

This is also the one place a repository path becomes a file on disk (`Layout.path`), so it
is where pcsm refuses to go through a symbolic link: every read and write of a repository
file checks that no part of its path below the repository's root is a link (one committed
`stakeholder-plan -> /somewhere` would otherwise read and write outside the repository).
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import UsageError
from ..safeio import LINK_MESSAGE, Unreadable, decode, read_regular

SETTINGS_FILE = "pcsm.toml"
FRAMEWORK_FILE = "framework.toml"
ENGAGEMENTS_DIR = "engagements"
PEOPLE_DIR = "people"
PLAN_DIR = "stakeholder-plan"
ENGAGEMENT_FILE = "engagement.toml"
REGISTER_FILE = "stakeholders.toml"
MAPPINGS_DIR = "import-mappings"
"""Remembered readings of teams' own workbook tables (models/import_mapping.py)."""

# Always used with fullmatch: `$` would also accept a name ending in a newline.
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
DEEPEST = 4
"""The most parts an owned path has: engagements/<slug>/stakeholder-plan/<month>.toml."""


class BadName(UsageError, ValueError):
    """A slug or person id that cannot safely be a folder name."""


class UnsafePath(Unreadable):
    """A repository path pcsm will not read or write: through a link, or not inside."""


def engagement_rel(slug: str, filename: str = "") -> str:
    """`engagements/SLUG` or `engagements/SLUG/FILENAME`: every repository path of an
    engagement is built here (and by `plan_month_rel`), never by hand elsewhere."""
    base = f"{ENGAGEMENTS_DIR}/{slug}"
    return f"{base}/{filename}" if filename else base


def plan_month_rel(slug: str, month: str) -> str:
    """`engagements/SLUG/stakeholder-plan/YYYY-MM.toml`: a month of the stakeholder plan."""
    return engagement_rel(slug, f"{PLAN_DIR}/{month}.toml")


def check_slug(slug: str, what: str = "engagement slug") -> str:
    """Accept lower-case letters, digits and dashes only: safe as a folder and in git paths.

    Refuses `/`, `..`, control characters, spaces and upper case with a message that says
    what would be accepted.
    """
    if not _SLUG.fullmatch(slug):
        shown = slug.encode("unicode_escape").decode("ascii")
        raise BadName(
            f"{what} {shown!r} is not allowed: use 1-63 lower-case letters, digits and dashes, "
            "starting with a letter or digit (e.g. acme-emea)"
        )
    return slug


DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))]
)
"""Names Windows keeps for devices: a folder so named cannot be checked out there (git
for Windows stops with "invalid path"), so a customer or a person called "Aux" would have
made the repository unusable for a teammate on Windows; such a name gets a number."""


def check_new_folder(slug: str, what: str = "engagement slug") -> str:
    """`check_slug` for a folder about to be made: a device name is refused too. Only new
    folders are refused; one that exists already is still read."""
    check_slug(slug, what)
    if slug in DEVICE_NAMES:
        raise BadName(
            f"{what} {slug!r} is not allowed: Windows keeps the name for a device, so a "
            f"teammate on Windows could not check the folder out (e.g. {slug}-emea)"
        )
    return slug


def month_of(path: PurePosixPath | Path) -> str | None:
    """The YYYY-MM of a plan file name, or None if the name is not a month."""
    stem = path.name.removesuffix(".toml")
    return stem if path.name.endswith(".toml") and _MONTH.fullmatch(stem) else None


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
    # start-up: framework.catalogue loads only when this runs
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
    if len(parts) == 2 and parts[0] == MAPPINGS_DIR and _mapping_name(parts[1]):
        return FileKind("import-mapping")
    return None


def _mapping_name(name: str) -> bool:
    """`<slug>.toml`: a remembered import mapping's file name."""
    return name.endswith(".toml") and _SLUG.fullmatch(name.removesuffix(".toml")) is not None


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

    # --- from a repository path to a file, safely -----------------------------------------

    def path(self, rel: str) -> Path:
        """`rel` as a path on disk, once it is known not to pass through a symbolic link.

        Each existing part below the root is looked at without following links; a link
        (dangling or not, leading inside the repository or out) raises UnsafePath, as do an
        absolute path, `..` and a file where a folder should be. Parts that do not exist yet
        are fine: a write creates them as real folders.
        """
        parts = PurePosixPath(rel).parts
        if not parts or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise UnsafePath(f"{rel!r} is not a path inside the repository", rel=rel)
        current = self.root
        for index, part in enumerate(parts):
            current = current / part
            try:
                mode = os.lstat(current).st_mode
            except FileNotFoundError:
                break
            except OSError as error:
                raise UnsafePath(f"cannot be read: {error.strerror}", rel=rel) from error
            shown = "/".join(parts[: index + 1])
            if stat.S_ISLNK(mode):
                raise UnsafePath(f"{shown} {LINK_MESSAGE}", rel=rel)
            if index < len(parts) - 1 and not stat.S_ISDIR(mode):
                raise UnsafePath(f"{shown} is not a folder", rel=rel)
        return self.root.joinpath(*parts)

    def read_bytes(self, rel: str) -> bytes:
        """A repository file's bytes (see `path` and safeio.read_regular for what is refused)."""
        return read_regular(self.path(rel))

    def read_text(self, rel: str) -> str:
        """A repository file's text; Unreadable if it is not UTF-8 (with line and column)."""
        return decode(self.read_bytes(rel))

    def read_toml(self, rel: str) -> tuple[str, dict[str, Any]]:
        """A repository file's text and data; Unreadable (TomlSyntaxError for bad TOML)."""
        # start-up: store.toml_read loads only when this runs
        from .toml_read import loads

        text = self.read_text(rel)
        return text, loads(text)

    def is_real_folder(self, rel: str) -> bool:
        """Whether `rel` is a folder reached without a link (listing one is then safe)."""
        try:
            return stat.S_ISDIR(os.lstat(self.path(rel)).st_mode)
        except (OSError, UnsafePath):
            return False

    # --- where things are ----------------------------------------------------------------

    def engagement_dir(self, slug: str) -> Path:
        return self.root / ENGAGEMENTS_DIR / check_slug(slug)

    def engagement_file(self, slug: str, filename: str) -> Path:
        return self.engagement_dir(slug) / filename

    def plan_month(self, slug: str, month: str) -> Path:
        if not _MONTH.fullmatch(month):
            raise BadName(f"month {month!r} is not of the form YYYY-MM")
        return self.engagement_dir(slug) / PLAN_DIR / f"{month}.toml"

    def plan_months(self, slug: str) -> list[str]:
        """The months of an engagement's plan; none when its folder is a link (never listed)."""
        rel = f"{ENGAGEMENTS_DIR}/{check_slug(slug)}/{PLAN_DIR}"
        if not self.is_real_folder(rel):
            return []
        folder = self.root / rel
        return sorted(m for p in folder.iterdir() if (m := month_of(p)))

    def person_dir(self, person: str) -> Path:
        return self.root / PEOPLE_DIR / check_slug(person, "person id")

    def engagements(self) -> list[str]:
        """Engagement folders: real folders (not links) with an engagement.toml."""
        if not self.is_real_folder(ENGAGEMENTS_DIR):
            return []
        folder = self.root / ENGAGEMENTS_DIR
        # os.scandir and os.path, not pathlib: this runs before the first paint and a team's
        # repository has a thousand engagements. DirEntry.is_dir does not follow links here.
        with os.scandir(folder) as entries:
            return sorted(
                entry.name
                for entry in entries
                if _SLUG.fullmatch(entry.name)
                and entry.is_dir(follow_symlinks=False)
                and os.path.isfile(os.path.join(entry.path, ENGAGEMENT_FILE))
            )

    def people(self) -> list[str]:
        if not self.is_real_folder(PEOPLE_DIR):
            return []
        folder = self.root / PEOPLE_DIR
        with os.scandir(folder) as entries:
            return sorted(
                entry.name
                for entry in entries
                if entry.is_dir(follow_symlinks=False) and _SLUG.fullmatch(entry.name)
            )

    def _entries(self, tops: Sequence[str] | None = None) -> list[tuple[str, bool]]:
        """`walk` without whether each path is a folder: (repository path, is a link)."""
        return [(rel, link) for rel, link, _folder in self.walk(tops)]

    def walk(self, tops: Sequence[str] | None = None) -> list[tuple[str, bool, bool]]:
        """Every path under the top files, engagements/ and people/ (or the folders `tops`)
        down to the deepest an owned file can be, without following links: (repository
        path, is a link, is a folder reached without a link). A folder's entries say
        themselves whether they are links or folders (no stat each: a team's repository
        has 26,000 of them)."""
        root = str(self.root)
        found: list[tuple[str, bool, bool]] = []
        for name in (SETTINGS_FILE, FRAMEWORK_FILE):
            full = os.path.join(root, name)
            if os.path.lexists(full):
                link = os.path.islink(full)
                found.append((name, link, not link and os.path.isdir(full)))
        stack: list[tuple[str, bool, bool]] = []
        for top in (ENGAGEMENTS_DIR, PEOPLE_DIR, MAPPINGS_DIR) if tops is None else tops:
            full = os.path.join(root, top)
            if os.path.lexists(full):
                stack.append((top, os.path.islink(full), os.path.isdir(full)))
        while stack:
            rel, link, folder = stack.pop()
            found.append((rel, link, folder and not link))
            if link or not folder or rel.count("/") + 1 >= DEEPEST:
                continue
            try:
                with os.scandir(os.path.join(root, rel)) as entries:
                    for entry in entries:
                        try:
                            is_link = entry.is_symlink()
                            is_folder = not is_link and entry.is_dir(follow_symlinks=False)
                        except OSError:
                            is_link = is_folder = False
                        stack.append((f"{rel}/{entry.name}", is_link, is_folder))
            except OSError:
                continue
        return sorted(found)

    def owned_files(self) -> list[Path]:
        """Every path pcsm reads in this repository, in a stable order, as found: a link or
        a folder with an owned file's name is listed too (reading it says what is wrong)."""
        return [self.root / rel for rel, _link in self._entries() if classify(rel) is not None]

    def owned_and_links(
        self, tops: Sequence[str] | None = None
    ) -> tuple[list[tuple[str, bool]], list[str]]:
        """`owned_files` (as paths, each with whether it is a link) and `links`, from one
        walk (of the folders `tops` only, when given: what a sync's merge touched)."""
        owned: list[tuple[str, bool]] = []
        links: list[str] = []
        for rel, link in self._entries(tops):
            if classify(rel) is not None:
                owned.append((rel, link))
            elif link:
                links.append(rel)
        return owned, links

    def links(self) -> list[str]:
        """Symbolic links where pcsm's files live that are not owned files themselves (a
        linked engagement or plan folder): pcsm does not go through them."""
        return [rel for rel, link in self._entries() if link and classify(rel) is None]
