"""The portfolio's row cache: rows come back only while their files are exactly as read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.analysis.portfolio import FILES, PortfolioRow
from pcsm_tui.service import Workspace
from pcsm_tui.store import rowcache
from pcsm_tui.store.rowcache import RowCache

LONG_AGO = 1_700_000_000  # 2023-11-14


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust stamps at once. A test cannot age a file's change time (utime sets it to now),
    and waiting out the racy window would only slow the suite down."""
    monkeypatch.setattr(rowcache, "RACY_S", 0.0)


def age(folder: Path, seconds: int = LONG_AGO) -> None:
    """Give every file of an engagement an old modification time (settled stamps)."""
    for path in folder.iterdir():
        os.utime(path, (seconds, seconds))


def counting(rows: list[str]) -> Any:
    def read(folder: Path) -> dict[str, Any]:
        rows.append(folder.name)
        return {"slug": folder.name, "size": (folder / "risks.toml").stat().st_size}

    return read


def engagements(root: Path) -> list[Path]:
    return sorted(p for p in (root / "engagements").iterdir() if p.is_dir())


def one_run(root: Path, context: str, read: list[str]) -> list[dict[str, Any]]:
    """What one start of pcsm does: load the cache, take the rows, save it."""
    cache = RowCache(root, context)
    rows, _unread = cache.rows(engagements(root), FILES, counting(read))
    cache.save()
    return rows


def aged(root: Path) -> Path:
    for folder in engagements(root):
        age(folder)
    return root


def test_rows_are_kept_until_a_file_changes(demo_copy: Path, settled: None) -> None:
    aged(demo_copy)
    read: list[str] = []
    one_run(demo_copy, "ctx", read)
    assert len(read) == 3
    one_run(demo_copy, "ctx", read)
    assert len(read) == 3  # all three from the cache, nothing parsed
    # A hand edit that keeps the size (3 -> 4), even written in place: the times differ.
    risks = demo_copy / "engagements/northwind-emea/risks.toml"
    text = risks.read_text()
    assert "likelihood = 3" in text
    with risks.open("r+") as handle:
        handle.write(text.replace("likelihood = 3", "likelihood = 4", 1))
    os.utime(risks, (LONG_AGO + 60, LONG_AGO + 60))
    one_run(demo_copy, "ctx", read)
    assert read[3:] == ["northwind-emea"]


def test_racy_files_are_read_every_time(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The copy's files changed moments ago; a window of an hour keeps them "too new to trust"
    # however slowly a loaded machine gets from the copy to the reads (two seconds did not).
    monkeypatch.setattr(rowcache, "RACY_S", 3600.0)
    read: list[str] = []
    one_run(demo_copy, "ctx", read)
    one_run(demo_copy, "ctx", read)
    assert len(read) == 6  # the demo was just copied: its files are too new to trust


def test_another_context_or_a_broken_cache_reads_everything(demo_copy: Path, settled: None) -> None:
    aged(demo_copy)
    read: list[str] = []
    one_run(demo_copy, "monday", read)
    one_run(demo_copy, "tuesday", read)
    assert len(read) == 6
    (demo_copy / ".git/pcsm/portfolio.json").write_text("{not json", encoding="utf-8")
    one_run(demo_copy, "tuesday", read)
    assert len(read) == 9


def test_a_kept_row_edited_by_hand_is_read_again(demo_copy: Path, settled: None) -> None:
    """A row is kept as its own line of JSON (parsed only when it is used): a line that is
    not a row's JSON reads that engagement afresh, the others still come from the cache."""
    aged(demo_copy)
    read: list[str] = []
    one_run(demo_copy, "monday", read)
    path = demo_copy / ".git/pcsm/portfolio.json"
    head, *lines = path.read_text(encoding="utf-8").split("\n")
    kept = json.loads(head)
    lines[kept["rows"]["contoso-retail"]["row"]] = "{not json"
    lines[kept["rows"]["fabrikam-health"]["row"]] = "[1, 2]"
    path.write_text("\n".join([head, *lines]), encoding="utf-8")
    unchecked = RowCache(demo_copy, "monday").unchecked(["northwind-emea", "contoso-retail"])
    assert unchecked == {"northwind-emea": ("", ""), "contoso-retail": ("", "")}  # only places
    rows = one_run(demo_copy, "monday", read)
    assert read[3:] == ["contoso-retail", "fabrikam-health"]
    assert [row["slug"] for row in rows] == ["contoso-retail", "fabrikam-health", "northwind-emea"]


def test_the_first_line_holds_only_the_rows_places(demo_copy: Path, settled: None) -> None:
    """What the first frame parses whole is each row's place (its line, customer, problem);
    the files' names and stamps are in the row's own line, parsed when the row is checked,
    and every row still orders from the first line alone (its line unreadable)."""
    aged(demo_copy)
    read: list[str] = []
    one_run(demo_copy, "monday", read)
    path = demo_copy / ".git/pcsm/portfolio.json"
    head, *lines = path.read_text(encoding="utf-8").split("\n")
    kept = json.loads(head)["rows"]
    assert {key for entry in kept.values() for key in entry} == {"order", "row"}
    assert {"files", "stamps", "row"} <= set(json.loads(lines[kept["northwind-emea"]["row"]]))
    path.write_text("\n".join([head, *["{not json"] * len(lines)]), encoding="utf-8")
    places = RowCache(demo_copy, "monday").unchecked(sorted(kept))
    assert sorted(places) == sorted(kept)


def test_a_cache_cut_short_reads_only_the_rows_it_lost(demo_copy: Path, settled: None) -> None:
    """Rows are lines after the first: a file that ends early (a full disk, a hand edit)
    loses the rows whose lines are gone, and only those engagements are read again."""
    aged(demo_copy)
    read: list[str] = []
    one_run(demo_copy, "monday", read)
    path = demo_copy / ".git/pcsm/portfolio.json"
    head, *lines = path.read_text(encoding="utf-8").split("\n")
    last = next(name for name, kept in json.loads(head)["rows"].items() if kept["row"] == 2)
    path.write_text("\n".join([head, *lines[:2]]), encoding="utf-8")
    one_run(demo_copy, "monday", read)
    assert read[3:] == [last]
    one_run(demo_copy, "monday", read)
    assert read[3:] == [last]  # kept again


def test_removed_engagements_leave_the_cache(demo_copy: Path, settled: None) -> None:
    aged(demo_copy)
    read: list[str] = []
    one_run(demo_copy, "ctx", read)
    shutil.rmtree(demo_copy / "engagements/contoso-retail")
    rows = one_run(demo_copy, "ctx", read)
    assert [r["slug"] for r in rows] == ["fabrikam-health", "northwind-emea"]
    assert "contoso-retail" not in RowCache(demo_copy, "ctx")._rows


def test_without_a_git_folder_nothing_is_written(tmp_path: Path, demo_copy: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(demo_copy / "engagements", plain / "engagements")
    cache = RowCache(plain, "ctx")
    read: list[str] = []
    assert len(cache.rows(engagements(plain), FILES, counting(read))[0]) == 3
    cache.save()
    assert cache.path is None
    assert not (plain / ".git").exists()


def test_portfolio_sees_a_same_size_hand_edit(demo_copy: Path, settled: None) -> None:
    today = dt.date(2026, 11, 22)
    aged(demo_copy)
    before = {r.slug: r for r in Workspace(demo_copy, today=today).portfolio()}
    risks = demo_copy / "engagements/northwind-emea/risks.toml"
    text = risks.read_text()
    lowered = text.replace("likelihood = 3", "likelihood = 1")
    assert len(lowered) == len(text) and lowered != text
    risks.write_text(lowered)
    os.utime(risks, (LONG_AGO + 60, LONG_AGO + 60))
    after = {r.slug: r for r in Workspace(demo_copy, today=today).portfolio()}
    assert after["northwind-emea"].high_risks < before["northwind-emea"].high_risks
    assert after["contoso-retail"] == before["contoso-retail"]


async def test_many_unread_engagements_are_read_aside_with_progress(demo_copy: Path) -> None:
    from pcsm_tui.ui.widgets import StatusLine, VimTable

    from .apphelp import WIDE, make_app, settle

    source = demo_copy / "engagements/contoso-retail"
    for copy in range(60):
        shutil.copytree(source, demo_copy / f"engagements/contoso-retail-{copy:02d}")
    seen: list[str] = []
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        status = app.screen.query_one(StatusLine)
        seen.append(str(status.render()))
        await settle(pilot)
        table = app.screen.query_one("#portfolio", VimTable)
        assert table.row_count == 63
        assert str(status.render()) == "read 63 engagements"
    assert seen[0].startswith("reading 63 engagements")


def test_progress_is_told_every_fifty_reads(demo_copy: Path) -> None:
    source = demo_copy / "engagements/contoso-retail"
    for copy in range(100):
        shutil.copytree(source, demo_copy / f"engagements/contoso-retail-{copy:02d}")
    heard: list[tuple[int, int]] = []
    read: list[str] = []
    RowCache(demo_copy, "ctx").rows(
        engagements(demo_copy),
        FILES,
        counting(read),
        lambda done, total: heard.append((done, total)),
    )
    assert heard == [(50, 103), (100, 103)]


def test_a_renamed_phase_reaches_kept_rows(demo_copy: Path, settled: None) -> None:
    today = dt.date(2026, 11, 22)
    aged(demo_copy)
    before = {r.slug: r for r in Workspace(demo_copy, today=today).portfolio()}
    assert before["northwind-emea"].phase_name == "Value Realization"
    custom = demo_copy / "framework.toml"
    kept = custom.read_text() if custom.exists() else ""
    custom.write_text(kept + '\n[phases.rename]\n6 = "Value Delivered"\n')
    kept_rows, missing = Workspace(demo_copy, today=today).portfolio_start(read_at_most=0)
    assert (kept_rows, missing) == ([], 3)  # the framework changed: no row is trusted
    after = {r.slug: r for r in Workspace(demo_copy, today=today).portfolio()}
    assert after["northwind-emea"].phase_name == "Value Delivered"


def test_saves_from_several_threads_leave_a_whole_cache(demo_copy: Path, settled: None) -> None:
    """The screen and a worker may both save; whoever renames last, the file is whole."""
    import json
    import threading

    aged(demo_copy)
    runs = [threading.Thread(target=one_run, args=(demo_copy, "ctx", [])) for _ in range(8)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    text = (demo_copy / ".git/pcsm/portfolio.json").read_text(encoding="utf-8")
    kept = json.loads(text.partition("\n")[0])
    assert sorted(kept["rows"]) == ["contoso-retail", "fabrikam-health", "northwind-emea"]
    assert not [p for p in (demo_copy / ".git/pcsm").iterdir() if p.name.startswith(".")]


def test_kept_rows_come_back_equal_to_the_rows_read(demo_copy: Path) -> None:
    """A row made from the cache's JSON without `__init__` (PortfolioRow.from_json) is the
    row that was read: equal, hashed alike, frozen; a row with other keys still reads."""
    read = Workspace(demo_copy).portfolio()
    kept = [json.loads(json.dumps(dataclasses.asdict(row))) for row in read]
    again = [PortfolioRow.from_json(data) for data in kept]
    assert again == read and [hash(row) for row in again] == [hash(row) for row in read]
    assert all(type(row.health_reasons) is tuple for row in again)
    with pytest.raises(dataclasses.FrozenInstanceError):
        again[0].customer = "changed"  # type: ignore[misc]
    older = {**kept[0], "gone": 1}
    del older["absent"]
    assert PortfolioRow.from_json(older) == read[0]
