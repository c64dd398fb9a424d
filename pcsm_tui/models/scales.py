"""Scales a repository chooses (support, risk) and how models check values against them.

The scale is not known to a model class: a team picks it in `pcsm.toml`. Validation receives
it through pydantic's validation context, so the same model serves every repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationInfo

_SCALE = re.compile(r"\s*([+-]?\d{1,9})\s*\.\.\s*([+-]?\d{1,9})\s*")
MAX_STEPS = 101
"""A scale has at most 101 values (e.g. 0..100): every view that draws a scale (the risk
grid, the stakeholder matrix) grows with it, and a committed `0..5000000` must not freeze
anyone's app."""


@dataclass(frozen=True)
class Scale:
    """An inclusive integer range such as 0..10 or -5..+5."""

    low: int
    high: int

    @classmethod
    def parse(cls, text: str) -> Scale:
        match = _SCALE.fullmatch(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(
                f"scale {text!r} is not of the form LOW..HIGH (e.g. 0..10, -5..+5), "
                "with whole numbers"
            )
        low, high = int(match.group(1)), int(match.group(2))
        if low >= high:
            raise ValueError(f"scale {text!r} must go from a lower to a higher number")
        if high - low + 1 > MAX_STEPS:
            raise ValueError(
                f"scale {text!r} has {high - low + 1} values; pcsm allows at most {MAX_STEPS} "
                "(e.g. 0..100)"
            )
        return cls(low, high)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high

    def __str__(self) -> str:
        high = f"+{self.high}" if self.low < 0 else str(self.high)
        return f"{self.low}..{high}"


DEFAULT_SCALES: dict[str, Scale] = {"support": Scale(0, 10), "risk": Scale(0, 5)}

SCALE_KEY = "x-pcsm-scale"
"""Marks a field on a repository scale in its JSON Schema; `pcsm schemas` turns the mark
into the repository's range (minimum, maximum), so editors check ranges too."""


def on_scale(name: str) -> dict[str, Any]:
    """`json_schema_extra` of a field whose values lie on the repository's `name` scale."""
    return {SCALE_KEY: name}


def scale_in(info: ValidationInfo, name: str) -> Scale:
    """The scale named `name` from the validation context, or the framework default."""
    context: Any = info.context
    if isinstance(context, dict):
        scales = context.get("scales")
        if isinstance(scales, dict) and isinstance(scales.get(name), Scale):
            found: Scale = scales[name]
            return found
    return DEFAULT_SCALES[name]


def check_in_scale(value: int | None, info: ValidationInfo, name: str, what: str) -> int | None:
    """Validate `value` against the repository's `name` scale."""
    if value is None:
        return value
    scale = scale_in(info, name)
    if value not in scale:
        raise ValueError(f"{what} {value} is outside the {name} scale {scale}")
    return value
