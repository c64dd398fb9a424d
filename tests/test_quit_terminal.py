"""Quitting in a real terminal gives the terminal back as it was.

pcsm's quit does not wait for Textual's keyboard thread (ui/quitdriver.py: 200 of the 220 ms
a quit took were that thread's last two polls). What must not be lost with the wait is
the terminal: mouse reporting off, the alternate screen left, the cursor shown, and the
terminal's own settings (echo, line editing) put back. The terminal here is a real
pseudo-terminal around a real child process.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time

from pcsm_tui.store.repository import Repository

from .helpers import PCSM, WAIT


def _read_until(main: int, process: subprocess.Popen[bytes], want: bytes, seen: bytes) -> bytes:
    """What the terminal showed, read until `want` is in it or the process has ended."""
    deadline = time.monotonic() + WAIT
    while want not in seen:
        assert time.monotonic() < deadline, f"never shown: {want!r}\n{seen[-2000:]!r}"
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                seen += os.read(main, 65536)
            except OSError:  # the terminal closed
                break
        elif process.poll() is not None:
            break
    return seen


def test_q_gives_the_terminal_back(repo: Repository) -> None:
    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    before = termios.tcgetattr(child)
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("TEXTUAL_DRIVER", None)
    process = subprocess.Popen(
        [*PCSM, str(repo.root)], stdin=child, stdout=child, stderr=child, env=env
    )
    try:
        seen = _read_until(main, process, b"Acme Corp", b"")
        assert termios.tcgetattr(child) != before, "the app never took the terminal"
        shown = len(seen)
        os.write(main, b"q")
        code = process.wait(timeout=WAIT)
        after = _read_until(main, process, b"\x1b[?25h", seen)[shown:]
        restored = termios.tcgetattr(child)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
        os.close(child)
    assert code == 0, after
    assert restored == before  # echo and line editing are back
    for sequence, what in (
        (b"\x1b[?1000l", "mouse reporting off"),
        (b"\x1b[?1049l", "the alternate screen left"),
        (b"\x1b[?25h", "the cursor shown"),
    ):
        assert sequence in after, f"{what}: {sequence!r} not written at quit\n{after!r}"
