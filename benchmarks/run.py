"""Benchmarks of the core, printed as figures (never asserted in tests).

    .venv/bin/python benchmarks/run.py [--runs N]

Builds the demo repository in a temporary folder, then measures:
- edit -> commit: pcsm's load + validate + merge + atomic write + commit of a one-field change,
  against git itself committing the same kind of one-line change (write + add + commit);
- the portfolio summary (what the first screen needs to read);
- `pcsm validate` over the whole demo repository;
- building the demo itself.
Figures are medians over N runs with min and max, on this machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import IDENTITY, measure

from pcsm_tui.demo import build_demo
from pcsm_tui.models.onboarding import OnboardingScore
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.validate import validate_repository
from pcsm_tui.summary import portfolio_summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ.update(IDENTITY)
    work = Path(tempfile.mkdtemp(prefix="pcsm-bench-"))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; runs: {args.runs}")

    start = time.perf_counter()
    build_demo(work / "demo")
    print(
        f"{'build the demo repository':<46} {(time.perf_counter() - start) * 1000:8.0f} ms "
        "(one run)"
    )
    repo = Repository.open(work / "demo")
    rel = "engagements/northwind-emea/onboarding-score.toml"

    def pcsm_edit(index: int) -> None:
        loaded = repo.load(rel)
        assert isinstance(loaded.model, OnboardingScore)
        value = (loaded.model.customer_maturity + 1) % 6
        repo.edit(loaded, loaded.model.model_copy(update={"customer_maturity": value}))

    scratch = work / "demo" / "bench-scratch.txt"

    def git_commit(index: int) -> None:
        scratch.write_text(f"line {index}\n")
        subprocess.run(["git", "-C", str(repo.root), "add", "--", scratch.name], check=True)
        subprocess.run(
            [
                "git",
                "-C",
                str(repo.root),
                "commit",
                "-q",
                "-m",
                f"bench {index}",
                "--",
                scratch.name,
            ],
            check=True,
        )

    git_ms = measure("git alone: write + add + commit", args.runs, git_commit)
    pcsm_ms = measure("pcsm: edit -> validated, merged, committed", args.runs, pcsm_edit)
    print(f"{'ratio pcsm / git':<46} {pcsm_ms / git_ms:8.2f} x")
    measure(
        "portfolio summary (3 engagements)",
        args.runs,
        lambda _i: portfolio_summary(Repository.open(work / "demo")),
    )
    measure(
        "validate the whole demo repository",
        max(3, args.runs // 3),
        lambda _i: validate_repository(work / "demo"),
    )
    print(f"(left in {work}; delete it when done)")


if __name__ == "__main__":
    main()
