"""A repository whose data tries to take over the terminal and the app.

Names and titles carry terminal escapes (set the window title, write the clipboard with
OSC 52, a one-byte C1 CSI), NUL and DEL, bidi overrides, and Textual/Rich markup that would
crash a parser (`[/old]`), become a clickable action (`[@click=app.undo]`) or style text
(`[b]`, `[$x]`). Every change is made through the core, so commit subjects carry them too.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import Repository

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
C1_CSI = "\x9b2J"
RTL = "\u202etxet\u2069"
MARKUP = "[/old] [@click=app.undo]undo[/] [b]bold [$x]"


def hostile(word: str) -> str:
    """`word` wrapped in every kind of hostile text (NUL and DEL included)."""
    return f"{word} {OSC_TITLE}{OSC_CLIPBOARD} {MARKUP} {RTL} nul\x00 del\x7f {C1_CSI}"


CUSTOMER = hostile("Contoso")
PERSON = hostile("Jane")
ROLE = hostile("CFO")
ACTIVITY = hostile("Kick-off")
RISK = hostile("Outage")
STRATEGY = hostile("Work closely")
MATRIX = hostile("RACI")
AUTHOR = "Mallory \x1b]0;pwned\x07 \u202erab"
FOLDER = "evil\x1b]0;pwned\x07\u202e"

FORBIDDEN = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
"""Characters that must never reach a terminal from data."""


def forbidden_in(text: str) -> set[str]:
    return {c for c in text if c in FORBIDDEN}


def build_hostile(root: Path) -> Path:
    """The repository at `root`: engagement `acme` full of hostile text, as commits."""
    repo = Repository.init(root, name=hostile("Team"))
    repo.new_engagement("acme", CUSTOMER, initiative=hostile("Rollout"), start=dt.date(2026, 11, 1))
    space = Workspace(root, today=dt.date(2026, 11, 22))
    base = "engagements/acme"

    def register(data: dict[str, Any]) -> dict[str, Any]:
        person = {"id": "s-1", "name": PERSON, "job_role": ROLE, "key": True, "seniority": "9"}
        return {**data, "stakeholders": [*data.get("stakeholders", []), person]}

    space.change(f"{base}/stakeholders.toml", register)
    month = space.months("acme")[-1]

    def plan(data: dict[str, Any]) -> dict[str, Any]:
        strategy = {"id": "A", "title": STRATEGY, "description": STRATEGY}
        figures = {"id": "s-1", "stakeholder": "s-1", "authority": 8, "interest": 9, "support": 3}
        row = {"id": "a-1", "strategy": "A", "stakeholder": "s-1", "notes": PERSON}
        return {**data, "strategies": [strategy], "assessments": [figures], "rows": [row]}

    space.change(f"{base}/stakeholder-plan/{month}.toml", plan)

    def raci(data: dict[str, Any]) -> dict[str, Any]:
        matrix = {
            "id": "m-1",
            "title": MATRIX,
            "columns": [{"id": "s-1", "stakeholder": "s-1"}, {"id": "c-2", "title": ROLE}],
            "activities": [
                {"id": "t-1", "name": ACTIVITY, "cells": {"s-1": "A", "c-2": "R"}},
                {"id": "t-2", "name": ACTIVITY, "cells": {"s-1": "R"}},  # no A: a warning
            ],
        }
        return {**data, "matrices": [matrix]}

    space.change(f"{base}/raci.toml", raci)

    def risks(data: dict[str, Any]) -> dict[str, Any]:
        risk = {"id": "r-1", "name": RISK, "description": RISK, "likelihood": 4, "severity": 4}
        return {**data, "risks": [*data.get("risks", []), risk]}

    def phases(data: dict[str, Any]) -> dict[str, Any]:
        first = {**data["phases"][0], "name": hostile("Kick-off phase")}
        return {**data, "phases": [first, *data["phases"][1:]]}

    space.change(f"{base}/onboarding-plan.toml", phases)
    env = {**os.environ, "GIT_AUTHOR_NAME": AUTHOR}
    loaded = repo.load(f"{base}/risks.toml")
    from pcsm_tui.store.repository import dump

    model = type(loaded.model).model_validate(risks(dump(loaded.model)), context=repo.context())
    repo.edit(loaded, model, env=env)
    folder = root / "engagements" / FOLDER
    folder.mkdir()
    (folder / "engagement.toml").write_text("customer = 5\n", encoding="utf-8")
    return root
