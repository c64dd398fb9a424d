"""References between files: declared once, in models/references.py (re-exported here for
the store's validation, deletion and referrer look-ups)."""

from __future__ import annotations

from ..models.references import (
    IMPACTED_GROUPS,
    REFERENCES,
    REGISTER,
    TARGET_ROWS,
    Loc,
    Reference,
    reference_fields,
    remove_holder,
)

__all__ = [
    "IMPACTED_GROUPS",
    "REFERENCES",
    "REGISTER",
    "TARGET_ROWS",
    "Loc",
    "Reference",
    "reference_fields",
    "remove_holder",
]
