"""One engagement's files as typed models, for the guidance rules (next steps, health,
progress, reports) to read.

Files are keyed by their model's kind, so a rule asks for `view.get(Risks)` and never
names a file or a tool id. A file that is missing reads as its model's defaults (a new
engagement, or the portfolio reading only what health needs). `read_view` reads a folder
leniently for the portfolio: a file that does not parse or validate is left at its
defaults and named in `problems` (does not read) or `invalid` (reads, does not validate:
`pcsm validate` says where), so one broken file never hides the whole row.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..framework.catalogue import ENGAGEMENT_FILES, FILE_MODELS, TOOLS
from ..framework.definition import Framework
from ..models.base import FileModel
from ..models.commitment import StakeholderPlanMonth
from ..models.engagement import Engagement, Register
from ..models.scales import Scale
from ..safeio import Unreadable, read_toml

M = TypeVar("M", bound=FileModel)

PLAN_FOLDER = next(t.file for t in TOOLS if t.scope == "monthly")
"""The folder of the monthly stakeholder plan inside an engagement."""


@dataclass(frozen=True)
class EngagementView:
    slug: str
    framework: Framework
    scales: Mapping[str, Scale]
    files: Mapping[str, FileModel] = field(default_factory=dict)
    """Model kind -> the engagement's file of that kind."""
    months: Mapping[str, StakeholderPlanMonth] = field(default_factory=dict)
    """YYYY-MM -> that month's stakeholder plan."""
    problems: tuple[str, ...] = ()
    """Files left at their defaults because they did not read (`name:line:col: why`)."""
    invalid: tuple[str, ...] = ()
    """Files left at their defaults because they read but did not validate (their names)."""

    def get(self, model: type[M]) -> M:
        found = self.files.get(model.kind)
        if isinstance(found, model):
            return found
        if model is Engagement:
            return model.model_validate({"customer": self.slug})
        return model()

    @property
    def engagement(self) -> Engagement:
        return self.get(Engagement)

    @property
    def register(self) -> Register:
        return self.get(Register)

    def month_names(self) -> list[str]:
        return sorted(self.months)

    def latest_month(self) -> tuple[str, StakeholderPlanMonth] | None:
        names = self.month_names()
        return (names[-1], self.months[names[-1]]) if names else None

    @property
    def support_scale(self) -> Scale:
        return self.scales.get("support") or self.framework.scale("support")

    @property
    def risk_scale(self) -> Scale:
        return self.scales.get("risk") or self.framework.scale("risk")


FILE_FOR_KIND: dict[str, str] = {kind: name for name, kind in ENGAGEMENT_FILES.items()}


def view_files(kinds: Iterable[str]) -> list[str]:
    """The names (relative to the engagement folder) `read_view` would read — for caches
    that must watch exactly those files. Months are listed by `plan_files`."""
    return [FILE_FOR_KIND[k] for k in kinds if k in FILE_FOR_KIND]


def plan_files(folder: Path, months: int | None) -> list[str]:
    """The last `months` month files of the plan (all with None), oldest first; none when
    the plan's folder is a link (pcsm never reads through one; validation says so)."""
    if os.path.islink(folder / PLAN_FOLDER):
        return []
    try:
        with os.scandir(folder / PLAN_FOLDER) as entries:
            names = sorted(
                e.name
                for e in entries
                if e.name.endswith(".toml") and _is_month(e.name.removesuffix(".toml"))
            )
    except OSError:
        return []
    chosen = names if months is None else names[-months:] if months > 0 else []
    return [f"{PLAN_FOLDER}/{name}" for name in chosen]


def _is_month(text: str) -> bool:
    year, _, month = text.partition("-")
    return len(year) == 4 and year.isdigit() and month in {f"{m:02d}" for m in range(1, 13)}


def read_view(
    folder: Path,
    framework: Framework,
    scales: Mapping[str, Scale],
    kinds: Iterable[str] | None = None,
    months: int | None = None,
    parsed: Mapping[str, dict[str, Any]] | None = None,
) -> EngagementView:
    """The engagement at `folder` (files of `kinds`, default all; the last `months` plan
    months, default all), read without ever raising for a bad file. `parsed` gives files
    already read through safeio (by name; an empty dict is a file that did not read)."""
    context: dict[str, object] = {"scales": dict(scales)}
    wanted = list(FILE_FOR_KIND) if kinds is None else list(kinds)
    files: dict[str, FileModel] = {}
    found_months: dict[str, StakeholderPlanMonth] = {}
    problems: list[str] = []
    invalid: list[str] = []
    for name in view_files(wanted):
        model_class = FILE_MODELS[ENGAGEMENT_FILES[name]]
        if parsed is not None and name in parsed:
            model = _validate(parsed[name], model_class, context, invalid, name)
        else:
            model = _read(folder / name, model_class, context, (problems, invalid), name)
        if model is not None:
            files[model.kind] = model
    for name in plan_files(folder, months):
        month = _read(folder / name, StakeholderPlanMonth, context, (problems, invalid), name)
        if isinstance(month, StakeholderPlanMonth):
            found_months[name.rsplit("/", 1)[-1].removesuffix(".toml")] = month
    return EngagementView(
        slug=folder.name,
        framework=framework,
        scales=scales,
        files=files,
        months=found_months,
        problems=tuple(problems),
        invalid=tuple(invalid),
    )


def _read(
    path: Path,
    model: type[FileModel],
    context: dict[str, object],
    found: tuple[list[str], list[str]],
    name: str,
) -> FileModel | None:
    problems, invalid = found

    try:
        data = read_toml(path)[1]
    except FileNotFoundError:
        return None
    except Unreadable as error:  # a link, a folder, too big or deep, not UTF-8, bad TOML
        problems.append(f"{name}:{error.line}:{error.column}: {error.message}")
        return None
    except OSError as error:
        problems.append(f"{name}: {error.strerror or error}")
        return None
    return _validate(data, model, context, invalid, name)


def _validate(
    data: dict[str, Any],
    model: type[FileModel],
    context: dict[str, object],
    invalid: list[str],
    name: str,
) -> FileModel | None:
    if not data:
        return None  # missing or unreadable: the portfolio's own reader says which
    try:
        return model.model_validate(data, context=context)
    except ValueError:
        invalid.append(name)
        return None


__all__ = ["EngagementView", "plan_files", "read_view", "view_files"]
