"""Output piped into `head` (or any reader that stops early) ends quietly: no traceback,
exit 0 or 141 (the shell's code for a closed pipe)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PCSM = [sys.executable, "-m", "pcsm_tui.cli"]


def test_log_piped_into_head_ends_quietly(demo_copy: Path) -> None:
    pcsm = subprocess.Popen(
        [*PCSM, "log", "--repo", str(demo_copy)],
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
    assert head.stdout.startswith("commit ") and head.stdout.count("\n") == 1


def test_the_summary_into_a_closed_pipe_ends_quietly(demo_copy: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before pcsm writes a byte
    try:
        done = subprocess.run(
            [*PCSM, str(demo_copy)],
            stdout=writer,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert done.returncode == 141
    assert done.stderr == ""


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
    """The reader is gone before the first byte (what `| head` does to a command that is
    still working): exit 141 as for git, nothing on stderr, whatever the command prints
    with."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [*PCSM, *args],
            cwd=demo_dir,
            stdout=writer,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
        )
    finally:
        os.close(writer)
    # argparse writes its help ignoring write errors, so `--help` ends 0 (quietly all the same)
    assert (done.returncode, done.stderr) == (0 if args == ["--help"] else 141, "")


@pytest.mark.parametrize("args", COMMANDS[:2] + COMMANDS[-3:], ids=" ".join)
def test_long_output_into_head_ends_quietly(demo_dir: Path, args: list[str]) -> None:
    """`pcsm ... | head -1` as a shell runs it: head reads one line and leaves."""
    pcsm = subprocess.Popen(
        [*PCSM, *args],
        cwd=demo_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert pcsm.stdout is not None and pcsm.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=pcsm.stdout, capture_output=True, text=True)
    pcsm.stdout.close()
    errors = pcsm.stderr.read().decode()
    assert pcsm.wait(timeout=120) in (0, 141)
    assert errors == ""
    assert head.stdout.count("\n") == 1
