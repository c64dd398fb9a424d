"""Git's state for merges and sync (GitService inherits it): the branch, remotes,
ahead/behind, an unfinished merge and its unmerged paths, the local config pcsm keeps its
merge and diff drivers in, and git's own three-way line merge."""

from __future__ import annotations

from pathlib import Path

from .giterrors import GitError


class GitMergeState:
    """Mixed into GitService: needs its `run` and `out`."""

    def run(
        self, *args: str, check: bool = True, strip: bool = True
    ) -> tuple[int, str, str]:  # pragma: no cover - provided by GitService
        raise NotImplementedError

    def out(self, *args: str) -> str:  # pragma: no cover - provided by GitService
        raise NotImplementedError

    def git_dir(self) -> Path:
        return Path(self.out("rev-parse", "--absolute-git-dir"))

    def config_get_regexp(self, pattern: str) -> dict[str, str]:
        """Keys matching `pattern` in the repository's own (local) git config."""
        _, out, _ = self.run("config", "--local", "--get-regexp", pattern, check=False)
        found = {}
        for line in out.splitlines():
            key, _, value = line.partition(" ")
            found[key] = value
        return found

    def config_set(self, key: str, value: str) -> None:
        self.run("config", "--local", key, value)

    def config_unset(self, key: str) -> None:
        self.run("config", "--local", "--unset-all", key, check=False)

    def merge_file(
        self, current: Path, base: Path, other: Path, labels: tuple[str, str, str]
    ) -> tuple[int, str]:
        """git's own line merge of three files: (number of conflicts, text with markers).

        The markers include the base (`|||||||`), so a person sees what both sides changed.
        """
        status, out, err = self.run(
            "merge-file",
            "-p",
            "--diff3",
            "-L",
            labels[0],
            "-L",
            labels[1],
            "-L",
            labels[2],
            "--",
            str(current),
            str(base),
            str(other),
            check=False,
            strip=False,
        )
        if status < 0 or status > 127:
            raise GitError(["git", "merge-file"], status, err)
        return status, out

    def current_branch(self) -> str | None:
        """The checked-out branch, or None when HEAD is detached."""
        status, out, _ = self.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        return out if status == 0 else None

    def remotes(self) -> list[str]:
        return self.out("remote").split()

    def unmerged_paths(self) -> list[str]:
        out = self.out("diff", "--name-only", "--diff-filter=U", "-z")
        return sorted({p for p in out.split("\0") if p})

    def merge_in_progress(self) -> bool:
        return self.run("rev-parse", "--verify", "--quiet", "MERGE_HEAD", check=False)[0] == 0

    def ahead_behind(self, local: str, other: str) -> tuple[int, int]:
        """(commits only in `local`, commits only in `other`)."""
        out = self.out("rev-list", "--left-right", "--count", f"{local}...{other}")
        ahead, behind = out.split()
        return int(ahead), int(behind)
