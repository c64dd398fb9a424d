"""Value measured: where each KPI stands against its baseline, target and due date.

A KPI is expected to move along a straight line from its baseline (at `start`) to its
target (at `due`). Its latest measurement is on track while it is no further behind that
line than the tolerance allows (a share of the distance from baseline to target), achieved
once it reaches the target, missed when the due date passed without reaching it. The same
figures feed health, next steps, reports and the app's KPI chart (`kpi_charts`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..models.value import Kpi, Measurement, ValueKpis

Status = Literal["achieved", "on-track", "behind", "missed", "not-measured", "no-target"]

STATUS_TEXT: dict[Status, str] = {
    "achieved": "target reached",
    "on-track": "on track",
    "behind": "behind",
    "missed": "target missed",
    "not-measured": "not measured yet",
    "no-target": "no target set",
}


def _num(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class KpiProgress:
    kpi: Kpi
    latest: Measurement | None
    expected: float | None
    """Where the straight path from baseline to target stood on the latest measurement's
    date (None when the KPI lacks a baseline, start or due date)."""
    share: float | None
    """Distance covered from baseline to target (0.0 at baseline, 1.0 at target)."""
    status: Status

    @property
    def off_track(self) -> bool:
        return self.status in ("behind", "missed")

    def describe(self) -> str:
        """One line in words: `Share of orders in OrderFlow: 91 % (target 95 % by
        2026-12-31, baseline 0 %): on track`."""
        unit = f" {self.kpi.unit}" if self.kpi.unit else ""
        parts = []
        if self.latest is not None:
            parts.append(f"{_num(self.latest.value)}{unit} on {self.latest.date.isoformat()}")
        if self.kpi.target is not None:
            due = f" by {self.kpi.due.isoformat()}" if self.kpi.due else ""
            parts.append(f"target {_num(self.kpi.target)}{unit}{due}")
        if self.kpi.baseline is not None:
            parts.append(f"baseline {_num(self.kpi.baseline)}{unit}")
        if self.expected is not None and self.status == "behind":
            parts.append(f"{_num(round(self.expected, 1))}{unit} expected by now")
        figures = f" ({'; '.join(parts)})" if parts else ""
        return f"{self.kpi.kpi}{figures}: {STATUS_TEXT[self.status]}"


def _reached(kpi: Kpi, value: float) -> bool:
    assert kpi.target is not None
    return value >= kpi.target if kpi.direction == "up" else value <= kpi.target


def kpi_progress(
    kpi: Kpi, series: list[Measurement], today: dt.date, tolerance: float
) -> KpiProgress:
    latest = series[-1] if series else None
    if kpi.target is None:
        return KpiProgress(kpi, latest, None, None, "no-target")
    if latest is None:
        return KpiProgress(kpi, None, None, None, "not-measured")
    share = None
    if kpi.baseline is not None and kpi.target != kpi.baseline:
        share = (latest.value - kpi.baseline) / (kpi.target - kpi.baseline)
    if _reached(kpi, latest.value):
        return KpiProgress(kpi, latest, None, share, "achieved")
    if kpi.due is not None and today > kpi.due:
        return KpiProgress(kpi, latest, None, share, "missed")
    expected = _expected(kpi, latest.date)
    if expected is None or kpi.baseline is None:
        return KpiProgress(kpi, latest, expected, share, "on-track")
    slack = tolerance * abs(kpi.target - kpi.baseline)
    lagging = (
        latest.value < expected - slack
        if kpi.direction == "up"
        else latest.value > expected + slack
    )
    return KpiProgress(kpi, latest, expected, share, "behind" if lagging else "on-track")


def _expected(kpi: Kpi, day: dt.date) -> float | None:
    if kpi.baseline is None or kpi.target is None or kpi.start is None or kpi.due is None:
        return None
    span = (kpi.due - kpi.start).days
    if span <= 0:
        return kpi.target
    elapsed = min(max((day - kpi.start).days, 0), span)
    return kpi.baseline + (kpi.target - kpi.baseline) * elapsed / span


def value_progress(kpis: ValueKpis, today: dt.date, tolerance: float) -> list[KpiProgress]:
    """Every KPI's progress, in file order."""
    return [kpi_progress(k, kpis.series(k.id), today, tolerance) for k in kpis.kpis]


@dataclass(frozen=True)
class KpiChart:
    """What the app's KPI chart draws for one KPI: the measurements over time, the
    baseline and target lines, and the straight path between them."""

    kpi: str
    title: str
    unit: str
    points: tuple[tuple[dt.date, float], ...]
    baseline: float | None
    target: float | None
    path: tuple[tuple[dt.date, float], ...]
    """The expected path: (start, baseline) to (due, target), when all four are known."""
    status: Status


def kpi_charts(kpis: ValueKpis, today: dt.date, tolerance: float) -> list[KpiChart]:
    charts = []
    for progress in value_progress(kpis, today, tolerance):
        kpi = progress.kpi
        path: tuple[tuple[dt.date, float], ...] = ()
        if None not in (kpi.start, kpi.due, kpi.baseline, kpi.target):
            assert kpi.start and kpi.due and kpi.baseline is not None and kpi.target is not None
            path = ((kpi.start, kpi.baseline), (kpi.due, kpi.target))
        charts.append(
            KpiChart(
                kpi=kpi.id,
                title=kpi.kpi,
                unit=kpi.unit,
                points=tuple((m.date, m.value) for m in kpis.series(kpi.id)),
                baseline=kpi.baseline,
                target=kpi.target,
                path=path,
                status=progress.status,
            )
        )
    return charts


__all__ = [
    "STATUS_TEXT",
    "KpiChart",
    "KpiProgress",
    "Status",
    "kpi_charts",
    "kpi_progress",
    "value_progress",
]
