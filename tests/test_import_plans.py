"""Project and rollout plans found by content go into the engagement strategy's roadmap.

The corpus (tests/corpus_plans.py) holds plans in four languages with the exact activities
expected after the import; the other tests pin what the preview says, that a plan adds to
the roadmap without dropping what it does not name, and that a phase the framework does not
have is reported rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.framework import default_framework
from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.detect.plan import split_range
from pcsm_tui.io.detect.vocab import vocabulary
from pcsm_tui.io.plan_rows import phase_of
from pcsm_tui.io.xlsx_import import ImportRefused, apply_import, plan_import
from pcsm_tui.models.preparation import EngagementStrategy
from pcsm_tui.store.repository import Repository

from .corpus import book, put_rows
from .corpus_plans import PLANS
from .helpers import toml_digests as _files

KEYS = ["phase", "no", "name", "planned_start", "planned_end", "completed", "description"]


def _activities(repo: Repository) -> list[dict[str, Any]]:
    data = load_engagement(repo, "acme")
    strategy = data.get(data.rel("strategy.toml"), EngagementStrategy)
    rows = [a.model_dump(mode="json") for a in strategy.activities]
    return [{k: row[k] for k in KEYS} for row in rows]


def _import(repo: Repository, path: Path) -> list[str]:
    plan = plan_import(repo, path, "acme")
    lines = plan.preview_lines() + plan.report_lines()
    assert plan.clean, "\n".join(lines)
    apply_import(repo, plan)
    return lines


@pytest.mark.parametrize(("name", "make", "language", "expected"), PLANS, ids=[p[0] for p in PLANS])
def test_plan_corpus_imports_exactly_the_expected_activities(
    repo: Repository,
    tmp_path: Path,
    name: str,
    make: Callable[[Path], None],
    language: str,
    expected: list[dict[str, Any]],
) -> None:
    path = tmp_path / name
    make(path)
    _import(repo, path)
    assert _activities(repo) == expected


def test_the_preview_says_where_the_phases_come_from_and_that_a_plan_adds(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "plan.xlsx"
    PLANS[0][1](path)
    before = _files(repo.root)
    plan = plan_import(repo, path, "acme")
    lines = plan.preview_lines()
    assert _files(repo.root) == before
    assert any("plan or roadmap -> strategy" in line for line in lines), lines
    assert "  value: phase: from the section bands ('FASE 1', 'FASE 2')" in lines
    assert "  value: dates: a range in one cell split into start and end" in lines
    assert (
        "plan: adds to and updates the strategy's activities (by name within a phase); "
        "the stored activities it does not name stay"
    ) in lines
    notes = [str(p) for p in plan.report.notes]
    assert any("'Responsable'" in n and "not recognised" in n for n in notes), notes


def test_a_plan_without_phases_goes_to_the_current_phase_and_says_so(
    repo: Repository, tmp_path: Path
) -> None:
    made, sheet = book("Roadmap")
    put_rows(
        sheet,
        2,
        [
            ["Task", "Start date", "End date"],
            ["Kick-off", dt.date(2026, 1, 5), dt.date(2026, 1, 6)],
            ["Pilot", dt.date(2026, 2, 1), dt.date(2026, 3, 1)],
        ],
    )
    path = tmp_path / "roadmap.xlsx"
    made.save(path)
    lines = _import(repo, path)
    assert (
        "plan: 2 row(s) name no phase; they go to the engagement's current phase, "
        "1 Preparation" in lines
    ), lines
    assert [(a["phase"], a["name"]) for a in _activities(repo)] == [
        (1, "Kick-off"),
        (1, "Pilot"),
    ]


def test_a_plan_adds_to_and_updates_the_roadmap_and_keeps_what_it_does_not_name(
    repo: Repository, tmp_path: Path
) -> None:
    first = tmp_path / "rollout.xlsx"
    PLANS[1][1](first)
    _import(repo, first)
    data = load_engagement(repo, "acme")
    ids = [a.id for a in data.get(data.rel("strategy.toml"), EngagementStrategy).activities]
    made, sheet = book("Update")
    put_rows(
        sheet,
        1,
        [
            ["Phase", "Task", "Start", "End", "Status"],
            [1, "Kick-off", dt.date(2026, 1, 5), dt.date(2026, 1, 9), "Done"],
            [2, "Go-live", dt.date(2026, 3, 2), dt.date(2026, 3, 2), "Open"],
        ],
    )
    second = tmp_path / "update.xlsx"
    made.save(second)
    _import(repo, second)
    after = load_engagement(repo, "acme")
    activities = after.get(after.rel("strategy.toml"), EngagementStrategy).activities
    assert [(a.phase, a.no, a.name, a.planned_end) for a in activities] == [
        (1, 1, "Kick-off", dt.date(2026, 1, 9)),
        (1, 2, "Success plan", None),
        (2, 1, "Pilot with sales", dt.date(2026, 2, 27)),
        (2, 2, "Go-live", dt.date(2026, 3, 2)),
    ]
    assert [a.id for a in activities][:3] == ids


def test_a_phase_the_framework_does_not_have_is_reported_not_guessed(
    repo: Repository, tmp_path: Path
) -> None:
    made, sheet = book("Plan")
    put_rows(
        sheet,
        1,
        [
            ["Task", "Start", "End", "Status"],
            ["Phase 1", None, None, None],
            ["Kick-off", dt.date(2026, 1, 5), dt.date(2026, 1, 6), "Done"],
            ["Phase 9", None, None, None],
            ["Celebrate", dt.date(2026, 9, 1), dt.date(2026, 9, 1), "Open"],
        ],
    )
    path = tmp_path / "plan.xlsx"
    made.save(path)
    before = _files(repo.root)
    plan = plan_import(repo, path, "acme")
    errors = [str(p) for p in plan.report.errors]
    assert len(errors) == 1, errors
    assert errors[0].startswith("Plan!A5: 'Phase 9' is not a phase of this repository's framework")
    with pytest.raises(ImportRefused):
        apply_import(repo, plan)
    assert _files(repo.root) == before
    apply_import(repo, plan, skip_bad_cells=True)
    assert [(a["phase"], a["name"]) for a in _activities(repo)] == [(1, "Kick-off")]


def test_a_date_that_is_not_a_date_nor_a_duration_is_an_error_at_its_cell(
    repo: Repository, tmp_path: Path
) -> None:
    made, sheet = book("Plan")
    put_rows(
        sheet,
        1,
        [
            ["Task", "Start", "End"],
            ["Kick-off", "soon", dt.date(2026, 1, 6)],
            ["Pilot", dt.date(2026, 2, 1), dt.date(2026, 3, 1)],
        ],
    )
    path = tmp_path / "plan.xlsx"
    made.save(path)
    plan = plan_import(repo, path, "acme")
    assert [str(p) for p in plan.report.errors] == [
        "Plan!B2: 'soon' is not a date (use YYYY-MM-DD)"
    ]


def test_an_unmerged_band_with_a_phase_number_is_a_band_not_an_activity(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "rollout.xlsx"
    PLANS[1][1](path)
    plan = plan_import(repo, path, "acme")
    lines = plan.preview_lines()
    assert "  value: phase: from the section bands ('Project Phase 1', 'Phase 2: Pilot')" in lines
    notes = [str(p) for p in plan.report.notes]
    assert "Rollout plan!7: skipped: section band 'Phase 2: Pilot'" in notes, notes
    assert "Rollout plan!C6: '2-3 days' is a duration, not a date; kept in the description" in notes


_BANDS = vocabulary().band_words


@given(
    number=st.integers(min_value=1, max_value=99),
    word=st.sampled_from(["Phase", "FASE", "Project Phase", "Etapa", "Этап", "フェーズ"]),
    tail=st.sampled_from(["", ": Pilot", " – Go-live", " (Q1 2026)"]),
)
def test_a_band_names_its_phase_by_number_only_when_the_framework_has_it(
    number: int, word: str, tail: str
) -> None:
    framework = default_framework()
    found = phase_of(f"{word} {number}{tail}", framework, _BANDS)
    assert found == (number if framework.has_phase(number) else None)


@given(st.sampled_from(["Q1 2026", "Sprint 3", "Wave 2", "Pilot", "2026"]))
def test_a_number_without_a_band_word_names_no_phase(text: str) -> None:
    assert phase_of(text, default_framework(), _BANDS) is None


@given(st.dates(), st.dates(), st.sampled_from([" - ", " – ", " to ", "-"]))
def test_a_range_of_dates_in_one_cell_splits_into_its_two_ends(
    first: dt.date, last: dt.date, joiner: str
) -> None:
    text = f"{first:%d.%m.%Y}{joiner}{last:%d.%m.%Y}"
    assert split_range(text) == (f"{first:%d.%m.%Y}", f"{last:%d.%m.%Y}")
    assert split_range(f"{first:%d.%m.%Y}") is None
