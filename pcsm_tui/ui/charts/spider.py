"""The personal evaluation spider chart: eight areas, rings 0-10, one or two polygons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...textcut import cells, shorten
from ...textsafe import display
from .base import Chart

if TYPE_CHECKING:
    from ...analysis.charts import SpiderChart

X_SPAN = 1.35
"""The chart's x axis runs from -X_SPAN to X_SPAN."""


def fit_label(label: str, x: float, width: int) -> tuple[str, float]:
    """An area's label and the x of its centre, so that it shows whole in a plot `width`
    cells wide: a label beside the chart (left or right) gets a third of the width and is
    cut at a word with "…" beyond that; one above or below may take the whole width; the
    centre is moved in from the edge so that no letter falls off it."""
    room = width // 3 if abs(x) > 0.3 else width - 2
    shown = shorten(label, max(room, 3))
    per_cell = 2 * X_SPAN / max(width, 1)
    half = (cells(shown) / 2 + 1) * per_cell
    return shown, min(max(x, -X_SPAN + half), X_SPAN - half)


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
        plt.xlim(-X_SPAN, X_SPAN)
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
        width = self.plot_area()[0]
        for axis in chart.axes:
            x, y = axis.end
            plt.plot([0, x], [0, y], color="gray", marker="dot")
            label, at = fit_label(display(f"{axis.id} {axis.name}", lines=False), x * 1.12, width)
            plt.text(
                label,  # a team may rename areas: cut at a word with "…" when too long
                at,
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
