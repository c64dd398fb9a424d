"""The app on a hostile repository: every text from data is shown as text, everywhere.

Names carry terminal escapes (window title, OSC 52 clipboard, C1 CSI), NUL, DEL, bidi
overrides and markup (`[/old]`, `[@click=app.undo]`, `[b]`, `[$x]`). The app is driven with
Pilot through every screen kind; what it would paint is read from the compositor and must
hold no control or bidi character, no clickable action from data, and the data escaped.
"""

from __future__ import annotations

import re
from pathlib import Path

from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.editors.cell import CellEditor

from .apphelp import WIDE, make_app, put_cursor, settle, until
from .conftest import git
from .hostile import build_hostile, forbidden_in

SHOWN = "Contoso \\x1b]0;pwned\\x07\\x1b]52;c;"
"""How the customer's name starts on screen: escapes visible, nothing interpreted."""
AUTHOR_SHOWN = "Mallory \\x1b]0;pwned\\x07 \\u202erab"
"""hostile.AUTHOR as every screen shows it: each control and bidi character escaped."""


def painted(app: PcsmApp) -> str:
    """What the app would paint now (the top screen over the ones under it)."""
    strips = app.screen._compositor.render_strips()
    actions = [
        segment.style.meta["@click"]
        for strip in strips
        for segment in strip
        if segment.style is not None and "@click" in segment.style.meta
    ]
    assert not actions, f"clickable actions from data: {actions}"
    return "\n".join(strip.text for strip in strips)


def check(app: PcsmApp, where: str, *must: str) -> str:
    text = painted(app)
    assert not forbidden_in(text), (where, sorted(forbidden_in(text)))
    for wanted in must:
        assert wanted in text, (where, wanted, text)
    assert app.is_running, where
    return text


def find(text: str, needle: str) -> tuple[int, int]:
    for y, row in enumerate(text.splitlines()):
        if needle in row:
            return row.index(needle), y
    raise AssertionError(f"{needle!r} is not on screen")


async def test_every_screen_shows_hostile_text_as_text(tmp_path: Path) -> None:
    root = build_hostile(tmp_path / "central")
    head = git(root, "rev-parse", "HEAD")
    register = (root / "engagements/acme/stakeholders.toml").read_bytes()
    app = make_app(root)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "Mallory" in painted(app), "the last change's author")
        # The whole author, escaped: at 120 columns the last change has room (issue 13).
        await until(pilot, lambda: AUTHOR_SHOWN in painted(app), "the whole last author")
        # The customer column is cut to 26 cells of what is shown (escapes counted).
        check(app, "portfolio", SHOWN[:24], AUTHOR_SHOWN)
        await pilot.press("question_mark")
        check(app, "help of the portfolio", "Keys — Portfolio")
        await pilot.press("escape")

        # The palette: `[/old]` does not crash it, `[@click=app.undo]` is no action.
        await pilot.press("ctrl+p")
        await pilot.press(*"Contoso")
        await until(pilot, lambda: "Open engagement" in painted(app), "the palette's hit")
        text = check(app, "palette", "[/old] [@click=app.undo]undo[/] [b]bold [$x]")
        x, y = find(text, "[@click=app.undo]undo")
        await pilot.click(offset=(x + len("[@click=app.undo]") + 1, y))
        await settle(pilot)
        assert git(root, "rev-parse", "HEAD") == head  # nothing was undone
        assert app.screen.title is not None and app.screen.title.startswith("Contoso")

        # Every screen kind of an engagement: the wheel, each tool, the register, a guide.
        check(app, "engagement details", SHOWN)
        for tool in TOOLS:
            app.open_engagement("acme", tool=tool.id)
            await settle(pilot)
            check(app, tool.id)
            await pilot.press("question_mark")
            check(app, f"help of {tool.id}", "Keys — Contoso \\x1b]0;pwned")
            await pilot.press("escape")
        app.open_engagement("acme", tool="stakeholder-matrix")
        await settle(pilot)
        check(app, "stakeholder matrix", "CFO \\x1b", "Jane \\x1b]0;pwned")
        await pilot.press("question_mark")
        help_text = check(app, "matrix help", "Previous month")
        assert "[/b]" not in help_text  # no markup leaks
        assert re.search(r"\[ +Previous month", help_text)  # the `[` key, shown as it is
        assert re.search(r"\] +Next month", help_text)
        assert "every action by name" not in help_text  # below the fold
        await pilot.press("end")  # the list is longer than the screen: the rest scrolls in
        await until(pilot, lambda: "every action by name" in painted(app), "the help's last line")
        check(app, "matrix help, scrolled", "every action by name")
        await pilot.press("escape")
        app.open_engagement("acme", tool="raci")
        await settle(pilot)
        check(app, "raci", "RACI \\x1b]0;pwned", "Kick-off \\x1b]0;pwned")
        app.open_engagement("acme", tool="onboarding-plan")
        await settle(pilot)
        check(app, "a nested section's title", "Kick-off phase \\x1b]0;pwned")

        # A dialog, the cell editor, a notification and the history show it escaped too.
        screen = app.screen
        screen.show_target(("register",))  # type: ignore[attr-defined]
        await settle(pilot)
        check(app, "register", "CFO \\x1b]0;pwned")
        put_cursor(app, ("stakeholders",), "s-1", "job_role")
        await pilot.press("d")
        await until(pilot, lambda: "Delete “" in painted(app), "the delete dialog")
        check(app, "delete dialog", "Delete “CFO \\x1b]0;pwned")
        await pilot.press("n")
        put_cursor(app, ("stakeholders",), "s-1", "name")
        await pilot.press("e")
        editor = app.screen.query_one(CellEditor)
        await until(pilot, lambda: editor.display, "the cell editor")
        check(app, "cell editor", "Jane \\x1b]0;pwned")
        await pilot.press("enter")  # kept as shown: the stored text, unchanged
        await settle(pilot)
        assert (root / "engagements/acme/stakeholders.toml").read_bytes() == register
        assert git(root, "rev-parse", "HEAD") == head
        app.notify(f"saved {'x' * 3} Jane \x1b]0;pwned\x07\u202e", title="\x1b]52;c;eA==\x07")
        await until(pilot, lambda: "saved xxx" in painted(app), "the notification")
        check(app, "notification", "Jane \\x1b]0;pwned\\x07\\u202e")
        await pilot.press("H")
        await settle(pilot)
        check(app, "history", "Mallory \\x1b]0;pwned")
        assert app.is_running
