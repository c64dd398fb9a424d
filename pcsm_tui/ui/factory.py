"""The one place an app is made, for the CLI and the tests alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import PcsmApp


def create_app(root: Path, today: dt.date | None = None, engagement: str | None = None) -> PcsmApp:
    """The app on the repository at `root`; `today` is frozen in tests so dates do not drift.

    `engagement` opens that engagement straight away (the portfolio stays beneath it).
    """
    # `pcsm --help` and the other commands import this module and must not pay for loading
    # Textual and every screen:
    # start-up: the service, the app and its screens load only when this runs
    from ..service import Workspace
    from .app import PcsmApp

    return PcsmApp(Workspace(root, today), open_engagement=engagement)
