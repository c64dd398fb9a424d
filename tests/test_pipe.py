"""Output piped into `head` (or any reader that stops early) ends quietly: no traceback,
exit 0 or 141 (the shell's code for a closed pipe)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PCSM = [sys.executable, "-m", "pcsm_tui.cli"]


def into_closed_pipe(args: list[str], cwd: Path | None = None) -> tuple[int, str]:
    """`pcsm ARGS` writing into a pipe whose reader is gone before pcsm writes a byte (what
    `| head` does to a command still working): its exit code and what it said on stderr."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [*PCSM, *args],
            cwd=cwd,
            stdout=writer,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
        )
    finally:
        os.close(writer)
    return done.returncode, done.stderr


def through_head(args: list[str], cwd: Path | None = None) -> str:
    """`pcsm ARGS | head -1` as a shell runs it; checks pcsm ended quietly (exit 0 or 141,
    nothing on stderr) and returns what head printed."""
    pcsm = subprocess.Popen(
        [*PCSM, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert pcsm.stdout is not None and pcsm.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=pcsm.stdout, capture_output=True, text=True)
    pcsm.stdout.close()  # only head reads it now: when head stops, the pipe is closed
    errors = pcsm.stderr.read().decode()
    assert pcsm.wait(timeout=120) in (0, 141)
    assert errors == ""
    return head.stdout


def test_log_piped_into_head_ends_quietly(demo_copy: Path) -> None:
    shown = through_head(["log", "--repo", str(demo_copy)])
    assert shown.startswith("commit ") and shown.count("\n") == 1


def test_the_summary_into_a_closed_pipe_ends_quietly(demo_copy: Path) -> None:
    assert into_closed_pipe([str(demo_copy)]) == (141, "")


COMMANDS = [
    ["log"],
    ["log", "--format", "json"],
    ["blame", "northwind-emea", "risks"],
    ["blame", "northwind-emea", "risks", "--history"],
    ["guide", "northwind-emea"],
    ["get", "northwind-emea", "risks"],
    ["diff", "HEAD~5", "HEAD"],
    ["privacy", "report"],
    ["knowledge", "search"],
    ["schemas"],
    ["man"],
    ["completion", "bash"],
    ["--help"],
]
"""Every command that prints something on the demo, from a few lines to a megabyte."""


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_into_a_closed_pipe_ends_quietly(demo_dir: Path, args: list[str]) -> None:
    """Exit 141 as for git, nothing on stderr, whatever the command prints with."""
    # argparse writes its help ignoring write errors, so `--help` ends 0 (quietly all the same)
    assert into_closed_pipe(args, demo_dir) == (0 if args == ["--help"] else 141, "")


@pytest.mark.parametrize("args", COMMANDS[:2] + COMMANDS[-3:], ids=" ".join)
def test_long_output_into_head_ends_quietly(demo_dir: Path, args: list[str]) -> None:
    assert through_head(args, demo_dir).count("\n") == 1
