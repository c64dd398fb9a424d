"""`pcsm validate`: every file of a repository against its schema and the framework's rules.

Errors make a file untrustworthy (invalid TOML, schema, out of range, bad date order,
dangling id reference); warnings are the framework's advice (RACI: no A, several A, no R).
Each finding carries the file, line and column so editors and CI can jump to it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from ..framework import Framework, default_framework, load_framework
from ..framework.customize import CustomizationError, FrameworkCustomization
from ..models.base import FileModel
from ..models.scales import Scale
from .layout import Layout, classify
from .locate import Loc, index_positions, locate
from .toml_codec import TomlSyntaxError, loads

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


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


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
        path = self.root / rel
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            self.findings.append(Finding(rel, 1, 1, "error", f"not UTF-8 text: {error.reason}"))
            return None
        file = _File(rel, text)
        self.files[rel] = file
        try:
            data = loads(text)
        except TomlSyntaxError as error:
            self.findings.append(
                Finding(rel, error.line, error.column, "error", f"invalid TOML: {error.message}")
            )
            return file
        try:
            file.model = model.model_validate(data, context=self.context)
        except ValidationError as error:
            for detail in error.errors():
                ctx = detail.get("ctx") or {}
                loc = (*detail["loc"], *ctx.get("at", ()))
                where = _dotted(loc)
                text_msg = _explain(detail)
                self.add(file, loc, f"{where}: {text_msg}" if where else text_msg)
        return file

    def run(self) -> list[Finding]:
        from ..framework.catalogue import FILE_MODELS
        from ..models.repository import RepoSettings

        if not self.layout.settings.is_file():
            return [
                Finding(
                    "pcsm.toml",
                    1,
                    1,
                    "error",
                    "not a pcsm repository: pcsm.toml is missing (see `pcsm init`)",
                )
            ]
        settings_file = self.read("pcsm.toml", RepoSettings)
        custom: FrameworkCustomization | None = None
        if self.layout.framework.is_file():
            framework_file = self.read("framework.toml", FrameworkCustomization)
            if framework_file is not None and isinstance(
                framework_file.model, FrameworkCustomization
            ):
                custom = framework_file.model
                try:
                    self.framework = load_framework(custom)
                except CustomizationError as error:
                    self.add(framework_file, (), str(error))
        scales = {name: self.framework.scale(name) for name in ("support", "risk")}
        settings = settings_file.model if settings_file else None
        if isinstance(settings, RepoSettings):
            if settings.scales.support:
                scales["support"] = Scale.parse(settings.scales.support)
            if settings.scales.risk:
                scales["risk"] = Scale.parse(settings.scales.risk)
        self.context = {"scales": scales}
        for path in self.layout.owned_files():
            rel = self.layout.rel(path)
            if rel in self.files:
                continue
            kind = classify(rel)
            assert kind is not None
            self.read(rel, FILE_MODELS[kind.kind])
        self.cross_checks(settings if isinstance(settings, RepoSettings) else None)
        return sorted(set(self.findings), key=lambda f: (f.path, f.line, f.column, f.message))

    # --- references between files and framework rules -------------------------------------

    def model(self, rel: str) -> FileModel | None:
        file = self.files.get(rel)
        return file.model if file else None

    def check_refs(
        self, rel: str, refs: Iterable[tuple[Loc, str]], known: set[str], what: str, where: str
    ) -> None:
        file = self.files[rel]
        for loc, value in refs:
            if value and value not in known:
                self.add(file, loc, f"{_dotted(loc)}: {what} {value!r} does not exist in {where}")

    def cross_checks(self, settings: Any) -> None:
        from ..models.adoption import AdoptionActivities, ImpactedGroups
        from ..models.commitment import Raci, StakeholderPlanMonth
        from ..models.engagement import Engagement, Register
        from ..models.evaluation import Evaluation
        from ..models.people import Development, PersonalEvaluations

        engagements = set(self.layout.engagements())
        members = {m.id for m in settings.members} if settings else set()
        activity_ids = self.framework.activity_ids()
        categories = {c.id for c in self.framework.evaluation_categories}
        areas = {a.id for a in self.framework.evaluation_areas}
        for rel, file in self.files.items():
            kind = classify(rel)
            model = file.model
            if kind is None or model is None:
                continue
            base = f"engagements/{kind.engagement}"
            register = self.model(f"{base}/stakeholders.toml") if kind.engagement else None
            stakeholders = (
                {s.id for s in register.stakeholders} if isinstance(register, Register) else None
            )
            check: Callable[..., None] = self.check_refs
            if isinstance(model, Engagement):
                if members and model.csm:
                    check(
                        rel,
                        [(("csm",), model.csm)],
                        members,
                        "team member",
                        "pcsm.toml [[members]]",
                    )
                check(
                    rel,
                    [(("activities_done", key), key) for key in model.activities_done],
                    activity_ids,
                    "framework activity",
                    "the framework's phases",
                )
            elif isinstance(model, Raci):
                self.raci_warnings(file, model)
                if stakeholders is not None:
                    check(
                        rel,
                        [
                            (("matrices", m, "columns", c, "stakeholder"), col.stakeholder or "")
                            for m, matrix in enumerate(model.matrices)
                            for c, col in enumerate(matrix.columns)
                        ],
                        stakeholders,
                        "stakeholder",
                        "stakeholders.toml",
                    )
            elif isinstance(model, StakeholderPlanMonth) and stakeholders is not None:
                check(
                    rel,
                    [
                        (("assessments", i, "stakeholder"), a.stakeholder)
                        for i, a in enumerate(model.assessments)
                    ],
                    stakeholders,
                    "stakeholder",
                    "stakeholders.toml",
                )
                check(
                    rel,
                    [(("rows", i, "stakeholder"), r.stakeholder) for i, r in enumerate(model.rows)],
                    stakeholders,
                    "stakeholder",
                    "stakeholders.toml",
                )
            elif isinstance(model, AdoptionActivities):
                groups = self.model(f"{base}/impacted-groups.toml")
                if isinstance(groups, ImpactedGroups):
                    check(
                        rel,
                        [
                            (("activities", i, "group"), a.group)
                            for i, a in enumerate(model.activities)
                        ],
                        {g.id for g in groups.groups},
                        "impacted group",
                        "impacted-groups.toml",
                    )
            elif isinstance(model, Evaluation):
                check(
                    rel,
                    [(("entries", i, "category"), e.category) for i, e in enumerate(model.entries)],
                    categories,
                    "evaluation category",
                    "the framework's categories",
                )
            elif isinstance(model, PersonalEvaluations):
                check(
                    rel,
                    [
                        (("evaluations", i, "engagement"), e.engagement)
                        for i, e in enumerate(model.evaluations)
                    ],
                    engagements,
                    "engagement",
                    "engagements/",
                )
                check(
                    rel,
                    [
                        (("evaluations", i, "scores", k), k)
                        for i, e in enumerate(model.evaluations)
                        for k in e.scores
                    ],
                    areas,
                    "evaluation area",
                    "the framework's areas (A-H)",
                )
            elif isinstance(model, Development):
                check(
                    rel,
                    [(("activities", i, "csf"), a.csf) for i, a in enumerate(model.activities)],
                    {c.id for c in model.csfs},
                    "critical success factor",
                    "csfs",
                )

    def raci_warnings(self, file: _File, raci: Any) -> None:
        from ..analysis.raci import matrix_findings

        for m, matrix in enumerate(raci.matrices):
            for finding in matrix_findings(matrix):
                self.add(
                    file,
                    ("matrices", m, "activities", finding.activity_index),
                    f"RACI activity {finding.activity.name!r}: {finding.message}",
                    severity="warning",
                )


def validate_repository(root: Path) -> list[Finding]:
    """All findings for the repository at `root`, sorted by file and line."""
    return Validator(root).run()


def validate_text(
    rel: str, text: str, model: type[FileModel], context: dict[str, Any] | None = None
) -> list[Finding]:
    """Findings for one file's text (used before a hand-edited file is accepted)."""
    validator = Validator(Path("."))
    validator.context = context or {}
    file = _File(rel, text)
    validator.files[rel] = file
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        data = None
    if data is None:
        try:
            loads(text)
        except TomlSyntaxError as error:
            return [
                Finding(rel, error.line, error.column, "error", f"invalid TOML: {error.message}")
            ]
    try:
        model.model_validate(data, context=validator.context)
    except ValidationError as error:
        for detail in error.errors():
            ctx = detail.get("ctx") or {}
            loc = (*detail["loc"], *ctx.get("at", ()))
            validator.add(file, loc, f"{_dotted(loc)}: {_explain(detail)}")
    return validator.findings
