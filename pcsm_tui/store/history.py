"""The semantic history: commits with the field-level changes of each file they touched.

Reviewers (`pcsm log`, `pcsm diff`) and the app's history screen read the same thing. A
file's two versions are parsed to models with the model class its path names (so rows are
matched by id and labels use roles), falling back to a raw-data diff where a version does
not validate and to a line diff where it does not parse. Git is asked twice per history
(one `log --raw`, one `cat-file --batch`), and each blob is parsed once, since the new side
of one commit is the old side of the next.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from ..framework.catalogue import FILE_MODELS, TOOLS, TOOLS_BY_ID
from ..models.base import FileModel
from ..safeio import Unreadable
from ..textcut import shorten
from .changes import Change, diff_data, diff_models, jsonable, show
from .git import CommitInfo
from .layout import PLAN_DIR, check_slug, classify, engagement_rel
from .toml_codec import TomlSyntaxError, loads

if TYPE_CHECKING:
    from .repository import Repository

Status = Literal["added", "modified", "deleted"]


@dataclass(frozen=True)
class FileDiff:
    """What changed in one file, in the file's own terms."""

    rel: str
    status: Status
    changes: list[Change] = field(default_factory=list)
    note: str = ""
    """Why the diff is less than semantic (a version does not validate or parse)."""


@dataclass(frozen=True)
class HistoryItem:
    commit: CommitInfo
    parents: tuple[str, ...]
    files: list[FileDiff]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


@dataclass
class _Parsed:
    data: dict[str, Any] | None = None
    model: FileModel | None = None
    error: str = ""


class Differ:
    """Semantic diffs of file versions, each version parsed at most once."""

    def __init__(
        self,
        context: Mapping[str, Any] | None = None,
        names: Callable[[str | None], Mapping[str, str]] | None = None,
    ) -> None:
        self.context = dict(context or {})
        self.names = names or (lambda _engagement: {})
        self._cache: dict[tuple[str, str], _Parsed] = {}

    def _parse(self, rel: str, text: str) -> _Parsed:
        kind = classify(rel)
        key = (kind.kind if kind else rel, text)
        found = self._cache.get(key)
        if found is not None:
            return found
        parsed = _Parsed()
        try:
            parsed.data = loads(text)
        except TomlSyntaxError as error:
            parsed.error = f"line {error.line}, column {error.column}: {error.message}"
        if parsed.data is not None and kind is not None:
            try:
                parsed.model = FILE_MODELS[kind.kind].model_validate(
                    parsed.data, context=self.context
                )
            except ValidationError as error:
                parsed.error = f"{error.error_count()} validation error(s)"
        self._cache[key] = parsed
        return parsed

    def diff(self, rel: str, old: str | None, new: str | None) -> FileDiff:
        """The changes from text `old` to text `new` of the file at `rel` (None: absent)."""
        if old is None and new is None:
            return FileDiff(rel, "modified")
        status: Status = "added" if old is None else "deleted" if new is None else "modified"
        if rel.startswith(".pcsm/") or rel == ".taplo.toml":  # schemas/editor.py: not data
            how: Literal["add", "remove", "set"] = (
                "add" if status == "added" else "remove" if status == "deleted" else "set"
            )
            made = Change(how, (), rel, "earlier", "regenerated", True)
            return FileDiff(rel, status, [made], "made by pcsm for editors (`pcsm schemas`)")
        if not rel.endswith(".toml"):
            return FileDiff(rel, status, [Change("set", (), rel, old or "", new or "", False)])
        before = self._parse(rel, old) if old is not None else None
        after = self._parse(rel, new) if new is not None else None
        if before is None or after is None:
            side = after if before is None else before
            op: Literal["add", "remove"] = "add" if before is None else "remove"
            return FileDiff(
                rel,
                status,
                [Change(op, (), rel, shown=False, value=side.data if side else None)],
            )
        if before.data is None or after.data is None:
            note = f"does not parse ({before.error or after.error}): compared as text"
            return FileDiff(rel, status, [Change("set", (), "(file)", old, new, False)], note)
        if before.model is not None and after.model is not None:
            kind = classify(rel)
            names = self.names(kind.engagement if kind else None)
            return FileDiff(rel, status, diff_models(before.model, after.model, names))
        note = ""
        if classify(rel) is not None:
            note = f"does not validate ({before.error or after.error}): compared as raw data"
        return FileDiff(rel, status, diff_data(before.data, after.data), note)


def diff_texts(
    rel: str,
    old: str | None,
    new: str | None,
    names: Mapping[str, str] | None = None,
    context: Mapping[str, Any] | None = None,
) -> FileDiff:
    """The semantic diff of two versions of a file given as TOML text (None: absent)."""
    return Differ(context, lambda _e: names or {}).diff(rel, old, new)


# --- which files a question is about ----------------------------------------------------------

EXTRA_FILES = {"engagement": "engagement.toml", "stakeholders": "stakeholders.toml"}
"""Files that are not among the 23 tools but that `--tool` also accepts."""


def tool_names() -> list[str]:

    return [t.id for t in TOOLS] + list(EXTRA_FILES)


def pathspecs(engagement: str | None = None, tool: str | None = None) -> list[str]:
    """Git pathspecs for an engagement's history, a tool's, or both (empty: everything)."""

    if engagement is not None:
        check_slug(engagement)
    folder = engagement_rel(engagement) if engagement else None
    if tool is None:
        return [folder] if folder else []
    definition = TOOLS_BY_ID.get(tool)
    if definition is None and tool not in EXTRA_FILES:
        raise ValueError(f"unknown tool {tool!r}; choose one of: {', '.join(tool_names())}")
    if definition is not None and definition.scope == "person":
        return [f":(glob)people/*/{definition.file}"]
    if definition is not None and definition.scope == "monthly":
        return [f"{folder}/{PLAN_DIR}"] if folder else [f":(glob)engagements/*/{PLAN_DIR}/*.toml"]
    name = definition.file if definition is not None else EXTRA_FILES[tool]
    return [f"{folder}/{name}"] if folder else [f":(glob)engagements/*/{name}"]


# --- history and diffs over a repository -----------------------------------------------------


def _texts(blobs: Mapping[str, bytes], sha: str | None) -> str | None:
    if sha is None or sha not in blobs:
        return None
    return blobs[sha].decode("utf-8", errors="replace")


def history(
    repo: Repository,
    paths: Sequence[str] = (),
    since: str | None = None,
    max_count: int | None = None,
    with_diffs: bool = True,
) -> list[HistoryItem]:
    """Commits touching `paths`, newest first, each with the semantic diff of its files.

    Without diffs it is one git call: what a history list needs before a commit is
    selected.
    """
    entries = repo.git.log_files(paths, since=since, max_count=max_count, files=with_diffs)
    if not with_diffs:
        return [HistoryItem(e.commit, e.parents, []) for e in entries]
    wanted = [
        sha for e in entries for d in e.files for sha in (d.old_blob, d.new_blob) if sha is not None
    ]
    blobs = repo.git.cat_blobs(wanted)
    differ = Differ(repo.context(), repo.names)
    return [
        HistoryItem(
            e.commit,
            e.parents,
            [
                differ.diff(d.rel, _texts(blobs, d.old_blob), _texts(blobs, d.new_blob))
                for d in e.files
            ],
        )
        for e in entries
    ]


def diff_revisions(
    repo: Repository, old: str, new: str | None, paths: Sequence[str] = ()
) -> list[FileDiff]:
    """The semantic diff between commits `old` and `new` (None: the work tree)."""
    deltas = repo.git.diff_files(old, new, paths)
    blobs = repo.git.cat_blobs([s for d in deltas for s in (d.old_blob, d.new_blob) if s])
    differ = Differ(repo.context(), repo.names)
    out = []
    for delta in deltas:
        after = _texts(blobs, delta.new_blob)
        if new is None and delta.status != "D":
            after = _work_tree_text(repo, delta.rel)
        out.append(differ.diff(delta.rel, _texts(blobs, delta.old_blob), after))
    return out


def _work_tree_text(repo: Repository, rel: str) -> str | None:
    """A work-tree file's text, never through a link (None if it cannot be read)."""

    try:
        return repo.layout.read_bytes(rel).decode("utf-8", errors="replace")
    except (OSError, Unreadable):
        return None


# --- output for people and scripts ------------------------------------------------------------


def change_json(change: Change, reveal: bool) -> dict[str, Any]:
    visible = change.visible(reveal)
    record: dict[str, Any] = {
        "op": change.op,
        "path": list(change.path),
        "label": change.label,
        "old": jsonable(change.old) if visible else None,
        "new": jsonable(change.new) if visible else None,
        "redacted": not visible,
    }
    if visible and change.is_text:
        record["lines"] = change.detail(reveal)
    if visible and change.value is not None:
        record["row"] = jsonable(change.value)
    return record


def file_json(diff: FileDiff, reveal: bool) -> dict[str, Any]:
    return {
        "path": diff.rel,
        "status": diff.status,
        "note": diff.note,
        "changes": [change_json(c, reveal) for c in diff.changes],
    }


def ticked_text(change: Change, words: Mapping[str, str] | None) -> str | None:
    """A framework activity ticked, unticked or re-dated, by its words (`ticked “Review
    the research documentation…” on 2026-10-19`), never its id (`p2-01`); None for any
    other change, or an activity the framework does not name."""
    path = change.path
    if not words or change.op != "set" or len(path) != 2 or path[0] != "activities_done":
        return None
    if path[1] not in words:
        return None
    said = f"“{shorten(' '.join(words[path[1]].split()), 60)}”"
    if change.old is None:
        return f"ticked {said} on {show(change.new)}"
    if change.new is None:
        return f"unticked {said} (ticked on {show(change.old)})"
    return f"{said}: ticked on {show(change.new)} (was {show(change.old)})"


def file_text(
    diff: FileDiff, reveal: bool, indent: str = "", words: Mapping[str, str] | None = None
) -> list[str]:
    """A file's changes as lines; `words`: framework activities' ids -> their words."""
    lines = [f"{indent}{diff.rel} ({diff.status})"]
    if diff.note:
        lines.append(f"{indent}  note: {diff.note}")
    if not diff.changes:
        lines.append(f"{indent}  (layout and comments only: no data changed)")
    for change in diff.changes:
        if change.path == () and change.op in ("add", "remove"):
            if reveal and isinstance(change.value, Mapping):
                lines += [f"{indent}    {line}" for line in change.detail(reveal)]
            continue
        lines.append(f"{indent}  {ticked_text(change, words) or change.describe(reveal)}")
        lines += [f"{indent}      {line}" for line in change.detail(reveal)]
    return lines


def history_json(items: Sequence[HistoryItem], reveal: bool) -> list[dict[str, Any]]:
    return [
        {
            "sha": item.commit.sha,
            "parents": list(item.parents),
            "author": item.commit.author,
            "email": item.commit.email,
            "date": item.commit.date,
            "subject": item.commit.subject,
            "merge": item.is_merge,
            "files": [file_json(f, reveal) for f in item.files],
        }
        for item in items
    ]


def history_text(items: Sequence[HistoryItem], reveal: bool) -> list[str]:
    lines: list[str] = []
    for item in items:
        if lines:
            lines.append("")
        commit = item.commit
        lines.append(f"commit {commit.sha[:12]}" + ("  (merge)" if item.is_merge else ""))
        lines.append(f"Author: {commit.author} <{commit.email}>")
        lines.append(f"Date:   {commit.date.replace('T', ' ')}")
        lines.append("")
        lines.append(f"    {commit.subject}")
        for diff in item.files:
            lines.append("")
            lines += file_text(diff, reveal, indent="  ")
    return lines
