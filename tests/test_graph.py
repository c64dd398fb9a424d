"""Git's commit-graph with changed-path filters: pcsm keeps it current in the background,
history uses it, and writing it never blocks or breaks a save."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from pcsm_tui.service import Workspace
from pcsm_tui.store.graph import STALE_LOCK_S, layers, need, upkeep
from pcsm_tui.store.history import history, pathspecs
from pcsm_tui.store.repository import Repository, dump

from .apphelp import make_app, until
from .conftest import git

RISKS = "engagements/northwind-emea/risks.toml"


def objects(root: Path) -> Path:
    return root / ".git" / "objects"


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def finished(process: subprocess.Popen[bytes] | None) -> int:
    assert process is not None, "upkeep should have started git's writer"
    return process.wait(timeout=60)


def bloom_statistics(root: Path, *args: str) -> dict[str, int]:
    """What `git log -- path` says about its use of the changed-path filters."""
    trace = root.parent / "trace.json"
    trace.unlink(missing_ok=True)
    subprocess.run(
        ["git", "-C", str(root), "log", "--format=%H", *args],
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_TRACE2_EVENT": str(trace)},
    )
    for line in trace.read_text().splitlines():
        event = json.loads(line)
        if event.get("category") == "bloom" and event.get("key") == "statistics":
            value = event["value"]
            return dict(json.loads(value) if isinstance(value, str) else value)
    return {}


def edit_risk(repo: Repository, likelihood: int) -> str | None:
    loaded = repo.load(RISKS)
    data = dump(loaded.model)
    data["risks"][0]["likelihood"] = likelihood
    model = type(loaded.model).model_validate(data, context=repo.context())
    return repo.edit(loaded, model).sha


def test_upkeep_writes_the_graph_and_history_uses_its_filters(demo_copy: Path) -> None:
    root = demo_copy
    assert need(objects(root), head(root)) == "full"
    assert bloom_statistics(root, "--", RISKS) == {}  # no graph: every tree is opened
    assert finished(upkeep(root)) == 0
    assert need(objects(root), head(root)) == "current"
    found = layers(objects(root))
    assert found and all(layer.bloom for layer in found)
    git(root, "commit-graph", "verify")
    statistics = bloom_statistics(root, "--", RISKS)
    assert statistics["definitely_not"] > 0  # most commits answered without a tree
    assert upkeep(root) is None  # current: nothing to write

    repo = Repository.open(root)
    edit_risk(repo, 1)
    assert need(objects(root), head(root)) == "incremental"
    assert finished(upkeep(root)) == 0
    assert need(objects(root), head(root)) == "current"
    git(root, "commit-graph", "verify")
    paths = pathspecs("northwind-emea", "risks")
    with_graph = [item.commit.sha for item in history(repo, paths, with_diffs=False)]
    plain = git(root, "-c", "core.commitGraph=false", "log", "--format=%H", "--", *paths).split()
    assert with_graph == plain and len(plain) > 1


def test_a_graph_without_filters_is_written_again_with_them(demo_copy: Path) -> None:
    git(demo_copy, "commit-graph", "write", "--reachable", "--no-changed-paths")
    assert (objects(demo_copy) / "info" / "commit-graph").is_file()
    assert need(objects(demo_copy), head(demo_copy)) == "full"
    assert finished(upkeep(demo_copy)) == 0
    assert not (objects(demo_copy) / "info" / "commit-graph").exists()
    assert need(objects(demo_copy), head(demo_copy)) == "current"


def test_writing_the_graph_never_blocks_or_breaks_a_save(demo_copy: Path) -> None:
    repo = Repository.open(demo_copy)
    # A writer holds git's lock (as if a slow upkeep were running): saves go on regardless.
    chain = objects(demo_copy) / "info" / "commit-graphs"
    chain.mkdir(parents=True)
    lock = chain / "commit-graph-chain.lock"
    lock.write_text("")
    for value in (2, 3):
        assert edit_risk(repo, value) is not None
    assert finished(upkeep(demo_copy)) != 0  # the second writer gives way, nothing breaks
    assert need(objects(demo_copy), head(demo_copy)) == "full"
    lock.unlink()
    # And for real: the writer runs while saves are committed.
    writer = upkeep(demo_copy)
    shas = [edit_risk(repo, value) for value in (4, 5, 1)]
    assert finished(writer) == 0
    assert all(shas) and head(demo_copy) == shas[-1]
    git(demo_copy, "fsck", "--no-progress")
    git(demo_copy, "commit-graph", "verify")
    if need(objects(demo_copy), head(demo_copy)) == "incremental":  # saves after its walk
        assert finished(upkeep(demo_copy)) == 0
    assert need(objects(demo_copy), head(demo_copy)) == "current"


def test_a_lock_left_by_a_killed_writer_is_removed_when_old(demo_copy: Path) -> None:
    chain = objects(demo_copy) / "info" / "commit-graphs"
    chain.mkdir(parents=True)
    lock = chain / "commit-graph-chain.lock"
    lock.write_text("")
    old = time.time() - STALE_LOCK_S - 60
    os.utime(lock, (old, old))
    assert finished(upkeep(demo_copy)) == 0
    assert need(objects(demo_copy), head(demo_copy)) == "current"


def test_no_graph_is_written_for_a_repository_without_commits(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "empty")], check=True)
    assert upkeep(tmp_path / "empty") is None


async def test_the_app_brings_the_graph_up_to_date_after_it_opens(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: need(objects(demo_copy), head(demo_copy)) == "current",
            "the graph written after the app opened",
        )
    assert Workspace(demo_copy).keep_history_fast() is None  # current: nothing to do
