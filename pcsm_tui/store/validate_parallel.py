"""Reading the folders a validation could not take from the cache, on every core.

A cold `pcsm validate` of 1,000 engagements is 26,000 files to parse, and parsing is pure
Python: one process uses one core however many the machine has. Each unit (an engagement's
or a person's folder, store/validate_units) is checked on its own, so the units are shared
out to worker processes, a few at a time (a slow folder does not hold back the rest); the
parent hands out work, gathers the findings, shows the progress and checks a folder itself
whenever no worker is waiting for more (N processes are the parent and N - 1 workers: one
process fewer to hold in memory). The result is
the same set of findings as one process: each unit's findings come from the same code on
the same files, and validate_units sorts them all at the end.

The workers are forked from the parent after it has loaded the models and read pcsm.toml
and framework.toml (`_Checker`): they import nothing and share the parent's memory pages.
So parallel runs only where forking is safe: on a system that forks, from the main thread
of a process that runs no other thread (the CLI; the app's background work stays in one
process). Small runs stay in one process too (`MIN_UNITS`): starting workers costs more
than a demo's few folders take to check. `PCSM_JOBS=N` asks for N processes (1: never
more than one).

No worker outlives the run: Ctrl-C and SIGTERM end the parent's wait and its workers are
ended on the way out; a worker also dies with its parent however the parent goes (Linux's
parent-death signal), even killed outright. A worker that fails or dies hands its units
back and the parent checks them itself, so a finding is never lost and an error shows as it
would in one process.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Generator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from .validate_cache import Row

JOBS_ENV = "PCSM_JOBS"
MIN_UNITS = 48
"""Fewer folders to read than this: one process (a worker's start costs about a folder)."""
MAX_WORKERS = 4
"""At most this many workers: each holds a folder's files; memory stays under 150 MB."""
STOPPING = {signal.SIGINT, signal.SIGTERM}
"""The signals that stop a run (Ctrl-C, `kill`): held back while workers are started."""
PR_SET_PDEATHSIG = 1
"""Linux prctl(2): the signal a process gets when its parent goes."""

Unit = tuple[str, Sequence[str]]
"""A folder to check: its unit name and its files."""


class Checker(Protocol):
    """What reads a unit (validate_units._Checker)."""

    def check(self, rels: Sequence[str]) -> list[Row]: ...


def jobs_asked() -> int | None:
    """The number of processes `PCSM_JOBS` asks for, None when it is not set; ValueError
    (shown by the CLI) for anything but a whole number from 1."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(
            f"{JOBS_ENV}={value!r} is not a number of processes: give a whole number from 1 "
            f"(1: validate in one process), or unset it to use every core"
        )
    return int(value)


def cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def workers_for(units: int, asked: int | None = None) -> int:
    """How many processes (this one and its workers) read `units` folders; 0: this one.

    `asked` (or PCSM_JOBS) is honoured whatever the size, capped by the number of folders;
    otherwise every core is used once there are MIN_UNITS folders to read."""
    wanted = jobs_asked() if asked is None else asked
    if wanted is None:
        wanted = min(cores(), MAX_WORKERS) if units >= MIN_UNITS else 1
    wanted = min(wanted, units)
    return wanted if wanted >= 2 and forking_is_safe() else 0


def forking_is_safe() -> bool:
    """A fork copies only the calling thread: with another thread running (the app, a git
    reader), a lock it held stays held in the child forever."""
    return (
        hasattr(os, "fork")
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
    )


def check_units(
    checker: Checker, units: Sequence[Unit], jobs: int
) -> Generator[tuple[str, list[Row]], None, None]:
    """(unit, findings) for every unit, as they are ready: in `jobs` processes (this one
    and `jobs - 1` workers), or here in order when `jobs` is 0."""
    if jobs < 2:
        for unit, rels in units:
            yield unit, checker.check(rels)
        return
    yield from _in_workers(checker, units, jobs)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    share: list[Unit] | None = None
    """The units it is checking now (handed back to the parent if it fails)."""
    alive: bool = True


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM while the workers run: leave through every `finally` (workers ended), with
    the status a shell gives a process ended by it (128 + 15)."""
    raise SystemExit(128 + signum)


def _in_workers(
    checker: Checker, units: Sequence[Unit], jobs: int
) -> Generator[tuple[str, list[Row]], None, None]:
    # start-up: multiprocessing loads only when folders are checked in parallel
    import multiprocessing
    from multiprocessing.connection import wait

    size = max(1, min(8, len(units) // (jobs * 8)))
    waiting = deque(list(units[i : i + size]) for i in range(0, len(units), size))
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []
    finished = False
    previous = signal.signal(signal.SIGTERM, _stop)
    for stream in (sys.stdout, sys.stderr):  # what is buffered must not be written twice
        stream.flush()
    gc.freeze()  # the parent's objects stay put: pages shared with the workers stay shared
    try:
        # Ctrl-C and SIGTERM wait until every worker started is in `workers` (the
        # `finally` below ends exactly those); a worker lets them through again itself.
        masked = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        try:
            for _ in range(jobs - 1):  # and the parent is one more
                ours, theirs = context.Pipe()
                others = [w.conn for w in workers]  # the parent's ends: not a worker's
                process = context.Process(
                    target=_serve, args=(checker, theirs, os.getpid(), others), daemon=True
                )
                workers.append(_Worker(process, ours))
                process.start()
                theirs.close()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, masked)
        gc.unfreeze()
        for worker in workers:
            _hand_out(worker, waiting)
        while busy := [w for w in workers if w.share is not None]:
            # the parent checks a folder itself whenever no worker has finished one
            ready = wait([w.conn for w in busy], timeout=0 if waiting else None)
            for conn in ready:
                worker = next(w for w in busy if w.conn is conn)
                share, worker.share = worker.share or [], None
                try:
                    done: list[tuple[str, list[Row]]] | None = worker.conn.recv()
                except (EOFError, OSError):  # it died: nothing more goes to it
                    done, worker.alive = None, False
                if worker.alive:
                    _hand_out(worker, waiting)
                if done is None:  # failed or died: its units are checked here
                    done = [(unit, checker.check(rels)) for unit, rels in share]
                yield from done
            if not ready and waiting:
                unit, rels = _one(waiting)
                yield unit, checker.check(rels)
        while waiting:  # no worker left: the rest here
            unit, rels = _one(waiting)
            yield unit, checker.check(rels)
        finished = True
    finally:
        gc.unfreeze()
        _end(workers, finished)
        signal.signal(signal.SIGTERM, previous)


def _one(waiting: deque[list[Unit]]) -> Unit:
    """The next unit of the next share (the rest of the share stays next)."""
    first, *rest = waiting.popleft()
    if rest:
        waiting.appendleft(rest)
    return first


def _hand_out(worker: _Worker, waiting: deque[list[Unit]]) -> None:
    if waiting:
        share = waiting.popleft()
        try:
            worker.conn.send(share)
        except OSError:  # it died: the share waits for another (or the parent)
            waiting.appendleft(share)
            worker.alive = False
            return
        worker.share = share


def _end(workers: list[_Worker], finished: bool) -> None:
    """Workers told to stop after a full run, ended at once otherwise (Ctrl-C, SIGTERM,
    an error): none is left behind."""
    workers = [w for w in workers if w.process.pid is not None]  # never started
    for worker in workers:
        if not worker.alive:
            continue
        if finished:
            with suppress(OSError):
                worker.conn.send(None)
        else:
            worker.process.terminate()
    for worker in workers:
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()


def _serve(checker: Checker, conn: Connection, parent: int, others: list[Connection]) -> None:
    """A worker: check the units it is given until told to stop (None) or the parent goes
    (its end of the pipe closes: the other workers' copies of the parent's ends are closed
    here, so that only the parent holds one)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which ends us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)
    _die_with_parent(parent)
    for other in others:
        other.close()
    while True:
        try:
            share: list[Unit] | None = conn.recv()
        except (EOFError, OSError):
            return
        if share is None:
            return
        result: Any
        try:
            result = [(unit, checker.check(rels)) for unit, rels in share]
        except Exception:  # the parent checks these units itself and shows the error
            result = None
        conn.send(result)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies, however it dies (SIGKILL
    included); elsewhere the parent's `finally` is what ends it."""
    if sys.platform.startswith("linux"):
        try:
            # start-up: ctypes loads only in a worker, on Linux
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent went before the request was made
        os._exit(1)
