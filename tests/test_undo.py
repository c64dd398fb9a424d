"""Undo and redo of this session's own changes, scoped, never a teammate's (pcsm_tui/undo.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import CannotUndo
from pcsm_tui.undo import NothingToUndo, UndoNeedsConfirmation

from .conftest import git
from .remotes import team

SCORE = "engagements/{}/onboarding-score.toml"
NORTHWIND = SCORE.format("northwind-emea")
CONTOSO = SCORE.format("contoso-retail")


def subject(root: Path) -> str:
    return git(root, "log", "-1", "--format=%s").strip()


def setter(value: int) -> Any:
    return lambda data: {**data, "customization": value}


def value(root: Path, rel: str) -> int:
    import tomllib

    return int(tomllib.loads((root / rel).read_text())["customization"])


def test_nothing_made_in_this_session_is_nothing_to_undo(demo_copy: Path) -> None:
    """Right after start `u` must not take back the newest commit of the repository."""
    head = git(demo_copy, "rev-parse", "HEAD")
    with pytest.raises(NothingToUndo, match="no change of yours from this session"):
        Workspace(demo_copy).undo()
    assert git(demo_copy, "rev-parse", "HEAD") == head


def test_several_levels_back_and_forth_with_plain_messages(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    original = value(demo_copy, NORTHWIND)
    for new in (1, 2, 3):
        workspace.change(NORTHWIND, setter(new))
    workspace.undo()
    assert value(demo_copy, NORTHWIND) == 2
    assert subject(demo_copy) == "northwind-emea: onboarding-score: undo “Customization: 2 → 3”"
    workspace.undo()  # the next older change, not the undo again
    workspace.undo()
    assert value(demo_copy, NORTHWIND) == original
    with pytest.raises(NothingToUndo):
        workspace.undo()
    workspace.redo()
    assert value(demo_copy, NORTHWIND) == 1
    assert subject(demo_copy) == (
        f"northwind-emea: onboarding-score: redo “Customization: {original} → 1”"
    )
    workspace.undo()  # undoing a redo says undo of the change, not undo “redo …”
    assert subject(demo_copy) == (
        f"northwind-emea: onboarding-score: undo “Customization: {original} → 1”"
    )
    workspace.redo()
    workspace.redo()
    workspace.redo()
    assert value(demo_copy, NORTHWIND) == 3
    with pytest.raises(NothingToUndo, match="nothing to redo"):
        workspace.redo()
    messages = git(demo_copy, "log", "-12", "--format=%s").splitlines()
    assert not any("“undo" in m or "“redo" in m for m in messages)


def test_undo_is_scoped_to_the_engagement_on_screen(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    workspace.change(NORTHWIND, setter(1))
    workspace.change(CONTOSO, setter(1))  # newer, but another engagement
    workspace.undo(("engagements/northwind-emea/",))
    assert subject(demo_copy).startswith("northwind-emea: onboarding-score: undo")
    assert value(demo_copy, CONTOSO) == 1
    with pytest.raises(NothingToUndo):
        workspace.undo(("engagements/northwind-emea/",))
    workspace.undo()  # the portfolio: every change of the session
    assert subject(demo_copy).startswith("contoso-retail: onboarding-score: undo")


def test_a_new_change_drops_the_redo_of_its_engagement_only(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    workspace.change(NORTHWIND, setter(1))
    workspace.change(CONTOSO, setter(1))
    workspace.undo()
    workspace.undo()
    workspace.change(NORTHWIND, setter(2))
    workspace.redo()  # contoso's undo is still there to redo
    assert value(demo_copy, CONTOSO) == 1
    with pytest.raises(NothingToUndo):
        workspace.redo()


def test_a_teammates_commit_is_never_undone(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    workspace.change(NORTHWIND, setter(1))
    path = demo_copy / CONTOSO
    path.write_text(path.read_text().replace("customization = ", "customization = 4 #", 1))
    git(demo_copy, "commit", "-qam", "a teammate's change")
    workspace.undo()
    assert subject(demo_copy).startswith("northwind-emea: onboarding-score: undo")
    assert value(demo_copy, CONTOSO) == 4
    with pytest.raises(NothingToUndo):
        workspace.undo()


def test_a_change_whose_file_changed_since_is_refused_and_kept(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    workspace.change(NORTHWIND, setter(1))
    path = demo_copy / NORTHWIND
    path.write_text(path.read_text() + "# a hand note\n")
    git(demo_copy, "commit", "-qam", "hand note")
    with pytest.raises(CannotUndo, match="has changed since"):
        workspace.undo()
    assert len(workspace.undo_stack.done) == 1  # still there, for when it can be undone


def test_undoing_an_engagements_creation_asks_first(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    workspace.new_engagement("initech", "Initech")
    files = git(demo_copy, "ls-files", "engagements/initech").split()
    with pytest.raises(UndoNeedsConfirmation) as asked:
        workspace.undo()
    question = asked.value.question
    assert question.startswith("Undo “engagement started (")
    assert f"It deletes the {len(files)} file(s) it created: engagements/initech/" in question
    assert (demo_copy / "engagements/initech").is_dir()  # nothing happened yet
    with pytest.raises(UndoNeedsConfirmation):
        workspace.undo(confirm="not-the-right-commit")
    workspace.undo(confirm=asked.value.sha)
    assert git(demo_copy, "ls-files", "engagements/initech") == ""
    workspace.redo()  # brings the files back
    assert git(demo_copy, "ls-files", "engagements/initech").split() == files


def test_a_fast_forward_sync_brings_nothing_to_undo(demo_dir: Path, tmp_path: Path) -> None:
    t = team(demo_dir, tmp_path)
    t.bob.edit(CONTOSO, lambda d: d.update(customization=4), "bob's change")
    t.bob.git("push", "-q", "origin", "HEAD")
    alice = Workspace(t.alice.root)
    assert alice.sync().outcome == "synced"
    with pytest.raises(NothingToUndo):
        alice.undo()
    assert t.alice.read(CONTOSO)["customization"] == 4


def test_a_sync_merge_is_undone_only_after_saying_what_it_takes_out(
    demo_dir: Path, tmp_path: Path
) -> None:
    t = team(demo_dir, tmp_path)
    t.bob.edit(CONTOSO, lambda d: d.update(customization=4), "bob's change")
    t.bob.git("push", "-q", "origin", "HEAD")
    alice = Workspace(t.alice.root)
    alice.change(NORTHWIND, setter(1))
    assert alice.sync().outcome == "synced"  # merged bob's commit, pushed
    with pytest.raises(UndoNeedsConfirmation) as asked:
        alice.undo()
    assert asked.value.question.startswith("Undo the sync merge “")
    assert "what 1 commit(s) of your teammates brought in: " + CONTOSO in asked.value.question
    result = alice.undo(confirm=asked.value.sha)
    assert result.subject.startswith("sync: undo “")
    assert t.alice.read(CONTOSO)["customization"] != 4  # bob's change taken out again
    assert t.alice.read(NORTHWIND)["customization"] == 1  # alice's own change stays
    assert t.alice.errors() == []
