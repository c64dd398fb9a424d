"""Chart data for the stakeholder suite (issue 4), headless: one import for the chart widgets.

Every chart the app draws with plotext gets its numbers from here: the widgets only map
these values onto plotext calls, so what is drawn can be tested without a terminal and a
redraw costs little. The pieces live in small modules (`stakeholder_matrix`, `labels`,
`suggestions`, `month_compare`, `spider`, `risk_grid`, `roadmap`); this module re-exports
them and adds `matrix_chart`, the single call behind one redraw of the stakeholder matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..framework.definition import StrategyRules
from ..models.commitment import StakeholderPlanMonth
from ..models.engagement import Register
from ..models.scales import Scale
from .labels import Canvas, LabelLayout, LabelRequest, PlacedLabel, place_labels
from .month_compare import (
    FieldChange,
    MonthComparison,
    RowDiff,
    StakeholderChanges,
    compare_months,
)
from .risk_grid import RiskCell, RiskGrid, RiskPoint, risk_band, risk_grid, score_range
from .roadmap import Roadmap, RoadmapBar, RoadmapPhase, engagement_roadmap
from .spider import (
    AreaTrend,
    CpdFocus,
    EvaluationHistory,
    SpiderAxis,
    SpiderChart,
    SpiderPolygon,
    cpd_focus,
    evaluation_history,
    spider_chart,
)
from .stakeholder_matrix import (
    MatrixMovement,
    MatrixPoint,
    Movement,
    StakeholderMatrix,
    StrategyGroup,
    matrix_movement,
    months_movement,
    stakeholder_matrix,
)
from .suggestions import Acceptance, Suggestion, accept, pending, suggest_strategies
from .support import SupportClass, normalized_support, support_class


@dataclass(frozen=True, slots=True)
class MatrixChart:
    """One month's matrix with its label layout, suggestions and (optionally) movement."""

    matrix: StakeholderMatrix
    layout: LabelLayout
    suggestions: tuple[Suggestion, ...]
    movement: MatrixMovement | None


def matrix_chart(
    register: Register,
    month: StakeholderPlanMonth,
    scale: Scale,
    rules: StrategyRules,
    width: int,
    height: int,
    earlier: StakeholderPlanMonth | None = None,
) -> MatrixChart:
    """Everything one redraw of the matrix needs, for a plot area of `width` x `height` cells.

    Pass `earlier` (a previous month) to get the movement as well; labels then also keep
    clear of the earlier positions, which the chart draws as the arrows' tails.
    """
    matrix = stakeholder_matrix(register, month, scale)
    movement = None
    ghosts: list[tuple[float, float]] = []
    if earlier is not None:
        movement = matrix_movement(stakeholder_matrix(register, earlier, scale), matrix)
        ghosts = [move.start for move in movement.moves if move.moved]
        ghosts += [(point.x, point.y) for point in movement.left]
    return MatrixChart(
        matrix=matrix,
        layout=matrix.layout(width, height, avoid=ghosts),
        suggestions=suggest_strategies(matrix, month, rules),
        movement=movement,
    )


__all__ = [
    "Acceptance",
    "AreaTrend",
    "Canvas",
    "CpdFocus",
    "EvaluationHistory",
    "FieldChange",
    "LabelLayout",
    "LabelRequest",
    "MatrixChart",
    "MatrixMovement",
    "MatrixPoint",
    "MonthComparison",
    "Movement",
    "PlacedLabel",
    "RiskCell",
    "RiskGrid",
    "RiskPoint",
    "Roadmap",
    "RoadmapBar",
    "RoadmapPhase",
    "RowDiff",
    "SpiderAxis",
    "SpiderChart",
    "SpiderPolygon",
    "StakeholderChanges",
    "StakeholderMatrix",
    "StrategyGroup",
    "Suggestion",
    "SupportClass",
    "accept",
    "compare_months",
    "cpd_focus",
    "engagement_roadmap",
    "evaluation_history",
    "matrix_chart",
    "matrix_movement",
    "months_movement",
    "normalized_support",
    "pending",
    "place_labels",
    "risk_band",
    "risk_grid",
    "score_range",
    "spider_chart",
    "stakeholder_matrix",
    "suggest_strategies",
    "support_class",
]
