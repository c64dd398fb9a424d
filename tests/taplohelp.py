"""Running taplo in tests: found beside the interpreter (the dev extra installs it) or on
PATH; tests that need it are skipped, with the reason, without it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _taplo() -> str | None:
    beside = Path(sys.executable).parent / "taplo"
    return str(beside) if beside.is_file() else shutil.which("taplo")


TAPLO = _taplo()
needs_taplo = pytest.mark.skipif(
    TAPLO is None, reason="taplo is not installed (`pip install -e '.[dev]'` installs it)"
)


def taplo(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run taplo in `root` as an editor would: the repository is the workspace."""
    assert TAPLO is not None
    return subprocess.run(
        [TAPLO, *args, "--colors", "never"],
        cwd=root,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def errors(output: str) -> dict[str, list[str]]:
    """taplo lint's output -> repository path -> its error messages."""
    found: dict[str, list[str]] = {}
    message = ""
    for line in output.splitlines():
        if line.startswith("error: "):
            message = line.removeprefix("error: ")
        where = re.match(r"\s*┌─ (.+):\d+:\d+$", line)
        if where and message:
            found.setdefault(where.group(1), []).append(message)
    return found
