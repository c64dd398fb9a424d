"""Palette entries for the team's screens that are not an engagement's: People (also p on
the portfolio) and the Framework (what the team's framework.toml changed)."""

from __future__ import annotations

from typing import Any

from .appref import pcsm_app
from .palette import ListedProvider


class TeamScreensProvider(ListedProvider):
    """People and their development; the framework the team works with."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        app = pcsm_app(self)
        return [
            (
                "People: the team and their development",
                lambda: app.run_action("open_people"),
                "profiles, evaluations, development plans, hours (p on the portfolio)",
            ),
            (
                "Framework: what the team changed",
                lambda: app.run_action("open_framework"),
                "the effective framework, marked against the default (framework.toml)",
            ),
        ]
