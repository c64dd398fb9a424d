"""The framework as data: load the shipped default and apply a repository's changes."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from pathlib import Path

from .customize import FrameworkCustomization, apply_customization
from .definition import Framework

__all__ = ["Framework", "default_framework", "load_framework"]


@cache
def default_framework() -> Framework:
    """The framework as shipped (read once per process)."""
    text = files(__package__).joinpath("data/framework.toml").read_text(encoding="utf-8")
    return Framework.model_validate(tomllib.loads(text))


def load_framework(custom: FrameworkCustomization | None) -> Framework:
    """The default framework with a repository's customization applied, if it has one."""
    base = default_framework()
    return base if custom is None else apply_customization(base, custom)


def framework_file(root: Path) -> Path:
    return root / "framework.toml"
