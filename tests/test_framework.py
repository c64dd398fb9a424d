"""The framework as data, and a team's customization of it."""

from __future__ import annotations

import pytest

from pcsm_tui.framework import default_framework, load_framework
from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.framework.customize import CustomizationError, FrameworkCustomization
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.validate import validate_repository


def test_default_framework_matches_the_seeds() -> None:
    framework = default_framework()
    assert [s.name for s in framework.stages] == ["Initial", "User readiness", "Ongoing"]
    assert [p.name for p in framework.phases] == [
        "Preparation",
        "Commitment",
        "Onboarding",
        "Adoption Planning",
        "Adoption Implementation",
        "Value Realization",
        "Engagement Evaluation",
    ]
    assert [len(p.activities) for p in framework.phases] == [10, 11, 11, 17, 10, 13, 8]
    assert len(framework.practical_considerations) == 8
    assert len(framework.value_items) == 11
    assert len(framework.adoption_questions) == 9
    assert framework.readiness_questions[-1].go_question
    assert [a.id for a in framework.evaluation_areas] == list("ABCDEFGH")
    assert [(b.name, b.min, b.max) for b in framework.onboarding_bands] == [
        ("Simple", 0, 5),
        ("Straightforward", 6, 10),
        ("Fairly Complex", 11, 15),
        ("Highly Complex", 16, 20),
    ]
    # The framework's 23 tools, and pcsm's value KPI table (24) placed with phase 6's tools.
    assert len(TOOLS) == 24 and sorted(t.number for t in TOOLS) == list(range(1, 25))
    assert framework.proposal_preamble.strip()


def test_customization_renames_removes_and_adds() -> None:
    custom = FrameworkCustomization.model_validate(
        {
            "scales": {"support": "-5..+5"},
            "phases": {"rename": {"3": "Kick-off"}},
            "activities": {
                "rename": {"p1-03": "Complete the handover with sales"},
                "remove": ["p4-12"],
                "add": [
                    {"phase": 4, "id": "team-p4-01", "text": "Agree the template", "after": "p4-03"}
                ],
            },
            "items": {
                "practical_considerations": {
                    "remove": ["financing"],
                    "add": [{"id": "data-protection", "text": "Data protection"}],
                }
            },
        }
    )
    framework = load_framework(custom)
    assert framework.phase(3).name == "Kick-off"
    phase4 = [a.id for a in framework.phase(4).activities]
    assert "p4-12" not in phase4 and phase4[3] == "team-p4-01"
    assert framework.phase(1).activities[2].text == "Complete the handover with sales"
    ids = [c.id for c in framework.practical_considerations]
    assert "financing" not in ids and ids[-1] == "data-protection"
    assert str(framework.scale("support")) == "-5..+5"


def test_customization_naming_unknown_things_is_an_error() -> None:
    custom = FrameworkCustomization.model_validate({"activities": {"remove": ["p9-01"]}})
    with pytest.raises(CustomizationError, match=r"activities\.remove: unknown id"):
        load_framework(custom)


def test_framework_toml_is_validated_like_everything_else(repo: Repository) -> None:
    (repo.root / "framework.toml").write_text(
        'format_version = 1\n\n[activities]\nremove = ["p1-01"]\nrenmae = {}\n'
    )
    assert [str(f) for f in validate_repository(repo.root)] == [
        "framework.toml:5:1: error: activities.renmae: unknown key (not part of this file's format)"
    ]
    (repo.root / "framework.toml").write_text(
        'format_version = 1\n\n[activities]\nremove = ["p1-99"]\n'
    )
    assert [str(f) for f in validate_repository(repo.root)] == [
        "framework.toml:4:1: error: activities.remove: unknown id(s) 'p1-99'; the ids are: "
        "p1-01, p1-02, p1-03, p1-04, p1-05, p1-06, p1-07, p1-08, p1-09, p1-10, p2-01, p2-02, "
        "… (80 in all)"
    ]


def test_customized_activities_are_what_engagements_tick(repo: Repository) -> None:
    (repo.root / "framework.toml").write_text(
        'format_version = 1\n\n[[activities.add]]\nphase = 1\nid = "team-1"\ntext = "Ours"\n'
    )
    engagement = repo.root / "engagements/acme/engagement.toml"
    engagement.write_text(
        engagement.read_text().replace(
            "[activities_done]", "[activities_done]\nteam-1 = 2026-05-01"
        )
    )
    assert validate_repository(repo.root) == []
