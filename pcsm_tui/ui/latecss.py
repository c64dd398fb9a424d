"""Every screen's rules but the portfolio's are read when another screen is first shown.

pcsm's stylesheet was one file of ~60 rules, parsed before the portfolio's first frame
(~10 ms of it on a small machine, issue 16), though that frame uses three of them. The
rest (screens.tcss) is added to the app's stylesheet just before the first screen other
than the portfolio is styled (a dialog, an engagement, the command palette): after
pcsm.tcss, with the same standing (the app's own rules, not defaults), so every rule has
the place it had when the two were one file, and before any screen's own CSS, as before.
None of its rules match a widget of the portfolio screen (tests/test_first_paint_late.py), so
nothing styled before is styled again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

LATER = Path(__file__).with_name("screens.tcss")


def add_later_rules(app: App[Any]) -> bool:
    """Add screens.tcss to `app`'s stylesheet, parsed now; False when it was there already."""
    stylesheet = app.stylesheet
    path = os.path.abspath(LATER)
    if stylesheet.has_source(path):
        return False
    # add_source, not Stylesheet.read: read leaves the map of rules by selector built
    # before it in place, and the next node styled would miss the new rules.
    stylesheet.add_source(LATER.read_text(encoding="utf-8"), read_from=(path, ""))
    stylesheet.parse()  # only the new source: Textual keeps every other one parsed
    return True


def load_screen_css(app: App[Any], screen: Screen[Any]) -> None:
    """`App._load_screen_css` for an app whose stylesheet gets screens.tcss before any screen
    is styled that does not say it needs only pcsm.tcss (`FIRST_RULES_ONLY`: the portfolio).
    A function the app takes as that method, not a base class: every Textual class made
    before the first frame costs ~0.5 ms (DOMNode.__init_subclass__)."""
    # Textual calls it for every screen pushed, switched to or made a mode's, before the
    # screen is composed and styled (not for its own blank first screen).
    if not getattr(screen, "FIRST_RULES_ONLY", False):
        add_later_rules(app)
    App._load_screen_css(app, screen)
