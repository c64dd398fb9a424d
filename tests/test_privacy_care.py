"""Personal-data care: `pcsm forget` and `pcsm privacy report` on the demo repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.validate import validate_repository

from .conftest import git

NORTHWIND = "engagements/northwind-emea"


def traces(root: Path, *words: str) -> list[str]:
    """Files of the working tree (every file but .git) that hold any of `words`, whatever
    the case and the spacing between them."""
    patterns = [re.compile(r"\s*".join(map(re.escape, w.split())), re.IGNORECASE) for w in words]
    found = []
    for path in sorted(root.rglob("*")):
        if ".git" in path.relative_to(root).parts or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        flat = re.sub(r"\s+", " ", text)
        if any(p.search(text) or p.search(flat) for p in patterns):
            found.append(str(path.relative_to(root)))
    return found


def test_forget_leaves_no_trace_in_one_commit_without_the_name(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    space = Workspace(demo_copy)
    # The name also in a public field (shown in commit messages), in another engagement's
    # notes, in a tracked file pcsm does not own, written with odd spacing and case.
    raci = space.load(f"{NORTHWIND}/raci.toml").model
    activity = ("matrices", "main", "activities", raci.matrices[0].activities[0].id, "name")  # type: ignore[attr-defined]
    space.change(f"{NORTHWIND}/raci.toml", lambda d: set_value(d, activity, "Brief JOHN  ASHTON"))
    other = "engagements/contoso-retail/stakeholders.toml"
    rows = space.load(other).model.stakeholders  # type: ignore[attr-defined]
    note = ("stakeholders", rows[0].id, "notes")
    space.change(other, lambda d: set_value(d, note, "Met Ashton,\n John at the summit"))
    (demo_copy / "notes.md").write_text("Call john ashton (john.ashton@northwind.example)\n")
    git(demo_copy, "add", "notes.md")
    git(demo_copy, "commit", "-q", "-m", "notes")
    assert traces(demo_copy, "John Ashton", "Ashton, John")
    before = int(git(demo_copy, "rev-list", "--count", "HEAD"))

    assert main(["forget", "northwind-emea", "cfo", "--repo", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert traces(demo_copy, "John Ashton", "Ashton, John", "john.ashton@", "Ashton") == []
    assert int(git(demo_copy, "rev-list", "--count", "HEAD")) == before + 1
    message = git(demo_copy, "log", "-1", "--format=%B")
    assert "ashton" not in message.lower() and "john" not in message.lower()
    assert "Pcsm-Action: forget" in message
    assert git(demo_copy, "status", "--porcelain") == ""
    assert [f for f in validate_repository(demo_copy) if f.severity == "error"] == []
    assert "CFO" in (demo_copy / "notes.md").read_text()  # the role stands in for the name
    # How to purge the history, with a replacements file outside the work tree.
    for words in ("git filter-repo", "--replace-text", "git push --force", "re-clone"):
        assert words in out, words
    replacements = demo_copy / ".git" / "pcsm" / "forget-cfo.txt"
    assert "John Ashton" in replacements.read_text()


def test_forget_an_unknown_stakeholder_changes_nothing(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = git(demo_copy, "rev-parse", "HEAD")
    assert main(["forget", "northwind-emea", "nobody", "--repo", str(demo_copy)]) == 2
    assert "no stakeholder 'nobody'" in capsys.readouterr().err
    assert git(demo_copy, "rev-parse", "HEAD") == head
    assert main(["forget", "no-such", "cfo", "--repo", str(demo_copy)]) == 2


def test_privacy_report_lists_personal_data_since_when_who_left_and_warns(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = demo_copy / "pcsm.toml"
    settings.write_text(settings.read_text() + "\n[privacy]\nretention_days = 30\n")
    space = Workspace(demo_copy)
    left = ("stakeholders", "cfo", "left_on")
    space.change(f"{NORTHWIND}/stakeholders.toml", lambda d: set_value(d, left, "2026-01-15"))
    git(demo_copy, "commit", "-q", "-am", "retention")
    assert main(["privacy", "report", "--repo", str(demo_copy)]) == 0
    text = capsys.readouterr().out
    assert "retention period: 30 days" in text
    assert "cfo: John Ashton (CFO) since 2026-" in text
    assert "left on 2026-01-15" in text
    assert "warning: CFO (cfo) left on 2026-01-15" in text
    assert "pcsm forget northwind-emea cfo" in text
    assert main(["privacy", "report", "--format", "json", "--repo", str(demo_copy)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["retention_days"] == 30
    northwind = next(e for e in record["engagements"] if e["slug"] == "northwind-emea")
    cfo = next(p for p in northwind["people"] if p["id"] == "cfo")
    assert cfo["left_on"] == "2026-01-15" and cfo["since"] and cfo["contact"] is True
    assert any("proposal.toml" in where for where in cfo["mentions"]) or cfo["mentions"]
    assert len(northwind["warnings"]) == 1
    people = {p["id"] for e in record["engagements"] for p in e["people"]}
    assert "network-team" not in people  # a group that is not personal data is not listed
