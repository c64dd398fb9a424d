"""`make bench-team`: pcsm on team-scale repositories, each figure beside git's own.

    .venv/bin/python benchmarks/team.py [--runs N] [--sizes 3,100,1000] [--json FILE]

Sizes: 3 is the demo (built as `pcsm demo` does); 100 and 1,000 engagements are generated
by teamrepo.py (2,000 and 20,000 commits by 40 authors over three years). For each:
sync of one commit each way against a bare remote clone (vs `git pull` + `git push`),
`pcsm validate` (vs parsing every file with tomllib), the history of one tool and a file
"as of" a date, before and after git's commit-graph is written (vs `git log -- path`), the
last-change column after the first paint (cached, after one new commit, on a fresh clone;
vs `git log --name-only`), quitting at the first paint, first paint (vs a bare Textual
app's first frame), opening an engagement (vs git reading its files), showing every tool,
and edit -> commit (vs git's own write + add + commit). Each pair is measured alternately
in the same run, so the ratio holds however busy the machine is; medians with min-max.
Process figures are whole processes, from spawn to end (or to the moment reported).
Nothing is asserted: these are figures to read. Results also go to a JSON file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import teamapp
from teamrepo import generate
from timing import IDENTITY

from pcsm_tui.service import Workspace
from pcsm_tui.store.graph import upkeep
from pcsm_tui.store.history import pathspecs
from pcsm_tui.store.repository import Repository, dump

RESULTS: dict[str, dict[str, Any]] = {}


def ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def process(*args: str, cwd: Path | None = None) -> float:
    """A whole process, spawn to end (ms); its output is thrown away."""
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def record(size: str, label: str, ours: list[float], theirs: list[float] | None = None) -> None:
    """Print one figure (median, min-max; git's and the ratio when given) and keep it."""
    entry: dict[str, Any] = {"runs": ours, "median": statistics.median(ours)}
    line = f"  {label:<52} {entry['median']:9.1f} ms ({min(ours):.0f}-{max(ours):.0f})"
    if theirs:
        ratios = [a / b for a, b in zip(ours, theirs, strict=False) if b > 0]
        entry.update(
            git_runs=theirs, git_median=statistics.median(theirs), ratio=statistics.median(ratios)
        )
        line += f"   vs {entry['git_median']:8.1f} ms   ratio {entry['ratio']:6.2f}"
    print(line, flush=True)
    RESULTS.setdefault(size, {})[label] = entry


def alternate(
    runs: int, ours: Callable[[], float], theirs: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """A B A B ...: both see the same machine."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(ours())
        b.append(theirs())
    return a, b


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def build(size: int, target: Path) -> str:
    """The repository of `size` engagements; returns the engagement with a busy history."""
    if size <= 3:
        from pcsm_tui.demo import build_demo

        build_demo(target)
        return "northwind-emea"
    stats = generate(target, engagements=size, commits=20 * size, authors=40, years=3)
    return stats.hot_slug


def bench_history(size: str, root: Path, slug: str, runs: int, when: str) -> None:
    workspace = Workspace(root)
    paths = pathspecs(slug, "risks")
    found = len(workspace.history(paths))
    total = git(root, "rev-list", "--count", "HEAD").strip()
    dates = git(root, "log", "--format=%aI", "--", *paths).split()
    middle = dt.date.fromisoformat(dates[len(dates) // 2][:10])

    def as_of() -> object:
        commit = workspace.commit_on_or_before(paths, middle)
        assert commit is not None
        return workspace.file_at(f"engagements/{slug}/risks.toml", commit.sha)

    record(
        size,
        f"history of one tool ({found} of {total} commits), {when}",
        *alternate(
            runs,
            lambda: ms(lambda: workspace.history(paths)),
            lambda: process("git", "-C", str(root), "log", "--format=%H", "--", *paths),
        ),
    )
    record(
        size,
        f'"as of" {middle} (find the commit, read the file), {when}',
        *alternate(
            runs,
            lambda: ms(as_of),
            lambda: process("git", "-C", str(root), "log", "--format=%H %aI", "--", *paths),
        ),
    )


def bench_validate(size: str, root: Path, runs: int) -> None:
    floor = (
        "import pathlib, sys, tomllib\n"
        "for p in pathlib.Path(sys.argv[1]).rglob('*.toml'):\n"
        "    tomllib.loads(p.read_text(encoding='utf-8'))\n"
    )
    pcsm = shutil.which("pcsm", path=str(Path(sys.executable).parent)) or "pcsm"
    cache = root / ".git" / "pcsm" / "validate.json"

    def cold() -> float:
        cache.unlink(missing_ok=True)  # as on a fresh clone, or after pcsm itself changed
        return process(pcsm, "validate", str(root))

    record(
        size,
        "pcsm validate, cold (whole process) vs tomllib parse of every file",
        *alternate(runs, cold, lambda: process(sys.executable, "-c", floor, str(root))),
    )
    process(pcsm, "validate", str(root))  # the cache, as after any earlier run
    record(
        size,
        "pcsm validate, warm cache (whole process) vs tomllib parse of every file",
        *alternate(
            runs,
            lambda: process(pcsm, "validate", str(root)),
            lambda: process(sys.executable, "-c", floor, str(root)),
        ),
    )


def edit_score(root: Path, slug: str) -> None:
    repo = Repository.open(root)
    loaded = repo.load(f"engagements/{slug}/onboarding-score.toml")
    data = dump(loaded.model)
    data["customization"] = (int(data.get("customization") or 0) + 1) % 6
    repo.edit(loaded, type(loaded.model).model_validate(data, context=repo.context()))


def bench_sync(size: str, root: Path, work: Path, runs: int) -> None:
    bare, alice, bob = work / "remote.git", work / "alice", work / "bob"
    git(work, "clone", "-q", "--bare", str(root), str(bare))
    for clone in (alice, bob):
        git(work, "clone", "-q", str(bare), str(clone))
    slugs = sorted(p.name for p in (root / "engagements").iterdir())
    pcsm = shutil.which("pcsm", path=str(Path(sys.executable).parent)) or "pcsm"

    def one_each_way(index: int) -> None:
        """Alice pushes a commit; Bob has one of his own (another engagement's file)."""
        git(alice, "pull", "-q", "--no-rebase", "--no-edit")
        edit_score(alice, slugs[(2 * index) % len(slugs)])
        git(alice, "push", "-q")
        edit_score(bob, slugs[(2 * index + 1) % len(slugs)])

    counter = iter(range(10_000))

    def ours() -> float:
        one_each_way(next(counter))
        return process(pcsm, "sync", "--repo", str(bob))

    def theirs() -> float:
        one_each_way(next(counter))
        return process("sh", "-c", "git pull -q --no-rebase --no-edit && git push -q", cwd=bob)

    record(size, "sync one commit each way (whole process)", *alternate(runs, ours, theirs))


def bench_app(size: str, root: Path, slug: str, work: Path, runs: int) -> None:
    Workspace(root).portfolio()  # the row cache, as after any earlier start
    Workspace(root).last_changes()
    time.sleep(2.5)  # files written just now are "racy" for the row cache (store/rowcache)
    teamapp.first_paint(root)  # warm the file cache and bytecode
    record(
        size,
        "first paint (process start -> portfolio painted)",
        *alternate(runs, lambda: teamapp.first_paint(root), lambda: teamapp.bare_paint(root)),
    )
    cache = root / ".git" / "pcsm" / "last-change.json"
    git_walk = ("git", "-C", str(root), "log", "--format=%H", "--name-only")
    record(
        size,
        "last-change column after first paint, cached",
        *alternate(runs, lambda: teamapp.column_after_paint(root), lambda: process(*git_walk)),
    )
    counter = iter(range(10_000))

    def new_commit() -> None:
        edit_score(root, slug)
        next(counter)

    record(
        size,
        "last-change column after first paint, one new commit",
        [teamapp.column_after_paint(root, new_commit) for _ in range(runs)],
    )
    cold = max(2, runs // 2)
    record(
        size,
        "last-change column after first paint, fresh clone",
        *alternate(
            cold,
            lambda: teamapp.column_after_paint(root, lambda: cache.unlink(missing_ok=True)),
            lambda: process(*git_walk),
        ),
    )
    record(
        size,
        "quit at first paint (asked -> process ended), fresh clone",
        [
            teamapp.quit_after_start(root, lambda: cache.unlink(missing_ok=True))
            for _ in range(cold)
        ],
    )
    record(
        size,
        "quit at first paint (asked -> process ended), cached",
        [teamapp.quit_after_start(root) for _ in range(runs)],
    )
    for settle, when in ((0.0, "as the portfolio first shows"), (1.0, "a second later")):
        record(
            size,
            f"quit in a terminal: q typed {when} -> process ended",
            [teamapp.quit_in_terminal(root, settle) for _ in range(runs)],
        )
    folder = f"engagements/{slug}"
    found = teamapp.in_app(
        root, slug, runs, lambda: process("git", "-C", str(root), "archive", "HEAD", folder)
    )
    record(
        size,
        "open engagement (in the app)",
        found["open engagement"],
        found["git: read the engagement's files"],
    )
    slowest, worst, typical = teamapp.tools_summary(found)
    record(size, "show the proposal (in the app)", found["tool proposal"])
    record(size, f"show the slowest tool ({slowest})", found[f"tool {slowest}"])
    RESULTS[size]["tools"] = {"median of medians": typical, "slowest": [slowest, worst]}
    print(f"  {'every tool shown: median of the 23 medians':<52} {typical:9.1f} ms")
    for what, label in (
        ("frame", "kept show"),
        ("last frame", "kept show, last"),
        ("first frame", "first show"),
        ("first last frame", "first show, last"),
    ):
        # The user's time: show -> the app's frame with the editor whole (no Pilot settle).
        slowest, worst, typical = teamapp.tools_summary(found, what)
        RESULTS[size][f"tools, {label} to the frame"] = {
            "median of medians": typical,
            "slowest": [slowest, worst],
        }
        print(f"  {f'every tool, {label} -> its frame: median':<52} {typical:9.1f} ms")
        print(f"  {f'  slowest ({slowest})':<52} {worst:9.1f} ms")
    rel = f"{folder}/onboarding-score.toml"
    scratch = root / "bench-scratch.txt"

    def git_commit() -> float:
        def run() -> None:
            scratch.write_text(f"{time.time()}\n")
            git(root, "add", "--", scratch.name)
            git(root, "commit", "-q", "-m", "bench", "--", scratch.name)

        return ms(run)

    repo = Repository.open(root)

    def pcsm_edit() -> float:
        def run() -> None:
            loaded = repo.load(rel)
            data = dump(loaded.model)
            data["customization"] = (int(data.get("customization") or 0) + 1) % 6
            repo.edit(loaded, type(loaded.model).model_validate(data, context=repo.context()))

        return ms(run)

    record(
        size,
        "edit -> commit (core) vs git write + add + commit",
        *alternate(runs * 2, pcsm_edit, git_commit),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="3,100,1000")
    parser.add_argument("--json", type=Path, default=Path("bench-team.json"))
    parser.add_argument("--keep", action="store_true", help="keep the repositories")
    args = parser.parse_args()
    os.environ.update(IDENTITY)
    work = Path(tempfile.mkdtemp(prefix="pcsm-bench-team-"))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; runs: {args.runs}")
    slow = max(2, args.runs // 2)
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            name = f"{size} engagements"
            print(f"\n{name}", flush=True)
            root = work / f"r{size}" / "central"
            started = time.perf_counter()
            slug = build(size, root)
            commits = git(root, "rev-list", "--count", "HEAD").strip()
            built = time.perf_counter() - started
            print(f"  built in {built:.1f} s: {commits} commits, hot engagement {slug}")
            RESULTS.setdefault(name, {})["built"] = {"seconds": built, "commits": int(commits)}
            bench_history(name, root, slug, args.runs, "no commit-graph")
            writer = upkeep(root)
            if writer is not None:
                writer.wait()
            bench_history(name, root, slug, args.runs, "commit-graph kept by pcsm")
            bench_app(name, root, slug, work / f"r{size}", args.runs)
            bench_validate(name, root, slow)
            bench_sync(name, root, work / f"r{size}", slow)
            if not args.keep:
                shutil.rmtree(work / f"r{size}", ignore_errors=True)
    finally:
        args.json.write_text(json.dumps(RESULTS, indent=1), encoding="utf-8")
        print(f"\nresults: {args.json}" + (f"; repositories in {work}" if args.keep else ""))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
