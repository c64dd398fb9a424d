"""The terminal driver pcsm runs on: Textual's own, except that quitting does not wait for
the keyboard thread.

Textual's Linux driver reads the keyboard in a thread that polls stdin every 0.1 s and, once
told to stop, polls once more; leaving the terminal joins that thread, so every quit waited
100-200 ms for two polls that read nothing anybody wants (measured: 200 of the 220 ms
between `q` and the process's end, in a real terminal). When the app is quitting, the
thread is told to stop and is not waited for: the process ends moments later
(ui/factory.end_process) and the thread with it. Everything else of leaving the terminal
is Textual's as before (mouse and paste modes off, the saved terminal settings put back,
the alternate screen left, the cursor shown). Suspending the app (for an editor or a pager)
still waits for the thread, because a new one starts when the app resumes and two threads
must never read the same keyboard.
"""

from __future__ import annotations

import contextlib
import signal
import termios

from textual.drivers.linux_driver import LinuxDriver


class QuickQuitDriver(LinuxDriver):
    """LinuxDriver whose `disable_input` does not join the keyboard thread when quitting."""

    def disable_input(self) -> None:
        if not self._app._exit or self.exit_event.is_set():
            super().disable_input()
            return
        signal.signal(signal.SIGWINCH, signal.SIG_DFL)
        self._disable_mouse_support()
        # Left set: the thread ends at its next poll (or with the process), and Textual's
        # second call of this method, from its shutdown, sees it set and does nothing.
        self.exit_event.set()
        with contextlib.suppress(termios.error):  # not a terminal after all: nothing to flush
            termios.tcflush(self.fileno, termios.TCIFLUSH)
