"""The portfolio's start on a big repository does only what changed since the last run.

- The last-change column kept for the current HEAD is shown in the first frame, read from
  the files without git; a kept answer for another HEAD is never shown as current.
- Which files read is kept under each file's full stamp (store/readverdicts): the next
  start parses none of the unchanged files, yet a file broken since, or a verdict edited
  by hand, is never trusted.
- A later fill of the same rows (the last changes arriving, a file read again) updates
  the cells in place, and the table then shows what a fresh fill shows.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pcsm_tui import service_watch
from pcsm_tui.service import Workspace
from pcsm_tui.ui.screens.portfolio import PortfolioScreen
from pcsm_tui.ui.widgets import VimTable

from .apphelp import WIDE, make_app, until

SLUG = "northwind-emea"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


def _commit_outside(root: Path) -> None:
    """A new commit made with git alone (no pcsm): HEAD moves, the kept answer does not."""
    (root / "notes.txt").write_text("moved\n", encoding="utf-8")
    _git(root, "add", "notes.txt")
    _git(root, "commit", "-qm", "A note")


def test_the_kept_last_changes_are_used_only_for_their_head(demo_copy: Path) -> None:
    workspace = Workspace(demo_copy)
    asked = workspace.last_changes()  # walks and keeps the answer for this HEAD
    assert asked and Workspace(demo_copy).kept_last_changes() == asked
    _commit_outside(demo_copy)
    assert Workspace(demo_copy).kept_last_changes() == {}  # another HEAD: not shown
    _git(demo_copy, "pack-refs", "--all")  # the branch now only in packed-refs
    Workspace(demo_copy).last_changes()
    assert Workspace(demo_copy).kept_last_changes() == Workspace(demo_copy).last_changes()
    _git(demo_copy, "checkout", "-q", "--detach")
    assert Workspace(demo_copy).kept_last_changes() == Workspace(demo_copy).last_changes()


async def test_the_first_frame_has_the_kept_last_changes(demo_copy: Path) -> None:
    Workspace(demo_copy).last_changes()
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE):
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        # No pause yet: git's reads start after the first refresh; the column is filled.
        assert screen.last and screen.last.keys() == Workspace(demo_copy).last_changes().keys()
        table = screen.query_one("#portfolio", VimTable)
        assert str(table.get_cell(SLUG, "changed")).strip()


def _toml_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "engagements").rglob("*.toml"))


@pytest.fixture
def settled_stamps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago count as settled (the racy window is the wall clock's)."""
    monkeypatch.setattr(service_watch, "RACY_NS", 0)


def _kept(root: Path) -> list[str]:
    """Every file's verdict learnt and kept, as after a first look; the files."""
    files = _toml_files(root)
    first = Workspace(root)
    first.broken_files(files)
    assert first.read_verdicts().parsed == len(files)
    first.keep_read_verdicts(at_least=1)
    return files


def test_a_second_start_parses_no_unchanged_file(demo_copy: Path, settled_stamps: None) -> None:
    files = _kept(demo_copy)
    again = Workspace(demo_copy)
    assert again.broken_files(files) == {}
    assert again.read_verdicts().parsed == 0


def test_a_file_broken_since_the_verdicts_were_kept_is_seen(
    demo_copy: Path, settled_stamps: None
) -> None:
    files = _kept(demo_copy)
    raci = demo_copy / "engagements" / SLUG / "raci.toml"
    raci.write_text(raci.read_text(encoding="utf-8").replace("[", "{", 1), encoding="utf-8")
    assert list(Workspace(demo_copy).broken_files(files)) == [f"engagements/{SLUG}/raci.toml"]


def test_verdicts_edited_by_hand_are_not_trusted(demo_copy: Path, settled_stamps: None) -> None:
    raci = demo_copy / "engagements" / SLUG / "raci.toml"
    raci.write_text("not = [toml", encoding="utf-8")
    rel = f"engagements/{SLUG}/raci.toml"
    files = _kept(demo_copy)
    path = demo_copy / ".git" / "pcsm" / "reads.json"
    head, _, body = path.read_text(encoding="utf-8").partition("\n")
    verdicts = json.loads(body)
    stamp, _, why = verdicts[rel].partition("\t")
    assert why  # kept as broken, under its very stamp
    verdicts[rel] = f"{stamp}\t"  # edited to say "it reads"
    path.write_text(f"{head}\n{json.dumps(verdicts)}", encoding="utf-8")
    assert list(Workspace(demo_copy).broken_files(files)) == [rel]
    path.write_text("{not json", encoding="utf-8")
    assert list(Workspace(demo_copy).broken_files(files)) == [rel]


def _table_cells(app: object) -> list[list[str]]:
    screen = app.screen  # type: ignore[attr-defined]
    table = screen.query_one("#portfolio", VimTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_an_update_in_place_shows_what_a_fresh_fill_shows(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await until(pilot, lambda: bool(screen.filled) and screen.last, "the rows and changes")
        table = screen.query_one("#portfolio", VimTable)
        rows_before = dict(table.rows)
        engagement = demo_copy / "engagements" / SLUG / "engagement.toml"
        text = engagement.read_text(encoding="utf-8")
        engagement.write_text(text.replace('"Northwind Manufacturing"', '"Northwind Works"', 1))
        before = _table_cells(app)
        await until(pilot, lambda: _table_cells(app) != before, "the changed row")
        # In place: the table's rows are the ones it had (a fill from scratch makes new ones).
        assert all(table.rows[key] is row for key, row in rows_before.items())
        shown = _table_cells(app)
    fresh = make_app(demo_copy)
    async with fresh.run_test(size=WIDE) as pilot:
        again = fresh.screen
        assert isinstance(again, PortfolioScreen)
        await until(pilot, lambda: bool(again.filled) and again.last, "the rows and changes")
        assert _table_cells(fresh) == shown
    assert any("Northwind Works" in " ".join(row) for row in shown)


async def test_the_last_changes_after_new_commits_do_not_wait_for_the_status(
    demo_copy: Path,
) -> None:
    """HEAD moved since the column was kept: git's walk of the new commits fills it, and
    the header's `git status` read is a job of its own — one that fails (here: a corrupt
    index, which `git log` never reads) is said, and the column is shown all the same."""
    Workspace(demo_copy).last_changes()  # kept for the old HEAD
    risks = demo_copy / "engagements" / SLUG / "risks.toml"
    risks.write_text(risks.read_text(encoding="utf-8") + "\n# checked\n", encoding="utf-8")
    _git(demo_copy, "add", str(risks))
    _git(demo_copy, "commit", "-qm", "Risks checked", "--author=Zed Outside <zed@example.com>")
    (demo_copy / ".git" / "index").write_bytes(b"DIRC not an index at all")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await until(pilot, lambda: SLUG in screen.last, "the last changes")
        assert screen.last[SLUG].who == "Zed Outside"
        await until(pilot, lambda: "Zed Outside" in str(_table_cells(app)), "the column shown")
        await until(pilot, lambda: "index" in _notices(app), "the status read's failure said")


def _notices(app: object) -> str:
    return " ".join(str(n.message) for n in app._notifications)  # type: ignore[attr-defined]
