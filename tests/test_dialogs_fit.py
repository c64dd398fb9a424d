"""Every dialog of the app at 80x24 and 120x40: it fits on the screen, and no line of it
cuts a word its text had whole (issue 13: `...as it was on 2026-1`). Long texts wrap at
word boundaries or the dialog scrolls; nothing is cut at an edge.

How each dialog opens is a row of DIALOGS: the keys a person presses, from the portfolio
or an engagement's tool. A new dialog belongs in the table."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select, Static

from .apphelp import NARROW, WIDE, make_app, settle, until

Opener = Callable[[Pilot[None]], Awaitable[None]]


def _keys(*keys: str, engagement: str | None = None, tool: str | None = None) -> Opener:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if engagement is not None:
            pilot.app.open_engagement(engagement, tool=tool)  # type: ignore[attr-defined]
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


def _outside_change(root: Path) -> None:
    path = root / "engagements/northwind-emea/risks.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('name = "', 'name = "Reviewed with the SPL: ', 1), "utf-8")


NW = "northwind-emea"
DIALOGS: dict[str, tuple[Opener, Callable[[Path], None] | None]] = {
    "help on the portfolio (?)": (_keys("question_mark"), None),
    "help on an engagement (?)": (_keys("question_mark", engagement=NW, tool="risks"), None),
    "commit or discard outside changes (C)": (_keys("C"), _outside_change),
    "team members (M)": (_keys("M"), None),
    "add a team member (M a)": (_keys("M", "a"), None),
    "new engagement (n)": (_keys("n"), None),
    "why this health (y)": (_keys("down", "down", "y"), None),
    "next phase (>)": (_keys("greater_than_sign", engagement=NW), None),
    "go/no-go (Y)": (_keys("Y", engagement=NW), None),
    "milestone report (R)": (_keys("R", engagement=NW), None),
    "export (O)": (_keys("O", engagement=NW), None),
    "save as template (ctrl+t)": (_keys("ctrl+t", engagement=NW, tool="risks"), None),
    "engagement as of a date (V)": (_keys("V", engagement=NW), None),
    "history: as of a date (H D)": (_keys("H", "D", engagement=NW), None),
    "history: restore (L R)": (_keys("L", "R", engagement=NW, tool="risks"), None),
}


def _source_words(widget: Widget) -> list[str]:
    shown = widget.render()
    plain = getattr(shown, "plain", None)
    return (plain if isinstance(plain, str) else str(shown)).split()


def _rendered_words(widget: Widget) -> set[str]:
    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    return set(" ".join(strip.text for strip in strips).split())


def cuts(screen: ModalScreen[object]) -> list[str]:
    """What is cut: a dialog wider or taller than the screen, a text wider than its dialog,
    a word of a text that does not appear whole in what the text renders."""
    found: list[str] = []
    size = screen.size
    box = next(iter(screen.children))
    if box.region.right > size.width or box.region.x < 0:
        found.append(f"{box} is {box.region.width} wide on a {size.width}-column screen")
    if box.region.bottom > size.height:
        found.append(f"{box} is {box.region.height} high on a {size.height}-line screen")
    inner = box.content_region
    for widget in box.query("Static, Label").results():
        if not isinstance(widget, (Static, Label)) or not widget.display:
            continue
        if any(isinstance(up, (Select, Input, DataTable)) for up in widget.ancestors):
            continue  # a control's own parts (a Select's arrow), not a text
        if widget.region.width and widget.region.right > inner.right:
            found.append(f"{widget} ends at column {widget.region.right}, beyond {inner.right}")
        if not widget.size.area:
            continue
        whole = _rendered_words(widget)
        missing = [word for word in _source_words(widget) if word not in whole]
        if missing:
            found.append(f"{widget}: cut {missing[:5]}")
    return found


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
@pytest.mark.parametrize("name", list(DIALOGS))
async def test_every_dialog_fits_and_cuts_no_word(
    demo_copy: Path, name: str, size: tuple[int, int]
) -> None:
    opener, prepare = DIALOGS[name]
    if prepare is not None:
        prepare(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=size) as pilot:
        await opener(pilot)
        await until(pilot, lambda: isinstance(app.screen, ModalScreen), name)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ModalScreen)
        assert cuts(screen) == [], name
