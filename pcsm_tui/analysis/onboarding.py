"""Onboarding complexity: the total of the four aspects and its band."""

from __future__ import annotations

from ..framework.definition import Framework, OnboardingBand
from ..models.onboarding import OnboardingScore


def band(score: OnboardingScore, framework: Framework) -> OnboardingBand | None:
    return framework.band_for(score.total)
