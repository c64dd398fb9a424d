"""Two CSMs and a shared remote, with real git: a bare repository (or `git daemon`) in tmp_path.

`team()` builds the remote from a repository folder (read only) and clones it twice (alice,
bob), each with its own identity. `Clone` edits TOML through the same service as the app and
runs `pcsm sync` through the CLI, so the tests see exactly what a user would.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.cli import main
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.toml_codec import loads, merge_into
from pcsm_tui.store.validate import validate_repository


def run_git(root: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


@dataclass
class Clone:
    """One CSM's clone of the central repository."""

    name: str
    root: Path

    @property
    def env(self) -> dict[str, str]:
        email = f"{self.name}@example.com"
        return {
            "GIT_AUTHOR_NAME": self.name.title(),
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": self.name.title(),
            "GIT_COMMITTER_EMAIL": email,
        }

    def git(self, *args: str, check: bool = True) -> str:
        return run_git(self.root, *args, check=check, env=self.env)

    def read(self, rel: str) -> dict[str, Any]:
        return loads((self.root / rel).read_text(encoding="utf-8"))

    def edit(self, rel: str, change: Callable[[dict[str, Any]], None], message: str) -> None:
        """Change a file's data (keeping its layout) and commit it, as a hand edit would."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        data = loads(text)
        change(data)
        path.write_text(merge_into(text, data), encoding="utf-8")
        self.git("commit", "-q", "-m", message, "--", rel)

    def sync(self, *args: str) -> int:
        with _environment(self.env):
            code = main(["sync", "--repo", str(self.root), *args])
        return code

    def errors(self) -> list[str]:
        return [str(f) for f in validate_repository(self.root) if f.severity == "error"]


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass
class Team:
    remote: str
    """The remote's URL (a path, or git:// for the daemon)."""
    bare: Path
    alice: Clone
    bob: Clone


def make_bare(source: Path, bare: Path) -> None:
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(source), str(bare)], check=True, capture_output=True
    )


def clone(url: str, target: Path, name: str) -> Clone:
    subprocess.run(["git", "clone", "-q", url, str(target)], check=True, capture_output=True)
    Repository.open(target)  # as the app or CLI would: installs the merge driver
    return Clone(name, target)


def team(source: Path, tmp_path: Path, bare: Path | None = None, url: str | None = None) -> Team:
    """A bare remote made from `source` and two clones of it (alice and bob).

    `bare` and `url` name a remote that already exists (e.g. one served by `git daemon`).
    """
    if bare is None:
        bare = tmp_path / "remote.git"
        make_bare(source, bare)
    address = url or str(bare)
    return Team(
        address,
        bare,
        clone(address, tmp_path / "alice", "alice"),
        clone(address, tmp_path / "bob", "bob"),
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def git_daemon(base: Path) -> Iterator[str]:
    """`git daemon` serving `base` on 127.0.0.1 with push enabled; yields its git:// URL."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    probe = subprocess.run(["git", "daemon", "--help"], capture_output=True, text=True)
    if probe.returncode not in (0, 129) or "daemon" not in (probe.stdout + probe.stderr):
        pytest.skip("git daemon is not available")
    port = free_port()
    process = subprocess.Popen(
        [
            "git",
            "daemon",
            "--reuseaddr",
            "--export-all",
            "--enable=receive-pack",
            f"--base-path={base}",
            "--listen=127.0.0.1",
            f"--port={port}",
            str(base),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                pytest.skip(f"git daemon did not start: {stderr.strip()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.skip("git daemon did not start listening within 10 s")
                time.sleep(0.05)
        yield f"git://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
