"""`pcsm diff` for reviewers: git's revision forms, `git difftool`, and the Markdown comment.

The Markdown golden file is compared byte for byte; regenerate it after a deliberate
change with `PCSM_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_review.py` and read the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pcsm_tui.store.changes import Change
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.review import change_lines, code

from .conftest import git
from .helpers import run_cli as run

GOLDEN = Path(__file__).parent / "golden"
RISKS = "engagements/northwind-emea/risks.toml"
RACI = "engagements/contoso-retail/raci.toml"


def edit(root: Path, rel: str, old: str, new: str, message: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    git(root, "commit", "-qam", message)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PCSM_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.is_file(), f"{path} is missing: run with PCSM_UPDATE_GOLDEN=1 once"
    assert text == path.read_text()


@pytest.fixture
def branch(demo_copy: Path) -> Path:
    """The demo with a branch `review` that edits two engagements (one edit leaves a RACI
    activity with two A), while main moved on after the branch left it."""
    git(demo_copy, "checkout", "-q", "-b", "review")
    edit(demo_copy, RISKS, "likelihood = 3", "likelihood = 1", "risk less likely")
    edit(
        demo_copy,
        RISKS,
        'name = "ERP integration late"\ndescription = "Delft Systems\' capacity could delay',
        'name = "ERP integration late"\ndescription = "Delft Systems\' staffing could delay',
        "risk reworded",
    )
    edit(
        demo_copy,
        RACI,
        'retail-operations-director = "R"\n    cfo = "A"',
        'retail-operations-director = "R/A"\n    cfo = "A"',
        "raci: a second A",
    )
    git(demo_copy, "checkout", "-q", "main")
    edit(demo_copy, RISKS, "severity = 4", "severity = 5", "main: severity")
    git(demo_copy, "checkout", "-q", "review")
    return demo_copy


# --- revision forms ---------------------------------------------------------------------------


def test_three_dots_compare_with_the_merge_base(
    branch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(branch)
    _, three, _ = run(capsys, "diff", "main...HEAD", "--repo", root)
    assert "likelihood: 3 → 1" in three and "severity" not in three  # main's own change: out
    _, two, _ = run(capsys, "diff", "main..HEAD", "--repo", root)
    assert "severity: 5 → 4" in two  # two dots: the trees, main's change shows reversed
    _, left_out, _ = run(capsys, "diff", "main...", "--repo", root)
    assert left_out == three
    _, single, _ = run(capsys, "diff", "HEAD^!", "--repo", root)
    assert single.splitlines()[0] == f"{RACI} (modified)" and RISKS not in single
    _, against_parent, _ = run(capsys, "diff", "HEAD~1", "HEAD", "--repo", root)
    assert against_parent == single
    code_, _, err = run(capsys, "diff", "main...nope", "--repo", root)
    assert code_ == 2 and "'nope' is not a commit" in err


def test_the_first_commit_alone_and_unrelated_histories(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(repo.root)
    first = git(repo.root, "rev-list", "--max-parents=0", "HEAD").strip()
    code_, out, _ = run(capsys, "diff", f"{first}^!", "--format", "json", "--repo", root)
    assert code_ == 0
    assert [f["path"] for f in json.loads(out)["files"]][:1] == [".gitattributes"]
    git(repo.root, "checkout", "-q", "--orphan", "other")
    git(repo.root, "commit", "-q", "--allow-empty", "-m", "unrelated")
    code_, _, err = run(capsys, "diff", "main...other", "--repo", root)
    assert code_ == 2 and "no common ancestor" in err


# --- git difftool -----------------------------------------------------------------------------


def difftool(root: Path, *args: str) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["git", "difftool", "-y", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout


def test_git_difftool_with_pcsm_on_two_revisions_of_a_file(branch: Path) -> None:
    out = difftool(branch, "-x", "pcsm diff", "HEAD~3", "HEAD~1", "--", RISKS)
    assert out.splitlines() == [
        f"{RISKS} (modified)",
        "  risks[ERP integration late].description: Delft Systems' capacity could delay the "
        "production queue integration. → Delft Systems' staffing could delay the production "
        "queue integration.",
        "  risks[ERP integration late].likelihood: 3 → 1",
    ]
    against_disk = difftool(branch, "--extcmd=pcsm diff --format json", "HEAD~2", "--", RISKS)
    (record,) = json.loads(against_disk)["files"]
    assert record["path"] == RISKS
    assert [c["label"] for c in record["changes"]] == ["risks[ERP integration late].description"]


def test_two_files_without_git_are_read_by_name_or_by_content(
    branch: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MERGED", raising=False)
    monkeypatch.delenv("BASE", raising=False)
    old, new = tmp_path / "5f1a_risks.toml", tmp_path / "d00d_risks.toml"
    old.write_text(git(branch, "show", f"HEAD~3:{RISKS}"))
    new.write_text(git(branch, "show", f"HEAD:{RISKS}"))
    _, by_name, _ = run(capsys, "diff", str(old), str(new), "--repo", str(branch))
    assert "  risks[ERP integration late].likelihood: 3 → 1" in by_name.splitlines()
    plain_old, plain_new = tmp_path / "a.toml", tmp_path / "b.toml"
    plain_old.write_text(old.read_text())
    plain_new.write_text(new.read_text())
    _, by_content, _ = run(capsys, "diff", str(plain_old), str(plain_new), "--repo", str(tmp_path))
    assert by_content.splitlines()[0] == f"{plain_new} (modified)"
    assert "  risks[ERP integration late].likelihood: 3 → 1" in by_content.splitlines()
    _, added, _ = run(capsys, "diff", os.devnull, str(new), "--repo", str(branch))
    assert "(added)" in added.splitlines()[0]


# --- the Markdown comment ---------------------------------------------------------------------


def test_markdown_for_a_pull_request_matches_the_golden_file(
    branch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code_, out, _ = run(
        capsys, "diff", "main...HEAD", "--format", "markdown", "--repo", str(branch)
    )
    assert code_ == 0
    check_golden("diff-review.md", out)
    _, redacted, _ = run(
        capsys, "diff", "main...HEAD", "--format", "markdown", "--redact", "--repo", str(branch)
    )
    check_golden("diff-review-redacted.md", redacted)
    assert "staffing" in out and "staffing" not in redacted


def test_markdown_shows_names_as_text_whatever_they_hold() -> None:
    name = "Evil `code` @team <img src=x> [link](http://x)\n# heading \x1b[31m"
    (line,) = change_lines(Change("add", ("risks", "x"), f"risks[{name}]"), reveal=True)
    assert line == (
        "- ``risks[Evil `code` @team <img src=x> [link](http://x) # heading \\x1b[31m]``: added"
    )
    assert code("`edge`") == "`` `edge` ``"
    assert code("") == "` `"
