"""The framework a repository works with, beside the default (`Workspace` inherits it).

`pcsm framework show` and the Framework screen read it here: every part of the effective
framework, each entry marked as shipped, changed, added or removed by the team's
framework.toml (framework/effective.py). A framework.toml that does not read or apply is
not hidden behind the defaults it falls back to: its problem (file, line, what) comes with
the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .framework import default_framework
from .framework.effective import Section, compare

if TYPE_CHECKING:
    from .store.repository import Repository


@dataclass(frozen=True)
class FrameworkView:
    sections: tuple[Section, ...]
    customized: bool
    """Whether the repository has a framework.toml."""
    problems: tuple[str, ...]
    """framework.toml's problems as `framework.toml:LINE:COLUMN: what` (then the defaults
    stand in for it)."""

    @property
    def changed(self) -> int:
        return sum(section.changed for section in self.sections)


class FrameworkService:
    """Mixed into `Workspace`: needs its `repo`."""

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def framework_view(self) -> FrameworkView:
        repo = self.repo
        effective = repo.framework
        problems = tuple(
            p.located() for p in repo.unreadable_settings() if p.rel == "framework.toml"
        )
        customized = repo.layout.framework.exists()
        return FrameworkView(compare(default_framework(), effective), customized, problems)


__all__ = ["FrameworkService", "FrameworkView"]
