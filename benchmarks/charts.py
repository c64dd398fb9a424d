"""Benchmark of the stakeholder matrix chart data, printed as figures (never asserted).

    .venv/bin/python benchmarks/charts.py [--runs N]

Issue 4 asks for a matrix redraw under 50 ms with 20 stakeholders. This measures the
headless part of one redraw, `matrix_chart`: 20 key stakeholders (clustered on a few
positions, the hard case for labels), their labels placed without overlap, the strategy
suggestions and the movement since an earlier month, for three plot sizes.
"""

from __future__ import annotations

import argparse
import functools

from timing import measure

from pcsm_tui.analysis.charts import matrix_chart
from pcsm_tui.framework import default_framework
from pcsm_tui.models.commitment import StakeholderPlanMonth
from pcsm_tui.models.engagement import Register
from pcsm_tui.models.scales import Scale

SPOTS = [(7, 8), (7, 8), (3, 2), (5, 5), (6, 8), (8, 4)]
ROLES = [
    "CFO", "CIO", "HR Manager", "Head of Security", "SPL (Director of Operations)",
    "VP Global Operations", "Network Management Team", "EMEA Director of Finance",
    "EMEA Director of IT Systems", "Operations Management Team", "VP Sales", "Director of R&D",
    "Production Director", "Distribution Director", "Service Managers", "Tech Support",
    "Legal Counsel", "Procurement", "Works Council", "CEO",
]  # fmt: skip


def fixtures(scale: Scale) -> tuple[Register, StakeholderPlanMonth, StakeholderPlanMonth]:
    register = Register.model_validate(
        {
            "stakeholders": [
                {"id": f"s{i}", "name": f"Person {i}", "job_role": role, "key": True}
                for i, role in enumerate(ROLES)
            ]
        }
    )

    def month(shift: int) -> StakeholderPlanMonth:
        assessments = []
        for i in range(len(ROLES)):
            interest, authority = SPOTS[(i + shift) % len(SPOTS)]
            support = scale.low + (i * 3 + shift) % (scale.high - scale.low + 1)
            assessments.append(
                {
                    "id": f"s{i}",
                    "stakeholder": f"s{i}",
                    "authority": authority,
                    "interest": interest,
                    "support": support,
                }
            )
        return StakeholderPlanMonth.model_validate(
            {
                "strategies": [
                    {"id": "A", "title": "Work closely with them"},
                    {"id": "B", "title": "Reduce their influence"},
                    {"id": "C", "title": "Monitor and keep informed"},
                    {"id": "D", "title": "Use them as evangelists"},
                ],
                "assessments": assessments,
                "rows": [
                    {"id": f"r{i}", "strategy": "ABCD"[i % 4], "stakeholder": f"s{i}"}
                    for i in range(len(ROLES))
                ],
            },
            context={"scales": {"support": scale}},
        )

    return register, month(1), month(0)


def redraw(
    register: Register,
    month: StakeholderPlanMonth,
    earlier: StakeholderPlanMonth,
    scale: Scale,
    width: int,
    height: int,
    _run: int,
) -> object:
    """One redraw's data: what the chart widget computes before it calls plotext."""
    rules = default_framework().strategy_rules
    return matrix_chart(register, month, scale, rules, width, height, earlier)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    rules = default_framework().strategy_rules
    for scale in (Scale(0, 10), Scale(-5, 5)):
        register, earlier, month = fixtures(scale)
        for width, height in ((60, 20), (100, 30), (150, 45)):
            chart = matrix_chart(register, month, scale, rules, width, height, earlier)
            assert len(chart.matrix.points) == 20
            hidden = len(chart.layout.hidden)
            measure(
                f"matrix chart, 20 stakeholders, {width}x{height}, {scale} ({hidden} hidden)",
                args.runs,
                functools.partial(redraw, register, month, earlier, scale, width, height),
                digits=2,
            )


if __name__ == "__main__":
    main()
