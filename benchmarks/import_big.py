"""Benchmark of importing a large team workbook, printed as figures (never asserted in tests).

    .venv/bin/python benchmarks/import_big.py [--rows N]

Writes a team's risk register the way people keep one (title block, a colour legend above,
a phase band, notes below; levels as words) with N data rows (20,000 by default; the
target is under 10 s and under 300 MB), and the largest workbook of the test corpus
(tests/test_import_detect.py), then imports each into a new repository in a child process:
the plan (read, find the table by content, recognise, rewrite, read the rows) and the one
commit. Printed: wall time of plan and commit, the child's peak memory (max RSS, the
interpreter and its libraries included), the whole child process's wall time (start-up,
repository set-up and git included) and the CPU time of plan and commit (git's own
processes not counted): on a shared machine the wall times follow its load, the CPU less.
A child per import, the small one first, so the large figure is its own (the children's
peak is the highest of them).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import IDENTITY

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ["High", "Medium", "Low", "Very high", "Very low"]


def write_register(path: Path, rows: int) -> None:
    """A risk register of `rows` rows, written streaming (openpyxl's write-only mode)."""
    # start-up: openpyxl loads only when a workbook is written
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Risk Log")
    sheet.append(["Project risk log"])
    sheet.append(["Red = high, amber = medium, green = low"])
    sheet.append([])
    sheet.append(["Risk ID", "Risk Description", "Probability", "Impact", "Mitigation", "Owner"])
    sheet.append(["Phase 1"])
    for index in range(rows):
        sheet.append(
            [
                f"R-{index + 1:05d}",
                f"Risk number {index + 1} of the rollout",
                LEVELS[index % 5],
                LEVELS[(index * 3) % 5],
                f"Mitigation {index % 97}",
                f"Owner {index % 41}",
            ]
        )
    sheet.append([])
    sheet.append(["Notes: review weekly"])
    book.save(path)


def largest_corpus_workbook(folder: Path) -> Path:
    """Every corpus workbook written; the largest file."""
    sys.path.insert(0, str(ROOT))
    # start-up: the test corpus loads only when the benchmark runs
    from tests.test_import_detect import CORPUS

    made = []
    for name, make, *_rest in CORPUS:
        path = folder / name
        make(path)
        made.append(path)
    return max(made, key=lambda p: p.stat().st_size)


def child(path: str, repo_dir: str) -> None:
    """Import `path` into a new repository at `repo_dir`; print plan and commit seconds."""
    from pcsm_tui.io.xlsx_import import apply_import, plan_import
    from pcsm_tui.store.repository import Repository

    repo = Repository.init(Path(repo_dir), name="Bench team")
    repo.new_engagement("acme", "Acme Corp", initiative="Rollout", csm="")
    start, cpu_start = time.perf_counter(), time.process_time()
    plan = plan_import(repo, Path(path), "acme")
    planned, cpu_planned = time.perf_counter(), time.process_time()
    if not plan.clean:
        print("\n".join(plan.report_lines()[:10]), file=sys.stderr)
        raise SystemExit(1)
    apply_import(repo, plan)
    done, cpu_done = time.perf_counter(), time.process_time()
    print(
        f"{planned - start:.3f} {done - planned:.3f} {plan.rows} "
        f"{cpu_planned - cpu_start:.3f} {cpu_done - cpu_planned:.3f}"
    )


def measure(label: str, path: Path, work: Path) -> None:
    repo_dir = work / f"repo-{path.stem}"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(repo_dir)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **IDENTITY},
    )
    whole = time.perf_counter() - started
    if result.returncode:
        print(f"{label}: failed\n{result.stderr}")
        return
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    plan_s, commit_s, rows, plan_cpu, commit_cpu = result.stdout.split()
    size = path.stat().st_size / 1024
    print(
        f"{label:<46} {int(rows):>6} rows, {size:7.0f} KiB: plan {float(plan_s):6.2f} s, "
        f"commit {float(commit_s):5.2f} s, "
        f"peak {peak / 1024:5.0f} MB; child process {float(whole):5.2f} s with its set-up "
        f"(CPU of this process: plan {float(plan_cpu):.2f} s, commit {float(commit_cpu):.2f} s)"
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pcsm-bench-import-"))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    (work / "corpus").mkdir()
    corpus = largest_corpus_workbook(work / "corpus")
    measure(f"largest corpus workbook ({corpus.name})", corpus, work)
    big = work / "register.xlsx"
    write_register(big, args.rows)
    measure(f"team risk register, {args.rows:,} rows (target 10 s)", big, work)
    print(f"(left in {work}; delete it when done)")


if __name__ == "__main__":
    main()
