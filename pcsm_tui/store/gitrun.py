"""One git process run to its end, without GitPython (store/git.py's every call).

GitPython's `Git.execute` did the same with a cost a sync paid in full: ~150 ms to import,
two `git version` processes per pcsm process, a temporary file for every stdin and a timer
thread per call (issue 16: `pcsm sync` near git's own pull and push). What it gave is kept:
git's messages in English (`LC_ALL=C`, pcsm reads some of them), the caller's environment
underneath pcsm's, a timeout that ends git and whatever git started (its descendants,
found in /proc, so a helper such as ssh neither outlives it nor keeps pcsm waiting on
git's output), and git missing reported as a GitError. git stays in pcsm's process group,
as it was: Ctrl+C in the terminal, or a kill of pcsm's group, reaches git too (the save
journal's tests kill both at once), and any error while waiting ends git as a timeout does.
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
        )
    except OSError as error:  # git missing, or the folder gone
        raise GitError(list(command), None, str(error)) from error
    try:
        out, err = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        out, err = _leftover(process)
        err += f"\ntimed out after {timeout:g} s".encode()
    except BaseException:  # Ctrl+C: the git it started goes with it
        _end(process)
        _leftover(process)
        raise
    return process.returncode, out, err


def _leftover(process: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """What an ended git wrote; nothing when a helper that could not be ended still holds
    its output open (pcsm does not wait for it)."""
    try:
        return process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
        process.wait()
        return b"", b""


def _end(process: subprocess.Popen[bytes]) -> None:
    """Kill git and every process it started (deepest first is not needed: SIGKILL)."""
    for pid in (process.pid, *_descendants(process.pid)):
        with contextlib.suppress(OSError):  # already gone
            os.kill(pid, signal.SIGKILL)


def _descendants(pid: int) -> list[int]:
    """The processes below `pid`, from /proc (none where there is no /proc)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    found: list[int] = []
    waiting = [pid]
    while waiting:
        below = children.get(waiting.pop(), [])
        found.extend(below)
        waiting.extend(below)
    return found
