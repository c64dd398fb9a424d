"""Adoption risks placed by likelihood and severity, with their score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Chart

if TYPE_CHECKING:
    from ...analysis.charts import RiskGrid

BAND_COLOURS = {"low": "green", "medium": "orange", "high": "red"}


class RiskPlot(Chart):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: RiskGrid | None = None

    def show(self, grid: RiskGrid | None) -> None:
        self.grid = grid
        if self.is_mounted:
            self.replot()

    def draw(self) -> None:
        plt = self.plt
        grid = self.grid
        plt.title("Risks by likelihood and severity (score = likelihood + severity)")
        plt.xlabel("likelihood →")
        plt.ylabel("severity ↑")
        if grid is None:
            return
        low, high = grid.scale.low, grid.scale.high
        plt.xlim(low - 0.5, high + 0.5)
        plt.ylim(low - 0.5, high + 0.5)
        plt.xticks(list(range(low, high + 1)))
        plt.yticks(list(range(low, high + 1)))
        for cell in grid.cells:
            colour = BAND_COLOURS.get(cell.band, "default")
            plt.scatter([cell.likelihood], [cell.severity], color=colour, marker="●")
            plt.text(
                f"{cell.text} ({cell.score})",
                cell.likelihood + 0.12,
                cell.severity,
                alignment="left",
                color=colour,
                background="default",
            )
