"""git run as a plain child process (store/gitrun.py, every git call since GitPython went):
a timeout ends git and whatever git started, and git missing is a GitError, not a crash."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from pcsm_tui.store.giterrors import GitError
from pcsm_tui.store.gitrun import run_plain

from .helpers import wait_until


def _gone(pid: int) -> bool:
    """Ended: no such process, or only its exit status left (a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def test_a_timeout_ends_the_command_and_what_it_started(tmp_path: Path) -> None:
    """A fetch that hangs (ssh waiting on a dead network) must not outlive pcsm's timeout:
    the helper it started goes too, not only the process pcsm started (a helper left
    running would also hold git's output open, and pcsm would wait for it)."""
    started = tmp_path / "helper.pid"
    script = f"sleep 120 & echo $! > {started}; wait"
    result: list[tuple[int, bytes, bytes]] = []
    runner = threading.Thread(
        target=lambda: result.append(run_plain(["sh", "-c", script], tmp_path, {}, None, 0.5)),
        daemon=True,
    )
    runner.start()
    wait_until(started.exists, "the helper's pid")
    helper = int(started.read_text())
    try:
        wait_until(lambda: not runner.is_alive(), "run_plain to return after its timeout", 20)
        wait_until(lambda: _gone(helper), f"the helper (pid {helper}) to end", 20)
    finally:
        if not _gone(helper):
            os.kill(helper, signal.SIGKILL)  # the test's own child, left by a broken run_plain
    code, _out, err = result[0]
    assert code != 0
    assert b"timed out after 0.5 s" in err


def test_output_status_and_input_come_back_as_bytes(tmp_path: Path) -> None:
    code, out, err = run_plain(["sh", "-c", "cat; echo oops >&2; exit 3"], tmp_path, {}, b"in\n", 5)
    assert (code, out, err) == (3, b"in\n", b"oops\n")


def test_git_missing_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError) as raised:
        run_plain([str(tmp_path / "no-git-here"), "status"], tmp_path, {}, None, 5)
    assert raised.value.status is None
    assert "no-git-here" in str(raised.value.stderr)


def test_git_speaks_english_and_the_callers_environment_is_kept(tmp_path: Path) -> None:
    os.environ["PCSM_TEST_GITRUN"] = "kept"
    try:
        _code, out, _err = run_plain(
            ["sh", "-c", 'echo "$LC_ALL $PCSM_TEST_GITRUN $EXTRA"'],
            tmp_path,
            {"EXTRA": "x"},
            None,
            5,
        )
    finally:
        del os.environ["PCSM_TEST_GITRUN"]
    assert out == b"C kept x\n"
