"""The git service: every git call pcsm makes goes through here.

It drives the git command line through GitPython's `Git.execute` (design B3: the index API
is ~15x slower on big repositories), never prompts (no terminal, no askpass), puts `--`
before paths, times out, and surfaces git's own error text.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GIT_TIMEOUT_S = 60

_QUIET_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GCM_INTERACTIVE": "never",
    "GIT_EDITOR": "true",
    "GIT_MERGE_AUTOEDIT": "no",
    "GIT_SSH_COMMAND": "ssh -o BatchMode=yes",
}


class GitError(RuntimeError):
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


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author: str
    email: str
    date: str
    """Author date, strict ISO 8601."""
    subject: str


_FIELD = "\x1f"
_RECORD = "\x1e"
_LOG_FORMAT = _FIELD.join(["%H", "%an", "%ae", "%aI", "%s"]) + _RECORD


class GitService:
    """Git for one repository folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._git: Any = None
        self._identity_ok = False

    def _runner(self) -> Any:
        if self._git is None:
            from git.cmd import Git  # imported lazily: GitPython costs ~150 ms to import

            self._git = Git(str(self.root))
        return self._git

    def run(
        self,
        *args: str,
        stdin: bytes | None = None,
        env: Mapping[str, str] | None = None,
        check: bool = True,
        strip: bool = True,
    ) -> tuple[int, str, str]:
        """Run `git args...`; return (status, stdout, stderr); raise GitError if check."""
        from git.exc import GitCommandError

        command = ["git", *args]
        full_env = {**_QUIET_ENV, **(env or {})}
        handle = None
        try:
            if stdin is not None:
                handle = tempfile.TemporaryFile()
                handle.write(stdin)
                handle.seek(0)
            status, out, err = self._runner().execute(
                command,
                istream=handle,
                with_extended_output=True,
                with_exceptions=False,
                kill_after_timeout=GIT_TIMEOUT_S,
                env=full_env,
                strip_newline_in_stdout=strip,
            )
        except GitCommandError as error:  # e.g. git missing
            status = error.status if isinstance(error.status, int) else None
            raise GitError(command, status, str(error.stderr or error)) from error
        finally:
            if handle is not None:
                handle.close()
        if check and status != 0:
            raise GitError(command, status, err or out)
        return status, out, err

    def out(self, *args: str) -> str:
        return self.run(*args)[1]

    # --- repository state -------------------------------------------------------------------

    def is_repository(self) -> bool:
        return self.run("rev-parse", "--is-inside-work-tree", check=False)[0] == 0

    def init(self) -> None:
        self.run("init", "--quiet", "--initial-branch=main")

    def head(self) -> str | None:
        status, out, _ = self.run("rev-parse", "--verify", "--quiet", "HEAD", check=False)
        return out if status == 0 else None

    def check_identity(self, env: Mapping[str, str] | None = None) -> None:
        """Raise IdentityMissing unless a name and an email are configured."""
        if self._identity_ok:
            return
        merged = {**os.environ, **(env or {})}
        have_env = merged.get("GIT_AUTHOR_NAME") and merged.get("GIT_AUTHOR_EMAIL")
        if not have_env:
            _, out, _ = self.run("config", "--get-regexp", r"^user\.(name|email)$", check=False)
            keys = {line.split(" ", 1)[0] for line in out.splitlines() if " " in line}
            if not {"user.name", "user.email"} <= keys:
                raise IdentityMissing(self.root)
        self._identity_ok = env is None

    # --- writing ----------------------------------------------------------------------------

    def commit(
        self,
        paths: Sequence[str],
        message: str,
        env: Mapping[str, str] | None = None,
        stage: Sequence[str] | None = None,
    ) -> str | None:
        """Commit exactly `paths` (added, changed or deleted) as one commit; return its sha.

        `stage` names the paths git does not track yet (or that were deleted): they are
        added first; tracked files are taken straight from the work tree by `--only`, which
        saves a process per edit. Without `stage`, every path is added and a commit is only
        made if they hold a change (None is returned otherwise). Other staged work is left
        staged and out of this commit.
        """
        self.check_identity(env)
        if stage is None:
            self.run("add", "--all", "--", *paths, env=env)
            status, _, _ = self.run("diff", "--cached", "--quiet", "--", *paths, check=False)
            if status == 0:
                return None
        elif stage:
            self.run("add", "--all", "--", *stage, env=env)
        self.run(
            "commit",
            "--quiet",
            "--no-edit",
            "--file=-",
            "--only",
            "--",
            *paths,
            stdin=message.encode("utf-8"),
            env=env,
        )
        head = self.head()
        assert head is not None
        return head

    # --- reading ----------------------------------------------------------------------------

    def log(
        self,
        path: str | None = None,
        max_count: int | None = None,
        since: str | None = None,
        grep: str | None = None,
    ) -> list[CommitInfo]:
        if self.head() is None:
            return []
        args = ["log", f"--format={_LOG_FORMAT}"]
        if max_count is not None:
            args.append(f"--max-count={max_count}")
        if since:
            args.append(f"--since={since}")
        if grep:
            args.append(f"--grep={grep}")
        if path:
            args += ["--", path]
        out = self.out(*args)
        commits = []
        for record in out.split(_RECORD):
            record = record.strip("\n")
            if record:
                sha, author, email, date, subject = record.split(_FIELD)
                commits.append(CommitInfo(sha, author, email, date, subject))
        return commits

    def message(self, rev: str) -> str:
        return self.out("log", "-1", "--format=%B", rev, "--")

    def show_file(self, rev: str, path: str) -> str | None:
        """A file's text at `rev`, or None if it did not exist there."""
        status, out, _ = self.run("show", f"{rev}:{path}", check=False, strip=False)
        return out if status == 0 else None

    def changed_files(self, rev: str) -> list[str]:
        return self.out(
            "diff-tree", "--no-commit-id", "--name-only", "-r", "--root", rev
        ).splitlines()
