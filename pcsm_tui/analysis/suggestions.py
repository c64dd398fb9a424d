"""Strategy suggestions from a month's figures, using the framework's `strategy_rules`.

The four rules are the framework's worked example (tool 5): A manage closely, B reduce
influence or raise interest, C monitor and inform, D use as evangelists. They only suggest:
the CSM accepts one (a plan row is added to the strategy the month already uses for that
rule) or ignores it. Thresholds are on 0..10; support is compared after mapping it onto
0..10 (see `support.py`), so -5..+5 teams need no second set of numbers.

"High" means at or above its threshold, "low" at or below. A needs high authority and high
interest; B high authority with low interest and low support; C is everyone else (the
example's "remaining, less influential" key stakeholders: neither worked with closely nor
to be reduced in influence); D high support, on top of any of the others. With the shipped
thresholds (framework data, `[strategy_rules]`, tunable per repository) the worked example's
first month gives exactly its grouping: A the CFO (8/6), the operations team (7/6) and the
SPL (6/8); B the HR manager (7/2, support 5) and the head of security (7/3, support 2);
C the rest; D the SPL and the network management team (support 9).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..framework.definition import StrategyRules
from ..models.commitment import PlanRow, PlanStrategy, StakeholderPlanMonth
from ..models.scales import Scale
from .stakeholder_matrix import MatrixPoint, StakeholderMatrix
from .support import support_at_least, support_at_most

Rule = Literal["manage-closely", "reduce-influence", "monitor-inform", "evangelist"]
RULES: tuple[Rule, ...] = ("manage-closely", "reduce-influence", "monitor-inform", "evangelist")

RULE_TITLES: dict[Rule, str] = {
    "manage-closely": "Work closely with them",
    "reduce-influence": "Reduce their influence, or raise their interest and support",
    "monitor-inform": "Monitor and keep informed",
    "evangelist": "Use them as evangelists",
}
"""The worked example's strategy titles, used when a month has no strategy for a rule yet."""

CONVENTIONAL_LABELS: dict[Rule, str] = {
    "manage-closely": "A",
    "reduce-influence": "B",
    "monitor-inform": "C",
    "evangelist": "D",
}

_LETTERS = tuple(chr(c) for c in range(ord("A"), ord("Z") + 1)) + tuple(
    f"S{n}" for n in range(1, 100)
)
"""Labels for new strategies, in the order they are handed out."""

RULE_KEYWORDS: dict[Rule, tuple[str, ...]] = {
    "manage-closely": ("closely", "manage close", "work close"),
    "reduce-influence": ("influence", "reduce"),
    "monitor-inform": ("monitor", "inform"),
    "evangelist": ("evangel", "champion", "advocat"),
}
"""How a month's strategy is recognised as serving a rule: by words in its title. Labels
alone are not trusted, since a team may use A-D for strategies of its own."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One rule that one stakeholder's figures meet this month."""

    stakeholder: str
    name: str
    rule: Rule
    reason: str
    """The figures that triggered it, e.g. `authority 7 ≥ 7, interest 2 ≤ 5, support 5 ≤ 5`."""
    strategy: str | None
    """The month's strategy label for this rule, if the month has one."""
    current: tuple[str, ...]
    """All strategy labels the stakeholder's plan rows use this month."""

    @property
    def title(self) -> str:
        return RULE_TITLES[self.rule]

    @property
    def applied(self) -> bool:
        """The stakeholder is already in the rule's strategy: nothing to accept."""
        return self.strategy is not None and self.strategy in self.current

    @property
    def key(self) -> str:
        """A stable key for remembering that the CSM ignored this suggestion."""
        return f"{self.stakeholder}:{self.rule}"


def strategy_labels(month: StakeholderPlanMonth) -> dict[Rule, str]:
    """The month's strategy label for each rule it has one for (first title match wins)."""
    found: dict[Rule, str] = {}
    for rule in RULES:
        for strategy in month.strategies:
            title = strategy.title.lower()
            if any(word in title for word in RULE_KEYWORDS[rule]):
                found[rule] = strategy.id
                break
    return found


def _rules_met(point: MatrixPoint, scale: Scale, rules: StrategyRules) -> list[tuple[Rule, str]]:
    a, i, s = point.authority, point.interest, point.support
    high_a = a >= rules.high_authority
    shown = f"support {s}"
    met: list[tuple[Rule, str]] = []
    closely = high_a and i >= rules.high_interest
    reduce = high_a and i <= rules.low_interest and support_at_most(s, scale, rules.low_support)
    if closely:
        reason = f"authority {a} ≥ {rules.high_authority}, interest {i} ≥ {rules.high_interest}"
        met.append(("manage-closely", reason))
    if reduce:
        met.append(
            (
                "reduce-influence",
                f"authority {a} ≥ {rules.high_authority}, interest {i} ≤ {rules.low_interest}, "
                f"{shown} ≤ {_threshold(rules.low_support, scale)}",
            )
        )
    if not (closely or reduce):
        met.append(("monitor-inform", _less_influential(a, i, rules)))
    if support_at_least(s, scale, rules.high_support):
        met.append(("evangelist", f"{shown} ≥ {_threshold(rules.high_support, scale)}"))
    return met


def _less_influential(authority: int, interest: int, rules: StrategyRules) -> str:
    """Why someone falls to C: what keeps them out of A (B needs low support, which a
    stakeholder in C with high authority does not have)."""
    if authority < rules.high_authority:
        return f"authority {authority} < {rules.high_authority}"
    return (
        f"authority {authority} ≥ {rules.high_authority} but interest {interest} < "
        f"{rules.high_interest} and support above the low mark"
    )


def _threshold(value: int, scale: Scale) -> str:
    """A 0..10 threshold written on the repository's scale (5 on 0..10 is 0 on -5..+5)."""
    on_scale = scale.low + value * (scale.high - scale.low) / 10
    text = f"{on_scale:g}"
    return f"+{text}" if scale.low < 0 and on_scale > 0 else text


def suggest_strategies(
    matrix: StakeholderMatrix,
    month: StakeholderPlanMonth,
    rules: StrategyRules,
    labels: Mapping[Rule, str] | None = None,
) -> tuple[Suggestion, ...]:
    """Every rule every point meets, in point order then rule order (A, B, C, D).

    `labels` overrides which strategy serves which rule (default: `strategy_labels(month)`).
    Applied suggestions are included so the UI can show them as already followed.
    """
    serving = dict(strategy_labels(month) if labels is None else labels)
    suggestions: list[Suggestion] = []
    for point in matrix.points:
        for rule, reason in _rules_met(point, matrix.scale, rules):
            suggestions.append(
                Suggestion(
                    stakeholder=point.stakeholder,
                    name=point.name,
                    rule=rule,
                    reason=reason,
                    strategy=serving.get(rule),
                    current=point.strategies,
                )
            )
    return tuple(suggestions)


def pending(
    suggestions: Sequence[Suggestion], ignored: frozenset[str] = frozenset()
) -> tuple[Suggestion, ...]:
    """Suggestions still to decide: not applied and not ignored (by `Suggestion.key`)."""
    return tuple(s for s in suggestions if not s.applied and s.key not in ignored)


@dataclass(frozen=True, slots=True)
class Acceptance:
    """What accepting a suggestion adds to the month: a plan row, and its strategy if new."""

    row: PlanRow
    strategy: PlanStrategy | None


def accept(suggestion: Suggestion, month: StakeholderPlanMonth) -> Acceptance:
    """The plan row (and, if the month lacks one for the rule, the strategy) to add.

    The row id follows the sample files' `<label>-<stakeholder>` form and is made unique.
    A new strategy takes the rule's letter in the worked example (A-D) or, if the month uses
    that letter for something else, the next free letter after it.
    """
    strategy: PlanStrategy | None = None
    label = suggestion.strategy
    if label is None:
        taken = {s.id for s in month.strategies}
        conventional = CONVENTIONAL_LABELS[suggestion.rule]
        after = [c for c in _LETTERS if c > conventional and len(c) == 1]
        label = next(c for c in (conventional, *after, *_LETTERS) if c not in taken)
        strategy = PlanStrategy(id=label, title=RULE_TITLES[suggestion.rule])
    base = f"{label.lower()}-{suggestion.stakeholder}"[:60]
    ids = {r.id for r in month.rows}
    row_id, n = base, 2
    while row_id in ids:
        row_id, n = f"{base}-{n}", n + 1
    row = PlanRow(id=row_id, strategy=label, stakeholder=suggestion.stakeholder)
    return Acceptance(row, strategy)


__all__ = [
    "CONVENTIONAL_LABELS",
    "RULES",
    "RULE_TITLES",
    "Acceptance",
    "Rule",
    "Suggestion",
    "accept",
    "pending",
    "strategy_labels",
    "suggest_strategies",
]
