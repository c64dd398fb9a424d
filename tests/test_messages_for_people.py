"""Messages for people: numbers and dates as people type them, refusals in words.

Number parsing is checked by round trips (any number written with thousands grouped the
ways people group them reads back as itself) and by the ambiguous cases it must refuse
rather than guess; dates say why they do not exist; a refused change names the row and
the field by their labels, never a path like `activities[0].planned_end`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from pcsm_tui.models.adoption import AdoptionActivities
from pcsm_tui.models.fields import BadValue, FieldSpec, field_specs, main_specs, parse_value
from pcsm_tui.models.naming import row_id, slug_id
from pcsm_tui.models.onboarding import ActivityLog, TrackedTask
from pcsm_tui.models.preparation import EngagementStrategy as Strategy
from pcsm_tui.models.typed import NotANumber, format_grouped, parse_date, parse_number
from pcsm_tui.store.wording import explain_for_people

GROUPINGS = [",", " ", "\u00a0", "'"]


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from(GROUPINGS))
def test_whole_numbers_grouped_by_thousands_read_back(value: int, separator: str) -> None:
    text = format_grouped(value, separator)
    assert parse_number(text, whole=True) == value
    assert parse_number(str(value), whole=True) == value


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([(",", "."), (" ", "."), (".", ","), (" ", ",")]),
)
def test_decimals_with_grouped_thousands_read_back(
    whole: int, cents: int, marks: tuple[str, str]
) -> None:
    grouping, decimal = marks
    text = format_grouped(whole, grouping) + f"{decimal}{cents:02d}"
    if whole < 1000 and decimal == ",":
        return  # 12,50 has no grouping to tell a decimal comma: refused, see below
    assert parse_number(text, whole=False) == pytest.approx(whole + cents / 100)


@pytest.mark.parametrize(
    ("text", "whole", "expected"),
    [
        ("48,000", True, 48000),
        ("48 000", True, 48000),
        ("48.000,50", False, 48000.5),
        ("48 000,50", False, 48000.5),
        ("1,234.5", False, 1234.5),
        ("1.234.567", True, 1234567),
        ("-500", True, -500),
        ("0.125", False, 0.125),
        (" 7 ", True, 7),
    ],
)
def test_numbers_people_write(text: str, whole: bool, expected: float) -> None:
    assert parse_number(text, whole) == expected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("1,5", "'1,5' is ambiguous: write decimals with a dot (1.5)"),
        ("48.000", "'48.000' is ambiguous"),  # 48 or 48,000? not guessed
        ("12,34,567", "'12,34,567' is not a whole number"),
        ("1,0000", "'1,0000' is ambiguous"),
        ("abc", "'abc' is not a whole number"),
        ("2.5", "'2.5' is not a whole number; leave out the fraction"),
        ("", "nothing was typed; type a whole number"),
    ],
)
def test_numbers_refused_with_a_sentence(text: str, said: str) -> None:
    with pytest.raises(NotANumber) as refused:
        parse_number(text, whole=True)
    assert said in str(refused.value)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2027-02-30", "2027-02-30: February 2027 has 28 days"),
        ("2028-02-30", "2028-02-30: February 2028 has 29 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13 (months are 01 to 12)"),
        ("30/02/2027", "'30/02/2027' is not a date; write it YYYY-MM-DD"),
    ],
)
def test_invalid_dates_say_why(text: str, said: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_date(text)
    assert said in str(refused.value)


@given(st.dates())
def test_every_date_reads_back(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day


def spec(model: type[BaseModel], name: str) -> FieldSpec:
    return next(s for s in field_specs(model) if s.name == name)


def test_field_messages_name_the_range_in_words() -> None:
    """`-500 is outside 0-` read as broken: the range is said in words."""
    hours = spec(TrackedTask, "time_spent")
    with pytest.raises(BadValue) as refused:
        parse_value(hours, "-500")
    assert str(refused.value) == (
        "Time spent: -500 is outside the allowed range; it takes from 0 to 10,000"
    )
    rating = spec(TrackedTask, "success_rating")
    assert parse_value(rating, "") is None
    with pytest.raises(BadValue) as refused:
        parse_value(rating, "eleven")
    assert str(refused.value) == (
        "Success rating: 'eleven' is not a whole number; it takes from 0 to 10"
    )
    number = spec(TrackedTask, "no")
    with pytest.raises(BadValue) as refused:
        parse_value(number, "")
    assert str(refused.value) == "No.: nothing was typed; type a whole number 1 or more"
    assert parse_value(hours, "1,250") == 1250
    with pytest.raises(BadValue) as refused:
        parse_value(spec(TrackedTask, "date"), "2027-02-30")
    assert str(refused.value) == "Date: 2027-02-30: February 2027 has 28 days"


def refusal(model: type[BaseModel], data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        model.model_validate(data)
    return refused.value


def test_a_refused_change_names_the_row_and_the_field() -> None:
    data = {
        "activities": [
            {
                "id": "a1",
                "phase": 1,
                "name": "Kick-off",
                "planned_start": "2026-03-01",
                "planned_end": "2026-01-02",
            }
        ]
    }
    said = explain_for_people(refusal(Strategy, data), Strategy, data)
    assert said == (
        "Activity 1 “Kick-off”: planned end 2026-01-02 is before planned start 2026-03-01"
    )
    log = {"tasks": [{"id": "t", "description": "Call", "time_spent": -3}]}
    said = explain_for_people(refusal(ActivityLog, log), ActivityLog, log)
    assert said == (
        "Task 1: Time spent: -3 is outside the allowed range; it takes from 0 to 10,000"
    )


def test_a_row_named_by_a_reference_is_named_through_its_names() -> None:
    data: dict[str, Any] = {"activities": [{"id": "x", "group": "Field sales team"}]}
    said = explain_for_people(refusal(AdoptionActivities, data), AdoptionActivities, data)
    assert said.startswith("Activity 1 “Field sales team”: Group: 'Field sales team' cannot be")
    data = {"activities": [{"id": "x", "group": "ig-1", "training": 3}]}
    said = explain_for_people(
        refusal(AdoptionActivities, data), AdoptionActivities, data, {"ig-1": "Planners"}
    )
    assert said.startswith("Activity 1 “Planners”: Training:")
    assert "ig-1" not in said


def test_ids_made_for_names() -> None:
    assert slug_id("Field sales team", [], "group") == "field-sales-team"
    assert slug_id("Field sales team", ["field-sales-team"], "group") == "field-sales-team-2"
    assert slug_id("Équipe R&D (Nord)", [], "group") == "equipe-r-d-nord"
    assert slug_id("営業", [], "group") == "group"
    assert slug_id("Øresund logistikk", [], "group") == "oresund-logistikk"
    person = row_id("Ana Ruiz", [], "stakeholder", personal=True)
    assert person.startswith("stakeholder-") and "ana" not in person


@given(st.text(max_size=80), st.lists(st.text(max_size=10), max_size=5))
def test_made_ids_are_always_valid_and_new(name: str, existing: list[str]) -> None:
    import re

    from pcsm_tui.models.base import ROW_ID_PATTERN

    made = slug_id(name, existing, "group")
    assert re.fullmatch(ROW_ID_PATTERN, made)
    assert made not in existing


def test_main_fields_come_from_the_model() -> None:
    """Required fields plus the first others, in the model's order; no row number."""
    assert [s.name for s in main_specs(TrackedTask)] == [
        "date",
        "description",
        "rapae",
        "time_spent",
    ]
    from pcsm_tui.models.adoption import AdoptionActivity

    assert [s.name for s in main_specs(AdoptionActivity)] == [
        "group",
        "communication",
        "training",
        "support",
    ]
