"""Charts drawn with plotext through textual-plotext: each a PlotextPlot with its own `plt`.

The numbers come from pcsm_tui.analysis (tested without a terminal); these widgets only
map them onto plotext calls in `replot()`, which runs on mount, on resize and whenever the
data changes. No plotext global state is used.
"""
