"""Quitting never waits for a git read that is starting its process (store/readers): `close`
returns while another thread is inside `Popen`, and the process that thread then starts is
killed all the same, so its read ends as Cancelled instead of running on."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from pcsm_tui.store.readers import Cancelled, Readers

SLEEP = shutil.which("sleep")


class GatedReaders(Readers):
    """Readers whose process start waits at a gate: the moment a slow `Popen` (a loaded
    machine) is under way is held open for as long as the test needs."""

    def __init__(self) -> None:
        super().__init__()
        self.spawning = threading.Event()
        self.gate = threading.Event()
        self.started: list[subprocess.Popen[bytes]] = []

    def _spawn(
        self, args: Sequence[str], cwd: Path, env: Mapping[str, str] | None, piped_stdin: bool
    ) -> subprocess.Popen[bytes]:
        self.spawning.set()
        assert self.gate.wait(30), "the test never opened the gate"
        process = super()._spawn(args, cwd, env, piped_stdin)
        self.started.append(process)
        return process


@pytest.mark.skipif(SLEEP is None, reason="needs a sleep program")
def test_close_does_not_wait_for_a_read_starting_its_process(tmp_path: Path) -> None:
    assert SLEEP is not None
    readers = GatedReaders()
    outcome: list[BaseException | tuple[int, bytes, bytes]] = []

    def read() -> None:
        try:
            outcome.append(readers.run([SLEEP, "60"], tmp_path, None, None, timeout=120))
        except BaseException as error:  # the outcome is what the test looks at
            outcome.append(error)

    reading = threading.Thread(target=read, daemon=True)
    reading.start()
    assert readers.spawning.wait(30)

    closing = threading.Thread(target=readers.close, daemon=True)
    closing.start()
    closing.join(30)
    try:
        # The read is still inside its process start: close did not wait for it.
        assert not closing.is_alive(), "close waited for a read starting its git process"
        assert readers.closed
    finally:
        readers.gate.set()

    # The process started after close is killed by its own read, which ends Cancelled
    # (not after the 60 s the process would have run).
    reading.join(30)
    assert not reading.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    (process,) = readers.started
    assert process.wait(30) != 0


def test_a_read_after_close_is_refused(tmp_path: Path) -> None:
    readers = Readers()
    readers.close()
    with pytest.raises(Cancelled):
        readers.run(["git", "--version"], tmp_path, None, None, timeout=30)
