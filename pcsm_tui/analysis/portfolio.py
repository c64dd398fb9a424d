"""One line per engagement for the portfolio: where it stands and what needs attention."""

from __future__ import annotations

import datetime as dt
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
    """Why the row is incomplete: the files that do not read (`risks.toml:1:37: why`)."""


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """A file's data and, when it does not read, why (a missing file is simply empty)."""
    from ..safeio import Unreadable, read_toml

    try:
        return read_toml(path)[1], ""
    except FileNotFoundError:
        return {}, ""
    except Unreadable as error:
        return {}, f"{path.name}:{error.line}:{error.column}: {error.message}"
    except OSError as error:
        return {}, f"{path.name}: {error.strerror or error}"


def _rows(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The tables of the list `key`; hand edits may have put anything there."""
    value = data.get(key)
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _before(value: Any, today: dt.date) -> bool:
    return isinstance(value, dt.date) and value < today


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def engagement_row(folder: Path, facts: PortfolioFacts, today: dt.date) -> PortfolioRow:
    """Read only what the portfolio shows, with tomllib (fast; no model validation).

    A file that does not read (a link, a folder, not UTF-8, too big, too deep, bad TOML)
    leaves its part of the row empty and is named in `problem`; nothing here raises.
    """
    read: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for name in FILES:
        read[name], problem = _read(folder / name)
        if problem:
            problems.append(problem)
    engagement = read["engagement.toml"]
    phase = engagement.get("current_phase", 1)
    phase = phase if isinstance(phase, int) and not isinstance(phase, bool) else 1
    phase_name = facts.phase_names.get(phase, "?")
    score = read["onboarding-score.toml"]
    total = sum(
        _int(score.get(k))
        for k in ("products_services", "customization", "adoption_needs", "customer_maturity")
    )
    band = facts.band_for(total)
    threshold = HIGH_RISK_SHARE * 2 * facts.risk_high
    high = sum(
        1
        for r in _rows(read["risks.toml"], "risks")
        if _int(r.get("likelihood")) + _int(r.get("severity")) >= threshold
    )
    readiness = None
    for checklist in _rows(read["readiness.toml"], "checklists"):
        items = _rows(checklist, "items")
        if any("answer" in i for i in items) and items:
            readiness = sum(1 for i in items if i.get("answer") is True) / len(items)
    overdue = sum(
        1
        for a in _rows(read["strategy.toml"], "activities")
        if _before(a.get("planned_end"), today) and not a.get("completed")
    )
    overdue += sum(
        1
        for c in _rows(read["challenges.toml"], "challenges")
        if _before(c.get("deadline"), today) and not c.get("completed")
    )
    overdue += sum(
        1
        for r in _rows(read["reporting.toml"], "reports")
        if _before(r.get("due"), today) and not r.get("delivered")
    )
    if not engagement and not problems:
        problems.append("engagement.toml: missing or empty")
    return PortfolioRow(
        slug=folder.name,
        customer=str(engagement.get("customer", "?")),
        csm=str(engagement.get("csm", "")),
        phase=phase,
        phase_name=phase_name,
        band=band.name if band and total else "",
        high_risks=high,
        readiness=readiness,
        overdue=overdue,
        problem="; ".join(problems),
    )
