"""The demo repository: the seeds' worked example across all tools, with a believable history."""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.demo import DemoError, build_demo, sample_repo_dir
from pcsm_tui.framework import default_framework
from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.framework.prefill import engagement_files
from pcsm_tui.store.layout import classify
from pcsm_tui.store.repository import Repository, dump
from pcsm_tui.store.toml_codec import loads
from pcsm_tui.store.validate import validate_repository

from .conftest import git

NORTHWIND = "engagements/northwind-emea"


def test_demo_validates_clean(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate_repository(demo_dir) == []
    assert main(["validate", "--strict", str(demo_dir)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_demo_holds_exactly_the_sample(demo_dir: Path) -> None:
    sample = sample_repo_dir()
    for path in sample.rglob("*.toml"):
        rel = path.relative_to(sample).as_posix()
        assert classify(rel) is not None, rel
        assert (demo_dir / rel).read_text() == path.read_text(), rel
    assert git(demo_dir, "status", "--porcelain") == ""


def test_history_spans_six_months_three_authors_forty_commits(demo_dir: Path) -> None:
    dates = git(demo_dir, "log", "--format=%ad", "--date=short").split()
    first, last = dt.date.fromisoformat(dates[-1]), dt.date.fromisoformat(dates[0])
    assert (last - first).days >= 180
    assert len(dates) >= 40
    authors = set(git(demo_dir, "log", "--format=%an").splitlines())
    assert len(authors) >= 3
    for subject in git(demo_dir, "log", "--format=%s").splitlines():
        assert ": " in subject and len(subject) <= 72, subject


def test_worked_example_fills_all_23_tools(demo_dir: Path) -> None:
    repo = Repository.open(demo_dir)
    defaults = engagement_files(default_framework(), "Northwind Manufacturing")
    for tool in TOOLS:
        if tool.scope == "engagement":
            loaded = repo.load(f"{NORTHWIND}/{tool.file}")
            assert dump(loaded.model) != dump(defaults[tool.file]), f"{tool.id} is not filled"
    months = repo.layout.plan_months("northwind-emea")
    assert len(months) >= 6
    people = repo.layout.people()
    evaluated = [
        p
        for p in people
        if tomllib.loads((demo_dir / "people" / p / "personal-evaluations.toml").read_text()).get(
            "evaluations"
        )
    ]
    assert len(evaluated) >= 2
    assert len(repo.engagements()) >= 3


def test_worked_example_raci_is_the_seeds_18_by_10(demo_dir: Path) -> None:
    raci = tomllib.loads((demo_dir / NORTHWIND / "raci.toml").read_text())
    matrix = raci["matrices"][0]
    assert len(matrix["activities"]) == 18
    assert len(matrix["columns"]) == 10
    register = tomllib.loads((demo_dir / NORTHWIND / "stakeholders.toml").read_text())
    roles = {s["id"]: s.get("job_role", "") for s in register["stakeholders"]}
    assert roles[matrix["columns"][0]["stakeholder"]] == "CFO"


def test_worked_example_figures_and_strategies(demo_dir: Path) -> None:
    first = tomllib.loads((demo_dir / NORTHWIND / "stakeholder-plan/2026-05.toml").read_text())
    assert [s["id"] for s in first["strategies"]] == ["A", "B", "C", "D"]
    register = tomllib.loads((demo_dir / NORTHWIND / "stakeholders.toml").read_text())
    cfo = next(s["id"] for s in register["stakeholders"] if s.get("job_role") == "CFO")
    figures = next(a for a in first["assessments"] if a["stakeholder"] == cfo)
    assert (figures["authority"], figures["interest"], figures["support"]) == (8, 6, 7)


def test_support_changes_month_to_month(demo_dir: Path) -> None:
    folder = demo_dir / NORTHWIND / "stakeholder-plan"
    months = sorted(folder.glob("*.toml"))
    support = [
        {a["stakeholder"]: a["support"] for a in tomllib.loads(p.read_text())["assessments"]}
        for p in months
    ]
    changed_months = sum(1 for a, b in itertools.pairwise(support) if a != b)
    assert changed_months >= 3
    history = git(
        demo_dir,
        "log",
        "--format=%ad",
        "--date=format:%Y-%m",
        "--",
        f"{NORTHWIND}/stakeholder-plan",
    ).split()
    assert len(set(history)) >= 6


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("mine")
    with pytest.raises(DemoError, match="not empty"):
        build_demo(tmp_path)
    assert (tmp_path / "x").read_text() == "mine"


def test_demo_command_prints_where_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_dir: Path
) -> None:
    target = tmp_path / "built"
    assert main(["demo", "--dir", str(target), "--no-open"]) == 0
    out = capsys.readouterr().out
    assert f"built the demo repository in {target}" in out
    for slug in ("northwind-emea", "contoso-retail", "fabrikam-health"):
        assert slug in out
    assert len(out.splitlines()) <= 24
    assert git(target, "rev-parse", "HEAD") == git(demo_dir, "rev-parse", "HEAD"), (
        "the demo must be the same on every build"
    )


def test_sample_files_are_all_valid_models() -> None:
    sample = sample_repo_dir()
    assert validate_repository(sample) == []
    for path in sample.rglob("*.toml"):
        assert loads(path.read_text())
