"""Team templates: a tool's content made reusable, without the people and the dates.

The framework asks that what a team creates in one engagement (a risk list, an onboarding
plan, a set of KPIs) is templated for the next. A template is the tool's own file, stored
under `knowledge/templates/<tool-file-stem>/<name>.toml` and valid against the tool's
model (the same schema, so an editor checks it too), with what belongs to one engagement
taken out:

- people: references to stakeholders, groups and team members, owner / addressee /
  decided-by fields, contact and signature blocks; known names in free text become
  "[name]", e-mail addresses and phone numbers are masked (io/masking);
- dates (a row that cannot exist without its date, such as a KPI measurement, goes);
- progress: a state or a signature flag starts again.

Row ids are renewed (random, like a new row's), except the ids the framework itself gives
(the rows a new engagement is pre-filled with), which keep meaning the same standard item.
An engagement started from a template takes its ids as they are, so the template's later
improvements can be compared with it row by row (the history's field diff).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..errors import PcsmError, UsageError
from ..framework.catalogue import TOOLS, Tool
from ..framework.definition import Framework
from ..framework.prefill import engagement_files
from ..models.base import FileModel, Row
from ..models.commitment import Contact, Signature
from ..models.edit import new_id
from ..models.references import IMPACTED_GROUPS, REGISTER, reference_of
from ..store.writes import dump
from .masking import mask_contacts, replace_names

TEMPLATES_DIR = "knowledge/templates"
NAME_RULE = "lower-case letters, digits and dashes, starting with a letter or digit (max 48)"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")

PERSONAL_FIELDS = frozenset(
    {"owner", "addressee", "decided_by", "email", "mobile", "work_phone", "phone"}
)
"""Free-text fields that hold a person (a name, a role typed as a name, contact details)."""
PERSONAL_MODELS: tuple[type[BaseModel], ...] = (Contact, Signature)
"""Blocks that describe a person as a whole: left out (reset to empty)."""
PROGRESS_FIELDS = frozenset({"state", "signed"})
"""Where an engagement stands: a template starts again from the beginning."""
PEOPLE_TARGETS = frozenset({REGISTER, IMPACTED_GROUPS, "members"})
"""References to people: stakeholders, groups of them, team members."""


class TemplateError(PcsmError):
    """A template that cannot be made, found or used (the message says what to do)."""


class BadTemplateName(UsageError):
    """A template name that is not a plain file name."""


@dataclass(frozen=True)
class Draft:
    """A template ready to store: the cleaned model and what was left out, in words."""

    tool: Tool
    model: FileModel
    left_out: tuple[str, ...]


def template_tools() -> tuple[Tool, ...]:
    """The tools a template can be made of: an engagement's own single-file tools (not the
    monthly stakeholder plan, which is about people, nor a person's files)."""
    return tuple(t for t in TOOLS if t.scope == "engagement" and t.file.endswith(".toml"))


def stem(tool: Tool) -> str:
    """The folder of a tool's templates: its file name without `.toml` (`risks`)."""
    return tool.file.removesuffix(".toml")


def find_tool(name: str) -> Tool:
    """A tool by id, file stem or number; a clear error lists the ones that have templates."""
    for tool in template_tools():
        if name in (tool.id, stem(tool), str(tool.number)):
            return tool
    known = ", ".join(tool.id for tool in template_tools())
    raise TemplateError(f"{name!r} is not a tool a template can be made of; tools: {known}")


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise BadTemplateName(f"{name!r} is not a template name: use {NAME_RULE}")
    return name


def template_rel(tool: Tool, name: str) -> str:
    return f"{TEMPLATES_DIR}/{stem(tool)}/{check_name(name)}.toml"


def framework_ids(framework: Framework, tool: Tool) -> frozenset[str]:
    """The row ids the framework gives this tool in a new engagement (kept in templates)."""
    files = engagement_files(framework, "template", raci_activities=True)
    model = files.get(tool.file)
    return frozenset(_row_ids(model)) if model is not None else frozenset()


def _row_ids(value: Any) -> Iterable[str]:
    if isinstance(value, Row):
        yield value.id
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _row_ids(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _row_ids(item)


class _Cleaner:
    """One walk over a model's data beside the model, taking out people and dates."""

    def __init__(
        self,
        ids: Mapping[str, str],
        names: Iterable[str],
        context: Mapping[str, Any],
        roles: Mapping[str, str],
    ) -> None:
        self.ids = ids
        """Old row id -> new one (framework ids are not in it: they stay)."""
        self.names = [(name, "[name]") for name in names if name.strip()]
        self.context = dict(context)
        self.roles = roles
        """Referenced id -> words without a name (a stakeholder's role): a row that named a
        person keeps the role as its title (a RACI column stays 'CFO')."""
        self.left: dict[str, None] = {}

    def note(self, what: str) -> None:
        self.left[what] = None

    def model(self, obj: BaseModel, data: dict[str, Any], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        fields = type(obj).model_fields
        named_by = ""
        """What a person a row named was (their role; else what the reference is)."""
        for key, value in data.items():
            name = next((n for n, f in fields.items() if (f.alias or n) == key), key)
            current = getattr(obj, name, None) if name in fields else None
            cleaned = self.field(type(obj), name, current, value, f"{where}{name}")
            if cleaned is not _DROP:
                out[key] = cleaned
                continue
            reference = reference_of(type(obj), name)
            if reference is not None and value:
                named_by = self.roles.get(str(value), "") or reference.what.capitalize()
        if named_by and "title" in fields and not str(out.get("title") or "").strip():
            out["title"] = named_by  # a RACI column of a person stays a column: "CFO"
        return out

    def field(self, owner: type[BaseModel], name: str, current: Any, value: Any, where: str) -> Any:
        reference = reference_of(owner, name)
        if reference is not None and reference.target in PEOPLE_TARGETS:
            self.note(f"{reference.what} references ({name})")
            return _DROP
        if isinstance(value, dt.date):
            self.note(f"dates ({name})")
            return _DROP
        if name in PERSONAL_FIELDS and isinstance(value, str):
            if value:
                self.note(f"people ({name})")
            return _DROP
        own = name in getattr(owner, "reference_fields", ()) or (
            reference is not None and reference.target.startswith("own:")
        )
        if own and isinstance(value, str):
            return self.ids.get(value, value)
        if name in PROGRESS_FIELDS:
            self.note(f"progress ({name})")
            return _DROP
        if isinstance(current, PERSONAL_MODELS):
            if any(v not in ("", None, False) for v in dump_plain(current).values()):
                self.note(f"names, e-mails and signatures ({name})")
            return _DROP
        return self.value(current, value, where)

    def value(self, current: Any, value: Any, where: str) -> Any:
        if isinstance(current, BaseModel) and isinstance(value, dict):
            return self.model(current, value, f"{where}.")
        if isinstance(value, list):
            items = current if isinstance(current, list) else [None] * len(value)
            rows = []
            for item, data in zip(items, value, strict=False):
                cleaned = self.value(item, data, where)
                if isinstance(item, Row) and isinstance(cleaned, dict):
                    cleaned = self.row(item, cleaned)
                if cleaned is not _DROP:
                    rows.append(cleaned)
            return rows
        if isinstance(value, dict):
            return {k: self.value(None, v, where) for k, v in value.items()}
        if isinstance(value, str):
            return mask_contacts(replace_names(value, self.names)) if value else value
        return value

    def row(self, row: Row, data: dict[str, Any]) -> Any:
        """A row's data with its id renewed (framework ids kept). A row that cannot exist
        without what was taken out (a KPI measurement without its date, an adoption
        activity without its impacted group) goes as a whole."""
        try:
            type(row).model_validate(_renew_keys(data, self.ids), context=self.context)
        except ValueError:
            self.note(f"rows that need a person, group or date ({type(row).__name__})")
            return _DROP
        data["id"] = self.ids.get(row.id, row.id)
        return data


_DROP: Any = object()


def dump_plain(obj: BaseModel) -> dict[str, Any]:
    return obj.model_dump(mode="python")


def _renew_keys(value: Any, ids: Mapping[str, str]) -> Any:
    """Map keys and reference values naming renewed rows (a RACI cell keyed by its column)
    follow the new ids."""
    if isinstance(value, dict):
        return {ids.get(k, k): _renew_keys(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_renew_keys(v, ids) for v in value]
    return value


def make_template(
    tool: Tool,
    model: FileModel,
    framework: Framework,
    names: Iterable[str],
    context: Mapping[str, Any],
    roles: Mapping[str, str] | None = None,
    seed: str = "",
) -> Draft:
    """The template of `model` (a tool's content in one engagement): people, dates and
    progress left out, ids renewed, validated against the tool's model. `seed` makes the
    new ids repeatable (the demo's history is the same on every machine); without it they
    are random, like a new row's."""
    if type(model) is not tool.model:
        raise TemplateError(f"{tool.title}: the content given is not this tool's")
    keep = framework_ids(framework, tool)
    ids: dict[str, str] = {}
    for old in _row_ids(model):
        if old not in keep and old not in ids:
            ids[old] = (
                _seeded(seed, old, [*ids.values(), *keep])
                if seed
                else new_id([*ids.values(), *keep], "t")
            )
    cleaner = _Cleaner(ids, names, context, roles or {})
    data = _renew_keys(cleaner.model(model, dump(model), ""), ids)
    try:
        cleaned = tool.model.model_validate(data, context=dict(context))
    except ValueError as error:
        raise TemplateError(f"{tool.title}: the template would not be valid: {error}") from None
    return Draft(tool, cleaned, tuple(cleaner.left))


def _seeded(seed: str, old: str, taken: list[str]) -> str:
    for n in range(1000):
        candidate = "t-" + hashlib.sha256(f"{seed}\0{old}\0{n}".encode()).hexdigest()[:6]
        if candidate not in taken:
            return candidate
    raise TemplateError("internal error: no free template id")  # pragma: no cover


@dataclass(frozen=True)
class TemplateInfo:
    """One stored template: its name, its tool, its file and how many rows it holds."""

    name: str
    tool: Tool
    rel: str
    rows: int


def count_rows(model: BaseModel) -> int:
    return sum(1 for value in _row_ids(model) if value)
