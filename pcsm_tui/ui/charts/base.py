"""What every chart widget shares: redraw on data change and on resize (a real one)."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual_plotext import PlotextPlot

PLOT_MARGIN_X = 5
"""Cells plotext spends left of the plot area (y tick labels and the axis)."""
PLOT_MARGIN_Y = 5
"""Rows plotext spends on the title, the x ticks and the x label."""

SUPPORT_COLOURS = {"low": "red", "neutral": "orange", "high": "green"}


class Chart(PlotextPlot):
    """A chart that rebuilds its figure in `replot()` from data set by its owner."""

    _drawn_for: Size | None = None
    """The (outer) size the figure was last drawn for."""

    def on_mount(self) -> None:
        super().on_mount()
        self.replot()

    def on_resize(self, event: events.Resize) -> None:
        """Drawn again for a new size only. Textual sends a resize to every widget shown
        again at the size it had (a kept editor made visible, kept_editors.py): drawing
        then rebuilt the figure and cost a second paint of the screen."""
        if event.size != self._drawn_for:
            self.replot()

    def plot_area(self) -> tuple[int, int]:
        """The plot area in cells (the widget minus plotext's axes and titles)."""
        return (max(10, self.size.width - PLOT_MARGIN_X), max(5, self.size.height - PLOT_MARGIN_Y))

    def replot(self) -> None:
        self._drawn_for = self.outer_size  # what a resize event carries
        self.plt.clear_figure()
        self.draw()
        self.refresh()

    def draw(self) -> None:
        raise NotImplementedError
