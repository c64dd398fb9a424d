"""Issue 10 item 2: one repository lock across processes; no acknowledged save is lost."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time

from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.lock import hold
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.toml_codec import loads

from .conftest import git

RISKS = "engagements/acme/risks.toml"
SCORE = "engagements/acme/onboarding-score.toml"
PCSM = [sys.executable, "-m", "pcsm_tui.cli"]


def three_risks(repo: Repository) -> None:
    rows = [{"id": f"r-{i}", "name": f"Risk {i}", "description": f"start {i}"} for i in (1, 2, 3)]
    Workspace(repo.root).change(RISKS, lambda data: {**data, "risks": rows})


BURST = """
import subprocess, sys
from pathlib import Path
root, row, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    pass
for k in range(1, count + 1):
    done = subprocess.run(
        [sys.executable, "-m", "pcsm_tui.cli", "set", "acme", "risks",
         f"risks[r-{row}].description=v{row}-{k}", "--repo", root],
        capture_output=True, text=True,
    )
    print(done.returncode, f"v{row}-{k}", done.stdout.strip(), done.stderr.strip(), flush=True)
"""


def test_three_processes_setting_fields_of_one_file_lose_nothing(repo: Repository) -> None:
    three_risks(repo)
    before = int(git(repo.root, "rev-list", "--count", "HEAD"))
    go = repo.root.parent / "go"
    count = 4
    children = [
        subprocess.Popen(
            [sys.executable, "-c", BURST, str(repo.root), str(i), str(count), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in (1, 2, 3)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()  # all three start at once
    lines = []
    for child in children:
        out, _ = child.communicate(timeout=300)
        lines += out.splitlines()
    acknowledged = []
    for line in lines:
        code, value, said = line.split(" ", 2)
        assert code == "0", line  # waiting for the lock is not a failure
        found = re.search(r"committed ([0-9a-f]{7})", said)
        assert found is not None, line
        acknowledged.append((value, found.group(1)))
    assert len(acknowledged) == 3 * count
    assert int(git(repo.root, "rev-list", "--count", "HEAD")) == before + 3 * count
    for value, sha in acknowledged:  # exactly one commit per call, holding exactly its change
        row = value[1:].split("-")[0]
        diff = git(repo.root, "show", "--format=", "--unified=0", sha, "--", RISKS)
        changed = [
            line
            for line in diff.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        assert len(changed) == 2 and changed[1] == f'+description = "{value}"', (value, diff)
        assert changed[0].startswith('-description = "'), diff
        body = git(repo.root, "show", "--format=%b", "--no-patch", sha).split("\n\n")[0]
        assert body == f"- risks[Risk {row}].description: changed"
    final = {r["id"]: r["description"] for r in loads((repo.root / RISKS).read_text())["risks"]}
    assert final == {f"r-{i}": f"v{i}-{count}" for i in (1, 2, 3)}
    assert git(repo.root, "status", "--porcelain") == ""


COUNTER = """
import sys
from pathlib import Path
from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
root, count, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
workspace = Workspace(root)
print("ready", flush=True)
while not go.exists():
    pass
rel = "engagements/acme/onboarding-score.toml"
for _ in range(count):
    workspace.change(rel, lambda d: set_value(d, ("notes",), str(int(d.get("notes") or 0) + 1)))
    print("acknowledged", flush=True)
"""


def test_concurrent_increments_from_three_processes_all_count(repo: Repository) -> None:
    """The issue's counter: 68 acknowledged saves must move it by 68, not 58."""
    go = repo.root.parent / "go"
    count = 10
    children = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER, str(repo.root), str(count), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    acknowledged = 0
    for child in children:
        out, _ = child.communicate(timeout=300)
        acknowledged += out.split().count("acknowledged")
        assert child.returncode == 0
    assert acknowledged == 3 * count
    assert loads((repo.root / SCORE).read_text())["notes"] == str(acknowledged)
    log = git(repo.root, "log", "--format=%s", "--", SCORE).splitlines()
    assert log.count("acme: onboarding-score: changed Notes") == acknowledged


HOLDER = """
import sys
from pathlib import Path
from pcsm_tui.store.lock import hold
with hold(Path(sys.argv[1]).resolve(), "importing a workbook"):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_long_wait_says_who_holds_the_lock_then_gives_up_with_what_to_do(
    repo: Repository,
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(repo.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    before = (repo.root / SCORE).read_bytes()
    try:
        refused = subprocess.run(
            [*PCSM, "set", "acme", "onboarding-score", "customization=2", "--repo", str(repo.root)],
            capture_output=True,
            text=True,
            env={**os.environ, "PCSM_LOCK_TIMEOUT": "2.5"},
        )
        assert refused.returncode == 1
        waiting = f"pcsm: another pcsm (pid {holder.pid}, since "
        assert waiting in refused.stderr and "importing a workbook) is saving; waiting…" in (
            refused.stderr
        )
        assert "has held the repository lock" in refused.stderr
        assert "nothing was written" in refused.stderr and "end it" in refused.stderr
        assert (repo.root / SCORE).read_bytes() == before
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    done = subprocess.run(
        [*PCSM, "set", "acme", "onboarding-score", "customization=2", "--repo", str(repo.root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "waiting" not in done.stderr


def test_a_killed_holder_lets_the_lock_go_at_once(repo: Repository) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(repo.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    os.environ["PCSM_LOCK_TIMEOUT"] = "5"
    try:
        started = time.monotonic()
        with hold(repo.root):
            assert time.monotonic() - started < 5
    finally:
        del os.environ["PCSM_LOCK_TIMEOUT"]


def test_threads_of_one_process_take_turns_and_the_lock_is_reentrant(repo: Repository) -> None:
    workspaces = [Workspace(repo.root) for _ in range(3)]
    errors: list[BaseException] = []

    def bump(workspace: Workspace) -> None:
        try:
            for _ in range(5):
                workspace.change(
                    SCORE,
                    lambda d: set_value(d, ("notes",), str(int(d.get("notes") or 0) + 1)),
                )
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=bump, args=(w,)) for w in workspaces]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a thread still waits for the lock after 120 s"
    assert not errors
    assert loads((repo.root / SCORE).read_text())["notes"] == "15"
    with hold(repo.root), hold(repo.root):  # re-entrant in one thread
        pass
