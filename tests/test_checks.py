"""Every save runs `pcsm validate`'s reference and rule checks (store/checks.py), and a
deletion can take the references to what it deletes with it (store/cascade.py)."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsm_tui.service import Workspace
from pcsm_tui.store.checks import ChangeRefused
from pcsm_tui.store.repository import dump
from pcsm_tui.store.toml_codec import render
from pcsm_tui.store.validate import validate_repository

from .conftest import git

SLUG = "northwind-emea"
BASE = f"engagements/{SLUG}"
REGISTER = f"{BASE}/stakeholders.toml"
RACI = f"{BASE}/raci.toml"
MONTH = f"{BASE}/stakeholder-plan/2026-10.toml"
GROUPS = f"{BASE}/impacted-groups.toml"
ACTIVITIES = f"{BASE}/adoption-activities.toml"


def commits(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD"))


def errors(root: Path) -> list[str]:
    return [str(f) for f in validate_repository(root) if f.severity == "error"]


def refused(workspace: Workspace, rel: str, edit: Any) -> str:
    """Apply `edit` through the app's path; it must be refused with nothing written."""
    root = workspace.root
    before, text = commits(root), (root / rel).read_bytes()
    with pytest.raises(ChangeRefused) as caught:
        workspace.change(rel, edit)
    assert commits(root) == before
    assert (root / rel).read_bytes() == text
    assert git(root, "status", "--porcelain") == ""
    return str(caught.value)


def _append(data: dict[str, Any], key: str, row: dict[str, Any]) -> dict[str, Any]:
    return {**data, key: [*data.get(key, []), row]}


def test_a_plan_row_naming_a_stakeholder_that_does_not_exist_is_refused(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    row = {"id": "r-new", "strategy": "A", "stakeholder": "nobody"}
    message = refused(workspace, MONTH, lambda data: _append(data, "rows", row))
    assert message.startswith(f"{MONTH}:")
    assert "stakeholder 'nobody' does not exist in stakeholders.toml" in message


def test_an_adoption_activity_for_a_group_that_does_not_exist_is_refused(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    row = {"id": "a-new", "group": "no-such-group"}
    message = refused(workspace, ACTIVITIES, lambda data: _append(data, "activities", row))
    assert "impacted group 'no-such-group' does not exist" in message


def test_a_raci_column_with_a_made_up_stakeholder_is_refused(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)

    def add_column(data: dict[str, Any]) -> dict[str, Any]:
        data["matrices"][0]["columns"].append({"id": "ghost", "stakeholder": "ghost"})
        return data

    assert "stakeholder 'ghost' does not exist" in refused(workspace, RACI, add_column)


def test_a_csm_who_is_not_a_team_member_is_refused(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    message = refused(workspace, f"{BASE}/engagement.toml", lambda d: {**d, "csm": "stranger"})
    assert "team member 'stranger' does not exist in pcsm.toml [[members]]" in message


def test_removing_a_member_who_is_still_a_csm_is_refused(demo_copy: Path) -> None:
    """pcsm.toml can make any file invalid: its change is checked against every file."""
    workspace = Workspace(demo_copy)

    def drop(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "members": [m for m in data["members"] if m["id"] != "maria-lopez"]}

    message = refused(workspace, "pcsm.toml", drop)
    assert f"{BASE}/engagement.toml" in message and "'maria-lopez'" in message


def test_a_warning_never_blocks_a_save(demo_copy: Path) -> None:
    """RACI advice (no A) is a warning in validate and allowed on save."""
    workspace = Workspace(demo_copy)

    def clear(data: dict[str, Any]) -> dict[str, Any]:
        data["matrices"][0]["activities"][0]["cells"] = {}
        return data

    result = workspace.change(RACI, clear)
    assert result.sha is not None
    found = [str(f) for f in validate_repository(demo_copy) if f.path == RACI]
    assert any("no one is Accountable" in f for f in found)
    assert errors(demo_copy) == []


def test_an_error_already_there_does_not_block_other_edits(demo_copy: Path) -> None:
    """A hand edit left a dangling reference: pcsm validate lists it; other edits go on."""
    path = demo_copy / RACI
    path.write_text(
        path.read_text().replace(
            'stakeholder = "emea-finance-director"', 'stakeholder = "typo-director"'
        )
    )
    git(demo_copy, "commit", "-qam", "hand edit with a typo")
    assert any("typo-director" in e for e in errors(demo_copy))
    workspace = Workspace(demo_copy)

    def rename(data: dict[str, Any]) -> dict[str, Any]:
        data["matrices"][0]["activities"][0]["name"] = "Scoping the initiative"
        return data

    assert workspace.change(RACI, rename).sha is not None  # the typo is not this edit's
    # ... but a second dangling reference is
    refused(workspace, RACI, lambda d: _with_column(d, "another-typo"))


def _with_column(data: dict[str, Any], stakeholder: str) -> dict[str, Any]:
    data["matrices"][0]["columns"].append({"id": stakeholder, "stakeholder": stakeholder})
    return data


def test_save_and_validate_say_the_same(demo_copy: Path) -> None:
    """One checker: the refusal is validate's own line for the same file."""
    workspace = Workspace(demo_copy)
    message = refused(workspace, RACI, lambda d: _with_column(d, "ghost"))
    loaded = workspace.load(RACI)
    broken = loaded.model.model_validate(_with_column(dump(loaded.model), "ghost"))
    (demo_copy / RACI).write_text(render(dump(broken), loaded.text))
    (line,) = [e for e in errors(demo_copy) if "ghost" in e]
    assert message.splitlines()[0] == line.replace(": error: ", ": ")


# --- deleting a row that others refer to ---------------------------------------------------


def test_deleting_a_referenced_stakeholder_alone_is_refused(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    message = refused(
        workspace,
        REGISTER,
        lambda d: {**d, "stakeholders": [s for s in d["stakeholders"] if s["id"] != "cfo"]},
    )
    assert "stakeholder 'cfo' does not exist" in message


def test_deleting_a_stakeholder_lists_and_removes_every_reference_in_one_commit(
    demo_copy: Path,
) -> None:
    workspace = Workspace(demo_copy)
    removal = workspace.removal(REGISTER, ("stakeholders",), ["cfo"])
    months = ", ".join(f"2026-{m:02d}" for m in range(5, 11))
    assert removal.describe("CFO") == (
        "CFO is a RACI column in 'EMEA initiative: overall RACI' and has assessments in "
        f"{months} and has plan rows in {months}"
    )
    before = commits(demo_copy)
    result = workspace.remove_rows(REGISTER, ("stakeholders",), ["cfo"])
    assert commits(demo_copy) == before + 1
    changed = set(git(demo_copy, "show", "--name-only", "--format=", "HEAD").split())
    assert changed == {REGISTER, RACI} | {
        f"{BASE}/stakeholder-plan/2026-{m:02d}.toml" for m in range(5, 11)
    }
    assert result.subject.startswith(f"{SLUG}: stakeholders: removed ")
    assert errors(demo_copy) == []
    assert "cfo" not in (demo_copy / RACI).read_text()


def test_deleting_a_strategy_takes_its_plan_rows(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    rows = (demo_copy / MONTH).read_text().count('strategy = "C"')
    assert rows > 1
    removal = workspace.removal(MONTH, ("strategies",), ["C"])
    assert removal.describe("C") == f"C has {rows} plan row(s) this month"
    workspace.remove_rows(MONTH, ("strategies",), ["C"])
    text = (demo_copy / MONTH).read_text()
    assert 'strategy = "C"' not in text and 'id = "C"' not in text
    assert errors(demo_copy) == []


def test_deleting_an_impacted_group_takes_its_adoption_activities(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    removal = workspace.removal(GROUPS, ("groups",), ["emea-sales-staff"])
    assert removal.describe("Sales") == "Sales has 1 adoption activity row(s)"
    workspace.remove_rows(GROUPS, ("groups",), ["emea-sales-staff"])
    assert "emea-sales-staff" not in (demo_copy / ACTIVITIES).read_text()
    assert errors(demo_copy) == []


def test_a_row_nothing_refers_to_is_just_deleted(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    removal = workspace.removal(f"{BASE}/risks.toml", ("risks",), ["erp-delay"])
    assert removal.dependents == [] and removal.headline("x") is None


# --- the property: whatever is tried, the repository stays valid ----------------------------

EDITS = st.sampled_from(
    [
        ("raci", "cfo"),
        ("raci", "ghost"),
        ("row", "cio"),
        ("row", "nobody"),
        ("activity", "customer-support-team"),
        ("activity", "no-group"),
        ("delete-stakeholder", "cfo"),
        ("delete-stakeholder", "cio"),
        ("remove-stakeholder", "cio"),
        ("remove-stakeholder", "cfo"),
        ("remove-group", "customer-support-team"),
        ("delete-group", "emea-sales-staff"),
    ]
)


def _attempt(workspace: Workspace, kind: str, value: str) -> None:
    """One edit of the property below, through the app's path."""
    rel, key = (REGISTER, "stakeholders") if "stakeholder" in kind else (GROUPS, "groups")

    def without(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, key: [s for s in data[key] if s["id"] != value]}

    if kind == "raci":
        workspace.change(RACI, lambda d: _with_column(d, value))
    elif kind == "row":
        row = {"id": f"r-{value}", "strategy": "A", "stakeholder": value}
        workspace.change(MONTH, lambda d: _append(d, "rows", row))
    elif kind == "activity":
        activity = {"id": f"a-{value}", "group": value}
        workspace.change(ACTIVITIES, lambda d: _append(d, "activities", activity))
    elif kind.startswith("delete-"):
        workspace.change(rel, without)
    else:
        workspace.remove_rows(rel, (key,), [value])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(EDITS, min_size=1, max_size=5))
def test_no_sequence_of_edits_commits_an_error(
    demo_dir: Path, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("prop") / "demo"
    shutil.copytree(demo_dir, root, symlinks=True)
    workspace = Workspace(root)
    for kind, value in steps:
        # refused (or the row is gone already): then nothing was written
        with contextlib.suppress(ChangeRefused, KeyError, ValueError):
            _attempt(workspace, kind, value)
        assert errors(root) == []
        assert git(root, "status", "--porcelain") == ""
