"""Editors with a chart on top: the stakeholder matrix, the monthly plan (with a month
comparison), the personal spider chart, the risk grid and the engagement roadmap.

The chart redraws from the editor's current data after every load, so a changed figure
shows at once; all numbers come from pcsm_tui.analysis.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from ...analysis.charts import (
    accept,
    compare_months,
    engagement_roadmap,
    matrix_chart,
    pending,
    risk_grid,
)
from ...gateway import plan_month_rel
from ...models.adoption import Risks
from ...models.commitment import StakeholderPlanMonth
from ...models.edit import set_value
from ...models.engagement import Register
from ...models.preparation import EngagementStrategy
from ..charts.matrix import MatrixPlot
from ..charts.risks import RiskPlot
from ..charts.roadmap import RoadmapPlot
from ..plain import content
from ..widgets import VimTable
from .cell import CellEditor
from .readonly import ReadOnlyBanner
from .shapes import MonthlyEditor
from .spider import SpiderEditor
from .table import RecordTable
from .tool import ToolEditor


def month_model(
    workspace: Any, engagement: str, month: str, quiet: bool = True, at: str | None = None
) -> Any:
    """A month's plan, or None if that file does not read or validate. `quiet=False`
    raises the validation error instead (a chart says why it cannot draw the movement).
    `at`: as of that commit (a read-only view compares with the months of its commit)."""
    rel = plan_month_rel(engagement, month)
    try:
        return StakeholderPlanMonth.model_validate(workspace.read_quietly(rel, at=at))
    except ValueError:
        if not quiet:
            raise
        return None


class MatrixEditor(MonthlyEditor):
    """Tool 5: the month's key stakeholders on the matrix, their figures below, suggestions.

    The figures are the plan month's assessments (stored once): editing them here or in the
    plan is the same edit. The highlighted row is the highlighted point.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "movement", "Movement since an earlier month (cycle)", id="matrix.movement"),
        Binding("y", "accept", "Accept the suggestion", id="matrix.accept"),
        Binding("n", "ignore", "Ignore the suggestion", id="matrix.ignore"),
        Binding("v", "switch_pane", "Chart or figures (narrow screen)", id="matrix.pane"),
    ]
    WIDE = 80
    """From this many columns the chart and the figures stand side by side; below it one
    of them fills the editor and v switches between them (the chart is never cut)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.since: str | None = None
        self.selected: str | None = None
        self.suggestions: tuple[Any, ...] = ()

    def compose(self) -> ComposeResult:
        """The tool editor's parts, with the chart (and its detail and suggestions) beside
        the figures' tables rather than above them, so both are in view."""
        if self.banner:
            yield ReadOnlyBanner(content(self.banner))
        yield Static(self.title_content(), classes="editor-title")
        if self.help_text:
            yield Static(self.help_text, classes="editor-help")
        yield from super().compose_extra()  # the month bar
        with Horizontal(id="matrix-body"):
            with Vertical(id="matrix-chart-pane"):
                yield MatrixPlot(id="matrix-plot")
                yield Static("", id="matrix-detail", classes="editor-help")
                yield VimTable(id="suggestions", cursor_type="row")
            yield VerticalScroll(classes="sections")
        yield Static("", id="cell-detail", classes="editor-help")
        yield CellEditor()

    can_focus = True  # narrow, with the chart shown, the keys (v, m, [ ]) come here

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.WIDE, "-narrow")
        self._focus_the_pane_shown()
        # Hiding the figures blurs a table focused in them only once the layout is redone,
        # after this handler: look again then, or nothing would hold the focus (v dead).
        self.call_after_refresh(self._focus_the_pane_shown)

    def focus_first_table(self) -> None:
        if self.has_class("-narrow") and not self.has_class("-figures"):
            self.autofocus = False
            self.focus(scroll_visible=False)
        else:
            super().focus_first_table()

    def _focus_the_pane_shown(self) -> None:
        """Keep the focus out of a pane that is hidden (it would take the keys with it)."""
        if not self.is_attached or self.screen is not self.app.screen:
            return
        focused = self.app.focused
        hidden = self.has_class("-narrow") and not self.has_class("-figures")
        lost = focused is None or self.query_one(".sections") in focused.ancestors
        if hidden and lost and not self.editing:
            self.focus(scroll_visible=False)

    def action_switch_pane(self) -> None:
        if not self.has_class("-narrow"):
            self.notify("the chart and the figures are both in view", timeout=3)
            return
        self.toggle_class("-figures")
        tables = list(self.query(RecordTable))
        if self.has_class("-figures") and tables:
            self.call_after_refresh(tables[0].focus)
        else:
            self.focus(scroll_visible=False)

    def skipped_fields(self) -> frozenset[str]:
        return frozenset({"strategies", "rows", "ignored_suggestions"})

    def _month_model(self, month: str) -> Any:
        """The month compared with; one that does not validate fails the drawing, which
        draw_extra reports in the file's own words (the editor stays)."""
        return month_model(self.workspace, str(self.engagement), month, quiet=False, at=self.as_of)

    def refresh_extra(self) -> None:
        super().refresh_extra()
        plot = self.query_one("#matrix-plot", MatrixPlot)
        if self.loaded is None or not isinstance(self.loaded.model, StakeholderPlanMonth):
            plot.show(None, None, "no month yet: N starts one")
            return
        try:
            register = Register.model_validate(
                {"stakeholders": self._engagement_rows("stakeholders.toml", "stakeholders")}
            )
        except ValueError:  # a register that does not validate: points without names
            register = Register()
        earlier = self._month_model(self.since) if self.since else None
        width, height = plot.plot_area()
        chart = matrix_chart(
            register,
            self.loaded.model,
            self.workspace.repo.scales()["support"],
            self.workspace.framework.strategy_rules,
            width,
            height,
            earlier,
        )
        title = f"Stakeholder matrix {self.month}" + (
            f" (movement since {self.since})" if self.since else ""
        )
        plot.show(chart, self.selected, title)
        ignored = frozenset(self.loaded.model.ignored_suggestions)
        self.suggestions = pending(chart.suggestions, ignored)
        table = self.query_one("#suggestions", VimTable)
        table.show(
            [
                ("Suggestion", "title"),
                ("Stakeholder", "name"),
                ("Why", "reason"),
                ("Strategy now", "current"),
            ],
            [
                (
                    suggestion.key,
                    [
                        suggestion.title,
                        suggestion.name,
                        suggestion.reason,
                        ", ".join(suggestion.current) or "—",
                    ],
                )
                for suggestion in self.suggestions
            ],
        )
        table.display = bool(self.suggestions)
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#matrix-detail", Static)
        if not self.selected:
            detail.update("Highlight a row to find its point · y/n accept or ignore a suggestion")
            return
        rows = [r for r in self.data.get("rows", []) if r.get("stakeholder") == self.selected]
        figures: dict[str, Any] = next(
            (a for a in self.data.get("assessments", []) if a.get("stakeholder") == self.selected),
            {},
        )
        strategies = ", ".join(str(r.get("strategy")) for r in rows) or "none"
        detail.update(
            content(
                (self.names.get(self.selected, self.selected), "bold"),
                f": authority {figures.get('authority', '?')}, interest "
                f"{figures.get('interest', '?')}, support {figures.get('support', '?')} · "
                f"strategies: {strategies}",
                lines=False,
            )
        )

    @on(RecordTable.CellHighlighted)
    def _row_moved(self, event: RecordTable.CellHighlighted) -> None:
        table = event.data_table
        if isinstance(table, RecordTable) and table.section.path == ("assessments",):
            row_id = table.current_row_id()
            assessment = next(
                (a for a in self.data.get("assessments", []) if a.get("id") == row_id), None
            )
            selected = assessment.get("stakeholder") if assessment else None
            if selected != self.selected:
                self.selected = selected
                self.query_one("#matrix-plot", MatrixPlot).show(
                    self.query_one("#matrix-plot", MatrixPlot).chart,
                    selected,
                    self.query_one("#matrix-plot", MatrixPlot).title_text,
                )
                self._show_detail()

    def action_movement(self) -> None:
        earlier = [m for m in self.months if m < self.month]
        if not earlier:
            self.notify("there is no earlier month to compare with", timeout=3)
            return
        order = [None, *reversed(earlier)]
        self.since = (
            order[(order.index(self.since) + 1) % len(order)]
            if self.since in order
            else earlier[-1]
        )
        self.draw_extra()

    def _suggestion(self) -> Any:
        table = self.query_one("#suggestions", VimTable)
        if not table.row_count or not self.suggestions:
            self.notify("no suggestion to decide on", timeout=3)
            return None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return next((s for s in self.suggestions if s.key == key), None)

    def _who(self, suggestion: Any) -> str:
        """The stakeholder as commit messages name people: by role or a neutral label."""
        names = self.workspace.repo.names(self.engagement)
        return names.get(suggestion.stakeholder, "a stakeholder")

    def action_accept(self) -> None:
        suggestion = self._suggestion()
        if suggestion is None or self.loaded is None:
            return
        done = accept(suggestion, self.loaded.model)  # type: ignore[arg-type]

        def edit(data: dict[str, Any]) -> dict[str, Any]:
            new = dict(data)
            if done.strategy is not None:
                new["strategies"] = [
                    *data.get("strategies", []),
                    done.strategy.model_dump(exclude_none=True),
                ]
            new["rows"] = [*data.get("rows", []), done.row.model_dump(exclude_none=True)]
            return new

        problem = self.commit(
            edit, headline=f"accepted suggestion for {self._who(suggestion)}: {suggestion.title}"
        )
        if problem:
            self.notify(problem, severity="error")

    def action_ignore(self) -> None:
        suggestion = self._suggestion()
        if suggestion is None:
            return
        ignored = [*self.data.get("ignored_suggestions", []), suggestion.key]
        problem = self.commit(
            lambda data: set_value(data, ("ignored_suggestions",), ignored),
            headline=f"ignored suggestion for {self._who(suggestion)}: {suggestion.title}",
        )
        if problem:
            self.notify(problem, severity="error")


class PlanEditor(MonthlyEditor):
    """Tool 6: the monthly plan; D compares the month with the one before, side by side."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("D", "compare", "Compare with the previous month", id="plan.compare"),
    ]

    def skipped_fields(self) -> frozenset[str]:
        return frozenset({"ignored_suggestions"})

    def compose_extra(self) -> ComposeResult:
        yield from super().compose_extra()
        table = VimTable(id="compare", cursor_type="row")
        table.display = False
        yield table

    def action_compare(self) -> None:
        table = self.query_one("#compare", VimTable)
        if table.display:
            table.display = False
            return
        earlier = [m for m in self.months if m < self.month]
        if not earlier or self.loaded is None:
            self.notify("there is no earlier month to compare with", timeout=3)
            return
        before = month_model(self.workspace, str(self.engagement), earlier[-1], at=self.as_of)
        if before is None:
            self.notify(f"{earlier[-1]} does not read; `pcsm validate` says why", timeout=5)
            return
        after = self.loaded.model
        assert isinstance(after, StakeholderPlanMonth)
        comparison = compare_months(before, after)
        table.clear(columns=True)
        table.add_columns("Stakeholder", "Field", earlier[-1], self.month)
        for stakeholder in comparison.by_stakeholder():
            name = self.names.get(stakeholder.stakeholder, stakeholder.stakeholder)
            diffs = [d for d in (stakeholder.assessment, *stakeholder.rows) if d is not None]
            for diff in diffs:
                if diff.status in ("added", "removed"):
                    table.add_row(name, f"({diff.status})", "", "")
                for change in diff.changes:
                    table.add_row(
                        name,
                        change.field,
                        _cell(change.before),
                        Text(_cell(change.after), style="bold yellow"),
                    )
        if not table.row_count:
            table.add_row("—", "no changes", "", "")
        table.display = True
        table.focus()


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    first = text.splitlines()[0] if text else ""
    return first if len(first) <= 40 else first[:39] + "…"


class RiskEditor(ToolEditor):
    """Tool 17 with the risk grid above the table (likelihood by severity, score shown)."""

    def compose_extra(self) -> ComposeResult:
        yield RiskPlot(id="risk-plot")

    def refresh_extra(self) -> None:
        model = self.loaded.model if self.loaded else None
        plot = self.query_one("#risk-plot", RiskPlot)
        if isinstance(model, Risks):
            plot.show(risk_grid(model.risks, self.workspace.repo.scales()["risk"]))


class StrategyEditor(ToolEditor):
    """Tool 2 with the engagement roadmap above the activities (today marked, late in red)."""

    def compose_extra(self) -> ComposeResult:
        yield RoadmapPlot(id="roadmap-plot")

    def refresh_extra(self) -> None:
        model = self.loaded.model if self.loaded else None
        plot = self.query_one("#roadmap-plot", RoadmapPlot)
        if isinstance(model, EngagementStrategy):
            plot.show(
                engagement_roadmap(model, self.workspace.today, self.workspace.framework.phases)
            )


__all__ = [
    "DataTable",
    "MatrixEditor",
    "PlanEditor",
    "RiskEditor",
    "SpiderEditor",
    "StrategyEditor",
]
