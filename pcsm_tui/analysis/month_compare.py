"""Two months of the stakeholder plan side by side: which fields changed, row by row.

Past months are an archive and a new month starts as a copy of the last, so most of a month
is unchanged; the comparison tells the UI exactly which cells to highlight. Strategies are
matched by label, figures by stakeholder, plan rows by id and then by stakeholder: a CSM who
moves someone from strategy B to C often renames the row too (`b-x` -> `c-x`), and that is
still the same row whose `strategy` changed, not one removed and one added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from ..models.base import Row
from ..models.commitment import Assessment, PlanRow, PlanStrategy, StakeholderPlanMonth

Status = Literal["same", "changed", "added", "removed"]
R = TypeVar("R", bound=Row)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class RowDiff:
    """One row of one section in both months (or only one of them)."""

    key: str
    """What the rows were matched by: strategy label, stakeholder id or row id."""
    status: Status
    before: Row | None
    after: Row | None
    changes: tuple[FieldChange, ...]

    @property
    def changed_fields(self) -> frozenset[str]:
        return frozenset(c.field for c in self.changes)

    @property
    def stakeholder(self) -> str | None:
        row = self.after or self.before
        value = getattr(row, "stakeholder", None)
        return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class StakeholderChanges:
    """The figures and the plan rows of one stakeholder, for a per-stakeholder view."""

    stakeholder: str
    assessment: RowDiff | None
    rows: tuple[RowDiff, ...]

    @property
    def changed(self) -> bool:
        diffs = [*self.rows, *([self.assessment] if self.assessment else [])]
        return any(d.status != "same" for d in diffs)


@dataclass(frozen=True, slots=True)
class MonthComparison:
    strategies: tuple[RowDiff, ...]
    assessments: tuple[RowDiff, ...]
    rows: tuple[RowDiff, ...]

    @property
    def changed(self) -> bool:
        return any(d.status != "same" for d in (*self.strategies, *self.assessments, *self.rows))

    def by_stakeholder(self) -> tuple[StakeholderChanges, ...]:
        """Per stakeholder, in order of first appearance (figures first, then rows)."""
        order: list[str] = []
        for diff in (*self.assessments, *self.rows):
            who = diff.stakeholder
            if who is not None and who not in order:
                order.append(who)
        return tuple(
            StakeholderChanges(
                who,
                next((d for d in self.assessments if d.stakeholder == who), None),
                tuple(d for d in self.rows if d.stakeholder == who),
            )
            for who in order
        )


def _fields(row: Row) -> dict[str, Any]:
    return row.model_dump(mode="python")


def _diff(key: str, before: Row | None, after: Row | None) -> RowDiff:
    if before is None:
        return RowDiff(key, "added", None, after, ())
    if after is None:
        return RowDiff(key, "removed", before, None, ())
    old, new = _fields(before), _fields(after)
    names = list(old) + [name for name in new if name not in old]
    changes = tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )
    return RowDiff(key, "changed" if changes else "same", before, after, changes)


def _by_key(earlier: Sequence[R], later: Sequence[R], key: Callable[[R], str]) -> list[RowDiff]:
    old = {key(row): row for row in earlier}
    new = {key(row): row for row in later}
    diffs = [_diff(key(row), old.get(key(row)), row) for row in later]
    diffs += [_diff(key(row), row, None) for row in earlier if key(row) not in new]
    return diffs


def _plan_rows(earlier: Sequence[PlanRow], later: Sequence[PlanRow]) -> list[RowDiff]:
    old_ids = {row.id for row in earlier}
    new_ids = {row.id for row in later}
    old_left = [row for row in earlier if row.id not in new_ids]
    pairs: dict[str, PlanRow] = {}
    for row in later:
        if row.id in old_ids:
            continue
        # The same stakeholder's unmatched rows pair up in file order.
        for candidate in old_left:
            if candidate.stakeholder == row.stakeholder:
                pairs[row.id] = candidate
                old_left.remove(candidate)
                break
    by_id = {row.id: row for row in earlier}
    diffs = [_diff(row.id, by_id.get(row.id) or pairs.get(row.id), row) for row in later]
    diffs += [_diff(row.id, row, None) for row in old_left]
    return diffs


def compare_months(earlier: StakeholderPlanMonth, later: StakeholderPlanMonth) -> MonthComparison:
    """Field-level differences from `earlier` to `later`, in the later month's order."""
    strategies = _by_key(earlier.strategies, later.strategies, _strategy_key)
    assessments = _by_key(earlier.assessments, later.assessments, _assessment_key)
    return MonthComparison(
        tuple(strategies), tuple(assessments), tuple(_plan_rows(earlier.rows, later.rows))
    )


def _strategy_key(row: PlanStrategy) -> str:
    return row.id


def _assessment_key(row: Assessment) -> str:
    return row.stakeholder


__all__ = [
    "FieldChange",
    "MonthComparison",
    "RowDiff",
    "StakeholderChanges",
    "compare_months",
]
