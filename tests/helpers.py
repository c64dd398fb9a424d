"""Helpers shared by the tests that do not drive the app (those are in tests/apphelp.py).

One definition each: waiting for a condition (which fails the test when it does not come),
running pcsm in-process or as a child, and reading what a repository holds.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.cli import main
from pcsm_tui.store.validate import validate_repository

from .conftest import git

PCSM = [sys.executable, "-m", "pcsm_tui.cli"]
"""pcsm as a child process (the interpreter of the tests, this checkout's code)."""

WAIT = 60.0
"""How long a wait may take before the test fails: generous, since the two cores of a
developer's machine are shared by several test processes (pytest -n auto)."""


def wait_until(condition: Callable[[], object], what: str, timeout: float = WAIT) -> None:
    """Return as soon as `condition()` is true; fail the test if it is not within `timeout`.

    For what another process does (a child's hook starting, git exiting): there is no event
    to wait on, so the condition is looked at every 10 ms.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.01)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`pcsm ARGS` in this process: its exit code, what it printed and what it complained."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_child(
    root: Path, args: list[str], fault: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`args` as a child in `root`, with the fault point `fault` armed (store/faults.py) or
    none (a PCSM_FAULT of the caller's environment is never passed on)."""
    env = {key: value for key, value in os.environ.items() if key != "PCSM_FAULT"}
    if fault:
        env["PCSM_FAULT"] = fault
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def pcsm_child(
    root: Path, *args: str, fault: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`pcsm ARGS` as a child in `root` (see run_child)."""
    return run_child(root, [*PCSM, *args], fault)


def errors(root: Path) -> list[str]:
    """validate's errors for the repository at `root` (warnings left out)."""
    return [str(f) for f in validate_repository(root) if f.severity == "error"]


def commits(root: Path) -> int:
    """How many commits HEAD has."""
    return int(git(root, "rev-list", "--count", "HEAD"))


def toml_at(root: Path, rel: str) -> dict[str, Any]:
    """The file `rel` of the repository at `root`, parsed."""
    return tomllib.loads((root / rel).read_text(encoding="utf-8"))


def toml_digests(root: Path) -> dict[str, str]:
    """Every TOML file of the work tree with the digest of its bytes: equal before and
    after means not a byte was written."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.toml"))
        if ".git" not in p.parts
    }


def docx_text(path: Path) -> str:
    """A Word document's paragraphs, then its tables' rows as `cell | cell`: what a reader
    sees, for asserting on what pcsm wrote."""
    from docx import Document  # heavy: only the tests that read a document load it

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)
