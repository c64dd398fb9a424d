"""Issue 10 item 1: an edit applies to the version the person saw; an outside change is
never overwritten and never swept into a commit that does not describe it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsm_tui.cli import main
from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import EditConflict, Repository
from pcsm_tui.store.toml_codec import loads

from .conftest import git, scaled

SCORE = "engagements/acme/onboarding-score.toml"
RISKS = "engagements/acme/risks.toml"


def outside(root: Path, rel: str, old: str, new: str) -> None:
    """Another editor changes the file on disk (uncommitted)."""
    path = root / rel
    text = path.read_text()
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1))


def head_diff(root: Path) -> list[str]:
    """The changed lines of HEAD's commit (without the file headers)."""
    out = git(root, "show", "--format=", "--unified=0", "HEAD")
    return [
        line
        for line in out.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_pcsm_set_keeps_an_outside_change_out_of_its_commit(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    outside(repo.root, SCORE, "customization = 0", "customization = 5")
    code = main(["set", "acme", "onboarding-score", "adoption_needs=2", "--repo", str(repo.root)])
    assert code == 0, capsys.readouterr().err
    text = (repo.root / SCORE).read_text()
    assert "customization = 5" in text and "adoption_needs = 2" in text
    assert head_diff(repo.root) == ["-adoption_needs = 0", "+adoption_needs = 2"]
    message = git(repo.root, "log", "-1", "--format=%B")
    assert "adoption_needs: 0 → 2" in message and "customization" not in message
    # The outside change is still there, unstaged, exactly as the other editor left it.
    assert git(repo.root, "status", "--porcelain") == f" M {SCORE}\n"
    assert git(repo.root, "diff", "--unified=0", "--", SCORE).count("customization") == 2
    assert git(repo.root, "diff", "--cached") == ""


def test_an_edit_applies_to_what_was_loaded_and_merges_a_later_outside_change(
    repo: Repository,
) -> None:
    workspace = Workspace(repo.root)
    seen = workspace.load(SCORE)
    outside(repo.root, SCORE, "customization = 0", "customization = 4")  # after it was read
    result = workspace.change(
        SCORE, lambda data: set_value(data, ("products_services",), 3), base=seen
    )
    assert result.subject == "acme: onboarding-score: Products/Services: 0 → 3"
    on_disk = loads((repo.root / SCORE).read_text())
    assert (on_disk["customization"], on_disk["products_services"]) == (4, 3)
    assert head_diff(repo.root) == ["-products_services = 0", "+products_services = 3"]


def test_the_same_field_changed_outside_is_refused_naming_it(repo: Repository) -> None:
    workspace = Workspace(repo.root)
    seen = workspace.load(SCORE)
    outside(repo.root, SCORE, "customization = 0", "customization = 4")
    snapshot = (repo.root / SCORE).read_bytes()
    head = git(repo.root, "rev-parse", "HEAD")
    with pytest.raises(EditConflict, match=r"customization: changed differently on both sides"):
        workspace.change(SCORE, lambda data: set_value(data, ("customization",), 1), base=seen)
    assert (repo.root / SCORE).read_bytes() == snapshot
    assert git(repo.root, "rev-parse", "HEAD") == head


def test_a_row_changed_outside_merges_with_an_edit_of_another_field_of_it(
    repo: Repository,
) -> None:
    workspace = Workspace(repo.root)
    first = workspace.change(
        RISKS,
        lambda data: {
            **data,
            "risks": [{"id": "r-1", "name": "ERP late", "likelihood": 1, "severity": 1}],
        },
    )
    assert first.sha is not None
    seen = workspace.load(RISKS)
    outside(repo.root, RISKS, "severity = 1", "severity = 4")
    path = ("risks", "r-1", "likelihood")
    workspace.change(RISKS, lambda data: set_value(data, path, 3), base=seen)
    row = loads((repo.root / RISKS).read_text())["risks"][0]
    assert (row["likelihood"], row["severity"]) == (3, 4)
    assert head_diff(repo.root) == ["-likelihood = 1", "+likelihood = 3"]


def test_an_outside_row_edited_by_the_person_is_committed_as_an_added_row(
    repo: Repository,
) -> None:
    """The person edits a row that only exists uncommitted: the commit adds it, and says so."""
    path = repo.root / RISKS
    path.write_text(
        path.read_text().replace("risks = []\n", "")
        + '\n[[risks]]\nid = "r-9"\nname = "Budget"\nlikelihood = 1\n'
    )
    workspace = Workspace(repo.root)
    seen = workspace.load(RISKS)
    result = workspace.change(
        RISKS, lambda data: set_value(data, ("risks", "r-9", "severity"), 2), base=seen
    )
    assert "risks[Budget]: added" in result.message
    committed = loads(git(repo.root, "show", f"HEAD:{RISKS}"))
    assert committed["risks"][0]["severity"] == 2
    assert git(repo.root, "status", "--porcelain") == ""


@settings(max_examples=scaled(25), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changed=st.dictionaries(
        st.sampled_from(["products_services", "customization", "customer_maturity"]),
        st.integers(1, 5),
        min_size=1,
    ),
    when=st.sampled_from(["before-load", "after-load"]),
    value=st.integers(1, 5),
)
def test_property_the_commit_is_head_plus_the_edit_and_the_disk_keeps_both(
    repo: Repository, changed: dict[str, int], when: str, value: int
) -> None:
    """Whatever outside fields change, and whenever: the commit holds HEAD's file with the
    edit only, and the disk holds the outside change with the edit."""
    git(repo.root, "checkout", "--", SCORE)
    head_data = loads(git(repo.root, "show", f"HEAD:{SCORE}"))
    workspace = Workspace(repo.root)

    def change_outside() -> None:
        text = (repo.root / SCORE).read_text()
        for key, number in changed.items():
            text = text.replace(f"{key} = {head_data[key]}", f"{key} = {number}", 1)
        (repo.root / SCORE).write_text(text)

    if when == "before-load":
        change_outside()
    seen = workspace.load(SCORE)
    if when == "after-load":
        change_outside()
    field = "adoption_needs"
    value = value if value != head_data[field] else 0
    workspace.change(SCORE, lambda data: set_value(data, (field,), value), base=seen)
    committed = loads(git(repo.root, "show", f"HEAD:{SCORE}"))
    assert committed == {**head_data, field: value}
    assert loads((repo.root / SCORE).read_text()) == {**head_data, **changed, field: value}


def test_a_file_unchanged_since_head_commits_with_git_commit_only(repo: Repository) -> None:
    """The usual path stays git's own: no plumbing, hooks run."""
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    marker = repo.root / ".git" / "hook-ran"
    hook.write_text(f"#!/bin/sh\ntouch '{marker}'\n")
    hook.chmod(0o755)
    Workspace(repo.root).change(SCORE, lambda data: set_value(data, ("customization",), 2))
    assert marker.exists()
    assert git(repo.root, "status", "--porcelain") == ""


def test_status_after_the_plumbing_commit_is_what_git_itself_would_show(
    repo: Repository,
) -> None:
    outside(repo.root, SCORE, "customization = 0", "customization = 5")
    Workspace(repo.root).change(SCORE, lambda data: set_value(data, ("adoption_needs",), 1))
    subprocess.run(["git", "-C", str(repo.root), "update-index", "--refresh"], check=False)
    assert git(repo.root, "diff", "--cached", "--name-only") == ""
    assert git(repo.root, "diff", "--name-only") == f"{SCORE}\n"
    assert git(repo.root, "fsck", "--no-progress").strip() == ""


def test_an_edit_that_undoes_an_outside_change_commits_nothing_and_keeps_the_rest(
    repo: Repository,
) -> None:
    outside(repo.root, SCORE, "customization = 0", "customization = 5")
    outside(repo.root, SCORE, "adoption_needs = 0", "adoption_needs = 4")
    workspace = Workspace(repo.root)
    head = git(repo.root, "rev-parse", "HEAD")
    result = workspace.change(SCORE, lambda data: set_value(data, ("customization",), 0))
    assert result.sha is None  # HEAD already says 0: nothing of this edit to commit
    assert git(repo.root, "rev-parse", "HEAD") == head
    on_disk = loads((repo.root / SCORE).read_text())
    assert (on_disk["customization"], on_disk["adoption_needs"]) == (0, 4)
    workspace.change(SCORE, lambda data: set_value(data, ("products_services",), 2))
    assert head_diff(repo.root) == ["-products_services = 0", "+products_services = 2"]
