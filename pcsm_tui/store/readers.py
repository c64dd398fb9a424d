"""Git reads that may be abandoned: quitting the app never waits for an answer nobody wants.

The app reads git in worker threads (the last-change column, the sync state, a tool's
history), and Python waits for every worker thread before the process ends. So each of
those reads runs inside `Readers.reading()`: every git process started there is recorded,
and `Readers.close()` (called when the app quits) kills them, so the worker gets
`Cancelled` at once instead of waiting for git. Reads started after `close()` are refused
the same way. Saves never run inside `reading()`: a commit in progress is never
interrupted, it finishes (quickly) before the process ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import PcsmError

_local = threading.local()

GIT_LOCALE = {"LANGUAGE": "C", "LC_ALL": "C"}
"""What GitPython sets for every git call (pcsm reads some of git's messages)."""


class Cancelled(PcsmError):
    """The read was abandoned (the app is quitting); nobody waits for its answer."""


class Readers:
    """The git processes of one workspace's reads, and whether reading has been closed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self.closed = False

    @contextmanager
    def reading(self) -> Iterator[Readers]:
        """Run the block's git calls (on this thread) as reads that `close` may end."""
        outer = getattr(_local, "readers", None)
        _local.readers = self
        try:
            yield self
        finally:
            _local.readers = outer

    def check(self) -> None:
        """Raise Cancelled once reading is closed (long loops call it between steps)."""
        if self.closed:
            raise Cancelled("reading stopped: the app is quitting")

    def close(self) -> None:
        """Stop every read now and refuse new ones (the app is quitting).

        Never waits for a read that is starting its git process: the lock is held only to
        add or take a process, never across `Popen` (which, on a loaded machine, took up to
        170 ms of a quit when close waited for it). A process started meanwhile is killed
        by its own read (`_track`), which finds `closed` set."""
        self.closed = True
        with self._lock:
            running = list(self._running)
        for process in running:
            _kill(process)

    def _spawn(
        self, args: Sequence[str], cwd: Path, env: Mapping[str, str] | None, piped_stdin: bool
    ) -> subprocess.Popen[bytes]:
        """Start a git process (outside the lock: see `close`)."""
        return subprocess.Popen(
            list(args),
            cwd=cwd,
            env={**os.environ, **GIT_LOCALE, **(env or {})},
            stdin=subprocess.PIPE if piped_stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: close() ends all of it
        )

    def _track(self, process: subprocess.Popen[bytes]) -> None:
        """Record a started git process; kill it at once when `close` came meanwhile (the
        read then gets Cancelled from `check` when it ends)."""
        with self._lock:
            self._running.add(process)
            closed = self.closed
        if closed:
            _kill(process)

    def start(
        self, args: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start a reading git process whose stdout the caller reads (and then `finish`es)."""
        self.check()
        process = self._spawn(args, cwd, env, piped_stdin=False)
        self._track(process)
        return process

    def finish(self, process: subprocess.Popen[bytes]) -> None:
        """Forget `process` (reaped); raise Cancelled if `close` ended it."""
        with self._lock:
            self._running.discard(process)
        if process.poll() is None:
            _kill(process)
        process.wait()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
        self.check()

    def run(
        self,
        args: Sequence[str],
        cwd: Path,
        env: Mapping[str, str] | None,
        stdin: bytes | None,
        timeout: float,
    ) -> tuple[int, bytes, bytes]:
        """Run a git process to its end like subprocess.run: (status, stdout, stderr)."""
        self.check()
        process = self._spawn(args, cwd, env, piped_stdin=stdin is not None)
        self._track(process)
        try:
            out, err = process.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            out, err = process.communicate()
            err += f"\ntimed out after {timeout:g} s".encode()
        finally:
            with self._lock:
                self._running.discard(process)
        self.check()
        return process.returncode, out, err


def current() -> Readers | None:
    """The Readers whose `reading()` block this thread is in, if any."""
    return getattr(_local, "readers", None)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the process and whatever it started (git runs helpers: hooks, aliases)."""
    killpg = getattr(os, "killpg", None)
    with contextlib.suppress(OSError):  # already gone
        if killpg is not None:
            killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
