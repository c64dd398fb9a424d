"""What tests/test_stateful_clones.py reads from and does to real clones, outside the model.

Reading a clone as the model's keys (work tree, a revision, the remote), the exact change a
commit made, an outside editor's write, and real `pcsm` child processes: several started
at the same moment (each imports pcsm first and waits on its stdin, so the saves race,
not the interpreters' start-up), or one stopped at a fault point (store/faults.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pcsm_tui.models.edit import set_value
from pcsm_tui.store.toml_codec import loads, merge_into

from .conftest import git as run_git
from .remotes import Clone
from .stateful_model import FILES, MISSING, Key, State, data_path, read_text

CHILD_TIMEOUT_S = 180
READY = """
import sys
from pcsm_tui.cli import main
print("ready", flush=True)
sys.stdin.read(1)
sys.exit(main(sys.argv[1:]))
"""


def on_disk(root: Path) -> State:
    out: State = {}
    for rel in FILES:
        out.update(read_text(rel, (root / rel).read_text(encoding="utf-8")))
    return out


def at_revision(git_dir: Path, rev: str) -> State:
    """The model's keys as of `rev` (`git -C` works on a clone or on the bare remote)."""
    out: State = {}
    for rel in FILES:
        text = run_git(git_dir, "show", f"{rev}:{rel}", check=False)
        if text:
            out.update(read_text(rel, text))
    return out


def delta(root: Path, sha: str) -> State:
    """Exactly what commit `sha` changed, key by key (MISSING: the key went)."""
    before, after = at_revision(root, f"{sha}^"), at_revision(root, sha)
    return {
        key: after.get(key, MISSING)
        for key in {*before, *after}
        if before.get(key, MISSING) != after.get(key, MISSING)
    }


def change_between(before: State, after: State) -> State:
    return {
        key: after.get(key, MISSING)
        for key in {*before, *after}
        if before.get(key, MISSING) != after.get(key, MISSING)
    }


def outside_write(root: Path, key: Key, value: Any) -> None:
    """Change one value in the file as another editor would: plain write, layout kept."""
    outside_change(root, key[0], lambda data: data.update(set_value(data, data_path(key), value)))


def outside_change(root: Path, rel: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the file's data in place as another editor would (plain write, layout kept)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    data = loads(text)
    change(data)
    path.write_text(merge_into(text, data), "utf-8")


def outside_note(root: Path, rel: str, note: str) -> None:
    """A person adds a comment line at the top of the file."""
    path = root / rel
    path.write_text(f"{note}\n" + path.read_text(encoding="utf-8"), "utf-8")


def dirty(clone: Clone) -> set[str]:
    out = clone.git("status", "--porcelain", "--untracked-files=all", "-z")
    return {entry[3:] for entry in out.split("\0") if entry}


def child_env(clone: Clone, fault: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PCSM_FAULT", "PCSM_LOCK_TIMEOUT")}
    env.update(clone.env)
    if fault:
        env["PCSM_FAULT"] = fault
    return env


@dataclass
class Finished:
    code: int
    out: str
    err: str

    def sha(self) -> str | None:
        """The commit `pcsm set` reported (None: "nothing changed")."""
        first = self.out.strip().splitlines()[0] if self.out.strip() else ""
        if first.startswith("committed "):
            return first.split()[1].rstrip(":")
        return None


def pcsm(clone: Clone, *args: str, fault: str | None = None) -> Finished:
    """One real `pcsm` process in the clone (with a fault point armed, if given)."""
    done = subprocess.run(
        [sys.executable, "-m", "pcsm_tui.cli", *args],
        cwd=clone.root,
        env=child_env(clone, fault),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    return Finished(done.returncode, done.stdout, done.stderr)


class Together:
    """Several `pcsm` processes released at the same moment (after their imports)."""

    def __init__(self, clone: Clone, commands: list[list[str]]) -> None:
        self.children = [
            subprocess.Popen(
                [sys.executable, "-c", READY, *command],
                cwd=clone.root,
                env=child_env(clone),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in commands
        ]
        for child in self.children:  # a line, not a sleep: each child is ready
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line.strip() == "ready", (line, child.stderr.read() if child.stderr else "")

    def go(self) -> None:
        for child in self.children:
            assert child.stdin is not None
            child.stdin.write("g")
            child.stdin.close()
            child.stdin = None  # so that communicate() does not flush it

    def wait(self) -> list[Finished]:
        out = []
        for child in self.children:
            stdout, stderr = child.communicate(timeout=CHILD_TIMEOUT_S)
            out.append(Finished(child.returncode, stdout, stderr))
        return out
