"""What every benchmark script shares: a fixed git identity and how a figure is printed.

The scripts are run as `python benchmarks/NAME.py`, so this folder is on `sys.path` and
they import this module by its bare name.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

IDENTITY = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}
"""Benchmarks commit; they must not depend on (or write as) the person running them."""


def show(label: str, times: list[float], digits: int = 1) -> float:
    """Print the median, min and max of `times` (ms) on one line; return the median."""
    median = statistics.median(times)
    print(
        f"{label:<58} median {median:8.{digits}f} ms   "
        f"min {min(times):8.{digits}f}   max {max(times):8.{digits}f}"
    )
    return median


def measure(label: str, runs: int, action: Callable[[int], object], digits: int = 1) -> float:
    """Time `action(index)` `runs` times and `show` the figures; return the median."""
    times = []
    for index in range(runs):
        start = time.perf_counter()
        action(index)
        times.append((time.perf_counter() - start) * 1000)
    return show(label, times, digits)
