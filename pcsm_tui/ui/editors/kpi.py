"""Tool 24 (value KPIs) with its chart above the tables: one KPI at a time, measurements over
time against the baseline and the target. `v` shows the next KPI; the chart redraws after
every save, so a new measurement appears as soon as it is committed."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from ...analysis.value import kpi_charts
from ...models.value import ValueKpis
from ..charts.kpi import KpiPlot
from .tool import ToolEditor


class KpiEditor(ToolEditor):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "next_kpi", "Next KPI in the chart", id="kpi.next"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shown_kpi = 0

    def compose_extra(self) -> ComposeResult:
        yield KpiPlot(id="kpi-plot")

    def refresh_extra(self) -> None:
        plot = self.query_one("#kpi-plot", KpiPlot)
        model = self.loaded.model if self.loaded else None
        today = self.workspace.today
        if not isinstance(model, ValueKpis) or not model.kpis:
            plot.show(None, today)
            return
        charts = kpi_charts(model, today, self.workspace.framework.guide.kpi_tolerance)
        self.shown_kpi %= len(charts)
        position = f"{self.shown_kpi + 1}/{len(charts)} · v next" if len(charts) > 1 else ""
        plot.show(charts[self.shown_kpi], today, position)

    def action_next_kpi(self) -> None:
        self.shown_kpi += 1
        self.draw_extra()


__all__ = ["KpiEditor"]
