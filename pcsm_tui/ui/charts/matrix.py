"""The stakeholder matrix: interest across, authority up, support beside each point."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import SUPPORT_COLOURS, Chart

if TYPE_CHECKING:
    from ...analysis.charts import MatrixChart


class MatrixPlot(Chart):
    """Points coloured by support, quadrant lines at the midpoint, labels that never
    overlap, and (when asked) arrows from an earlier month's positions."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart: MatrixChart | None = None
        self.selected: str | None = None
        self.title_text = "Stakeholder matrix"

    def show(self, chart: MatrixChart | None, selected: str | None, title: str) -> None:
        self.chart, self.selected, self.title_text = chart, selected, title
        if self.is_mounted:
            self.replot()

    def draw(self) -> None:
        draw_matrix(self.plt, self.chart, self.selected, self.title_text, self.plot_area())


def draw_matrix(
    plt: Any, chart: MatrixChart | None, selected: str | None, title: str, area: tuple[int, int]
) -> None:
    """The matrix onto a plotext figure (a function so the benchmark can time it alone)."""
    width, height = area
    plt.title(title)
    plt.xlabel("interest →")
    plt.ylabel("authority ↑")
    plt.xlim(0, 10)
    plt.ylim(0, 10)
    plt.xticks([0, 5, 10])
    plt.yticks([0, 5, 10])
    plt.vline(5, "gray")
    plt.hline(5, "gray")
    if chart is None:
        return
    layout = chart.matrix.layout(
        width,
        height,
        avoid=[m.start for m in (chart.movement.moves if chart.movement else ()) if m.moved],
    )
    if chart.movement is not None:
        for move in chart.movement.moves:
            if move.moved:
                (x0, y0), (x1, y1) = move.start, move.end
                plt.plot([x0, x1], [y0, y1], color="blue", marker="dot")
                plt.scatter([x0], [y0], color="blue", marker="○")
    for cls, colour in SUPPORT_COLOURS.items():
        points = [p for p in chart.matrix.points if p.support_class == cls]
        if points:
            plt.scatter([p.x for p in points], [p.y for p in points], color=colour, marker="●")
    for label in layout.labels:
        chosen = label.key == selected
        plt.text(
            label.text,
            label.x,
            label.y,
            alignment="left",
            color="cyan" if chosen else "white",
            background="default",
            style="bold" if chosen else "default",
        )
