"""A dialog's width is set where it takes effect.

The app's stylesheet (ui/screens.tcss, read before any dialog) sizes every `#dialog` (width
70, or 100 with the `wide-dialog` class), and an app's stylesheet wins over any widget's
DEFAULT_CSS whatever its selector. A screen that sized its `#dialog` in DEFAULT_CSS was
silently 70 wide: the field history cut two versions of a long text to the same "Click-a…",
the template preview wrapped its TOML. So a width in DEFAULT_CSS for `#dialog` is a mistake
this test names."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pcsm_tui.ui

DIALOG_WIDTH = re.compile(r"#dialog\s*\{[^}]*\b(?:max-|min-)?width\s*:")


def default_css_by_class() -> dict[str, str]:
    found: dict[str, str] = {}
    for info in pkgutil.walk_packages(pcsm_tui.ui.__path__, "pcsm_tui.ui."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                css = value.__dict__.get("DEFAULT_CSS")
                if isinstance(css, str):
                    found[f"{info.name}.{name}"] = css
    return found


def test_no_dialog_is_sized_where_the_app_stylesheet_overrides_it() -> None:
    found = default_css_by_class()
    assert len(found) > 20  # the walk found the screens
    wrong = [name for name, css in found.items() if DIALOG_WIDTH.search(css)]
    assert not wrong, f"size these dialogs with the wide-dialog class instead: {wrong}"
