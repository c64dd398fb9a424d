"""What every tool's sheets have in common: the adapter contract and turning rows into models.

An adapter writes a tool's sheets into a workbook and reads them back into the tool's files.
Reading is the same for every tool once a sheet's rows are parsed: each row finds its stored
row (by the id column, else by its label, e.g. the same question text), takes the stored row
as the base (so fields the sheet does not show, and unknown keys, are kept), applies the
cells, and is validated by the model with the repository's scales. Whatever fails is reported
against the cell it came from.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from ..models.base import ROW_ID_PATTERN, FileModel, Row
from ..models.numbering import NUMBER, NumberSequence, is_numbered
from .bundle import EngagementData
from .report import Problem, Report
from .rules import ImportRules, normalize
from .sheet_reader import slug

if TYPE_CHECKING:
    from ..framework import Framework
    from ..framework.catalogue import Tool
    from .sheet_reader import ParsedRow, SheetReader
    from .sheet_writer import BookWriter

R = TypeVar("R", bound=Row)
F = TypeVar("F", bound=FileModel)

_ID = __import__("re").compile(ROW_ID_PATTERN)


@dataclass
class ReadContext:
    """The state of one import: what the files will hold, and the report so far."""

    data: EngagementData
    rules: ImportRules
    report: Report
    outputs: dict[str, FileModel] = field(default_factory=dict)
    rows_read: int = 0
    original: dict[str, FileModel] = field(default_factory=dict)
    """The files as stored before the import (`data.models` follows the import)."""
    extras: dict[str, Any] = field(default_factory=dict)
    """State shared between adapters of one import (e.g. the register being extended)."""
    loose: bool = False
    """A single tool was asked for: its sheets may be recognized by their tables alone."""

    def __post_init__(self) -> None:
        if not self.original:
            self.original = dict(self.data.models)

    @property
    def scales(self) -> dict[str, Any]:
        return dict(self.data.scales)

    @property
    def context(self) -> dict[str, Any]:
        return {"scales": self.data.scales}

    def produce(self, rel: str, model: FileModel) -> None:
        """Record the new content of a file; later adapters see it (e.g. a new register)."""
        self.outputs[rel] = model
        self.data.models[rel] = model


class Adapter(ABC):
    """One tool (or the engagement sheet, or the register) in a workbook."""

    tool: str
    title: str
    read_late: bool = False
    """Read after the other tools (the matrix reconciles with the plan sheets read before)."""

    @classmethod
    def for_entry(cls, entry: Tool, framework: Framework) -> Adapter:
        """The adapter of a registry entry whose class needs nothing but its id and title
        (the entry names it as `module:Class.for_entry`)."""
        adapter = cls()
        adapter.tool = entry.id
        adapter.title = entry.title
        return adapter

    @abstractmethod
    def export(self, data: EngagementData, book: BookWriter) -> None: ...

    @abstractmethod
    def sheet_names(self, data: EngagementData) -> list[str]:
        """The names of the sheets an export writes (used to recognize them on import)."""

    def claims(self, name: str, data: EngagementData, rules: ImportRules) -> bool:
        wanted = normalize(name)
        return any(wanted in rules.sheet_words(sheet) for sheet in self.sheet_names(data))

    @abstractmethod
    def read(self, sheets: Sequence[SheetReader], ctx: ReadContext) -> None:
        """Read this tool's sheets and `ctx.produce` its files."""


def soften(ctx: ReadContext, since: int, read_any: bool) -> None:
    """With --tool every sheet is offered to the tool; once one was read, the sheets whose
    table was not found are other content (instructions, notes) and only noted."""
    if not (ctx.loose and read_any):
        return
    problems = ctx.report.problems
    for index in range(since, len(problems)):
        problem = problems[index]
        if problem.severity == "error" and "!" not in problem.where:
            problems[index] = Problem(problem.where, f"{problem.message}; skipped", "note")


def valid_id(text: str | None) -> bool:
    return bool(text) and bool(_ID.fullmatch(text or ""))


def new_id(label: str, taken: set[str], prefix: str = "row") -> str:
    """A readable id for a new row, unique among `taken` (`data-migration`, `row-3`)."""

    base = slug(label)[:40].strip("-._") or prefix
    if not _ID.fullmatch(base):
        base = prefix
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _dump(row: Row) -> dict[str, Any]:
    return row.model_dump(mode="python", by_alias=True)


def build_rows(
    model: type[R],
    parsed: Sequence[ParsedRow],
    existing: Sequence[Row],
    ctx: ReadContext,
    label: str | None = None,
    fixed: Mapping[str, Any] | None = None,
    taken: set[str] | None = None,
    standard: Mapping[str, str] | None = None,
) -> list[R]:
    """Rows of `model` from parsed sheet rows, matched to `existing` by id, else by label.

    `standard` maps a framework item's text (normalized) to its id, so a hand-made row with a
    standard question gets the same id as in every other engagement.
    """
    by_id = {r.id: r for r in existing}
    by_label: dict[str, Row] = {}
    if label:
        for row in existing:
            value = getattr(row, label, None)
            if isinstance(value, str) and value.strip():
                by_label.setdefault(normalize(value), row)
    used: set[str] = set() if taken is None else taken
    # The ids a new row may not take: `used | set(by_id)`, kept up to date with `used`
    # (a union per row would copy every id so far, quadratic in the rows of an import).
    blocked = used | set(by_id)
    out: list[R] = []
    # A row the sheet gives no number (a team's own register has none) gets the next one,
    # as a row added in the app does; never 1 for every row.
    numbers = NumberSequence(model, [_dump(r) for r in existing]) if is_numbered(model) else None
    for item in parsed:
        ctx.rows_read += 1
        row_id = item.id if valid_id(item.id) else None
        if row_id is not None and row_id in used:
            ctx.report.note(
                item.where, f"id {row_id!r} is used twice (a copied row?); this row gets a new id"
            )
            row_id = None
        if row_id is None and label:
            text = item.values.get(label)
            match = by_label.get(normalize(text)) if isinstance(text, str) and text else None
            if match is not None and match.id not in used:
                row_id = match.id
            elif standard and isinstance(text, str):
                known = standard.get(normalize(text))
                if known is not None and known not in used and known not in by_id:
                    row_id = known
        if row_id is None:
            # A readable id only from public text (an activity's name): a field that may
            # hold a person's name never becomes an id, which every commit would carry.
            public = label in getattr(model, "public_fields", frozenset())
            hint = item.values.get(label, "") if label and public else ""
            row_id = new_id(str(hint or ""), blocked)
        used.add(row_id)
        blocked.add(row_id)
        base = _dump(by_id[row_id]) if row_id in by_id else {}
        values = {**(fixed or {}), **item.values}
        if numbers is not None and not isinstance(values.get(NUMBER, base.get(NUMBER)), int):
            values[NUMBER] = numbers.next({**base, **values})
        built = validate_row(model, row_id, base, values, item, ctx)
        if built is not None:
            if numbers is not None:
                numbers.see({**base, **values})
            out.append(built)
        elif row_id in by_id:
            kept = by_id[row_id]
            if isinstance(kept, model):
                out.append(kept)
    return out


def merge_values(base: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The stored row with the sheet's values; text equal but for outer spaces stays as stored."""
    data = dict(base)
    for key, value in values.items():
        old = base.get(key)
        if isinstance(old, str) and isinstance(value, str) and old.strip() == value.strip():
            continue
        data[key] = value
    return data


def validate_row(
    model: type[R],
    row_id: str,
    base: Mapping[str, Any],
    values: Mapping[str, Any],
    item: ParsedRow,
    ctx: ReadContext,
) -> R | None:
    """The row validated by its model; each failure reported at its cell, None if it fails."""
    data = merge_values(base, values)
    for key, inner in item.keep.items():
        stored = base.get(key)
        if isinstance(stored, Mapping):
            kept = dict(data.get(key) or {})
            kept.update({k: stored[k] for k in inner if k in stored})
            data[key] = kept
    data["id"] = row_id
    try:
        return model.model_validate(data, context=ctx.context)
    except ValidationError as error:
        for detail in error.errors():
            loc = detail.get("loc", ())
            name = str(loc[0]) if loc else ""
            where = item.refs.get(name, item.where)
            message = str(detail.get("msg", "")).removeprefix("Value error, ")
            if detail.get("type") == "missing":
                message = f"{name.replace('_', ' ')} is needed for this row"
            ctx.report.error(where, message)
        return None


def finish_file(
    model: type[F], base: F | None, values: Mapping[str, Any], where: str, ctx: ReadContext
) -> F | None:
    """A whole file model from the stored one and new top-level values, validated."""
    data = base.model_dump(mode="python", by_alias=True) if base is not None else {}
    data = merge_values(data, values)
    try:
        return model.model_validate(data, context=ctx.context)
    except ValidationError as error:
        for detail in error.errors():
            loc = ".".join(str(p) for p in detail.get("loc", ()))
            message = str(detail.get("msg", "")).removeprefix("Value error, ")
            ctx.report.error(where, f"{loc}: {message}" if loc else message)
        return None
