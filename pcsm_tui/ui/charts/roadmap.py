"""The engagement roadmap: the strategy's planned activities on a timeline, today marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Chart

if TYPE_CHECKING:
    from ...analysis.charts import Roadmap

STATUS_COLOURS = {"done": "green", "late": "red", "in-progress": "orange", "planned": "cyan"}


class RoadmapPlot(Chart):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.roadmap: Roadmap | None = None

    def show(self, roadmap: Roadmap | None) -> None:
        self.roadmap = roadmap
        if self.is_mounted:
            self.replot()

    def draw(self) -> None:
        plt = self.plt
        roadmap = self.roadmap
        plt.title("Roadmap: phase.no of each planned activity (red late · green done · │ today)")
        if roadmap is None or not roadmap.bars:
            return
        rows = max(bar.row for bar in roadmap.bars) + 1
        plt.xlim(0, roadmap.width_days)
        plt.ylim(-1, rows)
        plt.xticks(*_spaced_ticks(roadmap, self.plot_area()[0]))
        plt.yticks([])
        scale = self.plot_area()[0] / max(1.0, roadmap.width_days)
        labels = [(bar.row, bar.x0, f"{bar.phase}.{bar.activity.no}") for bar in roadmap.bars]
        for bar, shown in zip(roadmap.bars, fitting_labels(labels, scale), strict=True):
            colour = STATUS_COLOURS.get(bar.status, "default")
            y = rows - 1 - bar.row
            plt.plot([bar.x0, max(bar.x1, bar.x0 + 0.5)], [y, y], color=colour, marker="hd")
            if shown:
                plt.text(
                    f"{bar.phase}.{bar.activity.no}",
                    bar.x0,
                    y + 0.45,
                    alignment="left",
                    color=colour,
                    background="default",
                )
        plt.vline(roadmap.today_x, "white")


def fitting_labels(labels: list[tuple[int, float, str]], scale: float) -> list[bool]:
    """Which of the (row, x in days, text) labels are drawn: one that would start within
    a cell of the one before it on its row is left out, since two labels written over each
    other read as a third (`3.1` and `3.3` made `3.3.3`); the table lists every activity."""
    ends: dict[int, float] = {}
    shown = [False] * len(labels)
    for index in sorted(range(len(labels)), key=lambda i: (labels[i][0], labels[i][1])):
        row, x, text = labels[index]
        start = x * scale
        if start >= ends.get(row, float("-inf")) + 1:
            ends[row] = start + len(text)
            shown[index] = True
    return shown


def _spaced_ticks(roadmap: Roadmap, width: int, gap: int = 12) -> tuple[list[float], list[str]]:
    """Month ticks at least `gap` cells apart, so plotext never has to drop one (which it
    would do differently for a width one cell wider or narrower)."""
    xs: list[float] = []
    names: list[str] = []
    scale = width / max(1.0, roadmap.width_days)
    for x, name in roadmap.month_ticks:
        if not xs or (x - xs[-1]) * scale >= gap:
            xs.append(x)
            names.append(name)
    return xs, names
