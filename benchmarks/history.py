"""Benchmarks of history, semantic diff and sync, printed as figures (never asserted).

    .venv/bin/python benchmarks/history.py [--runs N] [--commits 5000] [--tool-commits 200]

- history of one tool: a repository of 5,000 commits (built with `git fast-import`) where
  200 commits change one engagement's RACI (the demo's 18 x 10 matrix, one cell each);
  the list of those commits (what the history screen shows first), and the list with the
  semantic diff of every one of them (what `pcsm log --tool raci` prints);
- the semantic diff of a typical commit (one RACI cell), in memory and through git;
- sync of one commit each way over a local bare remote: alice pushes, bob (with a commit
  of his own) fetches, merges with the driver, validates and pushes, alice pulls.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import IDENTITY, measure, show

from pcsm_tui.demo import sample_repo_dir
from pcsm_tui.store.history import diff_revisions, diff_texts, history, pathspecs
from pcsm_tui.store.repository import GITATTRIBUTES, Repository
from pcsm_tui.store.sync import sync
from pcsm_tui.store.toml_codec import loads, merge_into

ENGAGEMENT = "northwind-emea"
RACI = f"engagements/{ENGAGEMENT}/raci.toml"
SCORE = f"engagements/{ENGAGEMENT}/onboarding-score.toml"
PLAN = f"engagements/{ENGAGEMENT}/stakeholder-plan/2026-10.toml"
ROLES = ["R", "A", "C", "I", "R/A"]
VARIANTS = 20


def git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.decode()}")
    return done.stdout.decode()


def sample_files() -> dict[str, str]:
    """Every file of the sample repository (the demo's final state), plus .gitattributes."""
    root = sample_repo_dir()
    files = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.toml"))
    }
    files[".gitattributes"] = GITATTRIBUTES
    return files


def raci_version(text: str, index: int) -> str:
    """The RACI with one cell changed: activity and column picked by `index`."""
    data = loads(text)
    matrix = data["matrices"][0]
    activity = matrix["activities"][index % len(matrix["activities"])]
    column = matrix["columns"][(index // 7) % len(matrix["columns"])]["id"]
    current = activity.setdefault("cells", {}).get(column)
    choices = [r for r in ROLES if r != current]
    activity["cells"][column] = choices[index % len(choices)]
    return merge_into(text, data)


def score_version(text: str, index: int) -> str:
    data = loads(text)
    data["customization"] = index % 6
    return merge_into(text, data)


def fast_import_stream(files: dict[str, str], commits: int, tool_commits: int) -> bytes:
    """A `git fast-import` stream: the sample repository, then `commits - 1` one-file edits.

    Versions are precomputed and cycled (rendering through tomlkit for every one of 5,000
    commits would dominate the set-up), so consecutive commits still differ by a cell or two.
    """
    chunks: list[bytes] = []
    when = 1_780_000_000
    racis = [raci_version(files[RACI], i) for i in range(VARIANTS)]
    scores = [score_version(files[SCORE], i) for i in range(6)]
    every = max(1, (commits - 1) // tool_commits)
    changed_raci = 0

    def blob(text: str) -> bytes:
        data = text.encode("utf-8")
        return b"data %d\n" % len(data) + data + b"\n"

    for number in range(commits):
        message = f"commit {number}".encode()
        head = [
            b"commit refs/heads/main\n",
            b"committer Bench <bench@example.com> %d +0000\n" % (when + number * 60),
            b"data %d\n" % len(message) + message + b"\n",
        ]
        if number == 0:
            body = [
                b"M 100644 inline " + rel.encode() + b"\n" + blob(text)
                for rel, text in files.items()
            ]
        elif number % every == 0 and changed_raci < tool_commits:
            raci = racis[changed_raci % VARIANTS]
            changed_raci += 1
            body = [b"M 100644 inline " + RACI.encode() + b"\n" + blob(raci)]
        else:
            score = scores[number % len(scores)]
            body = [b"M 100644 inline " + SCORE.encode() + b"\n" + blob(score)]
        chunks.append(b"".join(head + body) + b"\n")
    return b"".join(chunks)


def build_big(target: Path, commits: int, tool_commits: int) -> None:
    target.mkdir(parents=True)
    git(target, "init", "-q", "--initial-branch=main")
    stream = fast_import_stream(sample_files(), commits, tool_commits)
    git(target, "fast-import", "--quiet", stdin=stream)
    git(target, "checkout", "-q", "-f", "main")


def bench_history(work: Path, runs: int, commits: int, tool_commits: int) -> None:
    start = time.perf_counter()
    big = work / "big"
    build_big(big, commits, tool_commits)
    built = (time.perf_counter() - start) * 1000
    total = git(big, "rev-list", "--count", "HEAD").strip()
    print(f"{'build ' + total + '-commit repository (fast-import)':<58} {built:8.0f} ms (one run)")
    repo = Repository.open(big)
    paths = pathspecs(ENGAGEMENT, "raci")
    found = len(history(repo, paths, with_diffs=False))
    print(f"  ({found} commits touch {RACI})")
    measure(
        f"history list of one tool ({found} of {total} commits)",
        runs,
        lambda _i: history(Repository.open(big), paths, with_diffs=False),
    )
    measure(
        f"history of one tool with {found} semantic diffs",
        max(3, runs // 3),
        lambda _i: history(Repository.open(big), paths),
    )
    old, new = raci_version(sample_files()[RACI], 0), raci_version(sample_files()[RACI], 1)
    names, context = repo.names(ENGAGEMENT), repo.context()
    diff_texts(RACI, old, new, names, context)  # warm the model classes
    measure(
        "semantic diff of a RACI cell change (18 x 10, in memory)",
        runs * 4,
        lambda _i: diff_texts(RACI, old, new, names, context),
    )
    plan = sample_files()[PLAN]
    plan_new = plan.replace("support = 8", "support = 6", 1)
    measure(
        "semantic diff of a one-field stakeholder-plan change",
        runs * 4,
        lambda _i: diff_texts(PLAN, plan, plan_new, names, context),
    )
    measure(
        "semantic diff of a typical commit (git + parse + diff)",
        runs,
        lambda _i: diff_revisions(repo, "HEAD~1", "HEAD"),
    )


def commit_edit(root: Path, rel: str, change: Callable[[dict[str, Any]], None], msg: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    data = loads(text)
    change(data)
    path.write_text(merge_into(text, data), encoding="utf-8")
    git(root, "commit", "-q", "-m", msg, "--", rel)


def bench_sync(work: Path, runs: int) -> None:
    source = work / "sync-source"
    source.mkdir()
    for rel, text in sample_files().items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    git(source, "init", "-q", "--initial-branch=main")
    git(source, "add", "--all")
    git(source, "commit", "-q", "-m", "sample repository")
    bare = work / "remote.git"
    git(work, "clone", "-q", "--bare", str(source), str(bare))
    alice, bob = work / "alice", work / "bob"
    for clone in (alice, bob):
        git(work, "clone", "-q", str(bare), str(clone))
        Repository.open(clone)

    def support(stakeholder: str, value: int) -> Callable[[dict[str, Any]], None]:
        def change(data: dict[str, Any]) -> None:
            for row in data["assessments"]:
                if row["stakeholder"] == stakeholder:
                    row["support"] = value

        return change

    pushes: list[float] = []
    merges: list[float] = []
    pulls: list[float] = []
    for index in range(runs):
        commit_edit(alice, PLAN, support("cfo", index % 10), f"alice {index}")
        commit_edit(bob, PLAN, support("hr-manager", index % 10), f"bob {index}")
        for times, clone in ((pushes, alice), (merges, bob), (pulls, alice)):
            start = time.perf_counter()
            result = sync(clone)
            times.append((time.perf_counter() - start) * 1000)
            assert result.exit_code == 0, result.message
    for label, times in (
        ("sync: push one commit", pushes),
        ("sync: fetch + merge one file (driver) + validate + push", merges),
        ("sync: fetch + fast-forward + validate", pulls),
    ):
        show(label, times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--tool-commits", type=int, default=200)
    args = parser.parse_args()
    os.environ.update(IDENTITY)
    work = Path(tempfile.mkdtemp(prefix="pcsm-bench-history-"))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; runs: {args.runs}")
    try:
        bench_history(work, args.runs, args.commits, args.tool_commits)
        bench_sync(work, max(3, args.runs // 2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
