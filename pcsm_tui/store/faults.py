"""Named fault points: where a test can make pcsm die or fail in the middle of a save.

A crash test needs to stop a real pcsm process at an exact moment (after the third file
of `pcsm new` is renamed, just before `git push`…) and then check that nothing is half
done. Each such moment calls `point("save.after-rename")`; a test runs a child process
with the environment variable

    PCSM_FAULT=<name>[@N][:exit|:oserror]

and at the N-th time (default: the first) the point is reached the child either ends at
once as if killed (`exit`, the default: `os._exit`, no clean-up, no `finally`) or raises
an OSError as a full disk would (`oserror`). Unset, a point costs one dictionary lookup.
"""

from __future__ import annotations

import errno
import os
import threading

from ..errors import PcsmError

ENV = "PCSM_FAULT"
KILLED_STATUS = 137
"""The exit status of a process killed by SIGKILL, as a shell reports it."""

POINTS: tuple[str, ...] = (
    "save.before-write",
    "save.before-rename",
    "save.after-rename",
    "save.before-commit",
    "save.after-commit",
    "sync.during-merge",
    "sync.before-push",
)
"""Every named point (a test runs each in turn): the journal is written before any file
(`before-write`); each file is fsynced but not renamed (`before-rename`) or renamed
(`after-rename`); all files are in place and git has not been asked (`before-commit`); the
commit is made and the journal not yet removed (`after-commit`); a sync's merge is made but
not committed (`during-merge`); the merge is committed and not pushed (`before-push`)."""

_hits: dict[str, int] = {}
_guard = threading.Lock()


class InjectedFault(PcsmError, OSError):
    """The OSError a fault point raises (errno ENOSPC, like a full disk)."""


def point(name: str) -> None:
    """Die or fail here if the environment asks for it (see the module docstring)."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    wanted, _, how = spec.partition(":")
    wanted, _, nth = wanted.partition("@")
    if wanted != name:
        return
    with _guard:
        _hits[name] = _hits.get(name, 0) + 1
        count = _hits[name]
    if count != (int(nth) if nth else 1):
        return
    if how == "oserror":
        raise InjectedFault(errno.ENOSPC, f"No space left on device (injected at {name})")
    os._exit(KILLED_STATUS)
