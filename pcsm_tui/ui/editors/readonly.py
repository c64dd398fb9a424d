"""Read-only mode of an editor: an earlier version shown under a banner, edits refused."""

from __future__ import annotations

from textual.widgets import Static

READ_ONLY = "read only: this is an earlier version, so nothing here can be changed"
RESTORABLE = "read only: this is an earlier version; R restores it as a new commit"
"""What a refused edit says where R restores the version shown (a file as of a commit);
elsewhere (the engagement as of a day) R restores nothing, so READ_ONLY does not offer it."""
READ_ONLY_ACTIONS = frozenset({"toggle_preview"})
"""What an editor still does when read only (viewing a file as of an earlier commit)."""


class ReadOnlyBanner(Static):
    """The bar over an editor that shows an earlier version: "as of … — read only"."""

    DEFAULT_CSS = """
    ReadOnlyBanner {
        height: auto; padding: 0 1; background: $warning 25%; color: $text; text-style: bold;
    }
    """
