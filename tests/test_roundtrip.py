"""Every model survives the trip through TOML, whether written new or merged into a file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pcsm_tui.framework.catalogue import FILE_MODELS
from pcsm_tui.models.base import FileModel
from pcsm_tui.store.repository import dump
from pcsm_tui.store.toml_codec import dumps_new, forget_documents, loads, merge_into

from .conftest import scaled
from .strategies import model_data

KINDS = sorted(k for k in FILE_MODELS if k != "framework")


def _valid(model: type[FileModel], data: dict[str, Any]) -> FileModel:
    try:
        return model.model_validate(data)
    except ValidationError:
        reject()


def examples(count: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Hypothesis settings for drawing whole models: slow and often rejected by validation."""
    return settings(
        max_examples=scaled(count),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


@pytest.mark.parametrize("kind", KINDS)
@examples(40)
@given(data=st.data())
def test_model_round_trips_through_toml(kind: str, data: st.DataObject) -> None:
    model = FILE_MODELS[kind]
    first = _valid(model, data.draw(model_data(model)))
    second = _valid(model, data.draw(model_data(model)))
    text = dumps_new(dump(first), header="a header")
    assert model.model_validate(loads(text)) == first
    merged = merge_into(text, dump(second))
    assert model.model_validate(loads(merged)) == second
    # Writing the same model again changes nothing at all.
    assert merge_into(merged, dump(second)) == merged


@pytest.mark.parametrize("kind", KINDS)
@examples(15)
@given(data=st.data())
def test_merging_into_a_kept_document_writes_what_a_fresh_parse_writes(
    kind: str, data: st.DataObject
) -> None:
    """Saves reuse the document of the previous merge; the text must not depend on that."""
    model = FILE_MODELS[kind]
    versions = [_valid(model, data.draw(model_data(model)))]
    for _ in range(4):
        drawn = dump(_valid(model, data.draw(model_data(model))))
        if data.draw(st.booleans(), label="only values change"):
            drawn = _values_into(dump(versions[-1]), drawn)
        versions.append(_valid(model, drawn))
    start = dumps_new(dump(versions[0]))
    forget_documents()
    kept = [start]
    for version in versions[1:]:
        kept.append(merge_into(kept[-1], dump(version)))
    fresh = [start]
    for version in versions[1:]:
        forget_documents()
        fresh.append(merge_into(fresh[-1], dump(version)))
    assert kept == fresh


def _values_into(old: Any, new: Any) -> Any:
    """`old`'s shape (keys, rows, ids) with `new`'s values where `new` has one of the same
    kind: the edits the app makes most, which are the ones that reuse a kept document."""
    if isinstance(old, dict) and isinstance(new, dict):
        return {
            key: value if key == "id" or key not in new else _values_into(value, new[key])
            for key, value in old.items()
        }
    if isinstance(old, list) and isinstance(new, list) and old and isinstance(old[0], dict):
        rows = [r for r in new if isinstance(r, dict)]
        return [_values_into(row, rows[i]) if i < len(rows) else row for i, row in enumerate(old)]
    if isinstance(old, dict | list) or isinstance(new, dict):
        return old
    return new


def test_a_value_edit_reuses_the_document_and_an_outside_edit_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tomlkit

    parsed: list[str] = []
    parse = tomlkit.parse

    def counting(text: str) -> Any:
        parsed.append(text)
        return parse(text)

    monkeypatch.setattr(tomlkit, "parse", counting)
    forget_documents()
    text = '# kept\n[[risks]]\nid = "r1"\nlikelihood = 1 # note\n'
    once = merge_into(text, {"risks": [{"id": "r1", "likelihood": 2}]})
    twice = merge_into(once, {"risks": [{"id": "r1", "likelihood": 3}]})
    assert twice == '# kept\n[[risks]]\nid = "r1"\nlikelihood = 3 # note\n'
    assert parsed == [text]  # the second merge started from the kept document
    outside = twice.replace("# kept", "# changed by hand")
    merge_into(outside, {"risks": [{"id": "r1", "likelihood": 4}]})
    assert parsed == [text, outside]
