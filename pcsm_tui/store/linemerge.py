"""Line merge of multi-line text fields: git's own `git merge-file`, never a looser one.

A text field that both sides changed (notes, descriptions, a proposal's preamble) is merged
by lines. Which base line a side "kept" is a guess when lines repeat (`- TBD` twice): a diff
may align a deletion with either copy, and a merger that aligns differently from git can
merge cleanly where git sees both sides touching the same lines, silently dropping one
side's deletion. pcsm promises to be at least as careful as git, so it asks git itself: the
three versions go to `git merge-file` through temporary files and only its clean result
(exit 0) is used; any conflict, error, timeout or missing git counts as a conflict, so a
person decides. The cost, a few milliseconds, is paid only for a text changed differently
on both sides: one-sided changes never get here.

git is run outside any repository and without the user's or the system's configuration,
so a repository's config cannot change how text merges (or run anything), and the same
inputs give the same answer on every machine.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

TextMerger = Callable[[str, str, str], "str | None"]
"""(base, ours, theirs) -> the merged text, or None when the edits conflict."""

TIMEOUT_SECONDS: Final = 30.0
"""A merge that takes longer than this is reported as a conflict rather than waited on."""


def _environment(ceiling: Path) -> dict[str, str]:
    """The caller's environment without git's variables and with no config files read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CEILING_DIRECTORIES=str(ceiling),
        LC_ALL="C",
    )
    return env


def git_merge_lines(base: str, ours: str, theirs: str) -> str | None:
    """`git merge-file` of three texts: the merged text, or None on any conflict or failure.

    Symmetric in `ours` and `theirs` (git diffs each side against the base on its own), and
    merge(b, x, x) == merge(b, b, x) == merge(b, x, b) == x.
    """
    try:
        encoded = [text.encode("utf-8") for text in (ours, base, theirs)]
    except UnicodeEncodeError:
        return None
    with tempfile.TemporaryDirectory(prefix="pcsm-merge-") as folder:
        where = Path(folder)
        paths = [where / name for name in ("ours", "base", "theirs")]
        for path, data in zip(paths, encoded, strict=True):
            path.write_bytes(data)
        try:
            done = subprocess.run(
                ["git", "merge-file", "-p", "-q", "--", *map(str, paths)],
                cwd=where,
                env=_environment(where.parent),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


merge_lines: TextMerger = git_merge_lines
"""The line merge every structured merge uses unless told otherwise."""
