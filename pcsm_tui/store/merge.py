"""Merging whole files: three TOML texts merged field by field (store/fieldmerge.py holds
the rules), the result written into the local side's document so its comments and layout
stay, checked to read back to exactly the merged data; and the three versions re-rendered
so that git's line merge marks only the conflicting fields.

The field merge's names are available here too (`from .merge import merge_data, MISSING`),
so the merge driver, the save path and the conflict view import one module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .fieldmerge import MISSING as MISSING
from .fieldmerge import Conflict as Conflict
from .fieldmerge import ConflictKind as ConflictKind
from .fieldmerge import MergeResult as MergeResult
from .fieldmerge import Side as Side
from .fieldmerge import _with_leftovers as _with_leftovers
from .fieldmerge import merge_data as merge_data
from .fieldmerge import merge_order as merge_order
from .fieldmerge import same as same
from .layoutmerge import both_layouts
from .linemerge import TextMerger
from .linemerge import merge_lines as merge_lines
from .toml_codec import TomlSyntaxError, dumps_new, loads, merge_into


@dataclass
class TextMerge:
    """The outcome of merging three versions of a file's text."""

    text: str | None
    """The merged text (None on conflict): the local side's document with the result in it."""
    conflicts: list[Conflict] = field(default_factory=list)
    data: dict[str, Any] | None = None
    """The merged data; on conflict the base value stands at each conflict."""


Check = Callable[[Mapping[str, Any]], str | None]
"""Returns why data is not a valid file (or None); used to refuse a merge into nonsense."""


def render_merged(ours_text: str, data: Mapping[str, Any]) -> str:
    """The merged data written into the local side's document (its comments and layout)."""
    if not data:
        return ""
    if not ours_text.strip():
        return dumps_new(data)
    return merge_into(ours_text, data)


def merge_texts(
    base_text: str,
    ours_text: str,
    theirs_text: str,
    check: Check | None = None,
    text_merger: TextMerger = merge_lines,
) -> TextMerge:
    """Merge three TOML texts field by field; the result keeps the local side's formatting.

    A clean result is returned only if it parses back to exactly the merged data and, when
    `check` is given and both sides passed it, passes it too. Never raises on bad input: an
    input that does not parse is reported as an `unparseable` conflict.
    """
    parsed: list[dict[str, Any]] = []
    for side, text in (("base", base_text), ("ours", ours_text), ("theirs", theirs_text)):
        try:
            parsed.append(loads(text))
        except TomlSyntaxError as error:
            note = f"{side} at line {error.line}, column {error.column}: {error.message}"
            return TextMerge(None, [Conflict((), "", "unparseable", note=note)])
    base, ours, theirs = parsed
    result = merge_data(base, ours, theirs, text_merger=text_merger)
    if result.conflicts:
        return TextMerge(None, result.conflicts, result.data)
    if check is not None and check(ours) is None and check(theirs) is None:
        problem = check(result.data)
        if problem is not None:
            conflict = Conflict((), "", "invalid", MISSING, MISSING, MISSING, problem)
            return TextMerge(None, [conflict], result.data)
    text = render_merged(ours_text, result.data)
    text = both_layouts(base_text, text, theirs_text, result.data, text_merger) or text
    if not same(loads(text), result.data):
        conflict = Conflict((), "", "invalid", note="internal: the merged text does not read back")
        return TextMerge(None, [conflict], result.data)
    return TextMerge(text, [], result.data)


def conflict_versions(
    base_text: str, ours_text: str, theirs_text: str, text_merger: TextMerger = merge_lines
) -> tuple[str, str, str] | None:
    """The three versions re-rendered in the local side's layout, differing only at conflicts.

    Each is the structured merge with every conflict decided for one side. A line merge of
    these (git merge-file) puts conflict markers around the conflicting fields only, instead
    of around every region both sides touched. None if the inputs do not parse.
    """
    try:
        base, ours, theirs = loads(base_text), loads(ours_text), loads(theirs_text)
    except TomlSyntaxError:
        return None
    versions = []
    sides: tuple[Side, ...] = ("base", "ours", "theirs")
    for prefer in sides:
        data = merge_data(base, ours, theirs, prefer=prefer, text_merger=text_merger).data
        versions.append(render_merged(ours_text, data))
    return versions[0], versions[1], versions[2]
