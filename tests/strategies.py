"""Hypothesis strategies derived from the models themselves, constraints included."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pcsm_tui.models.base import Row

ID = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,8}\Z")
TEXT = st.lists(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"),
        max_size=8,
    )
    | st.sampled_from(
        [
            "\n",
            "\t",
            '"',
            "\\",
            "'''",
            '"""',
            "#",
            "é",
            "—",
            "\r\n",
            "\r",
            "\x00",
            "\x1b",
            "\x7f",
            "\u2028",
            "\n[x]\n",
            "\n[[y]]",
        ]
    ),
    max_size=5,
).map("".join)
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


def _bounds(metadata: list[Any]) -> tuple[int | None, int | None]:
    low = high = None
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        if isinstance(item, annotated_types.Le):
            high = int(item.le)  # type: ignore[call-overload]
    return low, high


def for_annotation(
    annotation: Any, metadata: list[Any] | None = None, field_name: str = ""
) -> st.SearchStrategy[Any]:
    metadata = list(metadata or [])
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        inner: list[Any] = []
        for item in extra:
            if isinstance(item, FieldInfo):
                inner.extend(item.metadata)
            else:
                inner.append(item)
        return for_annotation(base, metadata + inner, field_name)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return st.none() | st.one_of([for_annotation(a, metadata, field_name) for a in options])
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, Row):
            return st.lists(model_data(item), max_size=3, unique_by=lambda r: r["id"])
        return st.lists(for_annotation(item), max_size=3)
    if origin is dict:
        key, value = typing.get_args(annotation)
        return st.dictionaries(
            for_annotation(key, field_name="id"), for_annotation(value), max_size=2
        )
    if origin is frozenset:
        return st.frozensets(st.sampled_from(["R", "A", "C", "I"]), max_size=4)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_data(annotation)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low, high = _bounds(metadata)
        return st.integers(-1000 if low is None else low, 1000 if high is None else high)
    if annotation is float:
        low, high = _bounds(metadata)
        return st.floats(
            0 if low is None else low, 10_000 if high is None else high, allow_nan=False
        ).map(lambda f: round(f, 3))
    if annotation is dt.date:
        return DATES
    if annotation is str:
        patterns = [m.pattern for m in metadata if hasattr(m, "pattern") and m.pattern]
        if field_name == "id" or (patterns and "A-Za-z0-9" in patterns[0]):
            return ID
        if patterns:
            return st.from_regex(patterns[0], fullmatch=True)
        if any(isinstance(m, annotated_types.MinLen) for m in metadata):
            return TEXT.filter(bool)
        return TEXT
    raise NotImplementedError(f"no strategy for {annotation!r}")


def model_data(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts of the model's fields (some optional ones left out) as a file would hold them."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        strategy = for_annotation(info.annotation, list(info.metadata), name)
        if name == "format_version":
            continue
        (required if info.is_required() else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)
