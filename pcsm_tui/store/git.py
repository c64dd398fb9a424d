"""The git service: every git call pcsm makes goes through here.

It drives the git command line (design B3: GitPython's index API is ~15x slower on big
repositories) as plain child processes (`run_plain`: GitPython's `Git.execute` cost ~150 ms
to import and two `git version` calls per process, issue 16), never prompts (no terminal,
no askpass), puts `--` before paths, times out, and surfaces git's own error text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from .giterrors import GitError as GitError
from .giterrors import IdentityMissing as IdentityMissing
from .gitlog import ENTRY_FORMAT, LOG_FORMAT, parse_entries, parse_log, parse_raw
from .gitlog import CommitInfo as CommitInfo
from .gitlog import FileDelta as FileDelta
from .gitlog import LogEntry as LogEntry
from .gitrun import run_plain
from .gitstate import GitMergeState
from .readers import current as current_readers

GIT_TIMEOUT_S = 60
NETWORK_TIMEOUT_S = 120
"""Fetch and push may wait on a slow remote, but never forever."""

_QUIET_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    # Reads (status in the header) must never take the index lock a commit needs.
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GCM_INTERACTIVE": "never",
    "GIT_EDITOR": "true",
    "GIT_MERGE_AUTOEDIT": "no",
    "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=20",
    "GIT_HTTP_LOW_SPEED_LIMIT": "1000",
    "GIT_HTTP_LOW_SPEED_TIME": "30",
}

QUIET_ENV = _QUIET_ENV
"""The same, for the few reads that run git as a plain child process (a warm validate
must not import GitPython: store/validate_cache)."""


def no_implicit_bare_repositories() -> dict[str, str]:
    """`safe.bareRepository=explicit` for every git pcsm runs, added to the caller's own
    GIT_CONFIG_COUNT settings: a bare repository committed inside a central repository
    (its own `config` with a `core.fsmonitor` command) is never picked up by git's search
    for a repository, even if pcsm is pointed at a folder inside it."""
    count = os.environ.get("GIT_CONFIG_COUNT", "0")
    index = int(count) if count.isdigit() else 0
    return {
        "GIT_CONFIG_COUNT": str(index + 1),
        f"GIT_CONFIG_KEY_{index}": "safe.bareRepository",
        f"GIT_CONFIG_VALUE_{index}": "explicit",
    }


class GitService(GitMergeState):
    """Git for one repository folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._identity_ok = False

    def run(
        self,
        *args: str,
        stdin: bytes | None = None,
        env: Mapping[str, str] | None = None,
        check: bool = True,
        strip: bool = True,
        timeout: float = GIT_TIMEOUT_S,
    ) -> tuple[int, str, str]:
        """Run `git args...`; return (status, stdout, stderr); raise GitError if check."""
        status, out, err = self._execute(args, stdin, env, strip, timeout, as_bytes=False)
        assert isinstance(out, str)
        if check and status != 0:
            raise GitError(["git", *args], status, err or out)
        return status, out, err

    def run_bytes(self, *args: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
        """Run `git args...` and return its output as bytes (blob contents, sizes in bytes)."""
        status, out, err = self._execute(args, stdin, None, False, GIT_TIMEOUT_S, as_bytes=True)
        assert isinstance(out, bytes)
        if status != 0:
            raise GitError(["git", *args], status, err)
        return status, out, err

    def _execute(
        self,
        args: Sequence[str],
        stdin: bytes | None,
        env: Mapping[str, str] | None,
        strip: bool,
        timeout: float,
        as_bytes: bool,
    ) -> tuple[int, str | bytes, str]:
        command = ["git", *args]
        full_env = {**_QUIET_ENV, **no_implicit_bare_repositories(), **(env or {})}
        readers = current_readers()
        if readers is not None:  # a read the app may abandon when it quits (store/readers)
            code, raw, raw_err = readers.run(command, self.root, full_env, stdin, timeout)
        else:
            code, raw, raw_err = run_plain(command, self.root, full_env, stdin, timeout)
        raw = raw[:-1] if strip and raw.endswith(b"\n") else raw
        text = raw if as_bytes else raw.decode("utf-8", errors="surrogateescape")
        return code, text, raw_err.decode("utf-8", errors="replace").removesuffix("\n")

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

    def confirm_identity(self) -> None:
        """A name and an email are known to be configured (a sync read git's config)."""
        self._identity_ok = True

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
            status, _, _ = self.run(
                "diff",
                "--cached",
                "--quiet",
                "--no-ext-diff",
                "--no-textconv",
                "--",
                *paths,
                check=False,
            )
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
        # cycle: store.plumbing imports this module (HEAD from the ref files: no second process)
        from .plumbing import read_head

        head = read_head(self)
        assert head is not None
        return head

    # --- reading ----------------------------------------------------------------------------

    def log(
        self,
        path: str | None = None,
        max_count: int | None = None,
        since: str | None = None,
        grep: str | None = None,
        rev: str | None = None,
        paths: Sequence[str] = (),
    ) -> list[CommitInfo]:
        """Commits, newest first (of `path` and `paths` when given). This and `log_files`
        are where pcsm reads `git log`; store/lastchange streams its own walk so that
        quitting can cut it short."""
        if self.head() is None:
            return []
        args = ["log", f"--format={LOG_FORMAT}", *([rev] if rev else [])]
        if max_count is not None:
            args.append(f"--max-count={max_count}")
        if since:
            args.append(f"--since={since}")
        if grep:
            args.append(f"--grep={grep}")
        if path or paths:
            args += ["--", *([path] if path else []), *paths]
        return parse_log(self.out(*args))

    def message(self, rev: str) -> str:
        return self.out("log", "-1", "--format=%B", rev, "--")

    def messages(self, span: str, max_count: int) -> list[str]:
        """The full messages of the newest `max_count` commits of `span` (`A..B`)."""
        args = ("log", "-z", f"--max-count={max_count}", "--format=%B", span)
        status, out, _ = self.run(*args, check=False, strip=False)
        return out.split("\0") if status == 0 else []

    def first_date_with(self, text: str, path: str) -> str | None:
        """The author date (YYYY-MM-DD) of the oldest commit that changed how often `text`
        occurs in `path` (`git log -S`, on the raw file, never pcsm's diff view of it)."""
        args = ("log", "--reverse", "--format=%aI", "--no-textconv", "-S", text, "--", path)
        status, out, _ = self.run(*args, check=False)
        first = out.splitlines()[0] if status == 0 and out.strip() else ""
        return first[:10] or None

    def show_file(self, rev: str, path: str) -> str | None:
        """A file's text at `rev`, or None if it did not exist there."""
        status, out, _ = self.run("show", f"{rev}:{path}", check=False, strip=False)
        return out if status == 0 else None

    def show_bytes(self, rev: str, path: str) -> bytes | None:
        """A file's exact bytes at `rev` (whatever their encoding), or None if it was not there."""
        status, out, _ = self._execute(
            ["show", f"{rev}:{path}"], None, None, False, GIT_TIMEOUT_S, as_bytes=True
        )
        return out if status == 0 and isinstance(out, bytes) else None

    def changed_files(self, rev: str) -> list[str]:
        return self.out(
            "diff-tree", "--no-commit-id", "--name-only", "-r", "--root", rev
        ).splitlines()

    # --- history with files -------------------------------------------------------------------

    def log_files(
        self,
        paths: Sequence[str] = (),
        since: str | None = None,
        max_count: int | None = None,
        rev: str = "HEAD",
        merges_per_parent: bool = False,
        files: bool = True,
    ) -> list[LogEntry]:
        """Commits touching `paths` (pathspecs), newest first, each with its changed files.

        One process for the whole history: `--raw -z` gives every file's old and new blob id,
        which `cat_blobs` then reads in one more process. Merge commits are listed without
        files (their changes are shown in the commits they merge), unless
        `merges_per_parent`: then a merge is listed once per parent, with its changes against
        that parent, parents before children (what field history needs). Without `files`
        the entries carry none: git then compares no trees, a fifth of a tool's history at
        1,000 engagements, and a history list needs only the commits.
        """
        args = ["log", f"--format={ENTRY_FORMAT}", "--no-renames", "-z"]
        if files:
            args += ["--raw", "--no-abbrev"]
        if merges_per_parent:
            args += ["--diff-merges=separate", "--topo-order"]
        if max_count is not None:
            args.append(f"--max-count={max_count}")
        if since:
            args.append(f"--since={since}")
        args += [rev, "--", *paths]
        status, out, err = self.run(*args, check=False)
        if status != 0:
            if self.head() is None:  # asked only when git failed: one process less each time
                return []
            raise GitError(["git", *args], status, err or out)
        return parse_entries(out)

    def diff_files(self, old: str, new: str | None, paths: Sequence[str] = ()) -> list[FileDelta]:
        """Files that differ between two commits, or between `old` and the work tree (new=None).

        Work-tree sides carry no blob id (`new_blob` None with a status other than D): read
        them from disk.
        """
        args = ["diff", "--raw", "--no-abbrev", "--no-renames", "-z", old]
        if new is not None:
            args.append(new)
        deltas = parse_raw(self.out(*args, "--", *paths))
        if new is None:
            deltas = [
                FileDelta(d.rel, d.status, d.old_blob, None if d.status != "D" else d.new_blob)
                for d in deltas
            ]
        return deltas

    def cat_blobs(self, shas: Sequence[str]) -> dict[str, bytes]:
        """The contents of many blobs from one `git cat-file --batch`."""
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        _, out, _ = self.run_bytes("cat-file", "--batch", stdin="\n".join(wanted).encode() + b"\n")
        found: dict[str, bytes] = {}
        position = 0
        while position < len(out):
            end = out.index(b"\n", position)
            header = out[position:end].split()
            position = end + 1
            if len(header) < 3:  # "<sha> missing"
                continue
            size = int(header[2])
            found[header[0].decode()] = out[position : position + size]
            position += size + 1
        return found

    def resolve_commit(self, rev: str) -> str | None:
        """The full sha of commit `rev`, or None if it names no commit."""
        status, out, _ = self.run(
            "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False
        )
        return out if status == 0 else None
