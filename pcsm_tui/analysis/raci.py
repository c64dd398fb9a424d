"""The RACI rules: exactly one Accountable per activity (R/A counts), at least one Responsible."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.commitment import Problem, RaciActivity, RaciMatrix, activity_problems

MESSAGES: dict[Problem, str] = {
    "no-a": "no one is Accountable (A): give exactly one stakeholder the A",
    "several-a": "{count} stakeholders are Accountable (A): keep exactly one",
    "no-r": "no one is Responsible (R): someone must perform the task",
}


@dataclass(frozen=True)
class RaciFinding:
    activity_index: int
    activity: RaciActivity
    problem: Problem
    accountable: int

    @property
    def message(self) -> str:
        return MESSAGES[self.problem].format(count=self.accountable)


def matrix_findings(matrix: RaciMatrix) -> list[RaciFinding]:
    findings = []
    for index, activity in enumerate(matrix.activities):
        accountable = sum(1 for cell in activity.cells.values() if "A" in cell)
        for problem in activity_problems(activity):
            findings.append(RaciFinding(index, activity, problem, accountable))
    return findings
