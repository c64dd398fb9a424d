"""The palette's entries for the steps that used to need the shell, on every screen: a new
engagement, the team's members, commit or discard outside changes, reload. An entry whose
action the current screen already lists under a key (ActionsProvider) is not repeated."""

from __future__ import annotations

from functools import partial
from typing import Any

from .palette import ListedProvider, _app

STEPS = (
    ("New engagement", "new_engagement", "a wizard: customer, CSM, start; one commit"),
    ("Team members (add, rename, retire)", "team", "key: M"),
    ("Commit or discard changes made outside pcsm", "uncommitted", "key: C"),
    ("Reload from disk", "refresh", "key: ctrl+r"),
    (
        "Knowledge base: every engagement's lessons, searchable",
        "knowledge",
        "key: K on the portfolio",
    ),
)


class StepsProvider(ListedProvider):
    """New engagement, team members, commit or discard, reload."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        app = _app(self)
        listed = {
            active.binding.description
            for active in self.screen.active_bindings.values()
            if active.binding.id and active.enabled
        }
        return [
            (text, partial(app.run_action, f"app.{action}"), help_text)
            for text, action, help_text in STEPS
            if text not in listed
        ]
