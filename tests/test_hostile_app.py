"""One repository holding a hostile file of each kind (tests/hostile_cases.py), each in its
own engagement: it validates with one finding per file and no traceback, the app opens
it (the portfolio marks what does not read, every engagement opens at its hostile file),
and a teammate's sync of all of it refuses cleanly — in the app too."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from pcsm_tui.framework.catalogue import ENGAGEMENT_FILES, TOOL_FOR_KIND
from pcsm_tui.models.base import FileModel
from pcsm_tui.service import Workspace
from pcsm_tui.store.layout import UnsafePath
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.validate import validate_repository
from pcsm_tui.ui.editors.shapes import MonthlyEditor
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.portfolio import PortfolioScreen
from pcsm_tui.ui.screens.wheel import Wheel

from .apphelp import TODAY, WIDE, make_app, settle
from .hostile_cases import BY_NAME, CASES, TOP_LEVEL, Case, at, in_engagement
from .remotes import clone, make_bare
from .test_hostile import _bob_edits, check_findings

HERE = [c for c in CASES if in_engagement(c) and c.name != "submodule-where-files-live"]
EVERYWHERE = [*HERE, *(BY_NAME[name] for name in TOP_LEVEL)]


def slug(case: Case) -> str:
    return f"c-{case.name}"[:63]


def build(root: Path) -> None:
    """Every case in its own engagement (a copy of acme), the top-level ones once."""
    repo = Repository.init(root, name="Hostile")
    repo.new_engagement("acme", "Acme", today=TODAY)
    repo.new_engagement("beta", "Beta", today=TODAY)
    for case in HERE:
        shutil.copytree(root / "engagements/acme", root / "engagements" / slug(case))
    for case in HERE:
        case.make(root, f"engagements/{slug(case)}")
    for name in TOP_LEVEL:
        BY_NAME[name].make(root, "engagements/acme")
    for name in ("engagement-folder-is-a-link", "engagement-folder-name-not-a-slug"):
        BY_NAME[name].make(root, "engagements/acme")


@pytest.fixture
def everything(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    build(root)
    return root


def test_it_validates_with_one_finding_per_hostile_file(everything: Path) -> None:
    findings = validate_repository(everything)
    for case in EVERYWHERE:
        engagement = f"engagements/{slug(case)}"
        mine = [f for f in findings if f.path.startswith(engagement + "/")]
        if case.rels and not in_engagement(case):
            mine = [f for f in findings if f.path in {at(r) for r in case.rels}]
        check_findings(mine, case.findings, engagement)
    for name in ("engagement-folder-is-a-link", "engagement-folder-name-not-a-slug"):
        check_findings(
            [f for f in findings if f.path == at(BY_NAME[name].findings[0].rel)],
            BY_NAME[name].findings,
            "engagements/acme",
        )
    every = sum(len(c.findings) for c in EVERYWHERE) + 2
    assert len([f for f in findings if f.severity == "error"]) == every


def _tool_of(rel: str) -> str | None:
    """The wheel target that shows `rel` (None: the engagement's details)."""
    name = rel.rsplit("/", 1)[-1]
    kind = ENGAGEMENT_FILES.get(name)
    tool = TOOL_FOR_KIND.get(kind) if kind else None
    return tool.id if tool is not None else None


async def test_the_app_opens_it_and_marks_what_does_not_read(everything: Path) -> None:
    app = make_app(everything)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#portfolio", DataTable)
        shown = {str(key.value) for key in table.rows}
        assert shown == {"acme", "beta", *(slug(c) for c in HERE)}  # no linked, no bad name
        for case in HERE:
            row = " ".join(str(cell) for cell in table.get_row(slug(case)))
            if case.portfolio:  # the file is named on the row (issue 13: never "—" as if empty)
                # The file's name, whatever the reason says (a link's reason starts with it).
                found = re.search(r"[\w.-]+\.toml", " ".join((*case.rels, case.portfolio)))
                assert f"⚠ {found.group(0)}" in row if found else "⚠ " in row, (case.name, row)
            elif not case.findings:  # the live watch flags any file that does not read
                assert "⚠" not in row, (case.name, row)
        assert "cannot read" in app.status_text
        for case in HERE:
            tool = _tool_of(at(case.rels[0])) if case.rels else None
            app.open_engagement(slug(case), tool=tool)
            await settle(pilot)
            engagement = app.screen
            assert isinstance(engagement, EngagementScreen), case.name
            if case.portfolio and tool is not None:
                problem = str(engagement.query_one(".problem", Static).render())
                assert "cannot be edited until it is fixed" in problem, case.name
                labels = [str(n.label) for n in _nodes(engagement.query_one(Wheel))]
                assert any(label.startswith("⚠") for label in labels), case.name
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)


def _nodes(wheel: Wheel) -> list[Any]:
    found: list[Any] = []
    stack: list[Any] = [wheel.root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(node.children)
    return found


async def test_a_teammates_sync_of_all_of_it_refuses_cleanly_in_the_app(
    everything: Path, tmp_path: Path
) -> None:
    bare = tmp_path / "remote.git"
    clean = tmp_path / "clean"
    repo = Repository.init(clean, name="Hostile")
    repo.new_engagement("acme", "Acme", today=TODAY)
    repo.new_engagement("beta", "Beta", today=TODAY)
    make_bare(clean, bare)
    (everything / "engagements/c-named-pipe/risks.toml").unlink()  # git cannot hold a pipe
    alice = clone(str(bare), tmp_path / "alice", "alice")
    bob = clone(str(bare), tmp_path / "bob", "bob")
    for entry in everything.iterdir():  # alice's work tree becomes the hostile repository
        if entry.name == ".git":
            continue
        target = alice.root / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True)
        else:
            shutil.copy2(entry, target, follow_symlinks=False)
    alice.git("add", "-A")
    alice.git("commit", "-q", "-m", "everything hostile at once")
    alice.git("push", "-q", "origin", "HEAD:main")
    _bob_edits(bob)
    before = bob.git("rev-parse", "HEAD")
    app = make_app(bob.root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert "sync stopped" in app.status_text and "nothing was merged" in app.status_text
    assert bob.git("rev-parse", "HEAD") == before
    assert not Workspace(bob.root).merge_unfinished()


async def test_next_month_never_writes_through_a_linked_plan_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "central"
    repo = Repository.init(root, name="T")
    repo.new_engagement("acme", "Acme", today=TODAY)
    shutil.copytree(root / "engagements/acme/stakeholder-plan", outside, dirs_exist_ok=True)
    shutil.rmtree(root / "engagements/acme/stakeholder-plan")
    (root / "engagements/acme/stakeholder-plan").symlink_to(outside)
    before = sorted(p.name for p in outside.iterdir())
    with pytest.raises(UnsafePath, match="symbolic link"):
        Workspace(root, TODAY).start_next_month("acme")
    app = make_app(root, engagement="acme")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.open_engagement("acme", tool="stakeholder-plan")
        await settle(pilot)
        editor = app.screen.query_one(MonthlyEditor)
        assert "No month yet" in str(editor.query_one(".problem", Static).render())
        editor.action_start_month()  # N
        await settle(pilot)
        assert "symbolic link" in app.status_text
    assert sorted(p.name for p in outside.iterdir()) == before  # nothing written outside


def test_saves_wait_while_the_settings_do_not_read(tmp_path: Path) -> None:
    root = tmp_path / "central"
    repo = Repository.init(root, name="T")
    repo.new_engagement("acme", "Acme", today=TODAY)
    (root / "pcsm.toml").write_text('name = "T"\n[scales]\nrisk = "0..5000000"\n')
    workspace = Workspace(root, TODAY)
    loaded = workspace.load("engagements/acme/onboarding-score.toml")  # reading still works
    model: FileModel = loaded.model.model_copy(update={"customization": 3})
    with pytest.raises(ValueError, match=r"fix pcsm\.toml first"):
        workspace.apply(loaded, model)
    assert "customization = 3" not in (root / loaded.rel).read_text()


async def test_a_git_file_pointing_nowhere_still_opens(tmp_path: Path) -> None:
    root = tmp_path / "central"
    repo = Repository.init(root, name="T")
    repo.new_engagement("acme", "Acme", today=TODAY)
    BY_NAME["git-file-pointing-nowhere"].make(root, "engagements/acme")
    app = make_app(root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "not a git repository" in str(app.screen.sub_title)
        app.open_engagement("acme", tool="risks")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert "not a git repository" in str(app.screen.sub_title)


async def test_the_risk_view_draws_the_largest_scale_allowed(tmp_path: Path) -> None:
    """101 values is the bound (a committed 0..5000000 froze the view for 90 s)."""
    root = tmp_path / "central"
    repo = Repository.init(root, name="T")
    repo.new_engagement("acme", "Acme", today=TODAY)
    (root / "pcsm.toml").write_text('format_version = 1\nname = "T"\n[scales]\nrisk = "0..100"\n')
    rows = "".join(
        f'\n[[risks]]\nid = "r{i}"\nname = "Risk {i}"\nlikelihood = {i}\nseverity = {100 - i}\n'
        for i in range(0, 101, 5)
    )
    (root / "engagements/acme/risks.toml").write_text("format_version = 1\n" + rows)
    assert validate_repository(root) == []
    app = make_app(root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.open_engagement("acme", tool="risks")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert not list(app.screen.query(".problem"))
