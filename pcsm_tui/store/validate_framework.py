"""What engagement data says that the team's framework no longer (or never) has.

A framework.toml may remove phases or RAPAE categories, or add its own; the data written
before stays as it is (nothing is rewritten behind anyone's back). `pcsm validate` lists
each place as a warning at its file and line, so someone decides what to do with it.
"""

from __future__ import annotations

from ..framework import Framework, default_framework
from ..models.base import FileModel
from ..models.engagement import Engagement
from ..models.evaluation import Evaluation
from ..models.onboarding import ActivityLog
from .locate import Loc


def _phase_words(framework: Framework, number: int) -> str:
    """Why phase `number` is not there: removed by the team, or never in the framework."""
    if default_framework().has_phase(number):
        return f"phase {number} is a phase which the team's framework.toml removed"
    have = ", ".join(str(p.number) for p in framework.phases)
    return f"phase {number} is not a phase of the team's framework (it has {have})"


def framework_findings(framework: Framework, model: FileModel) -> list[tuple[Loc, str]]:
    """(where, message) for each value of `model` that names a phase or a RAPAE category
    the framework does not have."""
    found: list[tuple[Loc, str]] = []
    if isinstance(model, Engagement) and not framework.has_phase(model.current_phase):
        found.append(
            (
                ("current_phase",),
                f"current {_phase_words(framework, model.current_phase)}: move the "
                "engagement to a phase the team uses",
            )
        )
    if isinstance(model, Evaluation):
        for index, entry in enumerate(model.entries):
            if entry.phase is not None and not framework.has_phase(entry.phase):
                found.append(
                    (
                        ("entries", index, "phase"),
                        f"entry {index + 1}: {_phase_words(framework, entry.phase)}",
                    )
                )
    if isinstance(model, ActivityLog):
        categories = {r.id for r in framework.rapae}
        names = ", ".join(r.name for r in framework.rapae)
        for index, task in enumerate(model.tasks):
            if task.rapae is not None and task.rapae not in categories:
                found.append(
                    (
                        ("tasks", index, "rapae"),
                        f"task {index + 1}: RAPAE category {task.rapae!r} is not one of the "
                        f"framework's ({names}): choose one of them, or add it to "
                        "framework.toml [items.rapae]",
                    )
                )
    return found


__all__ = ["framework_findings"]
