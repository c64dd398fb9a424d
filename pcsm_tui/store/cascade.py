"""Deleting rows that others refer to: find every reference and remove it in the same commit.

A register stakeholder may head RACI columns and have assessments and plan rows in several
months; an impacted group has adoption activities; a month's strategy has plan rows. Deleting
the row alone would leave references to nothing, which every save refuses (store/checks.py).
`plan_removal` finds those references through the one table of references
(store/references.py) and builds the writes that delete the rows and take the references out
with them: the app shows `describe()` and asks, then saves the writes as one commit. `pcsm
forget` uses the same function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..framework.catalogue import FILE_MODELS
from ..models.base import FileModel
from ..models.edit import delete_row
from .checks import Dangling, files_of
from .layout import ENGAGEMENT_FILE, ENGAGEMENTS_DIR, SETTINGS_FILE, classify
from .references import REFERENCES, TARGET_ROWS, Reference, remove_holder
from .repository import Write, dump

if TYPE_CHECKING:
    from .repository import CommitResult, Loaded, Repository


@dataclass
class Removal:
    """Rows to delete, the references to them, and the writes that do both."""

    rel: str
    list_path: tuple[str, ...]
    ids: tuple[str, ...]
    dependents: list[Dangling] = field(default_factory=list)
    """Every reference to the rows, in the file itself and in other files."""
    writes: list[Write] = field(default_factory=list)
    models: dict[str, FileModel] = field(default_factory=dict)
    """The referring files as they are now (to name where each reference is)."""

    def describe(self, label: str) -> str:
        """'CFO is a RACI column in 'RACI matrix' and has assessments in 2026-10, 2026-11'."""
        parts: list[str] = []
        for reference in REFERENCES:
            found = [d for d in self.dependents if d.reference is reference]
            if not found:
                continue
            places: list[str] = []
            for dependent in found:
                place = self._place(dependent)
                if place and place not in places:
                    places.append(place)
            role = reference.role or f"is named by {reference.what} references in {{places}}"
            parts.append(role.format(places=", ".join(places), count=len(found)).strip())
        return f"{label} {' and '.join(parts)}" if parts else f"nothing refers to {label}"

    def _place(self, dependent: Dangling) -> str:
        model = self.models.get(dependent.rel)
        if dependent.reference.place is not None and model is not None:
            return dependent.reference.place(model, dependent.loc)
        kind = classify(dependent.rel)
        if kind is None:
            return dependent.rel
        if kind.month:
            return kind.month
        if dependent.rel == self.rel:
            return ""
        return kind.engagement or kind.person or dependent.rel

    def headline(self, label: str) -> str | None:
        """The commit's subject (None: the usual one, when nothing else is removed)."""
        if not self.dependents:
            return None
        count = len(self.dependents)
        return f"removed {label} (+{count} reference{'s' if count > 1 else ''})"


def referring(repo: Repository, rel: str, list_path: Sequence[str]) -> list[tuple[Reference, str]]:
    """(reference, referring file) for every reference that can name a row of the list."""

    kind = classify(rel)
    if kind is None:
        return []
    path = tuple(list_path)
    found: list[tuple[Reference, str]] = []
    for reference in REFERENCES:
        target = reference.target
        if target.startswith("own:"):
            if path == (target.removeprefix("own:"),) and issubclass(
                FILE_MODELS[kind.kind], reference.model
            ):
                found.append((reference, rel))
        elif target in TARGET_ROWS and kind.engagement:
            folder = f"{ENGAGEMENTS_DIR}/{kind.engagement}"
            if rel == f"{folder}/{target}" and path == (TARGET_ROWS[target],):
                found += [(reference, r) for r in files_of(repo, kind.engagement, reference.model)]
        elif target == "members" and rel == SETTINGS_FILE and path == ("members",):
            found += [
                (reference, f"{ENGAGEMENTS_DIR}/{slug}/{ENGAGEMENT_FILE}")
                for slug in repo.engagements()
            ]
    return found


def plan_removal(
    repo: Repository, rel: str, list_path: Sequence[str], ids: Sequence[str]
) -> Removal:
    """Delete the rows `ids` of the list at `list_path` (field names and row ids, as in
    models/edit.py) in `rel`, and every reference to them. Reads the files as they are now;
    nothing is written (save `writes` as one commit)."""

    removal = Removal(rel, tuple(list_path), tuple(ids))
    loaded: dict[str, Loaded] = {rel: repo.load(rel)}
    wanted = set(ids)
    for reference, other in referring(repo, rel, list_path):
        if other not in loaded:
            if not (repo.root / other).is_file():
                continue
            loaded[other] = repo.load(other)
        model = loaded[other].model
        removal.models[other] = model
        removal.dependents += [
            Dangling(other, loc, value, reference)
            for loc, value in reference.values(model)
            if value in wanted
        ]
    for other, file in loaded.items():
        data = dump(file.model)
        mine = [d for d in removal.dependents if d.rel == other]
        for dependent in sorted(mine, key=_loc_order, reverse=True):
            (dependent.reference.remove or remove_holder)(data, dependent.loc)
        if other == rel:
            for row_id in ids:
                data = delete_row(data, list_path, row_id)
        elif not mine:
            continue
        model = type(file.model).model_validate(data, context=repo.context())
        removal.writes.append(Write(other, model, file.digest))
    return removal


def remove_rows(
    repo: Repository,
    rel: str,
    list_path: Sequence[str],
    ids: Sequence[str],
    env: Mapping[str, str] | None = None,
) -> CommitResult:
    """Delete the rows and every reference to them as one commit (plan_removal, then save)."""
    removal = plan_removal(repo, rel, list_path, ids)
    kind = classify(rel)
    names = repo.names(kind.engagement if kind else None)
    label = ", ".join(names.get(row_id, row_id) for row_id in ids)
    return repo.save(removal.writes, repo.scope_for(rel), headline=removal.headline(label), env=env)


def _loc_order(dependent: Dangling) -> list[tuple[bool, Any]]:
    """Later rows first, so removing one does not move the next one's index."""
    return [(isinstance(part, str), part) for part in dependent.loc]


__all__ = ["Removal", "plan_removal", "referring", "remove_rows"]
