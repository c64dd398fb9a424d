"""The import's report: every cell that could not be used, and notes worth knowing.

Errors name the cell (`Sheet!B7: why`) so a person can fix the workbook; notes say what the
import did on its own (a skipped placeholder row, a column it did not know, a row that got
a new id). The report is data, so the CLI prints it and the app can show it in a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "note"]


@dataclass(frozen=True)
class Problem:
    where: str
    """`Sheet!B7`, `Sheet!7` (a whole row), `Sheet` or a file name."""
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message, "error"))

    def note(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message, "note"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]
