"""The app imports a team's plan and stakeholder analysis: the preview says where each goes
(the strategy's roadmap, the register and the plan's month), ctrl+s writes one commit, and
the roadmap keeps the activities the plan does not name."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.exchange import ImportScreen

from .apphelp import WIDE, make_app, open_tool, settle, submit_path, text_of
from .corpus_plans import plan_es
from .helpers import commits as _commits

STRATEGY = "engagements/northwind-emea/strategy.toml"


def _activities(root: Path) -> list[tuple[int, str]]:
    stored = tomllib.loads((root / STRATEGY).read_text(encoding="utf-8"))
    return [(a["phase"], a["name"]) for a in stored.get("activities", [])]


async def test_a_spanish_plan_is_previewed_and_added_to_the_roadmap_in_one_commit(
    demo_copy: Path,
) -> None:
    path = demo_copy.parent / "plan.xlsx"
    plan_es(path)
    before = _commits(demo_copy)
    stored = _activities(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "strategy")
        await pilot.press("I")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        await submit_path(pilot, str(path))
        preview = text_of(app, "#import-preview")
        assert "'Plan'!A4:F9: plan or roadmap -> strategy" in preview
        assert "phase: from the section bands ('FASE 1', 'FASE 2')" in preview
        assert "the stored activities it does not name stay" in preview
        assert _commits(demo_copy) == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    assert _commits(demo_copy) == before + 1
    assert _activities(demo_copy) == [
        *stored,
        (1, "Reunión de arranque"),
        (1, "Análisis"),
        (2, "Piloto"),
    ]
