"""The running pcsm app, typed, for the screens and editors below it.

ui/app.py imports the palette and the widgets, and opens the screens; were those to import
ui/app in turn, the package would hold a cycle (hidden until now in function-level imports).
So nothing below the app imports it at run time: they ask this module, which knows the app
class only for the type checker and recognises it by a marker the class carries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeGuard

if TYPE_CHECKING:
    from textual.app import App

    from .app import PcsmApp


class HasApp(Protocol):
    """A widget, a screen or a command palette provider: anything with an `app`."""

    @property
    def app(self) -> App[object]: ...


MARKER = "pcsm_app"
"""The class attribute (True) by which PcsmApp is known without importing it."""


def is_pcsm_app(app: object) -> TypeGuard[PcsmApp]:
    """Whether `app` is the pcsm app (a screen may run under a test's bare App)."""
    return getattr(type(app), MARKER, False) is True


def pcsm_app(node: HasApp) -> PcsmApp:
    """`node.app` as the pcsm app; anything else is a programming error."""
    app = node.app
    if not is_pcsm_app(app):
        raise TypeError(f"{type(app).__name__} is not the pcsm app")
    return app
