"""Reading the history for reviewers through the service (`Workspace` inherits it): which
file `pcsm blame` means, the revision ranges `pcsm diff` takes, semantic diffs, the review
comment's findings, `pcsm log` and its redacted form. What is printed stays in commands/;
what is read from git and the files is here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .store.layout import check_slug, engagement_rel, plan_month_rel

if TYPE_CHECKING:
    from .store.git import GitService
    from .store.history import FileDiff, HistoryItem
    from .store.repository import Repository
    from .store.validate import Finding


@dataclass(frozen=True)
class Range:
    """Which versions `pcsm diff REV1 [REV2] [PATH...]` compares."""

    old: str
    """A commit, or git's empty tree (a root commit's parent)."""
    new: str | None
    """A commit, or None for the files on disk."""
    paths: list[str]
    label: str
    """The versions in the user's words, e.g. `main...HEAD`."""


def _commit(git: GitService, rev: str) -> str:
    sha = git.resolve_commit(rev)
    if sha is None:
        raise ValueError(f"{rev!r} is not a commit of this repository")
    return sha


class ReviewService:
    """Mixed into `Workspace`: needs its `repo`."""

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def tool_file(self, engagement: str, tool: str, month: str | None) -> str:
        """The repository path of an engagement's tool or extra file (`pcsm blame`); the
        latest month of the stakeholder plan unless `month` (ValueError, BadName: what
        would be accepted)."""
        # start-up: framework.catalogue, store.history load only when this runs
        from .framework.catalogue import TOOLS_BY_ID
        from .store.history import EXTRA_FILES, tool_names

        check_slug(engagement)
        if engagement not in self.repo.engagements():
            raise ValueError(f"there is no engagement {engagement!r} (engagements/{engagement}/)")
        definition = TOOLS_BY_ID.get(tool)
        if definition is None and tool not in EXTRA_FILES:
            raise ValueError(f"unknown tool {tool!r}; choose one of: {', '.join(tool_names())}")
        if definition is not None and definition.scope == "person":
            raise ValueError(f"{tool} belongs to a person, not an engagement")
        if definition is not None and definition.scope == "monthly":
            months = self.repo.layout.plan_months(engagement)
            chosen = month or (months[-1] if months else None)
            if chosen is None or chosen not in months:
                have = ", ".join(months) or "none"
                raise ValueError(f"no stakeholder plan for month {chosen!r} (months: {have})")
            return plan_month_rel(engagement, chosen)
        name = definition.file if definition is not None else EXTRA_FILES[tool]
        return engagement_rel(engagement, name)

    def authors_by_name(self) -> bool:
        """Whether pcsm.toml's [privacy] shows authors by name (else by role)."""
        return self.repo.settings.blame_authors == "name"

    def resolve_commit(self, rev: str) -> str | None:
        """The full sha of commit `rev`, or None if it names no commit."""
        return self.repo.git.resolve_commit(rev)

    def revision_range(self, rev1: str, rest: Sequence[str]) -> Range:
        """Which versions REV1 [REV2] [PATH...] names: `A...B`, `A..B`, `REV^!`, `REV1 REV2`
        or `REV` against the files on disk (ValueError for a name that is no commit)."""
        repo = self.repo
        git = repo.git
        rest = list(rest)
        if "..." in rev1 and not (repo.root / rev1).exists():
            left, _, right = rev1.partition("...")
            left_sha, right_sha = _commit(git, left or "HEAD"), _commit(git, right or "HEAD")
            status, base, _ = git.run("merge-base", left_sha, right_sha, check=False)
            if status != 0 or not base:
                raise ValueError(f"{left or 'HEAD'} and {right or 'HEAD'} have no common ancestor")
            return Range(base, right_sha, rest, rev1)
        if ".." in rev1 and not (repo.root / rev1).exists():
            left, _, right = rev1.partition("..")
            return Range(_commit(git, left or "HEAD"), _commit(git, right or "HEAD"), rest, rev1)
        if rev1.endswith("^!"):
            sha = _commit(git, rev1[:-2])
            parents = git.out("rev-list", "--parents", "-n", "1", sha).split()[1:]
            if parents:
                return Range(parents[0], sha, rest, rev1)
            # start-up: store.timetravel loads only when this runs
            from .store.timetravel import empty_tree

            return Range(empty_tree(repo), sha, rest, rev1)
        old = _commit(git, rev1)
        if rest and git.resolve_commit(rest[0]) and not (repo.root / rest[0]).exists():
            second = rest.pop(0)
            return Range(old, _commit(git, second), rest, f"{rev1} {second}")
        return Range(old, None, rest, f"{rev1} (against the files on disk)")

    def diff_revisions(self, span: Range) -> list[FileDiff]:
        """The semantic diff of `span`, file by file."""
        # start-up: store.history loads only when this runs
        from .store.history import diff_revisions

        return diff_revisions(self.repo, span.old, span.new, span.paths)

    def review_findings(self, new: str | None, changed: Sequence[str]) -> list[Finding]:
        """Validation findings, as of `new` (None: the files on disk), of the changed files
        and of the files that refer to them: the review comment's second half."""
        # start-up: store.review loads only when this runs
        from .store.review import review_findings

        return review_findings(self.repo, new, changed)

    def log(
        self, paths: Sequence[str], since: str | None, max_count: int | None
    ) -> list[HistoryItem]:
        """Commits touching `paths`, newest first, each with the semantic diff of its files."""
        # start-up: store.history loads only when this runs
        from .store.history import history

        return history(self.repo, paths, since=since, max_count=max_count)

    def redacted_history(self, items: Sequence[HistoryItem]) -> list[HistoryItem]:
        """`items` with authors as stable pseudonyms, no e-mail addresses and subjects
        without known names or contacts: output that will be shared."""
        # start-up: io.redact loads only when this runs
        from .io.redact import redact_history

        return redact_history(self.repo, items)


def diff_two_files(
    old_path: Path, new_path: Path, environ: Mapping[str, str], repo_dir: Path
) -> FileDiff:
    """Two versions of one file (`git difftool -x 'pcsm diff'`): which kind of file it is
    comes from git's environment or the repository at `repo_dir` (when there is one there),
    else from the content."""
    # start-up: store.difftool, store.history, store.repository load only when this runs
    from .store.difftool import kind_from_content, read_version, repository_path, stand_in_path
    from .store.history import Differ
    from .store.repository import NotARepository, Repository

    repo: Repository | None
    try:
        repo = Repository.open(repo_dir)
    except NotARepository:
        repo = None
    old, new = read_version(old_path), read_version(new_path)
    context = repo.context() if repo is not None else {}
    rel = repository_path(old_path, new_path, environ, repo.root if repo else None)
    if rel is None:
        kind = kind_from_content([t for t in (old, new) if t is not None], context)
        rel = stand_in_path(kind) if kind else new_path.name
    differ = Differ(context, repo.names if repo is not None else None)
    return differ.diff(rel, old, new)
