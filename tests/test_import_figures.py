"""A stakeholder analysis into the register and a month of the stakeholder plan.

Identity (name, role, contact) goes to the register; influence, interest and support to the
assessments of the plan's latest month, on pcsm's scales. The corpus (tests/corpus_figures.py)
holds analyses in several languages with the exact rows expected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.xlsx_import import apply_import, plan_import
from pcsm_tui.store.repository import Repository

from . import test_import_detect as detect
from .conftest import git
from .corpus import book, put_rows
from .corpus_figures import ANALYSES, attitudes_de, attitudes_en, attitudes_es
from .helpers import toml_digests as _files


def _import(repo: Repository, path: Path) -> list[str]:
    plan = plan_import(repo, path, "acme")
    lines = plan.preview_lines() + plan.report_lines()
    assert plan.clean, "\n".join(lines)
    apply_import(repo, plan)
    return lines


def _register(repo: Repository) -> list[dict[str, Any]]:
    data = load_engagement(repo, "acme")
    return [
        {"name": s.name, "job_role": s.job_role, "contact": s.contact}
        for s in data.register.stakeholders
    ]


def _month(repo: Repository) -> list[tuple[str, int, int, int]]:
    data = load_engagement(repo, "acme")
    names = {s.id: s.name for s in data.register.stakeholders}
    month = data.month(data.months()[-1])
    return [(names[a.stakeholder], a.authority, a.interest, a.support) for a in month.assessments]


@pytest.mark.parametrize(
    ("name", "make", "language", "expected"), ANALYSES, ids=[a[0] for a in ANALYSES]
)
def test_analysis_corpus_fills_the_register_and_the_month(
    repo: Repository,
    tmp_path: Path,
    name: str,
    make: Callable[[Path], None],
    language: str,
    expected: dict[str, Any],
) -> None:
    path = tmp_path / name
    make(path)
    _import(repo, path)
    assert _register(repo) == expected["register"]
    assert _month(repo) == expected["month"]


def test_the_german_corpus_sheet_puts_its_figures_in_the_month(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "stakeholder_de.xlsx"
    detect.stakeholders_de(path)
    _import(repo, path)
    assert _month(repo) == [("Klaus Weber", 8, 5, 8), ("Eva Braun", 2, 8, 5)]


def test_the_preview_names_the_month_and_the_mappings_and_writes_nothing(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "fr.xlsx"
    ANALYSES[1][1](path)
    before = _files(repo.root)
    plan = plan_import(repo, path, "acme")
    assert _files(repo.root) == before
    month = load_engagement(repo, "acme").months()[-1]
    lines = plan.preview_lines()
    assert (
        "stakeholder figures: 'Pouvoir (1-5)', 'Intérêt (1-5)', 'Soutien' -> the stakeholder "
        f"plan's month {month} (the plan's latest month): authority and interest on 0..10, "
        "support on 0..10"
    ) in lines, lines
    assert "  value: authority: 1-5 figures put on 0..10" in lines
    assert "  value: support: 'Favorable' -> 8" in lines
    assert any(line.endswith(f"stakeholder-plan/{month}.toml: 2 change(s)") for line in lines)


def test_support_goes_on_the_repository_scale(repo: Repository, tmp_path: Path) -> None:
    settings = repo.root / "pcsm.toml"
    settings.write_text(settings.read_text().replace("[scales]", '[scales]\nsupport = "-5..+5"'))
    git(repo.root, "commit", "-qam", "repository: support on -5..+5")
    reopened = Repository.open(repo.root)
    path = tmp_path / "en.xlsx"
    ANALYSES[0][1](path)
    lines = _import(reopened, path)
    assert [row[3] for row in _month(reopened)] == [5, 0, -5]
    assert "  value: support: 'Champion' -> 5" in lines


def test_a_word_nothing_reads_is_reported_at_its_cell_and_a_missing_interest_is_said(
    repo: Repository, tmp_path: Path
) -> None:
    made, sheet = book("Analysis")
    put_rows(
        sheet,
        1,
        [
            ["Name", "Role", "Influence", "Interest"],
            ["Ana Horvat", "Sponsor", "enormous", "High"],
            ["Ivo Kos", "Key user", "High", None],
        ],
    )
    path = tmp_path / "analysis.xlsx"
    made.save(path)
    plan = plan_import(repo, path, "acme")
    assert [str(p) for p in plan.report.errors] == [
        "Analysis!C2: 'enormous' is not a level word (High, Medium, Low ...) nor a number; "
        "map it with --values 'authority:enormous=N'"
    ]
    notes = [str(p) for p in plan.report.notes]
    assert (
        "Analysis!3: Ivo Kos: no interest given; not assessed this month "
        "(authority 'High' not imported)"
    ) in notes, notes
    assert not any(n.startswith("Analysis!2:") for n in notes), notes


def test_an_attitude_matrix_updates_the_support_of_the_month_and_notes_the_desired(
    repo: Repository, tmp_path: Path
) -> None:
    first = tmp_path / "analysis.xlsx"
    ANALYSES[0][1](first)
    _import(repo, first)
    path = tmp_path / "engagement.xlsx"
    attitudes_en(path)
    lines = _import(repo, path)
    assert _month(repo) == [("Ana Horvat", 8, 8, 8), ("Ivo Kos", 2, 8, 2), ("Lea Novak", 5, 2, 3)]
    assert (
        "Assessment matrix!4: Ana Horvat: desired attitude 'Leading' noted, not stored (a plan "
        "row's desired situation holds it) (note)"
    ) in lines, lines
    assert "  value: support: 'Supportive' -> 8" in lines


def test_an_attitude_matrix_alone_assesses_no_one_new_and_says_so(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "engagement.xlsx"
    attitudes_en(path)
    lines = _import(repo, path)
    assert _month(repo) == []
    assert (
        "Assessment matrix!4: Ana Horvat: no authority or interest given; not assessed this month "
        "(support 'Supportive' not imported) (note)"
    ) in lines, lines
    notes = [
        s["notes"] for s in load_engagement(repo, "acme").register.model_dump()["stakeholders"]
    ]
    assert notes[0] == "Supportive: C\nLeading: D"


def test_current_and_desired_rows_make_one_stakeholder_and_one_assessment(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "haltung.xlsx"
    attitudes_de(path)
    lines = _import(repo, path)
    assert [s["name"] for s in _register(repo)] == ["Klaus Weber", "Eva Braun"]
    assert _month(repo) == [("Klaus Weber", 8, 5, 2), ("Eva Braun", 2, 8, 5)]
    assert any("Klaus Weber: desired attitude 'Unterstützend'" in line for line in lines), lines
    assert "  rows: 2 read, 2 skipped" in lines, lines


def test_current_and_desired_bands_over_the_attitude_columns(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "actitudes.xlsx"
    attitudes_es(path)
    lines = _import(repo, path)
    assert [s["name"] for s in _register(repo)] == ["Marta Ruiz", "Jorge Gil"]
    assert any("Marta Ruiz: desired attitude 'Líder'" in line for line in lines), lines
    assert any("Jorge Gil: no authority or interest given" in line for line in lines), lines
