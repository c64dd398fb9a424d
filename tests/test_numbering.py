"""Row numbers follow the table: new rows after the highest, copies on the next free number;
duplicate numbers are a warning in `pcsm validate` (models/numbering.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.models.adoption import Risk
from pcsm_tui.models.numbering import (
    add_numbered_row,
    duplicate_numbered_row,
    duplicate_numbers,
)
from pcsm_tui.models.preparation import EngagementStrategy, StrategyActivity
from pcsm_tui.store.validate import validate_repository

BASE = "engagements/northwind-emea"


def _strategy(rows: list[tuple[int, int]]) -> dict[str, Any]:
    return {
        "activities": [
            {"id": f"a{i}", "phase": phase, "no": no, "name": f"activity {i}"}
            for i, (phase, no) in enumerate(rows)
        ]
    }


def test_a_new_row_is_numbered_after_the_highest_of_its_group() -> None:
    data = _strategy([(1, 1), (1, 7), (2, 1), (2, 2)])
    row = {"id": "new", "phase": 1, "name": "x"}
    new = add_numbered_row(data, ("activities",), row, StrategyActivity, after="a0")
    assert new["activities"][1] == {**row, "no": 8}
    other = add_numbered_row(data, ("activities",), {**row, "phase": 5}, StrategyActivity)
    assert other["activities"][-1]["no"] == 1  # a phase with no activity yet starts at 1


def test_a_number_given_is_kept() -> None:
    data = {"risks": [{"id": "r1", "no": 1, "name": "x"}]}
    new = add_numbered_row(data, ("risks",), {"id": "r2", "no": 9, "name": "y"}, Risk)
    assert new["risks"][-1]["no"] == 9


def test_a_copy_gets_the_next_free_number_after_the_original() -> None:
    data = _strategy([(1, 1), (1, 2), (1, 5), (2, 3)])
    new, twin = duplicate_numbered_row(data, ("activities",), "a1", StrategyActivity)
    copy = next(r for r in new["activities"] if r["id"] == twin)
    assert copy["no"] == 3  # 3 is free in phase 1 (phase 2's 3 does not count)
    assert [r["id"] for r in new["activities"]].index(twin) == 2  # right below the original


def test_duplicate_numbers_are_found_per_group() -> None:
    model = EngagementStrategy.model_validate(_strategy([(1, 1), (1, 1), (2, 1), (2, 2)]))
    found = list(duplicate_numbers(model))
    assert found == [
        (
            ("activities", 1, "no"),
            "number 1 is used twice in activities, phase 1 (rows 1 and 2): give one of them "
            "the next free number",
        )
    ]


@given(
    existing=st.lists(st.tuples(st.integers(1, 3), st.integers(1, 9)), max_size=12),
    added=st.lists(st.integers(1, 3), min_size=1, max_size=6),
)
def test_added_rows_never_repeat_a_number_of_their_phase(
    existing: list[tuple[int, int]], added: list[int]
) -> None:
    data = _strategy(existing)
    for index, phase in enumerate(added):
        before = [r["no"] for r in data["activities"] if r["phase"] == phase]
        row = {"id": f"n{index}", "phase": phase, "name": "new"}
        data = add_numbered_row(data, ("activities",), row, StrategyActivity)
        assert data["activities"][-1]["no"] == max(before, default=0) + 1


def test_validate_warns_about_duplicate_numbers(demo_copy: Path) -> None:
    rel = f"{BASE}/risks.toml"
    path = demo_copy / rel
    text = path.read_text()
    path.write_text(text.replace("no = 2", "no = 1", 1))
    found = [f for f in validate_repository(demo_copy) if f.path == rel]
    assert [f.severity for f in found] == ["warning"]
    assert found[0].message.startswith("number 1 is used twice in risks (rows 1 and 2)")
    assert text.splitlines()[found[0].line - 1].startswith("no = ")


def test_rows_written_without_numbers_are_no_duplicates() -> None:
    """A hand-written file without `no` is not flagged: every such row defaults to 1."""
    rows = [{"id": f"a{i}", "phase": 1, "name": "x"} for i in range(3)]
    model = EngagementStrategy.model_validate({"format_version": 1, "activities": rows})
    assert list(duplicate_numbers(model)) == []
