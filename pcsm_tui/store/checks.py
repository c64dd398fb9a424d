"""Every save runs `pcsm validate`'s reference and rule checks on what it is about to write.

A save knows the new content of each file it writes before it writes anything. `check_change`
runs the validator's cross-file checks (store/validate.py, the one copy of the rules) over
those new models and over the files they involve, read from disk: the files they refer to
(a RACI's register) and the files that refer to them (a register's RACI and plan months).
A change to `pcsm.toml` or `framework.toml` (scales, members, the framework) involves every
file, and runs the whole validator with the new files in place.

An edit is refused when it would *add* an error. Errors that were there before (a hand edit
that `pcsm validate` lists) do not block other work, and warnings never block anything.

It runs on every edit, so it reads only the files involved, and parses each file once per
content: a cache keyed by the file's bytes (a changed file is read again, whatever its
times say). The "before" state is checked only when the "after" state has an error.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PcsmError
from ..framework.catalogue import ENGAGEMENT_FILES, FILE_MODELS, PERSON_FILES
from ..models.base import FileModel
from .layout import ENGAGEMENTS_DIR, PLAN_DIR, SETTINGS_FILE, classify
from .locate import Loc
from .references import IMPACTED_GROUPS, REFERENCES, REGISTER, Reference
from .toml_codec import loads
from .validate import Finding, Validator, _File

if TYPE_CHECKING:
    from .repository import Repository, Write

Planned = Mapping[str, tuple[str, FileModel] | None]
"""Repository path -> the new text and model it is about to get (None: it is deleted)."""

WHOLE_REPOSITORY = frozenset({SETTINGS_FILE, "framework.toml"})
"""Files whose change can make any other file valid or not (scales, members, framework)."""
SHOWN = 5


class ChangeRefused(PcsmError, ValueError):
    """The change would leave an error `pcsm validate` reports; nothing was written."""

    def __init__(self, errors: Sequence[Finding]) -> None:
        first = errors[0]
        lines = [
            f"{first.path}:{first.line}:{first.column}: {first.message}",
            *(f"  also {f.path}:{f.line}:{f.column}: {f.message}" for f in errors[1:SHOWN]),
        ]
        if len(errors) > SHOWN:
            lines.append(f"  … and {len(errors) - SHOWN} more")
        lines.append(
            "The change would leave an error in the repository, so nothing was written "
            "(`pcsm validate` checks the same rules). Use an id that exists, or add it first."
        )
        super().__init__("\n".join(lines))
        self.errors = list(errors)


@dataclass(frozen=True)
class Dangling:
    """A reference that names an id which does not exist."""

    rel: str
    loc: Loc
    value: str
    reference: Reference


class _Checker(Validator):
    """The validator over a chosen set of files, some of them planned (not on disk yet).

    Findings are kept with a key that leaves out the row index (an inserted row moves every
    index below it), so that errors before and after a change can be compared.
    """

    def __init__(self, root: Path, planned: Planned) -> None:
        super().__init__(root)
        self.planned = planned
        self.errors: list[tuple[_File, Loc, str, str]] = []
        """(file, location, comparison key, message) of every error found."""
        self.references: list[Dangling] = []

    def add(
        self, file: _File, loc: Iterable[str | int], message: str, severity: str = "error"
    ) -> None:
        if severity != "error":
            return  # warnings never block a save
        where = tuple(loc)
        self.errors.append((file, where, _without_location(where, message), message))

    def raci_warnings(self, file: _File, raci: Any) -> None:
        """Warnings never block a save: not worked out at all (this runs on every edit)."""

    def number_warnings(self, file: _File, model: FileModel) -> None:
        """As raci_warnings: a save does not need the advice."""

    def dangling(self, file: _File, loc: Loc, value: str, reference: Any, model: FileModel) -> None:
        self.references.append(Dangling(file.rel, tuple(loc), value, reference))
        super().dangling(file, loc, value, reference, model)

    def read(self, rel: str, model: type[FileModel]) -> _File | None:
        if rel not in self.planned:
            return super().read(rel, model)
        entry = self.planned[rel]
        if entry is None:
            return None
        file = _File(rel, entry[0], entry[1])
        self.files[rel] = file
        return file

    def known_engagements(self) -> set[str]:
        slugs = super().known_engagements()
        for rel, entry in self.planned.items():
            kind = classify(rel)
            if kind is not None and kind.kind == "engagement" and kind.engagement:
                (slugs.add if entry is not None else slugs.discard)(kind.engagement)
        return slugs

    def keys(self) -> Counter[tuple[str, str]]:
        return Counter((file.rel, key) for file, _loc, key, _message in self.errors)


def check_change(repo: Repository, planned: Planned) -> list[Finding]:
    """The errors the planned change would add (empty: it may be written)."""
    scope = involved(repo, planned)
    after = _run(repo, planned, scope)
    if not after.errors:
        return []
    before = _run(repo, {}, scope).keys()
    new: list[Finding] = []
    for file, loc, key, message in after.errors:
        if before[(file.rel, key)] > 0:
            before[(file.rel, key)] -= 1
            continue
        line, column = file.at(loc)
        new.append(Finding(file.rel, line, column, "error", message))
    return sorted(set(new))


def check_save(
    repo: Repository, planned: Sequence[tuple[str, bytes | None]], writes: Sequence[Write]
) -> None:
    """The save's hook: raise ChangeRefused if writing `planned` would add an error."""
    if not planned:
        return
    models = {write.rel: write.model for write in writes}
    new: dict[str, tuple[str, FileModel] | None] = {}
    for rel, content in planned:
        model = models.get(rel)
        if content is None or model is None:
            new[rel] = None
        else:
            new[rel] = (content.decode("utf-8"), model)
    errors = check_change(repo, new)
    if errors:
        raise ChangeRefused(errors)


# --- which files a change involves ----------------------------------------------------------


def involved(repo: Repository, planned: Planned) -> set[str] | None:
    """The files to check with `planned`: the planned ones, what they refer to, what refers
    to them. None: every file (a change of the repository's settings or framework)."""

    rels = set(planned)
    for rel, entry in planned.items():
        kind = classify(rel)
        if rel in WHOLE_REPOSITORY:
            return None
        if kind is None or not kind.engagement:
            continue
        model = FILE_MODELS[kind.kind]
        folder = f"{ENGAGEMENTS_DIR}/{kind.engagement}"
        for reference in REFERENCES:
            if reference.target not in (REGISTER, IMPACTED_GROUPS):
                continue
            if issubclass(model, reference.model):
                rels.add(f"{folder}/{reference.target}")
            if rel == f"{folder}/{reference.target}":
                rels.update(files_of(repo, kind.engagement, reference.model, planned))
        if kind.kind == "engagement" and entry is None:
            rels.update(_people_files(repo, "engagements"))
    return rels


def files_of(
    repo: Repository, engagement: str, model: type[FileModel], planned: Planned | None = None
) -> list[str]:
    """The files of an engagement that hold `model` (on disk or planned)."""

    planned = planned or {}
    folder = f"{ENGAGEMENTS_DIR}/{engagement}"
    found = [
        f"{folder}/{name}"
        for name, kind in ENGAGEMENT_FILES.items()
        if issubclass(FILE_MODELS[kind], model)
    ]
    if issubclass(FILE_MODELS["stakeholder-plan"], model):
        months = repo.layout.plan_months(engagement)
        found += [f"{folder}/{PLAN_DIR}/{month}.toml" for month in months]
        found += [
            rel for rel in planned if rel.startswith(f"{folder}/{PLAN_DIR}/") and rel not in found
        ]
    return found


def _people_files(repo: Repository, target: str) -> list[str]:
    """Every person's file with a reference to `target` (e.g. evaluations of engagements)."""

    names = [
        name
        for name, kind in PERSON_FILES.items()
        if any(r.target == target and issubclass(FILE_MODELS[kind], r.model) for r in REFERENCES)
    ]
    return [f"people/{person}/{name}" for person in repo.layout.people() for name in names]


# --- running the validator on a set of files ------------------------------------------------


def _run(repo: Repository, planned: Planned, scope: set[str] | None) -> _Checker:
    checker = _Checker(repo.root, planned)
    if scope is None:
        for rel, entry in planned.items():
            if entry is not None:
                checker.files[rel] = _File(rel, entry[0], entry[1])
        checker.run()
        return checker

    checker.framework = repo.framework
    checker.context = repo.context()
    for rel in sorted(scope):
        kind = classify(rel)
        if kind is None:
            continue
        if rel in planned:
            checker.read(rel, FILE_MODELS[kind.kind])
            continue
        file = disk_file(repo.root, rel, FILE_MODELS[kind.kind], checker.context)
        if file is not None:
            checker.files[rel] = file
    checker.cross_checks(repo.settings)
    return checker


_CACHE: dict[tuple[str, str], tuple[bytes, str, _File]] = {}
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 2048


def disk_file(
    root: Path, rel: str, model: type[FileModel], context: dict[str, Any]
) -> _File | None:
    """A file as on disk with its model (None when it does not read or validate: its own
    problems are `pcsm validate`'s, the same before and after a change). Cached by content."""
    try:
        raw = (root / rel).read_bytes()
    except OSError:
        return None

    stamp = repr(sorted(context.get("scales", {}).items()))
    key = (str(root), rel)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is not None and cached[0] == raw and cached[1] == stamp:
        return cached[2]
    text = raw.decode("utf-8", errors="replace")
    try:
        parsed: FileModel | None = model.model_validate(loads(text), context=context)
    except (ValueError, RecursionError):
        parsed = None
    file = _File(rel, text, parsed)
    with _CACHE_LOCK:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = (raw, stamp, file)
    return file


__all__ = ["ChangeRefused", "Dangling", "check_change", "check_save", "files_of", "involved"]


def _without_location(loc: Loc, message: str) -> str:
    """A finding's message without the place it starts with (`risks[Churn].owner: ...`,
    rows named as validate names them): the same error before and after a change compares
    equal although a row above it was inserted."""
    if loc and message.startswith(str(loc[0])):
        return message.split(": ", 1)[-1]
    return message
