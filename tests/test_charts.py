"""Chart data of the stakeholder suite (issue 4), headless: no terminal, no plotext.

Models are read from sample_repo/ with tomllib + model_validate, or built here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcsm_tui.analysis.charts import (
    Canvas,
    LabelLayout,
    LabelRequest,
    accept,
    compare_months,
    cpd_focus,
    engagement_roadmap,
    evaluation_history,
    matrix_chart,
    matrix_movement,
    months_movement,
    pending,
    place_labels,
    risk_band,
    risk_grid,
    spider_chart,
    stakeholder_matrix,
    suggest_strategies,
    support_class,
)
from pcsm_tui.analysis.stakeholder_matrix import middle_cut
from pcsm_tui.analysis.suggestions import strategy_labels
from pcsm_tui.analysis.support import format_support, normalized_support
from pcsm_tui.framework import default_framework
from pcsm_tui.framework.definition import StrategyRules
from pcsm_tui.models.adoption import Risk, Risks
from pcsm_tui.models.commitment import StakeholderPlanMonth
from pcsm_tui.models.engagement import Register
from pcsm_tui.models.people import PersonalEvaluation, PersonalEvaluations
from pcsm_tui.models.preparation import EngagementStrategy
from pcsm_tui.models.scales import Scale

from .conftest import scaled

SAMPLE = Path(__file__).resolve().parent.parent / "sample_repo"
NORTHWIND = SAMPLE / "engagements" / "northwind-emea"
TEN = Scale(0, 10)
PLUS_MINUS = Scale(-5, 5)
RULES = StrategyRules()
AREAS = default_framework().evaluation_areas


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _month(data: dict[str, Any], scale: Scale = TEN) -> StakeholderPlanMonth:
    return StakeholderPlanMonth.model_validate(data, context={"scales": {"support": scale}})


def sample_month(name: str) -> StakeholderPlanMonth:
    return _month(_toml(NORTHWIND / "stakeholder-plan" / f"{name}.toml"))


def sample_register() -> Register:
    return Register.model_validate(_toml(NORTHWIND / "stakeholders.toml"))


def assert_readable(layout: LabelLayout, requests: list[LabelRequest], gap: int = 1) -> None:
    """No two label rectangles overlap (nor touch: `gap` blank cells), none covers a point,
    all lie inside the canvas, and every request is either placed or reported hidden."""
    canvas = layout.canvas
    points = {(canvas.column(r.x), canvas.row(r.y)) for r in requests}
    for label in layout.labels:
        assert label.column >= 0 and label.end_column < canvas.width, label
        assert 0 <= label.row < canvas.height, label
        assert not any(label.covers(c, r) for c, r in points), label
        assert label.text in next(r.texts for r in requests if r.key == label.key)
    for a, b in itertools.combinations(layout.labels, 2):
        assert not a.overlaps(b), (a, b)
        if a.row == b.row:
            assert a.end_column + gap < b.column or b.end_column + gap < a.column, (a, b)
    placed = {lab.key for lab in layout.labels}
    assert placed.isdisjoint(layout.hidden)
    assert placed | set(layout.hidden) == {r.key for r in requests}


# --- label placement ----------------------------------------------------------------------


def test_canvas_maps_like_plotext_and_back() -> None:
    canvas = Canvas(81, 21)
    assert canvas.column(0) == 0 and canvas.column(10) == 80 and canvas.column(5) == 40
    assert canvas.row(0) == 0 and canvas.row(10) == 20
    for column in range(81):
        assert canvas.column(canvas.x_of(column)) == column
    for row in range(21):
        assert canvas.row(canvas.y_of(row)) == row


def test_a_lone_label_sits_right_of_its_point() -> None:
    canvas = Canvas(81, 21)
    layout = place_labels([LabelRequest("cfo", 5, 5, ("CFO (7)",))], canvas)
    (label,) = layout.labels
    assert (label.column, label.row) == (42, 10)
    assert label.offset == (2, 0)
    assert not label.leader
    assert (label.x, label.y) == (canvas.x_of(42), 5.0)


def test_a_label_at_the_right_edge_goes_left() -> None:
    canvas = Canvas(81, 21)
    (label,) = place_labels([LabelRequest("cfo", 10, 5, ("CFO (7)",))], canvas).labels
    assert label.end_column == 78  # one blank cell before the point at column 80
    assert label.offset == (-8, 0)


def test_stacked_points_get_stacked_labels_above_and_below() -> None:
    requests = [LabelRequest(f"s{i}", 5, 5, (f"Person {i} (5)",)) for i in range(5)]
    layout = place_labels(requests, Canvas(81, 21))
    assert_readable(layout, requests)
    rows = sorted(lab.row for lab in layout.labels)
    assert rows[0] >= 8 and rows[-1] <= 12  # within two rows of the point
    assert not layout.hidden


def _twenty_on(points: list[tuple[int, int]]) -> list[LabelRequest]:
    roles = [
        "CFO", "CIO", "HR Manager", "Head of Security", "SPL", "VP Global Operations",
        "Network Management Team", "EMEA Director of Finance", "EMEA Director of IT Systems",
        "Operations Management Team", "VP Sales", "Director of R&D", "Production Director",
        "Distribution Director", "Service Managers", "Tech Support", "Legal Counsel",
        "Procurement", "Works Council", "CEO",
    ]  # fmt: skip
    return [
        LabelRequest(f"s{i}", *points[i % len(points)], (f"{role} ({i % 11})", f"{role[:7]}…"))
        for i, role in enumerate(roles)
    ]


@pytest.mark.parametrize(("width", "height"), [(60, 20), (80, 24), (110, 34)])
def test_twenty_stakeholders_on_four_points_never_overlap(width: int, height: int) -> None:
    requests = _twenty_on([(7, 8), (7, 8), (3, 2), (5, 5), (6, 8)])
    layout = place_labels(requests, Canvas(width, height))
    assert_readable(layout, requests)
    assert not layout.hidden
    assert len(layout.labels) == 20


def test_twenty_stakeholders_on_one_point() -> None:
    requests = _twenty_on([(5, 5)])
    layout = place_labels(requests, Canvas(80, 24))
    assert_readable(layout, requests)
    assert not layout.hidden
    far = [lab for lab in layout.labels if lab.leader]
    for label in far:  # a leader runs to the label's cell nearest the point
        assert label.leader_y == label.y
        assert label.x <= label.leader_x <= Canvas(80, 24).x_of(label.end_column)


def test_a_tiny_plot_hides_labels_rather_than_overlap_them() -> None:
    requests = _twenty_on([(5, 5), (6, 6)])
    layout = place_labels(requests, Canvas(24, 5))
    assert_readable(layout, requests)
    assert layout.hidden  # not all twenty fit in 24 x 5 cells
    assert layout.label_for(layout.hidden[0]) is None


def test_crowded_labels_fall_back_to_shorter_text() -> None:
    requests = _twenty_on([(5, 5), (6, 6)])
    layout = place_labels(requests, Canvas(40, 12))
    assert_readable(layout, requests)
    assert any(lab.text.endswith("…") for lab in layout.labels)


@settings(max_examples=scaled(60))
@given(
    seed=st.integers(0, 10_000),
    count=st.integers(1, 20),
    clusters=st.integers(1, 6),
    width=st.integers(30, 140),
    height=st.integers(8, 45),
)
def test_random_clusters_never_overlap(
    seed: int, count: int, clusters: int, width: int, height: int
) -> None:
    rng = random.Random(seed)
    spots = [(rng.randint(0, 10), rng.randint(0, 10)) for _ in range(clusters)]
    requests = [
        LabelRequest(f"k{i}", *rng.choice(spots), ("x" * rng.randint(3, 24), "y" * 4))
        for i in range(count)
    ]
    assert_readable(place_labels(requests, Canvas(width, height)), requests)


# --- stakeholder matrix -------------------------------------------------------------------


def test_matrix_points_from_the_sample_month() -> None:
    matrix = stakeholder_matrix(sample_register(), sample_month("2026-05"), TEN)
    assert len(matrix.points) == 9
    assert [p.stakeholder for p in matrix.points][:3] == [
        "cfo",
        "emea-finance-director",
        "emea-operations-director",
    ]  # register order
    cfo = matrix.point("cfo")
    assert cfo is not None
    assert (cfo.x, cfo.y, cfo.support) == (6.0, 8.0, 7)
    assert cfo.label == "CFO (7)"
    assert cfo.strategies == ("A",)
    assert cfo.support_class == "high"
    spl = matrix.point("emea-operations-director")
    assert spl is not None
    assert spl.label == "SPL (9)"  # the parenthesis of "SPL (EMEA Director of Operations)"
    assert spl.strategies == ("A", "D")
    security = matrix.point("head-of-security")
    assert security is not None and security.support_class == "low"
    hr = matrix.point("hr-manager")
    assert hr is not None and hr.support_class == "neutral"
    assert matrix.point("cio") is None  # not a key stakeholder
    groups = {g.label: g.members for g in matrix.groups}
    assert groups["B"] == ("hr-manager", "head-of-security")
    assert groups["D"] == ("emea-operations-director", "network-management-team")
    assert (matrix.midpoint, matrix.x_range, matrix.y_range) == (5.0, (0.0, 10.0), (0.0, 10.0))
    assert matrix.unassessed == () and matrix.not_shown == ()


def test_unassessed_and_non_key_stakeholders_are_reported() -> None:
    data = _toml(NORTHWIND / "stakeholder-plan" / "2026-05.toml")
    data["assessments"] = [a for a in data["assessments"] if a["stakeholder"] != "cfo"]
    data["assessments"].append(
        {"id": "cio", "stakeholder": "cio", "authority": 9, "interest": 3, "support": 5}
    )
    matrix = stakeholder_matrix(sample_register(), _month(data), TEN)
    assert matrix.unassessed == ("cfo",)
    assert matrix.not_shown == ("cio",)
    assert matrix.point("cfo") is None


def test_labels_of_the_sample_matrix_are_readable() -> None:
    matrix = stakeholder_matrix(sample_register(), sample_month("2026-10"), TEN)
    layout = matrix.layout(80, 24)
    assert_readable(layout, list(matrix.label_requests()))
    assert not layout.hidden
    texts = {lab.key: lab.text for lab in layout.labels}
    assert texts["cfo"] == "CFO (8)"
    assert texts["emea-finance-director"] == "EMEA Director of Finance (8)"


def test_fallback_names_keep_both_ends_apart() -> None:
    assert middle_cut("EMEA Director of Finance", 16) == "EMEA Dir…Finance"
    assert middle_cut("EMEA Director of IT Systems", 16) == "EMEA Dir…Systems"
    assert middle_cut("CFO", 16) == "CFO"


def test_support_on_both_scales() -> None:
    assert [support_class(v, TEN) for v in (0, 3, 4, 5, 6, 7, 10)] == [
        "low", "low", "neutral", "neutral", "neutral", "high", "high",
    ]  # fmt: skip
    assert [support_class(v, PLUS_MINUS) for v in (-5, -2, -1, 0, 1, 2, 5)] == [
        "low", "low", "neutral", "neutral", "neutral", "high", "high",
    ]  # fmt: skip
    assert normalized_support(-5, PLUS_MINUS) == 0 and normalized_support(3, PLUS_MINUS) == 8
    assert [format_support(v, PLUS_MINUS) for v in (-2, 0, 3)] == ["-2", "0", "+3"]
    assert format_support(3, TEN) == "3"


def test_matrix_on_the_plus_minus_scale_labels_signed_support() -> None:
    data = _toml(NORTHWIND / "stakeholder-plan" / "2026-05.toml")
    for assessment in data["assessments"]:
        assessment["support"] -= 5
    matrix = stakeholder_matrix(sample_register(), _month(data, PLUS_MINUS), PLUS_MINUS)
    cfo = matrix.point("cfo")
    assert cfo is not None and cfo.label == "CFO (+2)" and cfo.support_normalized == 7


# --- movement -----------------------------------------------------------------------------


def test_movement_from_month_one_to_month_six() -> None:
    movement = months_movement(
        sample_register(), sample_month("2026-05"), sample_month("2026-10"), TEN
    )
    assert len(movement.moves) == 9 and not movement.appeared and not movement.left
    security = movement.of("head-of-security")
    assert security is not None
    assert security.start == (3.0, 7.0) and security.end == (4.0, 6.0)
    assert (security.delta_interest, security.delta_authority, security.delta_support) == (1, -1, 5)
    assert security.strategies_removed == ("B",) and security.strategies_added == ("C",)
    spl = movement.of("emea-operations-director")
    assert spl is not None and spl.start == (8.0, 6.0) and spl.end == (8.0, 7.0)
    network = movement.of("network-management-team")
    assert network is not None and network.moved and network.delta_support == 0


def test_stakeholders_who_appear_or_leave() -> None:
    register = sample_register()
    earlier = _toml(NORTHWIND / "stakeholder-plan" / "2026-09.toml")
    later = _toml(NORTHWIND / "stakeholder-plan" / "2026-10.toml")
    earlier["assessments"] = [a for a in earlier["assessments"] if a["stakeholder"] != "cfo"]
    later["assessments"] = [a for a in later["assessments"] if a["stakeholder"] != "hr-manager"]
    movement = matrix_movement(
        stakeholder_matrix(register, _month(earlier), TEN),
        stakeholder_matrix(register, _month(later), TEN),
    )
    assert [p.stakeholder for p in movement.appeared] == ["cfo"]
    assert [p.stakeholder for p in movement.left] == ["hr-manager"]
    assert movement.of("cfo") is None and len(movement.moves) == 7
    unchanged = movement.of("emea-operations-director")
    assert unchanged is not None and not unchanged.changed
    assert {m.stakeholder for m in movement.changed} == {
        "emea-finance-director",
        "vp-global-operations",
        "head-of-security",
    }


# --- month comparison ---------------------------------------------------------------------


def test_compare_two_sample_months_field_by_field() -> None:
    comparison = compare_months(sample_month("2026-09"), sample_month("2026-10"))
    assert comparison.changed
    rows = {d.key: d for d in comparison.rows}
    # The row renamed from b-head-of-security is matched by its stakeholder.
    security = rows["c-head-of-security"]
    assert security.status == "changed"
    assert {"id", "strategy", "notes", "category"} <= security.changed_fields
    before = security.before
    assert before is not None and before.id == "b-head-of-security"
    assert "b-head-of-security" not in rows
    assert rows["a-cfo"].changed_fields == {"notes", "current_situation"}
    assert rows["a-operations-management-team"].status == "same"
    figures = {d.key: d for d in comparison.assessments}
    assert figures["head-of-security"].changed_fields == {"authority", "interest"}
    change = next(c for c in figures["hr-manager"].changes if c.field == "support")
    assert (change.before, change.after) == (7, 8)
    assert all(d.status == "same" for d in comparison.strategies)
    per_person = {c.stakeholder: c for c in comparison.by_stakeholder()}
    assert per_person["head-of-security"].changed
    spl = per_person["emea-operations-director"]
    assert spl.changed and [d.status for d in spl.rows] == ["same", "changed"]
    assert not per_person["operations-management-team"].changed
    assert len(per_person) == 9


def test_compare_reports_added_and_removed_rows() -> None:
    earlier = _toml(NORTHWIND / "stakeholder-plan" / "2026-05.toml")
    later = _toml(NORTHWIND / "stakeholder-plan" / "2026-05.toml")
    later["rows"] = [r for r in later["rows"] if r["id"] != "d-spl"]
    later["rows"].append({"id": "a-cfo-2", "strategy": "A", "stakeholder": "vp-global-operations"})
    later["strategies"].append({"id": "E", "title": "New"})
    comparison = compare_months(_month(earlier), _month(later))
    status = {d.key: d.status for d in comparison.rows}
    # d-spl is gone; a-cfo-2 names a stakeholder whose only row still exists: no pairing.
    assert status["d-spl"] == "removed" and status["a-cfo-2"] == "added"
    assert {d.key: d.status for d in comparison.strategies}["E"] == "added"
    assert not compare_months(_month(earlier), _month(earlier)).changed


# --- suggestions --------------------------------------------------------------------------


def _suggested(month: StakeholderPlanMonth, scale: Scale) -> set[tuple[str, str]]:
    matrix = stakeholder_matrix(sample_register(), month, scale)
    return {(s.stakeholder, s.rule) for s in suggest_strategies(matrix, month, RULES)}


def test_suggestions_on_the_sample_month() -> None:
    month = sample_month("2026-05")
    matrix = stakeholder_matrix(sample_register(), month, TEN)
    suggestions = suggest_strategies(matrix, month, RULES)
    by = {(s.stakeholder, s.rule): s for s in suggestions}
    hr = by["hr-manager", "reduce-influence"]
    assert hr.strategy == "B" and hr.applied
    assert hr.reason == "authority 7 ≥ 6, interest 2 ≤ 5, support 5 ≤ 5"
    assert by["head-of-security", "reduce-influence"].applied
    assert by["network-management-team", "evangelist"].strategy == "D"
    assert by["network-management-team", "monitor-inform"].applied
    # The seeds' example: the SPL (6/8, support 9) is worked with closely and an evangelist.
    spl = by["emea-operations-director", "manage-closely"]
    assert spl.strategy == "A" and spl.applied and spl.current == ("A", "D")
    assert ("emea-operations-director", "monitor-inform") not in by
    assert by["cfo", "manage-closely"].applied  # authority 8, interest 6
    assert pending(suggestions) == ()  # the example month follows every rule
    later = sample_month("2026-10")
    later_suggestions = suggest_strategies(
        stakeholder_matrix(sample_register(), later, TEN), later, RULES
    )
    hr_closer = next(
        s for s in later_suggestions if s.stakeholder == "hr-manager" and s.rule == "manage-closely"
    )
    still_open = pending(later_suggestions)
    assert hr_closer in still_open and not hr_closer.applied
    assert hr_closer not in pending(later_suggestions, frozenset({hr_closer.key}))


def test_suggestions_agree_on_both_support_scales() -> None:
    for name in ("2026-05", "2026-08", "2026-10"):
        data = _toml(NORTHWIND / "stakeholder-plan" / f"{name}.toml")
        on_ten = _suggested(_month(data), TEN)
        for assessment in data["assessments"]:
            assessment["support"] -= 5
        assert _suggested(_month(data, PLUS_MINUS), PLUS_MINUS) == on_ten


def _one(support: int, scale: Scale, authority: int = 8, interest: int = 2) -> set[str]:
    month = _month(
        {
            "strategies": [],
            "assessments": [
                {
                    "id": "x",
                    "stakeholder": "cfo",
                    "authority": authority,
                    "interest": interest,
                    "support": support,
                }
            ],
        },
        scale,
    )
    matrix = stakeholder_matrix(sample_register(), month, scale)
    return {s.rule for s in suggest_strategies(matrix, month, RULES)}


def test_support_thresholds_on_the_plus_minus_scale() -> None:
    # high_support 8 on 0..10 is +3 on -5..+5; low_support 5 is 0.
    assert "evangelist" in _one(3, PLUS_MINUS) and "evangelist" not in _one(2, PLUS_MINUS)
    assert "evangelist" in _one(8, TEN) and "evangelist" not in _one(7, TEN)
    assert "reduce-influence" in _one(0, PLUS_MINUS)
    assert "reduce-influence" not in _one(1, PLUS_MINUS)
    assert "reduce-influence" in _one(5, TEN) and "reduce-influence" not in _one(6, TEN)
    assert _one(0, TEN, authority=7, interest=7) == {"manage-closely"}
    assert _one(5, TEN, authority=6, interest=9) == {"manage-closely"}
    assert _one(5, TEN, authority=5, interest=9) == {"monitor-inform"}


def test_reason_shows_thresholds_on_the_repository_scale() -> None:
    month = _month(
        {
            "strategies": [],
            "assessments": [
                {"id": "x", "stakeholder": "cfo", "authority": 8, "interest": 1, "support": -4}
            ],
        },
        PLUS_MINUS,
    )
    matrix = stakeholder_matrix(sample_register(), month, PLUS_MINUS)
    (suggestion,) = suggest_strategies(matrix, month, RULES)
    assert suggestion.reason.endswith("support -4 ≤ 0")
    assert suggestion.strategy is None and not suggestion.applied


def test_strategy_labels_are_read_from_titles() -> None:
    month = sample_month("2026-05")
    assert strategy_labels(month) == {
        "manage-closely": "A",
        "reduce-influence": "B",
        "monitor-inform": "C",
        "evangelist": "D",
    }
    data = _toml(NORTHWIND / "stakeholder-plan" / "2026-05.toml")
    data["strategies"][0]["title"] = "Quarterly lunch"
    assert "manage-closely" not in strategy_labels(_month(data))


def test_accepting_a_suggestion_builds_the_plan_row() -> None:
    month = sample_month("2026-05")
    matrix = stakeholder_matrix(sample_register(), month, TEN)
    month = sample_month("2026-10")
    matrix = stakeholder_matrix(sample_register(), month, TEN)
    hr = next(
        s
        for s in suggest_strategies(matrix, month, RULES)
        if s.stakeholder == "hr-manager" and s.rule == "manage-closely"
    )
    accepted = accept(hr, month)
    assert accepted.strategy is None
    assert (accepted.row.id, accepted.row.strategy, accepted.row.stakeholder) == (
        "a-hr-manager",
        "A",
        "hr-manager",
    )
    empty = _month(
        {
            "strategies": [{"id": "D", "title": "Something else"}],
            "assessments": [
                {"id": "x", "stakeholder": "cfo", "authority": 8, "interest": 8, "support": 9}
            ],
        }
    )
    suggestions = suggest_strategies(
        stakeholder_matrix(sample_register(), empty, TEN), empty, RULES
    )
    evangelist = next(s for s in suggestions if s.rule == "evangelist")
    added = accept(evangelist, empty)
    assert added.strategy is not None and added.strategy.id == "E"  # D is taken
    assert added.strategy.title == "Use them as evangelists"
    assert added.row.strategy == "E" and added.row.id == "e-cfo"


# --- matrix chart (one redraw) ------------------------------------------------------------


def test_matrix_chart_bundles_one_redraw() -> None:
    chart = matrix_chart(
        sample_register(),
        sample_month("2026-10"),
        TEN,
        RULES,
        100,
        30,
        earlier=sample_month("2026-05"),
    )
    assert len(chart.layout.labels) == len(chart.matrix.points) == 9
    assert chart.movement is not None and len(chart.movement.moves) == 9
    assert chart.suggestions
    canvas = chart.layout.canvas
    tails = {(canvas.column(m.start[0]), canvas.row(m.start[1])) for m in chart.movement.moves}
    for label in chart.layout.labels:  # the earlier positions stay visible
        assert not any(label.covers(c, r) for c, r in tails), label


# --- spider chart -------------------------------------------------------------------------


def _evaluation(scores: dict[str, int], day: int = 1, ident: str = "e") -> PersonalEvaluation:
    return PersonalEvaluation(id=ident, date=dt.date(2026, 1, day), scores=scores)


def test_all_tens_are_a_regular_octagon_of_radius_one() -> None:
    chart = spider_chart(_evaluation(dict.fromkeys("ABCDEFGH", 10)), AREAS)
    vertices = chart.primary.vertices
    assert len(vertices) == 8
    assert vertices[0] == (0.0, 1.0)  # first axis at the top
    assert vertices[2] == (1.0, 0.0)  # clockwise: the third axis points right
    assert vertices[4] == (0.0, -1.0) and vertices[6] == (-1.0, 0.0)
    half = math.sqrt(0.5)
    assert vertices[1] == pytest.approx((half, half))
    assert vertices[7] == pytest.approx((-half, half))
    for x, y in vertices:
        assert math.hypot(x, y) == pytest.approx(1.0)
    sides = [math.dist(a, b) for a, b in itertools.pairwise(chart.primary.closed)]
    assert sides == pytest.approx([2 * math.sin(math.pi / 8)] * 8)
    assert chart.ring(10) == vertices
    assert [axis.id for axis in chart.axes] == list("ABCDEFGH")
    assert chart.axes[0].name == "Time Management"
    assert chart.rings[0] == (0, 0.0) and chart.rings[-1] == (10, 1.0) and len(chart.rings) == 11
    assert chart.focus.areas == ()  # all equal: nothing stands out


def test_scores_set_the_radius_and_unrated_areas_sit_at_the_centre() -> None:
    scores = {"A": 5, "B": 10, "C": 0, "D": 3, "E": 5, "F": 5, "G": 5}
    chart = spider_chart(
        _evaluation(scores), AREAS, overlay=_evaluation(dict.fromkeys("ABCDEFGH", 5))
    )
    vertices = chart.primary.vertices
    assert vertices[0] == (0.0, 0.5)
    assert math.hypot(*vertices[1]) == pytest.approx(1.0)
    assert vertices[2] == (0.0, 0.0) and vertices[7] == (0.0, 0.0)
    assert chart.primary.scores[7] is None
    assert chart.overlay is not None
    assert all(math.hypot(x, y) == pytest.approx(0.5) for x, y in chart.overlay.vertices)
    assert chart.focus.areas == ("C", "D") and chart.focus.unrated == ("H",)


def _maria() -> PersonalEvaluations:
    return PersonalEvaluations.model_validate(
        _toml(SAMPLE / "people" / "maria-lopez" / "personal-evaluations.toml")
    )


def test_cpd_focus_handles_ties() -> None:
    first, _, last = _maria().evaluations
    # A=5 alone, then B, F, G tied at 6: calling four areas dilutes it; keep A, note the rest.
    focus = cpd_focus(first, AREAS)
    assert focus.areas == ("A",) and focus.also_low == ("B", "F", "G")
    # A, B, G tied at 7 as the two lowest: three areas, all called out.
    assert cpd_focus(last, AREAS).areas == ("A", "B", "G")
    assert cpd_focus(last, AREAS, count=1).areas == ("A", "B", "G")
    tie = _evaluation({"A": 2, "B": 2, "C": 2, "D": 2, "E": 9, "F": 9, "G": 9, "H": 9})
    assert cpd_focus(tie, AREAS).areas == ("A", "B", "C", "D")  # one tie, nothing below it
    assert cpd_focus(tie, AREAS).also_low == ()


def test_evaluations_over_time() -> None:
    evaluations = list(reversed(_maria().evaluations))
    history = evaluation_history(evaluations, AREAS)
    assert [e.date for e in history.evaluations] == sorted(e.date for e in evaluations)
    trends = {t.id: t for t in history.trends}
    assert trends["A"].scores == (5, 6, 7) and trends["A"].change == 2
    assert trends["A"].direction == "up" and trends["A"].last_change == 1
    assert trends["C"].direction == "flat"
    assert history.averages[0] == pytest.approx(54 / 8)
    assert history.previous("northwind-emea-2026-11-13") is history.evaluations[1]
    assert history.previous("2026-03-27") is None
    lonely = evaluation_history([_evaluation({"A": 4})], AREAS)
    assert lonely.trends[0].direction == "unknown" and lonely.trends[1].scores == (None,)


# --- risk view ----------------------------------------------------------------------------


def test_risk_grid_from_the_sample() -> None:
    risks = Risks.model_validate(_toml(NORTHWIND / "risks.toml"))
    grid = risk_grid(risks.risks, Scale(0, 5))
    assert grid.axis == (0, 1, 2, 3, 4, 5)
    top = grid.points[0]
    assert (top.id, top.likelihood, top.severity, top.score, top.band) == (
        "erp-delay",
        3,
        4,
        7,
        "high",
    )
    cells = {(c.likelihood, c.severity): c for c in grid.cells}
    assert cells[3, 4].risks == ("erp-delay", "low-early-usage") and cells[3, 4].text == "1,2"
    assert [p.score for p in grid.points] == sorted((p.score for p in grid.points), reverse=True)
    assert grid.band_of_cell(0, 0) == "low" and grid.band_of_cell(5, 5) == "high"


def test_risk_bands_relative_to_the_scale() -> None:
    assert [risk_band(s, Scale(0, 5)) for s in range(11)] == (
        ["low"] * 4 + ["medium"] * 3 + ["high"] * 4
    )
    assert [risk_band(s, Scale(1, 5)) for s in range(2, 11)] == (
        ["low"] * 3 + ["medium"] * 3 + ["high"] * 3
    )


def test_unrated_risks_are_listed_apart() -> None:
    risks = [
        Risk(id="a", no=1, name="Rated", likelihood=1, severity=1),
        Risk(id="b", no=2, name="Half", likelihood=4),
    ]
    grid = risk_grid(risks, Scale(0, 5))
    assert [p.id for p in grid.points] == ["a"] and [r.id for r in grid.unrated] == ["b"]
    assert grid.points[0].band == "low"


# --- roadmap ------------------------------------------------------------------------------


def _strategy() -> EngagementStrategy:
    return EngagementStrategy.model_validate(_toml(NORTHWIND / "strategy.toml"))


def test_roadmap_of_the_sample_with_a_frozen_today() -> None:
    phases = default_framework().phases
    roadmap = engagement_roadmap(_strategy(), dt.date(2026, 11, 26), phases)
    assert [b.activity.id for b in roadmap.late] == ["qbr"]
    bars = {b.activity.id: b for b in roadmap.bars}
    assert bars["personal-evaluation"].status == "in-progress"
    assert bars["case-study"].status == "planned"
    assert bars["handover"].status == "done"
    assert roadmap.phases[0].name == "Preparation" and roadmap.phases[0].number == 1
    assert roadmap.axis_start == dt.date(2026, 5, 4)
    assert roadmap.axis_end == dt.date(2027, 1, 29)
    handover = bars["handover"]
    assert (handover.x0, handover.x1) == (0.0, 2.0)  # 4 and 5 May, both days
    assert roadmap.today_x == (dt.date(2026, 11, 26) - dt.date(2026, 5, 4)).days + 0.5
    assert roadmap.month_ticks[0] == (28.0, "Jun 2026")
    assert [b.row for b in roadmap.bars] == list(range(len(roadmap.bars)))
    later = engagement_roadmap(_strategy(), dt.date(2026, 12, 15), phases)
    assert {b.activity.id for b in later.late} == {"qbr", "phase2-roadmap", "personal-evaluation"}
    assert later.phases[-1].late == 1


def test_roadmap_lists_undated_items_and_keeps_today_on_the_axis() -> None:
    strategy = EngagementStrategy.model_validate(
        {
            "activities": [
                {"id": "a", "phase": 2, "no": 1, "name": "Dated", "planned_start": "2026-03-02",
                 "planned_end": "2026-03-06"},
                {"id": "b", "phase": 1, "no": 1, "name": "No dates"},
                {"id": "c", "phase": 3, "no": 1, "name": "End only", "planned_end": "2026-03-10"},
            ]
        }
    )  # fmt: skip
    roadmap = engagement_roadmap(strategy, dt.date(2026, 4, 1))
    assert [a.id for a in roadmap.undated] == ["b"]
    assert [p.name for p in roadmap.phases] == ["Phase 2", "Phase 3"]
    end_only = roadmap.bars[1]
    assert end_only.partial and end_only.start == end_only.end == dt.date(2026, 3, 10)
    assert end_only.late
    assert roadmap.axis_end == dt.date(2026, 4, 1)  # extended to show today
    assert roadmap.width_days == 31
