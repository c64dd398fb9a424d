"""Which files' findings can change when some files change: the files themselves and the
files that refer to them (store/references.py), for `pcsm validate --changed-since`.

A RACI names register ids, so a changed register can break the RACI without touching it;
`pcsm.toml` (scales, members) and `framework.toml` reach every file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from .layout import ENGAGEMENT_FILE, FRAMEWORK_FILE, SETTINGS_FILE, classify
from .references import IMPACTED_GROUPS, REFERENCES, REGISTER


def affected_files(changed: Iterable[str], present: Iterable[str]) -> set[str]:
    """`changed` (repository paths, deleted ones included) and every path of `present`
    whose validation depends on one of them."""

    changed = set(changed)
    present = list(present)
    if changed & {SETTINGS_FILE, FRAMEWORK_FILE}:
        return changed | set(present)
    kinds = {rel: classify(rel) for rel in present}
    out = set(changed)
    for rel in changed:
        kind = classify(rel)
        if kind is None:
            continue
        name = PurePosixPath(rel).name
        for reference in REFERENCES:
            referrer = reference.model.kind
            if reference.target in (REGISTER, IMPACTED_GROUPS) and name == reference.target:
                out |= {
                    p
                    for p, k in kinds.items()
                    if k and k.engagement == kind.engagement and k.kind == referrer
                }
            elif reference.target == "engagements" and name == ENGAGEMENT_FILE:
                out |= {p for p, k in kinds.items() if k and k.kind == referrer}
    return out
