"""The semantic diff (every kind of change) and `pcsm log` / `pcsm diff` for reviewers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.models.adoption import Risks
from pcsm_tui.store.changes import diff_data, diff_models, text_diff
from pcsm_tui.store.giterrors import GitError
from pcsm_tui.store.history import diff_texts, history, pathspecs
from pcsm_tui.store.messages import Scope, compose
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.toml_codec import dumps_new

from .conftest import git
from .helpers import run_cli as run

RISKS = "engagements/acme/risks.toml"


def risks(*rows: dict[str, Any]) -> Risks:
    return Risks.model_validate({"risks": list(rows)})


KEY_USERS = {"id": "key-users", "name": "Key users leave", "likelihood": 2, "severity": 4}
BUDGET = {"id": "budget", "name": "Budget cut", "description": "Finance may\ncut the budget\n"}
VENDOR = {"id": "vendor", "name": "Vendor delay", "severity": 3}


# --- every kind of change ---------------------------------------------------------------------


def test_field_set_shows_old_and_new() -> None:
    (change,) = diff_models(risks(KEY_USERS), risks({**KEY_USERS, "likelihood": 3}))
    assert change.op == "set"
    assert change.path == ("risks", "key-users", "likelihood")
    assert change.describe() == "risks[Key users leave].likelihood: 2 → 3"


def test_row_added_and_removed_with_their_fields_for_reviewers_only() -> None:
    changes = diff_models(risks(KEY_USERS), risks(VENDOR))
    assert [(c.op, c.label) for c in changes] == [
        ("remove", "risks[Key users leave]"),
        ("add", "risks[Vendor delay]"),
    ]
    removed, added = changes
    assert added.describe() == "risks[Vendor delay]: added"
    assert added.detail() == []  # commit messages: never the row's contents
    assert "+ severity: 3" in added.detail(reveal=True)
    assert "+ name: Vendor delay" in added.detail(reveal=True)
    assert "- likelihood: 2" in removed.detail(reveal=True)


def test_reorder_is_the_fewest_moves() -> None:
    changes = diff_models(risks(KEY_USERS, BUDGET, VENDOR), risks(BUDGET, VENDOR, KEY_USERS))
    assert [c.describe() for c in changes] == ["risks[Key users leave]: moved from position 1 to 3"]


def test_multi_line_text_is_a_line_diff_shown_only_to_reviewers() -> None:
    new = {**BUDGET, "description": "Finance may\nhalve the budget\n"}
    (change,) = diff_models(risks(BUDGET), risks(new))
    assert change.is_text
    assert change.describe() == "risks[Budget cut].description: changed"
    assert change.detail() == []
    assert change.describe(reveal=True) == "risks[Budget cut].description: text changed"
    assert change.detail(reveal=True) == [
        "@@ -1,2 +1,2 @@",
        " Finance may",
        "-cut the budget",
        "+halve the budget",
    ]


def test_single_line_personal_text_is_hidden_unless_revealed() -> None:
    old = {**VENDOR, "responsible": "Jane Doe"}
    (change,) = diff_models(risks(old), risks({**old, "responsible": "John Roe"}))
    assert change.describe() == "risks[Vendor delay].responsible: changed"
    assert change.describe(reveal=True) == "risks[Vendor delay].responsible: Jane Doe → John Roe"


def test_commit_messages_never_reveal() -> None:
    new = {**BUDGET, "description": "secret plan\n"}
    message = compose(Scope("acme", "risks"), diff_models(risks(BUDGET), risks(new)))
    assert "secret" not in message and "Finance" not in message


def test_text_diff_keeps_one_line_of_context() -> None:
    assert text_diff("a\nb\nc\nd\n", "a\nb\nC\nd\n") == ["@@ -2,3 +2,3 @@", " b", "-c", "+C", " d"]


def test_raw_data_diff_matches_rows_by_id() -> None:
    old = {"rows": [{"id": "a", "n": 1}, {"id": "b", "n": 2}], "note": "x"}
    new = {"rows": [{"id": "b", "n": 3}, {"id": "a", "n": 1}, {"id": "c"}], "extra": 1}
    assert [c.describe() for c in diff_data(old, new)] == [
        "rows[b].n: 2 → 3",
        "rows[a]: moved from position 1 to 2",
        "rows[c]: added",
        "note: removed",
        "extra: added",
    ]


def test_texts_diff_through_the_model_of_the_path() -> None:
    old = dumps_new({"risks": [KEY_USERS]})
    new = dumps_new({"risks": [{**KEY_USERS, "severity": 5}]})
    diff = diff_texts(RISKS, old, new)
    assert diff.status == "modified" and diff.note == ""
    assert [c.describe() for c in diff.changes] == ["risks[Key users leave].severity: 4 → 5"]


def test_a_version_that_does_not_validate_falls_back_to_raw_data() -> None:
    old = dumps_new({"risks": [KEY_USERS]})
    new = dumps_new({"risks": [{**KEY_USERS, "severity": 99}]})
    diff = diff_texts(RISKS, old, new)
    assert "does not validate" in diff.note
    assert [c.describe() for c in diff.changes] == ["risks[key-users].severity: 4 → 99"]


def test_a_version_that_does_not_parse_is_a_text_diff() -> None:
    old = dumps_new({"risks": [KEY_USERS]})
    diff = diff_texts(RISKS, old, old + "oops = = 1\n")
    assert "does not parse" in diff.note
    (change,) = diff.changes
    assert change.detail(reveal=True)[-1] == "+oops = = 1"


def test_added_and_deleted_files() -> None:
    text = dumps_new({"risks": [KEY_USERS]})
    added = diff_texts(RISKS, None, text)
    deleted = diff_texts(RISKS, text, None)
    assert (added.status, deleted.status) == ("added", "deleted")
    assert added.changes[0].op == "add" and deleted.changes[0].op == "remove"


# --- history over a repository ----------------------------------------------------------------


def _edit_risks(repo: Repository, rows: list[dict[str, Any]]) -> None:
    loaded = repo.load(RISKS)
    repo.edit(loaded, Risks.model_validate({"risks": rows}))


@pytest.fixture
def reviewed(repo: Repository) -> Repository:
    """The `repo` fixture with three commits to engagements/acme/risks.toml."""
    _edit_risks(repo, [KEY_USERS, BUDGET])
    _edit_risks(repo, [{**KEY_USERS, "likelihood": 3}, BUDGET])
    _edit_risks(
        repo,
        [{**KEY_USERS, "likelihood": 3}, {**BUDGET, "description": "Finance may\nhalve it\n"}],
    )
    return repo


def test_history_of_a_tool_with_semantic_diffs(reviewed: Repository) -> None:
    items = history(reviewed, pathspecs("acme", "risks"))
    assert len(items) == 4  # created with the engagement, then three edits
    newest = items[0]
    (file,) = newest.files
    assert file.rel == RISKS
    assert [c.describe(reveal=True) for c in file.changes] == [
        "risks[Budget cut].description: text changed"
    ]
    assert [c.describe() for c in items[1].files[0].changes] == [
        "risks[Key users leave].likelihood: 2 → 3"
    ]
    assert items[-1].files[0].status == "added"
    assert history(reviewed, pathspecs("acme", "raci"), with_diffs=False)[0].files == []


def test_history_without_diffs_lists_the_same_commits(reviewed: Repository) -> None:
    """The history list asks git for commits only (no trees compared): same commits, same
    order, same parents as the history with diffs."""
    paths = pathspecs("acme", "risks")
    full = history(reviewed, paths)
    listed = history(reviewed, paths, with_diffs=False)
    assert [(i.commit, i.parents) for i in listed] == [(i.commit, i.parents) for i in full]
    assert all(item.files == [] for item in listed)


def test_history_of_a_repository_without_commits_is_empty(tmp_path: Path) -> None:
    """git log fails without a HEAD: no commits is an empty history, not an error; a failure
    with a HEAD (an unknown revision) is still raised."""
    git(tmp_path, "init", "-q")
    repo = Repository(tmp_path)
    assert history(repo, ["engagements"]) == []
    assert history(repo, ["engagements"], with_diffs=False) == []
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "first")
    with pytest.raises(GitError):
        repo.git.log_files(["engagements"], rev="no-such-revision")


def test_pathspecs_for_engagements_tools_and_months() -> None:
    assert pathspecs("acme") == ["engagements/acme"]
    assert pathspecs("acme", "raci") == ["engagements/acme/raci.toml"]
    assert pathspecs(None, "raci") == [":(glob)engagements/*/raci.toml"]
    assert pathspecs("acme", "stakeholder-plan") == ["engagements/acme/stakeholder-plan"]
    assert pathspecs(None, "stakeholders") == [":(glob)engagements/*/stakeholders.toml"]
    with pytest.raises(ValueError, match="unknown tool"):
        pathspecs("acme", "nope")


# --- the command line -------------------------------------------------------------------------


def test_log_text_for_reviewers(reviewed: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "log", "acme", "--tool", "risks", "--repo", str(reviewed.root))
    assert code == 0
    first = out.split("\n\ncommit ")[0].splitlines()
    assert first[0].startswith("commit ")
    assert first[1] == "Author: Test CSM <test.csm@example.com>"
    assert first[2] == "Date:   2026-11-20 10:00:00+00:00"
    assert first[4] == "    acme: risks: changed Budget cut: description"
    assert first[6:] == [
        "  engagements/acme/risks.toml (modified)",
        "    risks[Budget cut].description: text changed",
        "        @@ -1,2 +1,2 @@",
        "         Finance may",
        "        -cut the budget",
        "        +halve it",
    ]
    assert "risks[Key users leave].likelihood: 2 → 3" in out
    code, redacted, _ = run(
        capsys, "log", "acme", "--tool", "risks", "--redact", "--repo", str(reviewed.root)
    )
    assert "halve" not in redacted and "description: changed" in redacted


def test_log_json_for_scripts(reviewed: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "log", "acme", "--tool", "risks", "--format", "json", "--repo", str(reviewed.root)
    )
    assert code == 0
    commits = json.loads(out)
    assert len(commits) == 4
    assert set(commits[0]) == {
        "sha",
        "parents",
        "author",
        "email",
        "date",
        "subject",
        "merge",
        "files",
    }
    change = commits[1]["files"][0]["changes"][0]
    assert change == {
        "op": "set",
        "path": ["risks", "key-users", "likelihood"],
        "label": "risks[Key users leave].likelihood",
        "old": 2,
        "new": 3,
        "redacted": False,
    }
    text_change = commits[0]["files"][0]["changes"][0]
    assert text_change["lines"][-1] == "+halve it"


def test_log_filters(reviewed: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(reviewed.root)
    _, out, _ = run(capsys, "log", "--tool", "raci", "--format", "json", "--repo", root)
    (created,) = json.loads(out)
    assert created["subject"].startswith("acme: engagement: engagement started")
    _, out, err = run(capsys, "log", "acme", "--since", "2030-01-01", "--repo", root)
    assert out == "" and "no commits" in err
    _, out, _ = run(capsys, "log", "-n", "2", "--format", "json", "--repo", root)
    assert len(json.loads(out)) == 2
    assert run(capsys, "log", "acme", "--tool", "nope", "--repo", root)[0] == 2
    assert run(capsys, "log", "Not/A/Slug", "--repo", root)[0] == 2


def test_diff_between_commits_and_with_the_work_tree(
    reviewed: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(reviewed.root)
    code, out, _ = run(capsys, "diff", "HEAD~2", "HEAD", "--repo", root)
    assert code == 0
    assert out.splitlines() == [
        "engagements/acme/risks.toml (modified)",
        "  risks[Key users leave].likelihood: 2 → 3",
        "  risks[Budget cut].description: text changed",
        "      @@ -1,2 +1,2 @@",
        "       Finance may",
        "      -cut the budget",
        "      +halve it",
    ]
    assert run(capsys, "diff", "HEAD~2..HEAD", "--repo", root)[1] == out
    path = Path(root) / RISKS
    path.write_text(path.read_text().replace("likelihood = 3", "likelihood = 1"))
    code, out, _ = run(capsys, "diff", "HEAD", "--format", "json", "--repo", root)
    record = json.loads(out)
    assert record["to"] is None
    assert [(c["label"], c["old"], c["new"]) for c in record["files"][0]["changes"]] == [
        ("risks[Key users leave].likelihood", 3, 1)
    ]
    _, out, _ = run(capsys, "diff", "HEAD~3", "HEAD", "engagements/acme/raci.toml", "--repo", root)
    assert out == ""
    assert run(capsys, "diff", "no-such-rev", "--repo", root)[0] == 2


def test_diff_of_layout_only_changes_says_so(
    reviewed: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    path = reviewed.root / RISKS
    path.write_text("# a comment\n" + path.read_text())
    git(reviewed.root, "commit", "-qam", "comment only")
    _, out, _ = run(capsys, "diff", "HEAD~1", "HEAD", "--repo", str(reviewed.root))
    assert "(layout and comments only: no data changed)" in out


def test_a_commit_of_no_one_engagement_has_no_empty_prefix() -> None:
    """Undoing a commit of outside changes (no engagement, no tool) reads "undo “…”", not
    ": undo “…”" (found by a new CSM's walk)."""
    subject = compose(Scope(), [], headline="undo “CFO title spelled out”").splitlines()[0]
    assert subject == "undo “CFO title spelled out”"
    assert compose(Scope("acme", "risks"), [], headline="x").splitlines()[0] == "acme: risks: x"
