"""The personal evaluation spider chart: eight areas, rings 0-10, one or two polygons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...textsafe import display
from .base import Chart

if TYPE_CHECKING:
    from ...analysis.charts import SpiderChart


class SpiderPlot(Chart):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart: SpiderChart | None = None

    def show(self, chart: SpiderChart | None) -> None:
        self.chart = chart
        if self.is_mounted:
            self.replot()

    def draw(self) -> None:
        plt = self.plt
        plt.xlim(-1.35, 1.35)
        plt.ylim(-1.15, 1.15)
        plt.xticks([])
        plt.yticks([])
        chart = self.chart
        if chart is None:
            plt.title("No evaluation yet")
            return
        primary = chart.primary
        plt.title(
            f"Personal evaluation {primary.date}"
            + (f" vs {chart.overlay.date}" if chart.overlay else "")
        )
        for ring in (5, 10):
            points = chart.ring(ring)
            xs = [p[0] for p in points] + [points[0][0]]
            ys = [p[1] for p in points] + [points[0][1]]
            plt.plot(xs, ys, color="gray", marker="dot")
        for axis in chart.axes:
            x, y = axis.end
            plt.plot([0, x], [0, y], color="gray", marker="dot")
            plt.text(
                display(f"{axis.id} {axis.name}", lines=False),  # a team may rename areas
                x * 1.12,
                y * 1.07,
                alignment="center",
                color="white",
                background="default",
            )
        if chart.overlay is not None:
            closed = chart.overlay.closed
            plt.plot(
                [p[0] for p in closed], [p[1] for p in closed], color="orange", marker="braille"
            )
        closed = primary.closed
        plt.plot([p[0] for p in closed], [p[1] for p in closed], color="cyan", marker="braille")
        plt.scatter(
            [v[0] for v in primary.vertices],
            [v[1] for v in primary.vertices],
            color="cyan",
            marker="●",
        )
