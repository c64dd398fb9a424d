"""The structure the README's Development section describes, checked where a linter cannot."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pcsm_tui"
HAND_BUILT = re.compile(r"""f["']engagements/\{[^"']*["']""")


def test_repository_paths_are_built_only_by_the_layout() -> None:
    """No `engagements/{...}` f-string outside store/layout.py: engagement_rel and
    plan_month_rel build every path (a message that names a folder is not a path)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() == "store/layout.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = HAND_BUILT.search(line)
            if match and " has no " not in match.group(0):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert found == []
