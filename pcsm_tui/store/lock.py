"""One lock per repository across processes: a save's check, write and commit are one step.

Two pcsm processes (two terminals, a script and the app) saving the same file must not
both read the old version and both commit: one of the changes would be lost although both
were acknowledged. Every save, undo, restore, import, new engagement and sync therefore
runs inside `hold(root)`: an exclusive `flock` on `.git/pcsm/lock`, taken and given back
by the kernel (a process that dies, even by kill -9, lets it go at once, so it can never be
left behind). The lock is re-entrant within a thread (a restore calls save inside its own
lock) and shared by the threads of a process, which wait in turn.

The holder writes its pid, start time and what it does into the lock file; a process that
waits longer than a moment says so ("another pcsm (pid 4242, since 10:02:03) is saving;
waiting…") and gives up after `PCSM_LOCK_TIMEOUT` seconds (default 120) with a message
that says what to do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from ..errors import PcsmError

P = ParamSpec("P")
R = TypeVar("R")

TIMEOUT_ENV = "PCSM_LOCK_TIMEOUT"
DEFAULT_TIMEOUT_S = 120.0
NOTICE_AFTER_S = 1.0
"""Waiting longer than this is worth a word to the person."""

_notice: Callable[[str], None] | None = None


def set_waiting_notice(notice: Callable[[str], None] | None) -> None:
    """Where "another pcsm … is saving; waiting…" goes (the CLI: stderr; the app: status)."""
    global _notice
    _notice = notice


class LockTimeout(PcsmError):
    """Another pcsm held the repository lock for too long; nothing was written."""


@cache
def pcsm_dir(root: Path) -> Path:
    """`.git/pcsm/` of the repository at `root` (its own git folder in a linked worktree);
    always an absolute path, so one repository has one lock in a process however named."""
    root = root.resolve()
    dot_git = root / ".git"
    if dot_git.is_file():
        text = dot_git.read_text(encoding="utf-8").strip()
        if text.startswith("gitdir:"):
            target = Path(text.removeprefix("gitdir:").strip())
            return (target if target.is_absolute() else root / target).resolve() / "pcsm"
    return dot_git / "pcsm"


@dataclass
class _State:
    """What one process knows about one lock file."""

    rlock: threading.RLock
    fd: int | None = None
    depth: int = 0
    owner: int | None = None
    previous: tuple[int, dt.datetime] | None = None
    """The pid and start time of a holder that died holding the lock (it left its record;
    a holder that ends normally empties the file), read on acquiring."""


_states: dict[Path, _State] = {}
_states_guard = threading.Lock()


def _state(path: Path) -> _State:
    with _states_guard:
        found = _states.get(path)
        if found is None:
            found = _states[path] = _State(threading.RLock())
        return found


def _record(text: str) -> tuple[int, dt.datetime] | None:
    try:
        pid, since, *_ = text.split(maxsplit=2)
        return int(pid), dt.datetime.fromisoformat(since)
    except ValueError:
        return None


def previous_holder(root: Path) -> tuple[int, dt.datetime] | None:
    """A pcsm that died holding the lock before this process took it (pid, since), for
    explaining leftovers such as git's lock files; None when there was none."""
    return _state(pcsm_dir(root) / "lock").previous


def holder(path: Path) -> str:
    """Who holds the lock, in words (from what the holder wrote into the lock file)."""
    try:
        pid, since, *what = path.read_text(encoding="utf-8").split(maxsplit=2)
        when = dt.datetime.fromisoformat(since).strftime("%H:%M:%S")
    except (OSError, ValueError):
        return "another pcsm"
    doing = what[0].strip() if what else "saving"
    return f"another pcsm (pid {pid}, since {when}, {doing})"


def _timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_S))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def _acquire(path: Path, state: _State, what: str, deadline: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    pause, told, started = 0.001, False, time.monotonic()
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                now = time.monotonic()
                if now >= deadline:
                    raise LockTimeout(
                        f"{holder(path)} has held the repository lock ({path}) for more than "
                        f"{now - started:.0f} s, so nothing was written. If that pcsm is "
                        "stuck, end it (its pid is above); the lock goes with it. Then try "
                        "again."
                    ) from None
                if not told and now - started >= NOTICE_AFTER_S and _notice is not None:
                    told = True
                    _notice(f"{holder(path)} is saving; waiting…")
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
    except BaseException:
        os.close(fd)
        raise
    state.previous = _record(os.pread(fd, 200, 0).decode("utf-8", errors="replace"))
    stamp = dt.datetime.now().astimezone().isoformat(timespec="microseconds")
    record = f"{os.getpid()} {stamp} {what}\n".encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, record, 0)
    state.fd = fd


@contextlib.contextmanager
def hold(root: Path, what: str = "saving") -> Iterator[None]:
    """Hold the repository lock for the block (re-entrant in a thread; see the module)."""
    path = pcsm_dir(root) / "lock"
    state = _state(path)
    deadline = time.monotonic() + _timeout()
    if not state.rlock.acquire(timeout=max(0.0, _timeout())):
        raise LockTimeout(
            f"another part of this pcsm has been saving for more than {_timeout():.0f} s; "
            "nothing was written. Try again when it has finished."
        )
    try:
        if state.depth == 0:
            _acquire(path, state, what, deadline)
            state.owner = threading.get_ident()
        state.depth += 1
        try:
            yield
        finally:
            state.depth -= 1
            if state.depth == 0 and state.fd is not None:
                fd, state.fd, state.owner = state.fd, None, None
                try:
                    os.ftruncate(fd, 0)  # a record left in the file means its holder died
                finally:
                    os.close(fd)  # closing the descriptor gives the flock back
    finally:
        state.rlock.release()


def held(root: Path) -> bool:
    """Whether this thread holds the repository lock now."""
    state = _state(pcsm_dir(root) / "lock")
    return state.depth > 0 and state.owner == threading.get_ident()


def locked(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run a store function whose first argument is the repository root inside `hold`."""

    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            root = args[0] if args else kwargs["root"]
            assert isinstance(root, Path)
            with hold(root.resolve(), what):
                return function(*args, **kwargs)

        return inner

    return wrap


def busy(root: Path) -> bool:
    """Whether another process holds the repository lock now (never waits). A journal seen
    while it does belongs to a save in progress, e.g. the one whose `git commit` runs a
    pre-commit hook that calls `pcsm validate`: reporting it, or waiting, would be wrong."""
    path = pcsm_dir(root) / "lock"
    state = _state(path)
    if state.depth > 0:
        return False  # this process holds it
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
