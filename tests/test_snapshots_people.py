"""The People screen and a person's view at 120x40 and 80x24 (SVG).

Update deliberately: `pytest tests/test_snapshots_people.py --snapshot-update`, then look
at the pictures before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from pcsm_tui.ui.screens.people import PersonScreen

from .apphelp import NARROW, WIDE, make_app, settle, until
from .test_framework_shape import SHAPED
from .test_snapshots import SnapCompare
from .test_snapshots import snap_compare as snap_compare


def _person(part: str) -> object:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.push_screen(PersonScreen("maria-lopez"))
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PersonScreen)
        parts = screen.query_one("#parts", OptionList)
        parts.highlighted = parts.get_option_index(part)
        await until(pilot, lambda: screen.part == part, f"the {part} part")

    return run_before


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_people_list(demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_person_overview(demo_copy: Path, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(demo_copy), terminal_size=size, run_before=_person("overview"))


def test_person_development_plan(demo_copy: Path, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=_person("development"))


def test_person_evaluations(demo_copy: Path, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=_person("evaluations"))


def test_framework_screen(demo_copy: Path, snap_compare: SnapCompare) -> None:
    """The team's changes: a phase removed, a band renamed, a threshold, a readiness item."""
    (demo_copy / "framework.toml").write_text(SHAPED, encoding="utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.app.run_action("open_framework")
        await settle(pilot)

    assert snap_compare(make_app(demo_copy), terminal_size=WIDE, run_before=run_before)
