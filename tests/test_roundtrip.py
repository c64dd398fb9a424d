"""Every model survives the trip through TOML, whether written new or merged into a file."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pcsm_tui.framework.catalogue import FILE_MODELS
from pcsm_tui.models.base import FileModel
from pcsm_tui.store.repository import dump
from pcsm_tui.store.toml_codec import dumps_new, loads, merge_into

from .strategies import model_data

KINDS = sorted(k for k in FILE_MODELS if k != "framework")


def _valid(model: type[FileModel], data: dict[str, Any]) -> FileModel:
    try:
        return model.model_validate(data)
    except ValidationError:
        reject()


@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
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
