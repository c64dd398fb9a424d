"""Computed values are properties, never stored; RACI cells are sets of roles."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pcsm_tui.analysis.onboarding import band as onboarding_band
from pcsm_tui.framework import default_framework
from pcsm_tui.models.adoption import Risk, Risks
from pcsm_tui.models.checklists import ReadinessChecklist, ReadinessItem
from pcsm_tui.models.commitment import RaciActivity, format_raci_cell, parse_raci_cell
from pcsm_tui.models.onboarding import OnboardingScore
from pcsm_tui.models.scales import Scale
from pcsm_tui.store.repository import dump


@pytest.mark.parametrize(
    ("scores", "total", "band"),
    [
        ((0, 0, 0, 0), 0, "Simple"),
        ((2, 1, 1, 1), 5, "Simple"),
        ((2, 2, 1, 1), 6, "Straightforward"),
        ((3, 4, 4, 2), 13, "Fairly Complex"),
        ((5, 5, 5, 1), 16, "Highly Complex"),
        ((5, 5, 5, 5), 20, "Highly Complex"),
    ],
)
def test_onboarding_total_and_band(
    scores: tuple[int, int, int, int], total: int, band: str
) -> None:
    score = OnboardingScore(
        products_services=scores[0],
        customization=scores[1],
        adoption_needs=scores[2],
        customer_maturity=scores[3],
    )
    found = onboarding_band(score, default_framework())
    assert (score.total, found.name if found else "") == (total, band)
    assert "total" not in dump(score) and "band" not in dump(score)


def test_a_scores_band_is_the_repositorys_not_the_default() -> None:
    """Named bug (issue 12): the model's `band` read the default framework, so a
    repository's own bands were ignored. The band now needs the repository's framework."""
    default = default_framework()
    own = default.model_copy(
        update={
            "onboarding_bands": tuple(
                b.model_copy(update={"name": f"Team {b.name}"}) for b in default.onboarding_bands
            )
        }
    )
    score = OnboardingScore(products_services=2, customization=1, adoption_needs=1)
    found = onboarding_band(score, own)
    assert found is not None and found.name == "Team Simple"
    assert not hasattr(score, "band")  # no band that could ignore the repository's


def test_risk_score_is_likelihood_plus_severity_and_not_stored() -> None:
    risk = Risk(id="r1", name="Late data", likelihood=3, severity=4)
    assert risk.score == 7
    assert Risk(id="r2", name="Unrated", likelihood=2).score is None
    assert "score" not in dump(Risks(risks=[risk]))["risks"][0]
    with pytest.raises(ValidationError, match=r"outside the risk scale 0\.\.5"):
        Risk(id="r3", name="x", likelihood=6)


def test_checklist_completion() -> None:
    checklist = ReadinessChecklist(
        id="p1",
        title="Adoption phase 1",
        items=[
            ReadinessItem(id="a", question="A?", answer=True),
            ReadinessItem(id="b", question="B?", answer=False),
            ReadinessItem(id="c", question="C?"),
            ReadinessItem(id="d", question="D?", answer=True),
        ],
    )
    assert checklist.answered_yes == 2 and checklist.completion == 0.5


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("R/A", "R/A"),
        ("A/R", "R/A"),
        ("a / r", "R/A"),
        (" C /I", "C/I"),
        ("", ""),
        ("I", "I"),
        ("R/R", "R"),
        ("I/C/A/R", "R/A/C/I"),
    ],
)
def test_raci_cells_read_any_order_and_write_canonically(text: str, canonical: str) -> None:
    assert format_raci_cell(parse_raci_cell(text)) == canonical


@pytest.mark.parametrize("bad", ["X", "R/X", "RA", "N", "-", "R,A"])
def test_unknown_raci_codes_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="unknown RACI code"):
        RaciActivity(id="a", name="x", cells={"cfo": bad})


def test_raci_problems_per_activity() -> None:
    def problems(**cells: str) -> list[str]:
        return RaciActivity(id="a", name="x", cells=cells).problems

    assert problems(cfo="A", it="R") == []
    assert problems(cfo="R/A") == []
    assert problems(it="R") == ["no-a"]
    assert problems(cfo="R/A", it="A") == ["several-a"]
    assert problems(cfo="A", it="C/I") == ["no-r"]
    assert problems() == ["no-a", "no-r"]


def test_scales() -> None:
    assert Scale.parse("-5..+5") == Scale(-5, 5) and str(Scale(-5, 5)) == "-5..+5"
    assert str(Scale.parse("0..10")) == "0..10"
    for bad in ("10..0", "a..b", "5"):
        with pytest.raises(ValueError):
            Scale.parse(bad)


def test_activity_log_states_past_current_planned_proposed() -> None:
    from pcsm_tui.models.onboarding import ActivityLog

    log = ActivityLog.model_validate(
        {
            "tasks": [
                {"id": "a", "description": "old row, no state", "time_spent": 2},
                {"id": "b", "description": "now", "state": "in-progress", "time_spent": 3},
                {"id": "c", "description": "next week", "state": "planned", "time_spent": 5},
                {"id": "d", "description": "idea", "state": "proposed", "time_spent": 8},
            ]
        }
    )
    assert log.tasks[0].state == "done"  # rows from before states are past work
    assert log.hours == 5  # an estimate is not time spent
    assert [t.id for t in log.by_state("proposed")] == ["d"]
    with pytest.raises(ValidationError):
        ActivityLog.model_validate({"tasks": [{"id": "e", "description": "x", "state": "maybe"}]})
