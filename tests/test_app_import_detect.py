"""The app imports a workbook pcsm never wrote: the preview says where the table was found,
which tool it is and how sure, the mapping and the rows skipped; ctrl+s writes one commit."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.exchange import ImportScreen

from .apphelp import WIDE, make_app, open_tool, settle, submit_path, text_of
from .helpers import commits as _commits
from .test_import_detect import issues_ja

CHALLENGES = "engagements/northwind-emea/challenges.toml"


async def test_a_japanese_issue_log_is_found_previewed_and_committed_once(
    demo_copy: Path,
) -> None:
    path = demo_copy.parent / "kadai.xlsx"
    issues_ja(path)
    app = make_app(demo_copy)
    before = _commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "challenges")
        await pilot.press("I")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        await submit_path(pilot, str(path))
        preview = text_of(app, "#import-preview")
        assert "'課題管理表'!A3:G6: issue log -> challenges (confidence 0.99;" in preview
        assert "'課題'=challenge" in preview and "'ステータス'=completed" in preview
        assert "rows: 2 read, 1 skipped" in preview
        assert "value: completed: '完了' -> done" in preview
        assert "skipped: example row" in text_of(app, "#import-report")
        assert _commits(demo_copy) == before  # nothing is written before the confirm
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    assert _commits(demo_copy) == before + 1
    stored = tomllib.loads((demo_copy / CHALLENGES).read_text(encoding="utf-8"))
    assert [c["challenge"] for c in stored["challenges"]] == [
        "データ移行の遅れ",
        "教育資料が未整備",
    ]
    assert [c["completed"] for c in stored["challenges"]] == [True, False]
