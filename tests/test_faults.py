"""Faults with real files: a locked index, a writer killed mid-save; nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pcsm_tui.store.repository import CommitFailed, Repository

from .conftest import git


def test_locked_index_keeps_the_change_and_the_lock(repo: Repository) -> None:
    rel = "engagements/acme/onboarding-score.toml"
    lock = repo.root / ".git" / "index.lock"
    lock.write_text("someone else's lock")
    loaded = repo.load(rel)
    before = git(repo.root, "rev-parse", "HEAD")
    with pytest.raises(CommitFailed) as caught:
        repo.edit(loaded, loaded.model.model_copy(update={"customization": 3}))
    assert "index.lock" in str(caught.value)
    assert "customization = 3" in (repo.root / rel).read_text()  # the edit is not lost
    assert lock.read_text() == "someone else's lock"  # never delete a lock we did not make
    assert git(repo.root, "rev-parse", "HEAD") == before
    lock.unlink()
    git(repo.root, "commit", "-qam", "by hand after the lock went")
    assert "customization = 3" in git(repo.root, "show", f"HEAD:{rel}")


WRITER = """
import sys
from pathlib import Path
from pcsm_tui.store.atomic import write_atomic
target = Path(sys.argv[1])
contents = [b"A" * 2_000_000, b"B" * 2_000_000]
i = 0
print("ready", flush=True)
while True:
    write_atomic(target, contents[i % 2])
    i += 1
"""


@pytest.mark.parametrize("delay", [0.05, 0.13, 0.31])
def test_killed_writer_leaves_old_or_new_never_half(tmp_path: Path, delay: float) -> None:
    target = tmp_path / "file.toml"
    target.write_bytes(b"A" * 2_000_000)
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready"
    time.sleep(delay)  # not a wait: the moment of the kill, at three points of the writes
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    data = target.read_bytes()
    assert data in (b"A" * 2_000_000, b"B" * 2_000_000)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "file.toml"]
    assert all(name.startswith(".file.toml.") for name in leftovers)
