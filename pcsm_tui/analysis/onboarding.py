"""Onboarding complexity: the total of the four aspects and its band."""

from __future__ import annotations

from ..framework.definition import Framework, OnboardingBand
from ..models.onboarding import OnboardingScore


def band(score: OnboardingScore, framework: Framework) -> OnboardingBand | None:
    """The band of `score`'s total in `framework`: the repository's own, not the default."""
    return framework.band_for(score.total)
