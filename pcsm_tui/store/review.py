"""`pcsm diff --format markdown`: a pull-request comment a CI job can post.

Grouped per engagement and tool, each change in words (rows by name, as in `pcsm log`),
the validation findings of the changed files (and of the files that refer to them) as
of the newer version, and one summary line at the top. Everything that comes from the
files is written inside code spans (fences longer than any backquote run in it), so a
name can neither format the comment nor mention someone; `reveal=False` (`--redact`)
hides personal text as commit messages do.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..framework.catalogue import TOOL_FOR_KIND
from .changes import Change, show
from .layout import classify
from .referrers import affected_files
from .snapshot import materialize, tracked_files
from .validate import validate_repository
from .where import printable

if TYPE_CHECKING:
    from .history import FileDiff
    from .repository import Repository
    from .validate import Finding

CHANGES_PER_FILE = 40
"""More changes of one file are counted, not listed (a comment has a size limit)."""
DETAIL_LINES = 12


def code(text: str) -> str:
    """`text` as a Markdown code span: shown as typed, whatever it holds."""
    text = printable(" ".join(text.split("\n")))
    if not text.strip():
        return "` `"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _block(lines: Sequence[str], indent: str) -> list[str]:
    body = [printable(line) for line in lines]
    longest = max((len(run) for line in body for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{indent}{fence}diff", *(f"{indent}{line}" for line in body), f"{indent}{fence}"]


def change_lines(change: Change, reveal: bool) -> list[str]:
    """One bullet (and, for a reviewer, its text diff or the added row's fields)."""

    label = code(change.label)
    if change.op == "add":
        head = f"- {label}: added"
    elif change.op == "remove":
        head = f"- {label}: removed"
    elif change.op == "move":
        head = f"- {label}: moved from position {change.old} to {change.new}"
    elif not change.visible(reveal):
        head = f"- {label}: changed"
    elif change.is_text:
        head = f"- {label}: text changed"
    else:
        head = f"- {label}: {code(show(change.old))} → {code(show(change.new))}"
    detail = change.detail(reveal)
    if not detail:
        return [head]
    if len(detail) > DETAIL_LINES:
        detail = [*detail[:DETAIL_LINES], f"… {len(detail) - DETAIL_LINES} more lines"]
    return [head, *_block(detail, "  ")]


def _group(rel: str) -> tuple[str, str]:
    """(section, tool) of a file: its engagement (or people, the repository) and tool."""

    kind = classify(rel)
    name = rel.rsplit("/", 1)[-1]
    if kind is None:
        return ("Repository", name)
    tool = TOOL_FOR_KIND.get(kind.kind)
    title = tool.title if tool else {"engagement": "Engagement details"}.get(kind.kind, name)
    if kind.month:
        title = f"{title}, {kind.month}"
    if kind.engagement:
        return (f"Engagement {kind.engagement}", title)
    if kind.person:
        return (f"People: {kind.person}", title)
    return ("Repository", title)


def _whole_file(change: Change) -> bool:
    """A created or deleted file's single change: its status already says it."""
    return change.path == () and change.op in ("add", "remove")


_GOT = re.compile(r" \(got .*\)$")


def _finding_line(finding: Finding, reveal: bool) -> str:
    mark = "❌ error" if finding.severity == "error" else "⚠️ warning"
    message = finding.message if reveal else _GOT.sub("", finding.message)
    where = f"{finding.path}:{finding.line}:{finding.column}"
    return f"- {mark} {code(where)} {code(message)}"


def review_markdown(
    title: str, diffs: Sequence[FileDiff], findings: Sequence[Finding], reveal: bool
) -> str:
    """The comment: summary line, then per engagement and tool the changes and findings."""
    sections: dict[str, dict[str, list[FileDiff]]] = {}
    for diff in diffs:
        section, tool = _group(diff.rel)
        sections.setdefault(section, {}).setdefault(f"{tool}\0{diff.rel}", []).append(diff)
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.path, []).append(finding)
    changes = sum(len(d.changes) for d in diffs)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    engagements = sum(1 for s in sections if s.startswith("Engagement "))
    summary = (
        f"**pcsm**: {engagements} engagement(s), {len(diffs)} file(s), {changes} change(s); "
        f"validation: {errors} error(s), {warnings} warning(s)"
    )
    lines = [f"### pcsm review of {code(title)}", "", summary]
    if not diffs:
        lines += ["", "No pcsm file changed."]
    for section in sorted(sections):
        lines += ["", f"#### {section}"]
        for key in sorted(sections[section]):
            tool, rel = key.split("\0")
            for diff in sections[section][key]:
                lines += ["", f"**{tool}** ({code(rel)}, {diff.status})", ""]
                if diff.note:
                    lines.append(f"> {code(diff.note)}")
                shown = [
                    c for c in diff.changes if not (c.path == () and c.op in ("add", "remove"))
                ]
                if not diff.changes:
                    lines.append("- layout and comments only: no data changed")
                for change in shown[:CHANGES_PER_FILE]:
                    lines += change_lines(change, reveal)
                if len(shown) > CHANGES_PER_FILE:
                    lines.append(f"- … and {len(shown) - CHANGES_PER_FILE} more changes")
                lines += [_finding_line(f, reveal) for f in by_file.pop(rel, [])]
    if by_file:
        lines += ["", "#### Findings in files that refer to the changed ones", ""]
        lines += [_finding_line(f, reveal) for rel in sorted(by_file) for f in by_file[rel]]
    return "\n".join(lines) + "\n"


def review_findings(repo: Repository, new: str | None, changed: Sequence[str]) -> list[Finding]:
    """Validation findings, as of `new` (None: the files on disk), of the changed files and
    of the files that refer to them."""

    if new is None:
        found = validate_repository(repo.root)
        present = [repo.layout.rel(p) for p in repo.layout.owned_files()]
    else:
        with tempfile.TemporaryDirectory(prefix="pcsm-review-") as folder:
            materialize(repo.git, Path(folder), new)
            found = validate_repository(Path(folder))
        present = list(tracked_files(repo.git, new))
    wanted = affected_files(changed, present)
    return [f for f in found if f.path in wanted]
