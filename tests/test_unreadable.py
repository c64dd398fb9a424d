"""Issue 10 item 7: a file that does not read is never written over unasked, and kept when
the person says yes (restore, undo, import, the merge of an edit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import FileChangedOnDisk, Repository, UnreadableFile

from .conftest import git
from .exchangehelp import EDITED, risks_workbook

SCORE = "engagements/acme/onboarding-score.toml"
NORTHWIND_RISKS = "engagements/northwind-emea/risks.toml"
RESCUED = re.compile(r"\.git/pcsm/rescued/\d{8}T\d{12}-engagements__acme__onboarding-score\.toml")


def hand_edit_in_latin1(root: Path, rel: str) -> bytes:
    """Someone edits the file by hand and saves it as Latin-1 (not UTF-8)."""
    text = (root / rel).read_text() + "# revu par Hélène\n"
    data = text.encode("latin-1")
    (root / rel).write_bytes(data)
    return data


def rescued(root: Path) -> list[Path]:
    folder = root / ".git" / "pcsm" / "rescued"
    return sorted(folder.iterdir()) if folder.exists() else []


def an_earlier_version(repo: Repository) -> str:
    first = git(repo.root, "rev-parse", "HEAD").strip()
    Workspace(repo.root).change(SCORE, lambda data: set_value(data, ("customization",), 3))
    return first


def test_restore_refuses_to_write_over_a_latin1_file(repo: Repository) -> None:
    earlier = an_earlier_version(repo)
    latin1 = hand_edit_in_latin1(repo.root, SCORE)
    head = git(repo.root, "rev-parse", "HEAD")
    with pytest.raises(UnreadableFile, match=r"not UTF-8 text: byte 0xe9 on line \d+"):
        Workspace(repo.root).restore(SCORE, earlier)
    assert (repo.root / SCORE).read_bytes() == latin1
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert rescued(repo.root) == []


def test_restore_confirmed_keeps_the_bytes_first_and_says_where(repo: Repository) -> None:
    earlier = an_earlier_version(repo)
    latin1 = hand_edit_in_latin1(repo.root, SCORE)
    result = Workspace(repo.root).restore(SCORE, earlier, confirm_overwrite_unreadable=True)
    [kept] = rescued(repo.root)
    assert kept.read_bytes() == latin1
    assert (repo.root / SCORE).read_text() == git(repo.root, "show", f"{earlier}:{SCORE}")
    line = next(line for line in result.message.splitlines() if "Kept the unreadable" in line)
    assert RESCUED.search(line) and line.startswith(f"Kept the unreadable earlier {SCORE} as ")
    assert result.rescued == [line]
    assert git(repo.root, "log", "-1", "--format=%B").strip() == result.message.strip()


def test_restore_refuses_to_write_over_invalid_toml(repo: Repository) -> None:
    earlier = an_earlier_version(repo)
    broken = (repo.root / SCORE).read_bytes() + b"customization = = 4\n"
    (repo.root / SCORE).write_bytes(broken)
    with pytest.raises(UnreadableFile, match="not valid TOML: line"):
        Workspace(repo.root).restore(SCORE, earlier)
    assert (repo.root / SCORE).read_bytes() == broken


def test_undo_of_a_commit_that_left_an_unreadable_file_asks_first(repo: Repository) -> None:
    an_earlier_version(repo)
    latin1 = hand_edit_in_latin1(repo.root, SCORE)
    git(repo.root, "commit", "-qam", "hand edit, saved as Latin-1")
    workspace = Workspace(repo.root)
    with pytest.raises(UnreadableFile):
        workspace.repo.undo()
    assert (repo.root / SCORE).read_bytes() == latin1
    workspace.repo.undo(confirm_overwrite_unreadable=True)
    assert [p.read_bytes() for p in rescued(repo.root)] == [latin1]
    assert "customization = 3" in (repo.root / SCORE).read_text()


def test_an_edit_over_a_file_made_unreadable_meanwhile_asks_first(repo: Repository) -> None:
    workspace = Workspace(repo.root)
    seen = workspace.load(SCORE)
    latin1 = hand_edit_in_latin1(repo.root, SCORE)
    edit = lambda data: set_value(data, ("customization",), 2)  # noqa: E731
    with pytest.raises(UnreadableFile):
        workspace.change(SCORE, edit, base=seen)
    assert (repo.root / SCORE).read_bytes() == latin1
    workspace.change(SCORE, edit, base=seen, confirm_overwrite_unreadable=True)
    assert [p.read_bytes() for p in rescued(repo.root)] == [latin1]
    assert "customization = 2" in (repo.root / SCORE).read_text()


def test_an_import_never_writes_over_a_file_made_unreadable_after_its_preview(
    demo_copy: Path, tmp_path: Path
) -> None:
    workspace = Workspace(demo_copy)
    plan = workspace.plan_import(
        "northwind-emea", risks_workbook(demo_copy, tmp_path / "risks.xlsx", EDITED), "risks"
    )
    path = demo_copy / NORTHWIND_RISKS
    latin1 = (path.read_text() + "# Hélène\n").encode("latin-1")
    path.write_bytes(latin1)
    with pytest.raises(FileChangedOnDisk):
        workspace.apply_import(plan)
    assert path.read_bytes() == latin1


def test_reading_a_latin1_file_says_where_and_what_to_do(repo: Repository) -> None:
    from pcsm_tui.safeio import Unreadable

    hand_edit_in_latin1(repo.root, SCORE)
    with pytest.raises(Unreadable) as caught:
        repo.load(SCORE)
    assert caught.value.line == (repo.root / SCORE).read_bytes().count(b"\n")
    assert "not UTF-8" in caught.value.message and "save the file as UTF-8" in caught.value.message
