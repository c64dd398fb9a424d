"""Edits as pure functions: the data they build is what editors hand to the store."""

from __future__ import annotations

from typing import Any

import pytest

from pcsm_tui.models.edit import (
    PathError,
    add_row,
    delete_row,
    duplicate_row,
    move_row,
    resolve,
    set_value,
)

DATA = {
    "format_version": 1,
    "matrices": [
        {
            "id": "main",
            "title": "T",
            "activities": [
                {"id": "a1", "name": "One", "cells": {"cfo": "R"}},
                {"id": "a2", "name": "Two"},
                {"id": "a3", "name": "Three"},
            ],
        },
    ],
}
ACTIVITIES = ("matrices", "main", "activities")


def ids(data: dict[str, Any]) -> list[str]:
    return [r["id"] for r in resolve(data, ACTIVITIES)]


def test_set_value_by_row_ids_and_remove_with_none() -> None:
    new = set_value(DATA, (*ACTIVITIES, "a2", "name"), "Zwei")
    assert resolve(new, (*ACTIVITIES, "a2", "name")) == "Zwei"
    assert resolve(DATA, (*ACTIVITIES, "a2", "name")) == "Two"  # the input is untouched
    cleared = set_value(new, (*ACTIVITIES, "a1", "cells", "cfo"), None)
    assert resolve(cleared, (*ACTIVITIES, "a1", "cells")) == {}
    made = set_value(DATA, (*ACTIVITIES, "a2", "cells", "hr"), "A")
    assert resolve(made, (*ACTIVITIES, "a2", "cells")) == {"hr": "A"}


def test_row_operations() -> None:
    assert ids(add_row(DATA, ACTIVITIES, {"id": "n", "name": "New"}, after="a1")) == [
        "a1",
        "n",
        "a2",
        "a3",
    ]
    assert ids(delete_row(DATA, ACTIVITIES, "a2")) == ["a1", "a3"]
    assert ids(move_row(DATA, ACTIVITIES, "a3", -1)) == ["a1", "a3", "a2"]
    assert ids(move_row(DATA, ACTIVITIES, "a1", -5)) == ["a1", "a2", "a3"]
    copied, new = duplicate_row(DATA, ACTIVITIES, "a1")
    assert ids(copied) == ["a1", new, "a2", "a3"] and new != "a1"
    assert resolve(copied, (*ACTIVITIES, new, "cells")) == {"cfo": "R"}
    with pytest.raises(PathError):
        delete_row(DATA, ACTIVITIES, "zz")
    with pytest.raises(PathError):
        resolve(DATA, ("matrices", "nope"))
