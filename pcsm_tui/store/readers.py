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
        """Stop every read now and refuse new ones (the app is quitting)."""
        with self._lock:
            self.closed = True
            running = list(self._running)
        for process in running:
            _kill(process)

    def start(
        self, args: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start a reading git process whose stdout the caller reads (and then `finish`es)."""
        with self._lock:
            self.check()
            process = subprocess.Popen(
                list(args),
                cwd=cwd,
                env={**os.environ, **GIT_LOCALE, **(env or {})},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: close() ends all of it
            )
            self._running.add(process)
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
        with self._lock:
            self.check()
            process = subprocess.Popen(
                list(args),
                cwd=cwd,
                env={**os.environ, **GIT_LOCALE, **(env or {})},
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            self._running.add(process)
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
