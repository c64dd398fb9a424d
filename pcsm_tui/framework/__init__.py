"""The framework as data: load the shipped default and apply a repository's changes.

Imports of the validated definition (pydantic) are deferred: the first screen reads only
the few facts it needs (facts.py) and must not pay for the rest.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .customize import FrameworkCustomization
    from .definition import Framework

__all__ = ["Framework", "default_framework", "load_framework"]


def __getattr__(name: str) -> object:
    if name == "Framework":
        # start-up: framework.definition loads only when this runs
        from .definition import Framework

        return Framework
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def default_framework() -> Framework:
    """The framework as shipped (read once per process)."""
    # (importlib.resources: ~2 ms that nothing else before the portfolio's first frame loads)
    # start-up: framework.definition and importlib.resources load only when this runs
    from importlib.resources import files

    from .definition import Framework  # start-up: as above

    text = files(__package__).joinpath("data/framework.toml").read_text(encoding="utf-8")
    return Framework.model_validate(tomllib.loads(text))


def load_framework(custom: FrameworkCustomization | None) -> Framework:
    """The default framework with a repository's customization applied, if it has one."""
    # cycle: framework.customize imports this module
    from .customize import apply_customization

    base = default_framework()
    return base if custom is None else apply_customization(base, custom)


def framework_file(root: Path) -> Path:
    return root / "framework.toml"
