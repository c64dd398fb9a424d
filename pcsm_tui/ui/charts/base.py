"""What every chart widget shares: redraw on data change and on resize."""

from __future__ import annotations

from textual import events
from textual_plotext import PlotextPlot

PLOT_MARGIN_X = 5
"""Cells plotext spends left of the plot area (y tick labels and the axis)."""
PLOT_MARGIN_Y = 5
"""Rows plotext spends on the title, the x ticks and the x label."""

SUPPORT_COLOURS = {"low": "red", "neutral": "orange", "high": "green"}


class Chart(PlotextPlot):
    """A chart that rebuilds its figure in `replot()` from data set by its owner."""

    def on_mount(self) -> None:
        super().on_mount()
        self.replot()

    def on_resize(self, _event: events.Resize) -> None:
        self.replot()

    def plot_area(self) -> tuple[int, int]:
        """The plot area in cells (the widget minus plotext's axes and titles)."""
        return (max(10, self.size.width - PLOT_MARGIN_X), max(5, self.size.height - PLOT_MARGIN_Y))

    def replot(self) -> None:
        self.plt.clear_figure()
        self.draw()
        self.refresh()

    def draw(self) -> None:
        raise NotImplementedError
