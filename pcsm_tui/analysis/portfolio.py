"""One line per engagement for the portfolio: where it stands and what needs attention.

The first columns are read without validation (fast, and whatever the files hold), through
safeio (no links, bounded sizes and depths). Given the
repository's framework and scales (`GuideContext`), a row also carries the engagement's
health (level, points and reasons: analysis/health.py) and its key stakeholders' support
trend, read through the same lenient typed view the guidance uses, from the same parsed
files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..framework.facts import PortfolioFacts
from ..safeio import Unreadable, read_toml

if TYPE_CHECKING:
    from ..framework.definition import Framework, HealthRules
    from ..models.scales import Scale

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

_MONTH_FILE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])\.toml$")

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
    """Open high risks (a mitigated or closed risk no longer counts)."""
    readiness: float | None
    """Share of yes answers in the latest readiness checklist that has answers."""
    overdue: int
    problem: str = ""
    """Why the row is incomplete: the files that do not read (`risks.toml:1:37: why`)."""
    health: str = ""
    """green, amber or red ("" when not computed)."""
    health_points: int = 0
    health_reasons: tuple[str, ...] = ()
    """Each reason in words with its points, e.g. `2 open high risk(s): ... (+4)`."""
    support_trend: tuple[float, ...] = ()
    """The key stakeholders' average support (0..10) per month, oldest first: a sparkline."""
    go: str = ""
    """The latest go/no-go decision, e.g. `Adoption phase 2: not yet (2026-11-13)`."""
    absent: bool = False
    """Not checked out in this clone (`pcsm clone --mine`): the row is its committed summary."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PortfolioRow:
        """A row from the row cache's JSON (lists back to tuples; unknown keys dropped).

        A row with every field and no other key (as the cache writes them) gets its fields
        set without `__init__`, which sets a frozen dataclass's fields one by one through
        `object.__setattr__`: for a team's 1,000 rows before the first frame that took
        ~10 ms, three quarters of making them (issue 16). `__init__` checks nothing more."""
        if len(data) == len(cls.__dataclass_fields__) and all(
            name in data for name in cls.__dataclass_fields__
        ):
            row = object.__new__(cls)
            fields = row.__dict__
            fields.update(data)
            fields["health_reasons"] = tuple(fields["health_reasons"])
            fields["support_trend"] = tuple(fields["support_trend"])
            return row
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in ("health_reasons", "support_trend"):
            if name in known:
                known[name] = tuple(known[name])
        return cls(**known)


@dataclass(frozen=True)
class UncheckedRow(PortfolioRow):
    """Only a row's place before the portfolio's first frame: its customer (what the first
    frame sorts by) and its problem, as kept in the row cache, NOTHING checked and every
    other field empty. Never shown (ui/screens/portfolio_first): the rows of the first
    screenful are checked before it and every one right after it. Never equal to a row."""

    @classmethod
    def place(cls, slug: str, customer: str, problem: str) -> UncheckedRow:
        """Made without `__init__` (one per engagement before the first frame)."""
        row = object.__new__(cls)
        row.__dict__.update(_EMPTY, slug=slug, customer=customer, problem=problem)
        return row


_EMPTY: dict[str, Any] = {
    "csm": "",
    "phase": 0,
    "phase_name": "",
    "band": "",
    "high_risks": 0,
    "readiness": None,
    "overdue": 0,
    "health": "",
    "health_points": 0,
    "health_reasons": (),
    "support_trend": (),
    "go": "",
    "absent": False,
}


@dataclass(frozen=True)
class GuideContext:
    """What health needs besides the files: the repository's framework and scales."""

    framework: Framework
    scales: Mapping[str, Scale]


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """A file's data and, when it does not read, why (a missing file is simply empty)."""

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


HEALTH_FILES = ("stakeholders.toml", "proposal.toml", "value-kpis.toml")
"""The other files health reads (health.HEALTH_KINDS; a test keeps the two in step). Plain
names, so the row cache is checked before the first paint without importing the models."""

PLAN_FOLDER = "stakeholder-plan"
"""The stakeholder plan's folder (the catalogue's monthly tools; a test keeps it in step)."""


def plan_files(folder: Path, months: int) -> list[str]:
    """The last `months` month files of the engagement's plan, oldest first."""
    plans = os.path.join(folder, PLAN_FOLDER)
    if os.path.islink(plans):  # never read through a link (see safeio); validate says so
        return []
    try:
        with os.scandir(plans) as entries:
            names = sorted(e.name for e in entries if _MONTH_FILE.match(e.name))
    except OSError:
        return []
    return [f"{PLAN_FOLDER}/{name}" for name in names[-months:]] if months > 0 else []


def files_for(folder: Path, months: int) -> list[str]:
    """Every file a row of `folder` is read from (what the row cache must watch)."""
    return [*FILES, *HEALTH_FILES, *plan_files(folder, months)]


def engagement_row(
    folder: Path, facts: PortfolioFacts, today: dt.date, context: GuideContext | None = None
) -> PortfolioRow:
    """Read only what the portfolio shows, with tomllib (fast; no model validation); with a
    `context`, the engagement's health and support trend as well.

    A file that does not read (a link, a folder, not UTF-8, too big, too deep, bad TOML)
    leaves its part of the row empty and is named in `problem`; nothing here raises.
    """
    read: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for name in (*FILES, *HEALTH_FILES) if context is not None else FILES:
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
        if r.get("state", "open") == "open"
        and _int(r.get("likelihood")) + _int(r.get("severity")) >= threshold
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
    row = PortfolioRow(
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
    return row if context is None else _with_health(row, folder, today, context, read)


def _with_health(
    row: PortfolioRow,
    folder: Path,
    today: dt.date,
    context: GuideContext,
    parsed: Mapping[str, dict[str, Any]],
) -> PortfolioRow:
    # start-up: models.checklists, analysis.attention, .health, .view load only when this runs
    from ..models.checklists import DECISION_TEXT, Readiness
    from .attention import support_trend
    from .health import HEALTH_KINDS, assess
    from .view import read_view

    months = context.framework.health.support_months
    view = read_view(folder, context.framework, context.scales, HEALTH_KINDS, months, parsed)
    health = assess(view, today)
    latest = [
        (c.decision.date, c.title, c.decision.decision)
        for c in view.get(Readiness).checklists
        if c.decision is not None
    ]
    go = ""
    if latest:
        day, title, decision = max(latest)
        go = f"{title}: {DECISION_TEXT[decision]} ({day.isoformat()})"
    problems = "; ".join(p for p in (row.problem, *view.problems) if p)
    return replace(
        row,
        health=health.level,
        health_points=health.points,
        health_reasons=(*health.lines(), *(f"{name} {LEFT_OUT}" for name in view.invalid)),
        support_trend=support_trend(view, months),
        go=go,
        problem=problems,
    )


LEFT_OUT = "does not validate: health reads it as empty (`pcsm validate` says where)"
"""Noted among the reasons (without points): the row reads, but health could not use it."""


def with_last_change(
    row: PortfolioRow, last_change: dt.date | None, today: dt.date, rules: HealthRules
) -> PortfolioRow:
    """The row with "days since the last change" added to its health (see health.py)."""
    # start-up: analysis.health loads only when this runs
    from .health import level_for

    if not row.health or last_change is None or (today - last_change).days < rules.stale_days:
        return row
    if any(reason.startswith("no change recorded") for reason in row.health_reasons):
        return row
    days = (today - last_change).days
    points = row.health_points + rules.stale
    reason = f"no change recorded for {days} days (+{rules.stale})"
    return replace(
        row,
        health=level_for(points, rules),
        health_points=points,
        health_reasons=(*row.health_reasons, reason),
    )


def rules_fingerprint() -> bytes:
    """The source of every module a row's values come from: a new pcsm version (or a
    changed rule) makes the row cache read every engagement again."""
    here = Path(__file__).parent
    names = ("portfolio", "health", "attention", "readiness", "value", "view", "support")
    parts = [(here / f"{name}.py").read_bytes() for name in names]
    models = here.parent / "models"
    parts += [p.read_bytes() for p in sorted(models.glob("*.py"))]
    return b"\0".join(parts)
