"""Taking a register stakeholder out of every file that refers to it.

References to a stakeholder (store/references.py): RACI columns (and their letters in every
activity), the plan months' assessments and rows. Removing the register row alone would
leave those dangling, and validation would refuse the files. Pure functions over a file's
data (dicts, as `Repository.save` takes models built from them), so `pcsm forget` and a
delete in the app can share them.
"""

from __future__ import annotations

import copy
from typing import Any

from .layout import FileKind


def without_stakeholder(kind: FileKind, data: dict[str, Any], stakeholder: str) -> dict[str, Any]:
    """A copy of a file's `data` (of `kind`) with no trace of register id `stakeholder`."""
    new = copy.deepcopy(data)
    if kind.kind == "stakeholders":
        new["stakeholders"] = [r for r in new.get("stakeholders", []) if r.get("id") != stakeholder]
    elif kind.kind == "raci":
        for matrix in new.get("matrices", []):
            gone = {
                c.get("id")
                for c in matrix.get("columns", [])
                if c.get("stakeholder") == stakeholder
            }
            matrix["columns"] = [c for c in matrix.get("columns", []) if c.get("id") not in gone]
            for activity in matrix.get("activities", []):
                cells = activity.get("cells", {})
                activity["cells"] = {k: v for k, v in cells.items() if k not in gone}
    elif kind.kind == "stakeholder-plan":
        for key in ("assessments", "rows"):
            new[key] = [r for r in new.get(key, []) if r.get("stakeholder") != stakeholder]
        ignored = new.get("ignored_suggestions", [])
        if ignored:  # "<stakeholder>:<rule>"
            new["ignored_suggestions"] = [k for k in ignored if k.split(":")[0] != stakeholder]
    return new
