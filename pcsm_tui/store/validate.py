"""`pcsm validate`: every file of a repository against its schema and the framework's rules.

Errors make a file untrustworthy (invalid TOML, schema, out of range, bad date order,
dangling id reference); warnings are the framework's advice (RACI: no A, several A, no R;
two rows with the same number).
Each finding carries the file, line and column so editors and CI can jump to it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..analysis.raci import matrix_findings
from ..framework import Framework, default_framework, load_framework
from ..framework.catalogue import FILE_MODELS
from ..framework.customize import CustomizationError, FrameworkCustomization
from ..models.adoption import ImpactedGroups
from ..models.base import FileModel
from ..models.commitment import Raci
from ..models.engagement import Register
from ..models.numbering import duplicate_numbers
from ..models.repository import RepoSettings
from ..models.scales import DEFAULT_SCALES, Scale
from ..safeio import TomlSyntaxError, Unreadable
from .findings import Finding as Finding
from .findings import Severity, link_findings_of, name_findings_of
from .import_rules import rules_findings
from .layout import (
    Layout,
    classify,
    engagement_rel,
)
from .locate import Loc, index_positions, locate
from .references import IMPACTED_GROUPS, REFERENCES, REGISTER
from .sparse import absent_engagements
from .validate_framework import framework_findings
from .validate_read import fast_loads
from .where import name_location


@dataclass
class _File:
    rel: str
    text: str
    model: FileModel | None = None
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: Iterable[str | int]) -> tuple[int, int]:
        if not self.positions:
            self.positions = index_positions(self.text)
        return locate(self.text, tuple(loc), self.positions)


def _explain(error: Any) -> str:
    kind = error.get("type", "")
    message = str(error.get("msg", ""))
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return "unknown key (not part of this file's format)"
    if kind in {
        "less_than_equal",
        "greater_than_equal",
        "less_than",
        "greater_than",
        "int_parsing",
        "int_type",
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "bool_type",
        "bool_parsing",
        "literal_error",
        "string_type",
        "float_parsing",
        "string_pattern_mismatch",
    }:
        return f"{message} (got {error.get('input')!r})"
    return message


class Validator:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.layout = Layout(root)
        self.findings: list[Finding] = []
        self.files: dict[str, _File] = {}
        self.framework: Framework = default_framework()
        self.context: dict[str, Any] = {}

    def add(
        self, file: _File, loc: Iterable[str | int], message: str, severity: Severity = "error"
    ) -> None:
        line, column = file.at(loc)
        self.findings.append(Finding(file.rel, line, column, severity, message))

    def read(self, rel: str, model: type[FileModel]) -> _File | None:
        text, data = read_robustly(self, rel)
        if text is None:
            return None
        file = _File(rel, text)
        self.files[rel] = file
        if data is None:
            return file
        try:
            file.model = model.model_validate(data, context=self.context)
        except ValidationError as error:
            for detail in error.errors():
                ctx = detail.get("ctx") or {}
                loc = (*detail["loc"], *ctx.get("at", ()))
                where = name_location(loc, data, model)
                text_msg = _explain(detail)
                self.add(file, loc, f"{where}: {text_msg}" if where else text_msg)
        return file

    def run(self) -> list[Finding]:

        if not os.path.lexists(self.layout.settings):
            return [
                Finding(
                    "pcsm.toml",
                    1,
                    1,
                    "error",
                    "not a pcsm repository: pcsm.toml is missing (see `pcsm init`)",
                )
            ]
        settings = self.prepare()
        for path in self.layout.owned_files():
            rel = self.layout.rel(path)
            if rel in self.files:
                continue
            kind = classify(rel)
            assert kind is not None
            self.read(rel, FILE_MODELS[kind.kind])
        link_findings(self)
        name_findings(self)
        self.cross_checks(settings)
        return sorted(set(self.findings), key=lambda f: (f.path, f.line, f.column, f.message))

    def prepare(self) -> RepoSettings | None:
        """Read pcsm.toml and framework.toml: the framework, scales and team members every
        other file is checked against."""
        settings_file = self.read("pcsm.toml", RepoSettings)
        custom: FrameworkCustomization | None = None
        if os.path.lexists(self.layout.framework):
            framework_file = self.read("framework.toml", FrameworkCustomization)
            if framework_file is not None and isinstance(
                framework_file.model, FrameworkCustomization
            ):
                custom = framework_file.model
                try:
                    self.framework = load_framework(custom)
                except CustomizationError as error:
                    self.add(framework_file, error.loc, str(error))
        settings = settings_file.model if settings_file else None
        self.context = {"scales": chosen_scales(self.framework, settings)}
        return settings if isinstance(settings, RepoSettings) else None

    # --- references between files and framework rules -------------------------------------

    def model(self, rel: str) -> FileModel | None:
        file = self.files.get(rel)
        return file.model if file else None

    def cross_checks(self, settings: Any) -> None:

        known: dict[str, set[str] | None] = {
            "members": {m.id for m in settings.members}
            if settings and settings.members
            else None,  # a repository without a member list does not check CSM ids
            "activities": self.framework.activity_ids(),
            "evaluation-categories": {c.id for c in self.framework.evaluation_categories},
            "evaluation-areas": {a.id for a in self.framework.evaluation_areas},
        }
        for rel, file in self.files.items():
            kind = classify(rel)
            model = file.model
            if kind is None or model is None:
                continue
            if isinstance(model, Raci):
                self.raci_warnings(file, model)
            self.number_warnings(file, model)
            self.phase_findings(file, model)
            for reference in REFERENCES:
                if not isinstance(model, reference.model):
                    continue
                if reference.target in (REGISTER, IMPACTED_GROUPS):
                    target = self.model(engagement_rel(str(kind.engagement), reference.target))
                    ids = (
                        {s.id for s in target.stakeholders}
                        if isinstance(target, Register)
                        else {g.id for g in target.groups}
                        if isinstance(target, ImpactedGroups)
                        else None  # the target file is broken: it has its own finding
                    )
                elif reference.target.startswith("own:"):
                    rows = getattr(model, reference.target.removeprefix("own:"), [])
                    ids = {row.id for row in rows}
                elif reference.target == "engagements":
                    ids = self.known_engagements()
                else:
                    ids = known[reference.target]
                if ids is None:
                    continue
                for loc, value in reference.values(model):
                    if value and value not in ids:
                        self.dangling(file, loc, value, reference, model)

    def known_engagements(self) -> set[str]:
        """The engagements references may name (a listing: asked only when a file needs it)."""
        # a sparse clone's other engagements exist, in HEAD's tree (pcsm clone --mine)
        return set(self.layout.engagements()) | set(absent_engagements(self.layout.root))

    def dangling(self, file: _File, loc: Loc, value: str, reference: Any, model: FileModel) -> None:
        """A reference to an id that does not exist: an error (store/checks.py also keeps
        which reference it is, to offer removing it with the row it names)."""
        where = name_location(loc, model, type(model))
        self.add(
            file, loc, f"{where}: {reference.what} {value!r} does not exist in {reference.where}"
        )

    def phase_findings(self, file: _File, model: FileModel) -> None:
        """Engagement data in a phase or RAPAE category the team's framework does not have:
        kept as it is, and listed here so someone decides what to do with it."""
        for loc, message in framework_findings(self.framework, model):
            self.add(file, loc, message, severity="warning")

    def number_warnings(self, file: _File, model: FileModel) -> None:

        for loc, message in duplicate_numbers(model):
            self.add(file, loc, message, severity="warning")

    def raci_warnings(self, file: _File, raci: Any) -> None:
        """Per-row advice for rows someone has started to fill; the rows nobody has touched
        yet (a new engagement's standard activities) are one line per matrix, at the first
        of them: 26 warnings on a brand-new engagement would drown what matters."""
        for m, matrix in enumerate(raci.matrices):
            empty = [i for i, activity in enumerate(matrix.activities) if not activity.cells]
            if len(empty) > 1:
                self.add(
                    file,
                    ("matrices", m, "activities", empty[0]),
                    f"RACI {matrix.title!r}: {len(empty)} activities have nobody assigned yet:"
                    " give each one Accountable (A) and at least one Responsible (R)",
                    severity="warning",
                )
            for finding in matrix_findings(matrix):
                if len(empty) > 1 and finding.activity_index in empty:
                    continue
                self.add(
                    file,
                    ("matrices", m, "activities", finding.activity_index),
                    f"RACI activity {finding.activity.name!r}: {finding.message}",
                    severity="warning",
                )


# --- reading whatever a repository holds (issue 11: hostile content) ---------------------------


def read_robustly(validator: Validator, rel: str) -> tuple[str | None, dict[str, Any] | None]:
    """A file's text and data; what cannot be read becomes one finding at its line and
    column (a link, a folder, not UTF-8, too big, too deep, invalid TOML), never an error."""

    text: str | None = None
    try:
        text = validator.layout.read_text(rel)
        return text, fast_loads(text)
    except (OSError, Unreadable) as error:
        if isinstance(error, Unreadable):
            prefix = "invalid TOML: " if isinstance(error, TomlSyntaxError) else ""
            where, message = (error.line, error.column), prefix + error.message
        else:
            where, message = (1, 1), f"cannot be read: {error.strerror or error}"
        validator.findings.append(Finding(rel, *where, "error", message))
        return text, None


def chosen_scales(framework: Framework, settings: Any) -> dict[str, Scale]:
    """The scales files are checked against: pcsm.toml's, else the framework's. A scale
    that does not parse has its own finding (in pcsm.toml or framework.toml); the default
    stands in for it so that every other file is still checked."""

    scales: dict[str, Scale] = {}
    for name in ("support", "risk"):
        chosen = getattr(settings.scales, name, None) if settings is not None else None
        try:
            scales[name] = Scale.parse(chosen) if chosen else framework.scale(name)
        except ValueError:
            scales[name] = DEFAULT_SCALES[name]
    return scales


def link_findings(validator: Validator, links: list[str] | None = None) -> None:
    """A symbolic link where pcsm's files live (store/findings: the walk finds them)."""
    found = validator.layout.links() if links is None else links
    validator.findings.extend(link_findings_of(found))


def name_findings(validator: Validator) -> None:
    """Folders and plan files whose names pcsm cannot use (store/findings)."""
    validator.findings.extend(name_findings_of(validator.layout.walk()))


def validate_repository(
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    only: Collection[str] | None = None,
    cache: bool = True,
) -> list[Finding]:
    """All findings for the repository at `root`, sorted by file and line: engagement by
    engagement, each from the cache when its files are unchanged (store/validate_units)."""
    # cycle: validate_units builds on the Validator defined here
    from .validate_units import validate_units

    return validate_units(root, progress=progress, only=only, cache=cache)


def whole_repository(root: Path) -> list[Finding]:
    """Every file read and checked at once, no cache: what validate_units must agree with."""
    return sorted(
        [*Validator(root).run(), *rules_errors(root)],
        key=lambda f: (f.path, f.line, f.column, f.message),
    )


def rules_errors(root: Path) -> list[Finding]:
    return [Finding(rel, line, col, "error", text) for rel, line, col, text in rules_findings(root)]
