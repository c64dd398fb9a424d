"""One line per engagement for the portfolio: where it stands and what needs attention."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..framework.facts import PortfolioFacts

FILES = (
    "engagement.toml",
    "onboarding-score.toml",
    "risks.toml",
    "readiness.toml",
    "strategy.toml",
    "challenges.toml",
    "reporting.toml",
)
"""Every file a portfolio row is read from (the row cache watches exactly these)."""

HIGH_RISK_SHARE = 0.7
"""A risk is high when its score reaches this share of the largest possible score."""


@dataclass(frozen=True)
class PortfolioRow:
    slug: str
    customer: str
    csm: str
    phase: int
    phase_name: str
    band: str
    """Onboarding complexity band; empty while the four aspects are all unscored (0)."""
    high_risks: int
    readiness: float | None
    """Share of yes answers in the latest readiness checklist that has answers."""
    overdue: int
    problem: str = ""
    """Why the row is incomplete (a file that does not read), if it is."""


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _before(value: Any, today: dt.date) -> bool:
    return isinstance(value, dt.date) and value < today


def engagement_row(folder: Path, facts: PortfolioFacts, today: dt.date) -> PortfolioRow:
    """Read only what the portfolio shows, with tomllib (fast; no model validation)."""
    read = {name: _read(folder / name) for name in FILES}
    engagement = read["engagement.toml"]
    phase = engagement.get("current_phase", 1)
    phase_name = facts.phase_names.get(phase, "?") if isinstance(phase, int) else "?"
    score = read["onboarding-score.toml"]
    total = sum(
        int(score.get(k, 0) or 0)
        for k in ("products_services", "customization", "adoption_needs", "customer_maturity")
    )
    band = facts.band_for(total)
    threshold = HIGH_RISK_SHARE * 2 * facts.risk_high
    risks = read["risks.toml"].get("risks", [])
    high = sum(
        1
        for r in risks
        if isinstance(r.get("likelihood"), int)
        and isinstance(r.get("severity"), int)
        and r["likelihood"] + r["severity"] >= threshold
    )
    readiness = None
    for checklist in read["readiness.toml"].get("checklists", []):
        items = checklist.get("items", [])
        if any("answer" in i for i in items) and items:
            readiness = sum(1 for i in items if i.get("answer") is True) / len(items)
    overdue = sum(
        1
        for a in read["strategy.toml"].get("activities", [])
        if _before(a.get("planned_end"), today) and not a.get("completed")
    )
    overdue += sum(
        1
        for c in read["challenges.toml"].get("challenges", [])
        if _before(c.get("deadline"), today) and not c.get("completed")
    )
    overdue += sum(
        1
        for r in read["reporting.toml"].get("reports", [])
        if _before(r.get("due"), today) and not r.get("delivered")
    )
    return PortfolioRow(
        slug=folder.name,
        customer=str(engagement.get("customer", "?")),
        csm=str(engagement.get("csm", "")),
        phase=phase if isinstance(phase, int) else 1,
        phase_name=phase_name,
        band=band.name if band and total else "",
        high_risks=high,
        readiness=readiness,
        overdue=overdue,
        problem="" if engagement else "engagement.toml does not read",
    )
