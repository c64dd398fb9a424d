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

if TYPE_CHECKING:
    from .framework.effective import Section
    from .store.repository import Repository


@dataclass(frozen=True)
class FrameworkView:
    sections: tuple[Section, ...]
    customized: bool
    """Whether the repository has a framework.toml."""
    problems: tuple[str, ...]
    """framework.toml's problems as `framework.toml:LINE:COLUMN: what` (then the defaults
    stand in for it)."""
    overrides: tuple[str, ...] = ()
    """Where pcsm.toml's own setting wins over the framework (a scale set in both files):
    said once, so a team that changed framework.toml knows why it does not apply."""

    @property
    def changed(self) -> int:
        return sum(section.changed for section in self.sections)


class FrameworkService:
    """Mixed into `Workspace`: needs its `repo`."""

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def framework_view(self) -> FrameworkView:
        # start-up: framework.effective (the models) loads only when this runs
        from .framework.effective import compare

        repo = self.repo
        effective = repo.framework
        problems = tuple(
            p.located() for p in repo.unreadable_settings() if p.rel == "framework.toml"
        )
        customized = repo.layout.framework.exists()
        return FrameworkView(
            compare(default_framework(), effective), customized, problems, scale_overrides(repo)
        )


def scale_overrides(repo: Repository) -> tuple[str, ...]:
    """One sentence per scale pcsm.toml sets to something other than the framework's:
    pcsm.toml wins (it is the repository's own setting; framework.toml is the team's
    method, shared between repositories), so the framework's scale does not apply."""
    # start-up: models.scales (pydantic) loads only when this runs
    from .models.scales import Scale

    notes = []
    chosen = repo.settings.scales
    for name in ("support", "risk"):
        own = getattr(chosen, name, None)
        if not own:
            continue
        framework_scale = str(repo.framework.scale(name))
        try:
            if str(Scale.parse(own)) == framework_scale:
                continue
        except ValueError:  # pcsm.toml's own finding names it
            continue
        origin = "framework.toml's" if name in repo.framework.scales else "the framework's"
        notes.append(
            f"{name} scale: pcsm.toml sets {own}, which wins over {origin} {framework_scale}; "
            f"remove {name} from pcsm.toml's [scales] to use the framework's"
        )
    return tuple(notes)


__all__ = ["FrameworkService", "FrameworkView", "scale_overrides"]
