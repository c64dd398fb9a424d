"""Support figures on either scale a team may pick (0..10 or -5..+5), read the same way.

The framework's strategy thresholds are written on 0..10. Rather than store a second set of
thresholds per scale, a support value is mapped linearly onto 0..10 (-5 -> 0, 0 -> 5,
+5 -> 10), so one threshold means the same attitude on every scale. Comparisons use exact
integer arithmetic, so a value sitting exactly on a threshold never flips with rounding.
"""

from __future__ import annotations

from typing import Literal

from ..models.scales import Scale

SupportClass = Literal["low", "neutral", "high"]
"""Colour class of a support figure: unsupportive, neutral or supportive."""

NEUTRAL_BAND = 1
"""Half-width (on 0..10) of the neutral band around the scale's midpoint.

0..10: 0-3 low, 4-6 neutral, 7-10 high; -5..+5: -5..-2 low, -1..+1 neutral, +2..+5 high.
The band is symmetric about the midpoint because support is a for/against reading (0 is
neutral on -5..+5), unlike the strategy thresholds, which are deliberately lopsided."""


def normalized_support(value: int, scale: Scale) -> float:
    """`value` on 0..10, whatever the repository's support scale."""
    return (value - scale.low) * 10 / (scale.high - scale.low)


def support_at_least(value: int, scale: Scale, threshold: float) -> bool:
    """Whether `value` is at or above a 0..10 threshold, compared exactly."""
    return (value - scale.low) * 10 >= threshold * (scale.high - scale.low)


def support_at_most(value: int, scale: Scale, threshold: float) -> bool:
    """Whether `value` is at or below a 0..10 threshold, compared exactly."""
    return (value - scale.low) * 10 <= threshold * (scale.high - scale.low)


def support_class(value: int, scale: Scale) -> SupportClass:
    """Low, neutral or high relative to the scale's midpoint (see NEUTRAL_BAND)."""
    position, span = (value - scale.low) * 10, scale.high - scale.low
    if position > (5 + NEUTRAL_BAND) * span:
        return "high"
    if position < (5 - NEUTRAL_BAND) * span:
        return "low"
    return "neutral"


def format_support(value: int, scale: Scale) -> str:
    """The figure as people write it on that scale: `7` on 0..10, `+3` / `-2` / `0` on -5..+5."""
    if scale.low < 0 and value > 0:
        return f"+{value}"
    return str(value)


__all__ = [
    "NEUTRAL_BAND",
    "SupportClass",
    "format_support",
    "normalized_support",
    "support_at_least",
    "support_at_most",
    "support_class",
]
