"""`pcsm blame` and the field history of the service, checked against git's own versions."""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.cli import main
from pcsm_tui.service import Workspace

from .conftest import git

RACI = "engagements/northwind-emea/raci.toml"
PEOPLE = {
    "maria": ("Maria Lopez", "maria.lopez@larkspur.example"),
    "sam": ("Sam Okafor", "sam.okafor@larkspur.example"),
    "guest": ("Guest Consultant", "guest@elsewhere.example"),
}


def commit_as(root: Path, who: str, day: str, message: str, *args: str) -> None:
    name, email = PEOPLE[who]
    when = f"2026-12-{day}T09:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(
        ["git", "-C", str(root), "commit", "-q", "-m", message, *args],
        env=env,
        check=True,
        capture_output=True,
    )


def set_cell(root: Path, old: str, new: str) -> None:
    path = root / RACI
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


FIRST_CELL = '    [matrices.activities.cells]\n    cfo = "I"\n    emea-finance-director = "R"\n'


def cell_versions(root: Path) -> dict[tuple[str, ...], list[tuple[str, str, str]]]:
    """Every RACI cell's values in order, from git alone: each commit that touched the file
    (oldest first, as `git log` lists them) and the file as git stores it there."""
    shas = git(root, "log", "--reverse", "--topo-order", "--format=%H", "--", RACI).split()
    values: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for sha in shas:
        data = tomllib.loads(git(root, "show", f"{sha}:{RACI}"))
        seen: set[tuple[str, ...]] = set()
        for matrix in data.get("matrices", []):
            for activity in matrix.get("activities", []):
                for column, letters in activity.get("cells", {}).items():
                    cell: tuple[str, ...] = (
                        "matrices",
                        matrix["id"],
                        "activities",
                        activity["id"],
                        "cells",
                        column,
                    )
                    seen.add(cell)
                    past = values.setdefault(cell, [])
                    if not past or past[-1][1] != letters:
                        past.append((sha, letters, "present"))
        for key, past in values.items():
            if key not in seen and past[-1][2] == "present":
                past.append((sha, "", "removed"))
    return values


@pytest.fixture
def edited(demo_copy: Path) -> Path:
    """The demo with one RACI cell changed three more times, by two people."""
    set_cell(demo_copy, FIRST_CELL, FIRST_CELL.replace('cfo = "I"', 'cfo = "C"'))
    commit_as(demo_copy, "sam", "01", "cfo consulted", "-a")
    set_cell(
        demo_copy,
        FIRST_CELL.replace('cfo = "I"', 'cfo = "C"'),
        FIRST_CELL.replace('cfo = "I"', 'cfo = "A"'),
    )
    commit_as(demo_copy, "maria", "02", "cfo accountable", "-a")
    set_cell(
        demo_copy,
        FIRST_CELL.replace('cfo = "I"', 'cfo = "A"'),
        FIRST_CELL.replace('cfo = "I"', 'cfo = "R/A"'),
    )
    commit_as(demo_copy, "guest", "03", "cfo does it", "-a")
    return demo_copy


def blame_json(capsys: pytest.CaptureFixture[str], root: Path, *more: str) -> dict[str, Any]:
    assert (
        main(["blame", "northwind-emea", "raci", "--format", "json", "--repo", str(root), *more])
        == 0
    )
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_blame_names_every_value_of_the_most_changed_raci_cell(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    versions = cell_versions(edited)
    key, expected = max(versions.items(), key=lambda item: len(item[1]))
    assert len(expected) >= 4
    result = blame_json(capsys, edited)
    (field,) = [f for f in result["fields"] if tuple(f["path"]) == key]
    assert [(h["sha"], h["value"]) for h in field["history"]] == [
        (sha, value) for sha, value, _ in expected
    ]
    assert field["value"] == expected[-1][1]
    last = field["last_changed"]
    log = git(edited, "log", "-1", "--format=%H %an %aI", "--", RACI).split(" ", 1)
    assert (last["sha"], f"{last['author']} {last['date']}") == (log[0], log[1].strip())
    assert main(["blame", "northwind-emea", "raci", "--history", "--repo", str(edited)]) == 0
    text = capsys.readouterr().out
    label = field["label"]
    line = next(row for row in text.splitlines() if row.endswith(f"{label} = R/A"))
    assert line.startswith(f"2026-12-03 {log[0][:7]} Guest Consultant")
    block = text.split(line, 1)[1].splitlines()[1 : len(expected) + 1]
    assert [row.rsplit(": ", 1)[1] for row in block] == [value for _, value, _ in expected]


def test_blame_on_the_demo_as_built(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every RACI cell of the demo's own history: blame's values in order are git's."""
    fields = {tuple(f["path"]): f for f in blame_json(capsys, demo_copy)["fields"]}
    versions = cell_versions(demo_copy)
    assert versions and set(versions) <= set(fields) | {
        k for k, v in versions.items() if v[-1][2] == "removed"
    }
    for key, expected in versions.items():
        if expected[-1][2] == "removed":
            continue
        got = [(h["sha"], h["value"] if h["present"] else "") for h in fields[key]["history"]]
        assert got == [(sha, value) for sha, value, _ in expected], key


def test_rows_carry_their_newest_change_and_the_service_gives_the_same(edited: Path) -> None:
    workspace = Workspace(edited)
    result = workspace.blame(RACI)
    activity = next(
        f for f in result.fields if f.row and f.label.endswith("]") and "activities[" in f.label
    )
    newest = max(
        (
            f.last.date
            for f in result.fields
            if f.path[: len(activity.path)] == activity.path and f.last
        ),
        default="",
    )
    assert activity.last is not None and activity.last.date == newest
    cell = max((f for f in result.fields if not f.row), key=lambda f: len(f.history))
    again = workspace.field_history(RACI, cell.path)
    assert again is not None and [v.value for v in again.history] == [v.value for v in cell.history]
    assert workspace.field_history(RACI, ("no", "such")) is None


def test_people_by_role_when_the_repository_wants_it(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = edited / "pcsm.toml"
    settings.write_text(settings.read_text() + '\n[privacy]\nblame_authors = "role"\n')
    git(edited, "commit", "-qam", "blame by role")
    result = blame_json(capsys, edited)
    authors = {h["author"] for f in result["fields"] for h in f["history"]}
    assert authors <= {
        "Senior Customer Success Manager",
        "Customer Success Manager",
        "not a team member",
    }
    assert "not a team member" in authors  # the guest
    assert not any("email" in h for f in result["fields"] for h in f["history"])
    assert main(["blame", "northwind-emea", "raci", "--repo", str(edited)]) == 0
    out = capsys.readouterr().out
    assert "Maria Lopez" not in out and "Guest Consultant" not in out


def test_a_merge_stamps_only_what_it_decided_itself(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = demo_copy
    second = '    [matrices.activities.cells]\n    cfo = "I"\n    emea-finance-director = "I"\n'
    git(root, "checkout", "-q", "-b", "side")
    set_cell(root, FIRST_CELL, FIRST_CELL.replace('cfo = "I"', 'cfo = "C"'))
    commit_as(root, "sam", "01", "side: first cell", "-a")
    side = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-q", "main")
    set_cell(root, second, second.replace('cfo = "I"', 'cfo = "C"'))
    commit_as(root, "maria", "02", "main: second cell", "-a")
    main_sha = git(root, "rev-parse", "HEAD").strip()
    git(root, "merge", "-q", "--no-commit", "side")
    set_cell(
        root,
        '    cfo = "C"\n    emea-finance-director = "R"\n',
        '    cfo = "A"\n    emea-finance-director = "R"\n',
    )
    git(root, "add", RACI)
    commit_as(root, "guest", "03", "merge side, and the first cell decided anew")
    merge = git(root, "rev-parse", "HEAD").strip()
    fields = {tuple(f["path"]): f for f in blame_json(capsys, root)["fields"]}
    first = next(
        f for p, f in fields.items() if f["label"].endswith("cells[CFO]") and f["value"] == "A"
    )
    assert [h["sha"] for h in first["history"]][-2:] == [side, merge]
    others = [f for f in fields.values() if not f["row"] and f["last_changed"]]
    assert sum(1 for f in others if f["last_changed"]["sha"] == merge) == 1
    assert sum(1 for f in others if f["last_changed"]["sha"] == main_sha) == 1


def test_bad_arguments_say_what_to_do(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(demo_copy)
    assert main(["blame", "northwind-emea", "nope", "--repo", root]) == 2
    assert "choose one of" in capsys.readouterr().err
    assert main(["blame", "Not/Slug", "raci", "--repo", root]) == 2
    assert (
        main(["blame", "northwind-emea", "stakeholder-plan", "--month", "1999-01", "--repo", root])
        == 2
    )
    assert "months:" in capsys.readouterr().err
    assert main(["blame", "northwind-emea", "stakeholder-plan", "--repo", root]) == 0
    assert main(["blame", "northwind-emea", "personal-evaluation", "--repo", root]) == 2


def test_one_value_is_restored_as_a_new_commit(edited: Path) -> None:
    workspace = Workspace(edited)
    fields = workspace.blame(RACI).fields
    cell = max((f for f in fields if not f.row), key=lambda f: len(f.history))
    assert [v.value for v in cell.history][-3:] == [
        frozenset("C"),
        frozenset("A"),
        frozenset({"R", "A"}),
    ]
    result = workspace.restore_value(RACI, cell, cell.history[-3])
    assert result.sha is not None and "restored" in result.subject
    changed = [
        line
        for line in git(edited, "diff", "HEAD~1", "--", RACI).splitlines()
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]
    assert changed == ['-    cfo = "R/A"', '+    cfo = "C"']  # one value, nothing else
    again = workspace.field_history(RACI, cell.path)
    assert again is not None and again.last is not None and again.last.sha == result.sha
    assert again.value == frozenset("C")
    row = next(f for f in fields if f.row)
    with pytest.raises(ValueError, match="is a row"):
        workspace.restore_value(RACI, row, row.history[0])
