"""`pcsm validate`: each rule is caught with its file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.toml_codec import loads, merge_into
from pcsm_tui.store.validate import Finding, validate_repository

REGISTER = """\
format_version = 1

[[stakeholders]]
id = "cfo"
name = "A. Person"
job_role = "CFO"

[[stakeholders]]
id = "it"
name = "IT team"
kind = "group"
"""

RACI = """\
format_version = 1

[[matrices]]
id = "main"
title = "Rollout"

[[matrices.columns]]
id = "cfo"
stakeholder = "cfo"

[[matrices.columns]]
id = "it"
stakeholder = "it"

[[matrices.activities]]
id = "ok"
name = "Fine"
cells = { cfo = "A", it = "R" }

[[matrices.activities]]
id = "no-a"
name = "Nobody accountable"
cells = { it = "R" }

[[matrices.activities]]
id = "two-a"
name = "Two accountable"
cells = { cfo = "R/A", it = "A" }

[[matrices.activities]]
id = "no-r"
name = "Nobody responsible"
cells = { cfo = "A", it = "C/I" }
"""


def write(repo: Repository, rel: str, text: str) -> None:
    (repo.root / rel).write_text(text)


def findings(repo: Repository) -> list[str]:
    return [str(f) for f in validate_repository(repo.root)]


def test_fresh_repository_is_clean(repo: Repository) -> None:
    assert validate_repository(repo.root) == []


def test_raci_warnings_point_at_the_activity(repo: Repository) -> None:
    write(repo, "engagements/acme/stakeholders.toml", REGISTER)
    write(repo, "engagements/acme/raci.toml", RACI)
    assert findings(repo) == [
        "engagements/acme/raci.toml:20:1: warning: RACI activity 'Nobody accountable': "
        "no one is Accountable (A): give exactly one stakeholder the A",
        "engagements/acme/raci.toml:25:1: warning: RACI activity 'Two accountable': "
        "2 stakeholders are Accountable (A): keep exactly one",
        "engagements/acme/raci.toml:30:1: warning: RACI activity 'Nobody responsible': "
        "no one is Responsible (R): someone must perform the task",
    ]


def test_unknown_raci_code_and_dangling_stakeholder(repo: Repository) -> None:
    write(repo, "engagements/acme/stakeholders.toml", REGISTER)
    write(
        repo,
        "engagements/acme/raci.toml",
        RACI.replace(
            'cells = { cfo = "A", it = "R" }', 'cells = { cfo = "A", it = "X/R" }'
        ).replace('id = "it"\nstakeholder = "it"', 'id = "it"\nstakeholder = "hr"'),
    )
    result = findings(repo)
    assert (
        "engagements/acme/raci.toml:18:22: error: matrices[Rollout].activities[Fine].cells.it: "
        "unknown RACI code 'X': use R, A, C or I, combined with '/' (e.g. R/A)"
    ) in result
    # The file did not validate, so its references are not checked (no cascade of errors).
    assert len([f for f in result if "error" in f]) == 1
    write(
        repo,
        "engagements/acme/raci.toml",
        RACI.replace('id = "it"\nstakeholder = "it"', 'id = "it"\nstakeholder = "hr"'),
    )
    assert (
        "engagements/acme/raci.toml:13:1: error: matrices[Rollout].columns[it].stakeholder: "
        "stakeholder 'hr' does not exist in stakeholders.toml"
    ) in findings(repo)


def test_out_of_range_and_bad_date_order(repo: Repository) -> None:
    write(
        repo,
        "engagements/acme/onboarding-score.toml",
        "format_version = 1\nproducts_services = 6\ncustomization = 2\n",
    )
    write(
        repo,
        "engagements/acme/strategy.toml",
        """\
format_version = 1

[[activities]]
id = "kickoff"
phase = 1
name = "Kick-off"
planned_start = 2026-06-10
planned_end = 2026-06-01
""",
    )
    assert findings(repo) == [
        "engagements/acme/onboarding-score.toml:2:1: error: products_services: "
        "Input should be less than or equal to 5 (got 6)",
        "engagements/acme/strategy.toml:3:1: error: activities[Kick-off]: "
        "planned_end (2026-06-01) is before planned_start (2026-06-10)",
    ]


def test_support_outside_the_repository_scale(repo: Repository) -> None:
    write(repo, "engagements/acme/stakeholders.toml", REGISTER)
    plan = "engagements/acme/stakeholder-plan/2026-11.toml"
    text = """\
format_version = 1

[[assessments]]
id = "cfo"
stakeholder = "cfo"
authority = 10
interest = 8
support = -3
"""
    write(repo, plan, text)
    assert findings(repo) == [
        f"{plan}:8:1: error: assessments[cfo].support: "
        "support -3 is outside the support scale 0..10"
    ]
    settings = (
        (repo.root / "pcsm.toml").read_text().replace("[scales]", '[scales]\nsupport = "-5..+5"')
    )
    write(repo, "pcsm.toml", settings)
    assert findings(repo) == []


def test_invalid_toml_has_line_and_column_and_file_is_untouched(repo: Repository) -> None:
    rel = "engagements/acme/risks.toml"
    broken = 'format_version = 1\n[[risks]\nid = "r1"\n'
    write(repo, rel, broken)
    result = validate_repository(repo.root)
    assert result == [
        Finding(
            rel, 2, 8, "error", "invalid TOML: Expected ']]' at the end of an array declaration"
        )
    ]
    assert (repo.root / rel).read_text() == broken


def test_dangling_references_across_files(repo: Repository) -> None:
    write(
        repo,
        "engagements/acme/adoption-activities.toml",
        'format_version = 1\n\n[[activities]]\nid = "a1"\ngroup = "ig-9"\n',
    )
    write(
        repo,
        "engagements/acme/engagement.toml",
        (repo.root / "engagements/acme/engagement.toml")
        .read_text()
        .replace("[activities_done]", "[activities_done]\np1-01 = 2026-05-01\np9-99 = 2026-05-02"),
    )
    result = findings(repo)
    assert (
        "engagements/acme/adoption-activities.toml:5:1: error: activities[ig-9].group: "
        "impacted group 'ig-9' does not exist in impacted-groups.toml"
    ) in result
    assert (
        "engagements/acme/engagement.toml:14:1: error: activities_done.p9-99: framework "
        "activity 'p9-99' does not exist in the framework's phases"
    ) in result
    assert len(result) == 2


def test_duplicate_ids_are_errors(repo: Repository) -> None:
    write(
        repo,
        "engagements/acme/barriers.toml",
        """\
format_version = 1

[[barriers]]
id = "b1"
name = "One"

[[barriers]]
id = "b1"
name = "Two"
""",
    )
    assert findings(repo) == [
        "engagements/acme/barriers.toml:8:1: error: barriers[Two].id: duplicate id 'b1' in "
        "barriers (rows 1 and 2); every row needs its own id"
    ]


def test_cli_exit_codes(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(repo.root)]) == 0
    assert capsys.readouterr().out == ""
    write(repo, "engagements/acme/stakeholders.toml", REGISTER)
    write(repo, "engagements/acme/raci.toml", RACI)
    assert main(["validate", str(repo.root)]) == 0
    assert main(["validate", "--strict", str(repo.root)]) == 1
    write(repo, "engagements/acme/onboarding-score.toml", "format_version = 1\ncustomization = 9\n")
    assert main(["validate", str(repo.root)]) == 1
    out = capsys.readouterr().out
    assert "engagements/acme/onboarding-score.toml:2:1: error:" in out
    assert main(["validate", str(repo.root / "nothing-here")]) == 2
    assert main(["validate", "--no-such-flag"]) == 2


def test_not_a_repository(tmp_path: Path) -> None:
    assert [str(f) for f in validate_repository(tmp_path)] == [
        "pcsm.toml:1:1: error: not a pcsm repository: pcsm.toml is missing (see `pcsm init`)"
    ]


def test_a_new_engagement_s_standard_raci_is_one_line(tmp_path: Path) -> None:
    """A brand-new engagement's untouched standard activities are one summarising warning
    (it was 26, two per row); a row someone started keeps its own warning."""
    repository = Repository.init(tmp_path / "central", name="Test team")
    repository.new_engagement("acme", "Acme Corp", csm="", raci_activities=True)
    (summary,) = findings(repository)
    assert summary == (
        "engagements/acme/raci.toml:9:3: warning: RACI 'RACI matrix': 13 activities have "
        "nobody assigned yet: give each one Accountable (A) and at least one Responsible (R)"
    )
    rel = "engagements/acme/raci.toml"
    text = (repository.root / rel).read_text(encoding="utf-8")
    data = loads(text)
    matrix = data["matrices"][0]
    matrix["columns"] = [{"id": "csm", "title": "CSM"}]
    matrix["activities"][0]["cells"] = {"csm": "R"}
    write(repository, rel, merge_into(text, data))
    found = findings(repository)
    assert [f.split(": ", 1)[1] for f in found] == [
        "warning: RACI activity 'Determining scope of initiative': no one is Accountable (A):"
        " give exactly one stakeholder the A",
        "warning: RACI 'RACI matrix': 12 activities have nobody assigned yet: give each one"
        " Accountable (A) and at least one Responsible (R)",
    ]
