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

from .conftest import git
from .helpers import wait_until


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
        return git(self.root, *args, check=check, env=self.env)

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


def _start_daemon(base: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`git daemon` listening on a free port. The port is free when asked for and may be
    taken (by a test in another process) before the daemon binds it: then another port."""
    for _attempt in range(5):
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

        def listening(process: subprocess.Popen[bytes] = process, port: int = port) -> bool:
            if process.poll() is not None:
                return True  # no more to wait for: it stopped
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return True
            except OSError:
                return False

        wait_until(listening, f"git daemon to listen on port {port}")
        if process.poll() is None:
            return process, port
        stderr = process.stderr.read().decode() if process.stderr else ""
        if "Address already in use" not in stderr:
            pytest.skip(f"git daemon did not start: {stderr.strip()}")
    pytest.fail("git daemon found no free port in five tries")


@contextmanager
def git_daemon(base: Path) -> Iterator[str]:
    """`git daemon` serving `base` on 127.0.0.1 with push enabled; yields its git:// URL."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    probe = subprocess.run(["git", "daemon", "--help"], capture_output=True, text=True)
    if probe.returncode not in (0, 129) or "daemon" not in (probe.stdout + probe.stderr):
        pytest.skip("git daemon is not available")
    process, port = _start_daemon(base)
    try:
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
