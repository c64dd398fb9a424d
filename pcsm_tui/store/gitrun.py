"""One git process run to its end, without GitPython (store/git.py's every call).

GitPython's `Git.execute` did the same with a cost a sync paid in full: ~150 ms to import,
two `git version` processes per pcsm process, a temporary file for every stdin and a timer
thread per call (issue 16: `pcsm sync` near git's own pull and push). What it gave is kept:
git's messages in English (`LC_ALL=C`, pcsm reads some of them), the caller's environment
underneath pcsm's, a timeout that ends git and whatever git started (its own process
group, so a helper such as ssh does not outlive it), and git missing reported as a
GitError. Ctrl+C (or any error while waiting) ends the group too, never leaving a push or
fetch running behind pcsm.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from .giterrors import GitError
from .readers import GIT_LOCALE


def run_plain(
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    stdin: bytes | None,
    timeout: float,
) -> tuple[int, bytes, bytes]:
    """Run `command` (git and its arguments) in `cwd`: (status, stdout, stderr)."""
    try:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env={**os.environ, **GIT_LOCALE, **env},
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own group: a timeout ends git's helpers too
        )
    except OSError as error:  # git missing, or the folder gone
        raise GitError(list(command), None, str(error)) from error
    try:
        out, err = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        out, err = process.communicate()
        err += f"\ntimed out after {timeout:g} s".encode()
    except BaseException:  # Ctrl+C: the git it started goes with it
        _end(process)
        process.wait()
        raise
    return process.returncode, out, err


def _end(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):  # already gone
        os.killpg(process.pid, signal.SIGKILL)
