"""`pcsm decide`: a go/no-go decision from the command line, one commit, the items open then."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .conftest import git
from .helpers import commits, run_cli

SLUG = "northwind-emea"


def _copy(root: Path, checklist: str) -> dict[str, object]:
    data = tomllib.loads((root / "engagements" / SLUG / "readiness.toml").read_text("utf-8"))
    found: dict[str, object] = next(c for c in data["checklists"] if c["id"] == checklist)
    return found


def test_decide_records_one_commit_with_the_open_items(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = commits(demo_copy)
    code, out, err = run_cli(
        capsys,
        "decide",
        SLUG,
        "phase-2",
        "no-go",
        "--by",
        "Sue Saunders (SPL)",
        "--date",
        "2026-11-20",
        "--comments",
        "training not booked",
        "--repo",
        str(demo_copy),
    )
    assert code == 0, err
    assert commits(demo_copy) == before + 1
    assert "decided no-go" in out
    last = _copy(demo_copy, "phase-2")["decisions"][-1]  # type: ignore[index]
    assert last["decision"] == "no-go" and str(last["date"]) == "2026-11-20"
    assert last["decided_by"] == "Sue Saunders (SPL)" and last["open_items"]
    assert last["comments"] == "training not booked"
    assert "Saunders" not in git(demo_copy, "log", "-1", "--format=%B")


def test_decide_refuses_an_unknown_copy_and_changes_nothing(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = commits(demo_copy)
    code, _out, err = run_cli(capsys, "decide", SLUG, "phase-9", "go", "--repo", str(demo_copy))
    assert code == 2 and "phase-1" in err and "phase-2" in err
    code, _out, err = run_cli(
        capsys, "decide", "no-such", "phase-1", "go", "--repo", str(demo_copy)
    )
    assert code == 2 and "no-such" in err
    assert commits(demo_copy) == before
    assert git(demo_copy, "status", "--porcelain") == ""
