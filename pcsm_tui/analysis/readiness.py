"""Go/no-go: the readiness checklist's last question as a decision per adoption phase.

An item is open while it does not carry its good answer (yes for most questions, no for
"is anything else left to do?", as the framework data says); the go question itself is
the decision, not an item. A decision records what was still open when it was taken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..framework.definition import Framework
from ..models.checklists import (
    DECISION_TEXT,
    Decision,
    GoDecision,
    ReadinessChecklist,
    ReadinessItem,
)


def go_questions(framework: Framework) -> frozenset[str]:
    return frozenset(q.id for q in framework.readiness_questions if q.go_question)


def good_answers(framework: Framework) -> dict[str, bool]:
    return {q.id: q.good_answer for q in framework.readiness_questions}


def open_items(checklist: ReadinessChecklist, framework: Framework) -> list[ReadinessItem]:
    """The items not (yet) answered the way that means ready; the go question left out."""
    good = good_answers(framework)
    skip = go_questions(framework)
    return [
        item
        for item in checklist.items
        if item.id not in skip and item.answer is not good.get(item.id, True)
    ]


@dataclass(frozen=True)
class GoState:
    """Where one adoption phase's readiness stands."""

    checklist: str
    title: str
    go_live: dt.date | None
    decision: GoDecision | None
    open: tuple[str, ...]
    """Ids of the items open now."""
    total: int

    @property
    def decided(self) -> str:
        return DECISION_TEXT[self.decision.decision] if self.decision else "undecided"

    def summary(self) -> str:
        when = f", go-live {self.go_live.isoformat()}" if self.go_live else ""
        if self.decision:
            at = self.decision.date.isoformat()
            then = len(self.decision.open_items)
            state = f"{self.decided} on {at} ({then} item(s) open then)"
        else:
            state = "no decision yet"
        return f"{self.title}: {state}; {len(self.open)}/{self.total} open now{when}"


def go_states(checklists: list[ReadinessChecklist], framework: Framework) -> list[GoState]:
    skip = go_questions(framework)
    return [
        GoState(
            checklist=c.id,
            title=c.title,
            go_live=c.go_live,
            decision=c.decision,
            open=tuple(i.id for i in open_items(c, framework)),
            total=sum(1 for i in c.items if i.id not in skip),
        )
        for c in checklists
    ]


def decide(
    checklist: ReadinessChecklist,
    framework: Framework,
    decision: Decision,
    day: dt.date,
    decided_by: str = "",
    comments: str = "",
) -> ReadinessChecklist:
    """The checklist with `decision` appended (open items as of now) and its go question
    answered to match: yes for go, no for no-go, unanswered for not yet."""
    taken = {d.id for d in checklist.decisions}
    base = f"{day.isoformat()}-{decision}"
    row_id, n = base, 2
    while row_id in taken:
        row_id, n = f"{base}-{n}", n + 1
    record = GoDecision(
        id=row_id,
        decision=decision,
        date=day,
        decided_by=decided_by,
        open_items=[i.id for i in open_items(checklist, framework)],
        comments=comments,
    )
    skip = go_questions(framework)
    answer = {"go": True, "no-go": False, "not-yet": None}[decision]
    items = [
        item.model_copy(update={"answer": answer, "date": day if answer is not None else None})
        if item.id in skip
        else item
        for item in checklist.items
    ]
    return checklist.model_copy(
        update={"items": items, "decisions": [*checklist.decisions, record]}
    )


__all__ = ["GoState", "decide", "go_questions", "go_states", "good_answers", "open_items"]
