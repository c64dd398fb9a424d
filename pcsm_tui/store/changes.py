"""Field-level changes between two versions of a model: the body of every commit.

Rows are matched by `id`, so an edit reads as "support of cfo: 7 → 8", not as TOML lines.
Values are only written where they cannot be personal data (numbers, dates, yes/no,
choices, RACI codes, and text fields a model declares public such as activity names);
other text shows as "changed". This is what keeps personal data out of commit messages.

The reveal rule: commit messages never reveal (`describe()`), because they travel with
every clone. A reviewer reading `pcsm log` / `pcsm diff` in their own terminal already has
the files, so those commands pass `reveal=True` and see every value, the line diff of
changed multi-line text and the fields of added or removed rows (`--redact` turns it off).
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ..models.base import Row
from ..models.commitment import format_raci_cell
from ..models.references import reference_fields

Path = tuple[str, ...]
Op = Literal["set", "add", "remove", "move"]


@dataclass(frozen=True)
class Change:
    op: Op
    path: Path
    """Field names and row ids from the file's top down."""
    label: str
    """The changed thing in words, e.g. `activities[Funding approval].cells[CFO]`."""
    old: Any = None
    new: Any = None
    shown: bool = True
    """Whether old and new values may be written out (not personal data)."""
    value: Any = None
    """The added or removed row's data (only ever shown to a reviewer with `reveal`)."""

    def visible(self, reveal: bool = False) -> bool:
        """Whether this change's values may be shown: public data, or a reviewer's own screen."""
        return self.shown or reveal

    @property
    def is_text(self) -> bool:
        """A change of multi-line text, best read as a line diff."""
        return (
            self.op == "set"
            and isinstance(self.old, str | None)
            and isinstance(self.new, str | None)
            and any("\n" in (v or "") for v in (self.old, self.new))
        )

    def describe(self, reveal: bool = False) -> str:
        """One line; personal text only with `reveal` (never in commit messages)."""
        if self.op == "add":
            return f"{self.label}: added"
        if self.op == "remove":
            return f"{self.label}: removed"
        if self.op == "move":
            return f"{self.label}: moved from position {self.old} to {self.new}"
        if not self.visible(reveal):
            return f"{self.label}: changed"
        if self.is_text:
            return f"{self.label}: text changed"
        return f"{self.label}: {show(self.old)} → {show(self.new)}"

    def detail(self, reveal: bool = False) -> list[str]:
        """Lines under `describe()`: a text's line diff, an added or removed row's fields."""
        if not self.visible(reveal):
            return []
        if self.is_text:
            return text_diff(self.old or "", self.new or "")
        if self.op in ("add", "remove") and isinstance(self.value, Mapping):
            sign = "+" if self.op == "add" else "-"
            return [
                f"{sign} {key}: {line}"
                for key, item in self.value.items()
                if key != "id"
                for line in _lines_of(item)
            ]
        return []


def _lines_of(value: Any) -> list[str]:
    if isinstance(value, str) and "\n" in value:
        lines = value.splitlines()
        return [lines[0], *(f"  {line}" for line in lines[1:])]
    if isinstance(value, Mapping):
        return [", ".join(f"{k}={show(v)}" for k, v in value.items()) or "(empty)"]
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        return [f"{len(value)} rows"]
    return [show(value)]


def text_diff(old: str, new: str, context: int = 1) -> list[str]:
    """A unified-style line diff of two texts: `-` removed, `+` added, ` ` context lines."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), n=context, lineterm="")
    return [line for line in lines if not line.startswith(("---", "+++"))]


def show(value: Any) -> str:
    if value is None or value == "" or value == frozenset():
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, frozenset):
        return format_raci_cell(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v) for v in value)
    return str(value)


def _public(model: type[BaseModel], field: str) -> bool:
    public: frozenset[str] = getattr(model, "public_fields", frozenset())
    if field in public:
        return True
    info = model.model_fields.get(field)
    if info is None:
        return False
    return _safe_type(info.annotation)


def _safe_type(annotation: Any) -> bool:
    """Types whose values are never personal text."""
    if annotation in (int, float, bool, dt.date, dt.datetime):
        return True
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return True
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return all(_safe_type(a) for a in args)
    if origin is typing.Annotated:
        return _safe_type(typing.get_args(annotation)[0])
    if origin is frozenset:
        return True
    if origin is dict:
        return _safe_type(typing.get_args(annotation)[1])
    return False


def jsonable(value: Any) -> Any:
    """A value as JSON for scripts: dates as ISO text, RACI cells as `R/A`, tuples as lists."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, frozenset):
        return show(value) if value else ""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and value != value:
        return "nan"
    return value


def row_label(row: Row, names: Mapping[str, str]) -> str:
    """A row's name in messages: its public label field, else a known name for its id; a
    row about a person (a stakeholder, a RACI column) never falls back to its id, which
    may have been made from a name."""
    field = getattr(type(row), "label_field", "")
    if field:
        value = getattr(row, field, "")
        if isinstance(value, str) and value:
            return (
                names.get(value, value) if field in reference_fields(type(row)) else _short(value)
            )
    return names.get(row.id) or getattr(type(row), "neutral_label", "") or row.id


def _short(text: str, limit: int = 80) -> str:
    """A row's name on one line, cut at a word with "…" past `limit` characters (a
    commit subject shortens it further; its body keeps this)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space >= limit // 2 else cut) + "…"


def diff_models(
    old: BaseModel | None, new: BaseModel | None, names: Mapping[str, str] | None = None
) -> list[Change]:
    """Every change from `old` to `new` (either may be None for a created or deleted file)."""
    names = names or {}
    changes: list[Change] = []
    if old is None or new is None:
        return changes
    _diff_model(old, new, (), "", names, changes)
    return changes


def _join(label: str, part: str) -> str:
    return f"{label}.{part}" if label else part


def _diff_model(
    old: BaseModel,
    new: BaseModel,
    path: Path,
    label: str,
    names: Mapping[str, str],
    out: list[Change],
) -> None:
    model = type(new)
    fields = list(model.model_fields)
    extras_old = old.model_extra or {}
    extras_new = new.model_extra or {}
    for name in fields:
        _diff_value(
            getattr(old, name),
            getattr(new, name),
            (*path, name),
            _join(label, name),
            _public(model, name),
            names,
            out,
        )
    for name in sorted(set(extras_old) | set(extras_new)):
        _diff_value(
            extras_old.get(name),
            extras_new.get(name),
            (*path, name),
            _join(label, name),
            False,
            names,
            out,
        )


def _diff_value(
    old: Any,
    new: Any,
    path: Path,
    label: str,
    public: bool,
    names: Mapping[str, str],
    out: list[Change],
) -> None:
    if old == new:
        return
    if isinstance(old, BaseModel) and isinstance(new, BaseModel) and type(old) is type(new):
        _diff_model(old, new, path, label, names, out)
    elif _rows(old) and _rows(new):
        _diff_rows(old, new, path, label, names, out)
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if old.get(key) != new.get(key):
                _diff_value(
                    old.get(key),
                    new.get(key),
                    (*path, str(key)),
                    f"{label}[{names.get(str(key), str(key))}]",
                    public,
                    names,
                    out,
                )
    else:
        out.append(Change("set", path, label, old, new, public))


def _rows(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, Row) for v in value)


def _diff_rows(
    old: list[Row],
    new: list[Row],
    path: Path,
    label: str,
    names: Mapping[str, str],
    out: list[Change],
) -> None:
    old_by_id = {r.id: r for r in old}
    new_by_id = {r.id: r for r in new}
    for row in old:
        if row.id not in new_by_id:
            out.append(
                Change(
                    "remove",
                    (*path, row.id),
                    f"{label}[{row_label(row, names)}]",
                    shown=False,
                    value=_row_data(row),
                )
            )
    common_old = [r.id for r in old if r.id in new_by_id]
    common_new = [r.id for r in new if r.id in old_by_id]
    moved = _moved(common_old, common_new)
    old_place, new_place = _places(common_old), _places(common_new)
    for index, row in enumerate(new):
        row_path = (*path, row.id)
        row_text = f"{label}[{row_label(row, names)}]"
        if row.id not in old_by_id:
            data = _row_data(row)
            out.append(Change("add", row_path, row_text, None, index + 1, shown=False, value=data))
            continue
        if row.id in moved:
            out.append(Change("move", row_path, row_text, old_place[row.id], new_place[row.id]))
        _diff_model(old_by_id[row.id], row, row_path, row_text, names, out)


def _moved(before: list[str], after: list[str]) -> set[str]:
    """Ids outside a longest common subsequence: the fewest rows that explain a reorder.

    Both lists hold the same ids, so the longest common subsequence is the longest
    increasing run of old positions in the new order, found in O(n log n) (a table of
    10,000 rows is one edit away from a commit). Of several equally long ones, the one
    keeping the earliest rows of the new order is chosen, so a row moved down by one is
    the row reported as moved. Duplicate ids (a broken file) count once.
    """
    position = {row_id: index for index, row_id in reversed(list(enumerate(before)))}
    order = [position[row_id] for row_id in dict.fromkeys(after) if row_id in position]
    # longest[i]: the longest increasing run starting at order[i] (scanning from the right,
    # a run starting at i is a decreasing run ending at i in the reversed sequence).
    longest = [0] * len(order)
    tails: list[int] = []
    for i in range(len(order) - 1, -1, -1):
        k = bisect_left(tails, -order[i])
        if k == len(tails):
            tails.append(-order[i])
        else:
            tails[k] = -order[i]
        longest[i] = k + 1
    need, last = len(tails), -1
    keep: set[str] = set()
    for i, value in enumerate(order):  # greedy: the earliest element that still fits
        if need and longest[i] == need and value > last:
            keep.add(before[value])
            need, last = need - 1, value
    return set(after) - keep


def _places(ids: list[str]) -> dict[str, int]:
    """1-based position of each id (the first, if an id repeats)."""
    return {row_id: index for index, row_id in reversed(list(enumerate(ids, start=1)))}


def _row_data(row: Row) -> dict[str, Any]:
    return row.model_dump(mode="python", exclude_none=True, by_alias=True)


# --- data without a model ---------------------------------------------------------------------


def diff_data(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Changes between two files' raw TOML data, for versions that do not validate.

    Lists of tables with unique `id`s are matched as rows; values are shown only where they
    are never personal text (numbers, dates, yes/no), since no model says which text is public.
    """
    out: list[Change] = []
    _diff_raw(old, new, (), "", out)
    return out


def _id_rows(value: Any) -> dict[str, Mapping[str, Any]] | None:
    if not isinstance(value, list) or not value:
        return None
    by_id: dict[str, Mapping[str, Any]] = {}
    for row in value:
        if not isinstance(row, Mapping) or not isinstance(row.get("id"), str):
            return None
        if row["id"] in by_id:
            return None
        by_id[row["id"]] = row
    return by_id


def _raw_public(*values: Any) -> bool:
    return all(
        v is None or isinstance(v, (bool, int, float, dt.date, dt.datetime, dt.time))
        for v in values
    )


def _diff_raw(old: Any, new: Any, path: Path, label: str, out: list[Change]) -> None:
    if type(old) is type(new) and old == new:
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in list(old) + [k for k in new if k not in old]:
            where = (*path, str(key))
            text = _join(label, str(key))
            if key not in new:
                out.append(Change("remove", where, text, shown=False, value=old[key]))
            elif key not in old:
                out.append(Change("add", where, text, shown=False, value=new[key]))
            else:
                _diff_raw(old[key], new[key], where, text, out)
        return
    old_rows, new_rows = _id_rows(old), _id_rows(new)
    if old_rows is not None and new_rows is not None:
        for row_id, row in old_rows.items():
            if row_id not in new_rows:
                out.append(
                    Change("remove", (*path, row_id), f"{label}[{row_id}]", shown=False, value=row)
                )
        common_old = [i for i in old_rows if i in new_rows]
        common_new = [i for i in new_rows if i in old_rows]
        moved = _moved(common_old, common_new)
        old_place, new_place = _places(common_old), _places(common_new)
        for index, (row_id, row) in enumerate(new_rows.items()):
            where, text = (*path, row_id), f"{label}[{row_id}]"
            if row_id not in old_rows:
                out.append(Change("add", where, text, None, index + 1, shown=False, value=row))
                continue
            if row_id in moved:
                out.append(Change("move", where, text, old_place[row_id], new_place[row_id]))
            _diff_raw(old_rows[row_id], row, where, text, out)
        return
    out.append(Change("set", path, label, old, new, _raw_public(old, new)))
