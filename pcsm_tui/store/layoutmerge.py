"""Both sides' comments and layout in a merged file, not only the local side's.

A structured merge decides the data field by field and writes it into the local side's
text (`merge.render_merged`), which keeps the local comments and layout. A comment that
the other side wrote by hand (a note at the top of the file, committed and pushed by a
teammate) was then silently dropped from the merge, and the next push took it away from
everyone. Here the merged data is written into each side's text, and git's own line merge
(`git merge-file`, linemerge.py) combines the two renderings: both hold the same data, so
they differ only where a side changed comments or layout. Its result is used only when it
is clean and reads back to exactly the merged data; otherwise the local side's layout
stands, as before (never a data change, at worst a comment next to a change is lost).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fieldmerge import same
from .linemerge import TextMerger
from .toml_codec import TomlSyntaxError, loads, merge_into


def both_layouts(
    base_text: str,
    ours_rendered: str,
    theirs_text: str,
    data: Mapping[str, Any],
    text_merger: TextMerger,
) -> str | None:
    """The merged `data` with the comments and layout of both sides, or None when the
    local rendering `ours_rendered` already is that (or git's line merge is not clean)."""
    if not data or theirs_text == base_text or not theirs_text.strip():
        return None
    theirs_rendered = merge_into(theirs_text, data)
    if theirs_rendered == ours_rendered:
        return None
    merged = text_merger(base_text, ours_rendered, theirs_rendered)
    if merged is None or merged == ours_rendered:
        return None
    try:
        return merged if same(loads(merged), data) else None
    except TomlSyntaxError:
        return None
