"""What a failed git command raises: git's own words, and the missing identity that stops
a commit before it is tried."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import PcsmError


class GitError(PcsmError, RuntimeError):
    """A git command failed; the message is git's own."""

    def __init__(self, command: Sequence[str], status: int | None, stderr: str) -> None:
        self.command = list(command)
        self.status = status
        self.stderr = stderr.strip()
        super().__init__(f"git {' '.join(self.command[1:3])} failed: {self.stderr or status}")


class IdentityMissing(GitError):
    """No git identity is configured, so pcsm will not commit."""

    def __init__(self, root: Path) -> None:
        message = (
            "no git identity is set, so the change cannot be committed under your name.\n"
            "Set one (once per machine):\n"
            '  git config --global user.name "Your Name"\n'
            "  git config --global user.email you@example.com\n"
            f"or only for this repository: git -C {root} config user.name ...\n"
            "Nothing was changed."
        )
        super().__init__(["git", "config", "user.name"], None, message)
