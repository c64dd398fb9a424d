"""A value KPI over time (tool 24): its measurements against the baseline and the target,
with the straight path between them that `analysis.value` judges progress by."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...analysis.value import STATUS_TEXT
from ...textsafe import display
from .base import Chart

if TYPE_CHECKING:
    from ...analysis.value import KpiChart

STATUS_COLOURS = {
    "achieved": "green",
    "on-track": "green",
    "behind": "orange",
    "missed": "red",
    "not-measured": "white",
    "no-target": "white",
}


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first`'s month through `last`."""
    found, day = [], first.replace(day=1)
    while day <= last:
        found.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return found


class KpiPlot(Chart):
    """One KPI: measurements as a line of points, baseline and target as level lines, the
    expected path dotted, today marked. The x axis counts days from the earliest date shown,
    labelled by month (plotext's own date axis reads the host's locale)."""

    DEFAULT_CSS = """
    KpiPlot {
        height: 18;
        min-height: 10;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart: KpiChart | None = None
        self.today: dt.date | None = None
        self.position = ""
        """`2/3` when the engagement has more KPIs than the one shown."""

    def show(self, chart: KpiChart | None, today: dt.date, position: str = "") -> None:
        self.chart, self.today, self.position = chart, today, position
        if self.is_mounted:
            self.replot()

    def draw(self) -> None:
        plt = self.plt
        chart = self.chart
        if chart is None:
            plt.title("Value KPIs: no KPI yet (add one in the KPI table below)")
            return
        unit = f" ({display(chart.unit, lines=False)})" if chart.unit else ""
        count = f" [{self.position}]" if self.position else ""
        title = display(chart.title, lines=False)
        plt.title(f"{title}{unit}: {STATUS_TEXT[chart.status]}{count}")
        days = [d for d, _ in chart.points] + [d for d, _ in chart.path]
        days += [self.today] if self.today else []
        if not days:
            return
        origin, end = min(days), max(days)
        span = max(1, (end - origin).days)

        def x(day: dt.date) -> float:
            return float((day - origin).days)

        values = [v for _, v in chart.points]
        values += [v for v in (chart.baseline, chart.target) if v is not None]
        low, high = min(values, default=0.0), max(values, default=1.0)
        pad = max(1.0, (high - low) * 0.1)
        plt.xlim(0, span)
        plt.ylim(low - pad, high + pad)
        ticks = [m for m in _months(origin, end) if m >= origin]
        step = max(1, len(ticks) // max(1, self.plot_area()[0] // 10))
        ticks = ticks[::step]
        plt.xticks([x(m) for m in ticks], [m.strftime("%b %y") for m in ticks])
        plt.xlabel("date →")
        if chart.baseline is not None:
            plt.hline(chart.baseline, "gray")
            plt.text("baseline", 0, chart.baseline, alignment="left", color="gray")
        if chart.target is not None:
            plt.hline(chart.target, "cyan")
            plt.text("target", 0, chart.target, alignment="left", color="cyan")
        if chart.path:
            (d0, v0), (d1, v1) = chart.path
            plt.plot([x(d0), x(d1)], [v0, v1], color="gray", marker="·")
        if chart.points:
            colour = STATUS_COLOURS.get(chart.status, "white")
            xs = [x(d) for d, _ in chart.points]
            ys = [v for _, v in chart.points]
            if len(xs) > 1:
                plt.plot(xs, ys, color=colour, marker="braille")
            plt.scatter(xs, ys, color=colour, marker="●")
        if self.today is not None:
            plt.vline(x(self.today), "white")
