"""The risk view (tool 17): adoption risks on a likelihood x severity grid, with score and band.

The grid spans the repository's risk scale (0..5 by default) on both axes. The score is the
framework's likelihood + severity; its band is read relative to the scale, so a team that
picks 1..5 or 0..10 gets sensible bands without new thresholds: the score range is split
into thirds (0..5: 0-3 low, 4-6 medium, 7-10 high).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..models.adoption import Risk
from ..models.scales import Scale

Band = Literal["low", "medium", "high"]


def score_range(scale: Scale) -> tuple[int, int]:
    """The lowest and highest possible score on `scale`."""
    return 2 * scale.low, 2 * scale.high


def risk_band(score: int, scale: Scale) -> Band:
    """Low in the bottom third of the score range, high in the top third (exact arithmetic)."""
    low, high = score_range(scale)
    position, span = 3 * (score - low), high - low
    if position < span:
        return "low"
    if position >= 2 * span:
        return "high"
    return "medium"


@dataclass(frozen=True, slots=True)
class RiskPoint:
    id: str
    no: int
    name: str
    likelihood: int
    """X axis."""
    severity: int
    """Y axis."""
    score: int
    band: Band

    @property
    def marker(self) -> str:
        """What the grid cell shows for this risk: its number."""
        return str(self.no)


@dataclass(frozen=True, slots=True)
class RiskCell:
    """One likelihood x severity cell that holds risks (several risks may share one)."""

    likelihood: int
    severity: int
    score: int
    band: Band
    risks: tuple[str, ...]
    """Risk ids, in file order."""
    text: str
    """The risk numbers joined, e.g. `1,2`: the cell's label."""


@dataclass(frozen=True, slots=True)
class RiskGrid:
    scale: Scale
    points: tuple[RiskPoint, ...]
    """Rated risks, highest score first (then by number)."""
    cells: tuple[RiskCell, ...]
    unrated: tuple[Risk, ...]
    """Risks missing likelihood or severity: listed beside the grid."""

    @property
    def axis(self) -> tuple[int, ...]:
        """The tick values of both axes."""
        return tuple(range(self.scale.low, self.scale.high + 1))

    def band_of_cell(self, likelihood: int, severity: int) -> Band:
        """Background band of any grid cell, occupied or not (for a heat-map backdrop)."""
        return risk_band(likelihood + severity, self.scale)


def risk_grid(risks: Sequence[Risk], scale: Scale) -> RiskGrid:
    points: list[RiskPoint] = []
    unrated: list[Risk] = []
    for risk in risks:
        score = risk.score
        if risk.likelihood is None or risk.severity is None or score is None:
            unrated.append(risk)
            continue
        band = risk_band(score, scale)
        points.append(
            RiskPoint(risk.id, risk.no, risk.name, risk.likelihood, risk.severity, score, band)
        )
    grouped: dict[tuple[int, int], list[RiskPoint]] = {}
    for point in points:
        grouped.setdefault((point.likelihood, point.severity), []).append(point)
    cells = tuple(
        RiskCell(
            likelihood,
            severity,
            likelihood + severity,
            risk_band(likelihood + severity, scale),
            tuple(p.id for p in members),
            ",".join(p.marker for p in members),
        )
        for (likelihood, severity), members in sorted(grouped.items())
    )
    points.sort(key=lambda p: (-p.score, p.no, p.id))
    return RiskGrid(scale, tuple(points), cells, tuple(unrated))


__all__ = ["Band", "RiskCell", "RiskGrid", "RiskPoint", "risk_band", "risk_grid", "score_range"]
