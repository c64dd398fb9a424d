"""Crafted engagements for the guidance rules: an `EngagementView` built from models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pcsm_tui.analysis.view import EngagementView
from pcsm_tui.framework import default_framework
from pcsm_tui.framework.definition import Framework
from pcsm_tui.models.base import FileModel
from pcsm_tui.models.commitment import StakeholderPlanMonth
from pcsm_tui.models.engagement import Engagement
from pcsm_tui.models.scales import DEFAULT_SCALES

TODAY = dt.date(2026, 11, 22)
MONTH = "2026-11"


def engagement(phase: int = 1, **extra: Any) -> Engagement:
    return Engagement(customer="Acme", current_phase=phase, **extra)


def crafted(
    *models: FileModel,
    phase: int = 1,
    months: dict[str, StakeholderPlanMonth] | None = None,
    framework: Framework | None = None,
) -> EngagementView:
    files: dict[str, FileModel] = {"engagement": engagement(phase)}
    files.update({m.kind: m for m in models})
    return EngagementView(
        "acme", framework or default_framework(), DEFAULT_SCALES, files, months or {}
    )


def month(
    assessments: list[tuple[str, int, int, int]], rows: Sequence[tuple[str, str]] = ()
) -> StakeholderPlanMonth:
    """A plan month from (stakeholder, authority, interest, support) and (strategy, who)."""
    return StakeholderPlanMonth.model_validate(
        {
            "strategies": [{"id": label, "title": f"Strategy {label}"} for label in "ABCD"],
            "assessments": [
                {"id": who, "stakeholder": who, "authority": a, "interest": i, "support": s}
                for who, a, i, s in assessments
            ],
            "rows": [
                {"id": f"{label.lower()}-{who}", "strategy": label, "stakeholder": who}
                for label, who in rows
            ],
        }
    )
