"""Validation one engagement at a time, from the cache where nothing changed.

The checks between files never cross an engagement's folder (a RACI names the register of
its own engagement) except through pcsm.toml and framework.toml (members, scales, rules)
and the list of engagements (a person's evaluations name them). So a repository is checked
as units — the two top files once, then each engagement's folder and each person's folder
— and only one unit's files are held at a time: memory stays that of the largest
engagement, not of the repository. A unit whose files have the same blob ids as when it
was last checked (store/validate_cache) takes its findings from the cache without reading
a file.

`only` narrows the run to some units (a sync checks what its merge brought in): a change
to a top file reaches every unit, so callers pass None then.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path

from ..framework.catalogue import FILE_MODELS
from .layout import ENGAGEMENTS_DIR, MAPPINGS_DIR, PEOPLE_DIR, Layout, classify
from .sparse import absent_engagements
from .validate import Finding, Validator, link_findings, name_findings, rules_errors
from .validate_cache import Row, ValidationCache


def unit_of(rel: str) -> str | None:
    """The unit a repository path belongs to (`engagements/<slug>`, `people/<slug>`), None
    for the top files (and for paths pcsm does not own)."""
    kind = classify(rel)
    if kind is None:
        return None
    if kind.engagement:
        return "/".join((ENGAGEMENTS_DIR, kind.engagement))
    if kind.person:
        return "/".join((PEOPLE_DIR, kind.person))
    if kind.kind == "import-mapping":
        return MAPPINGS_DIR  # the remembered import mappings, checked together
    return None


def units_of(rels: Collection[str]) -> set[str] | None:
    """The units changed paths reach; None (every unit) when a top file is among them."""
    units: set[str] = set()
    for rel in rels:
        if rel.count("/") == 0 and classify(rel) is not None:
            return None  # pcsm.toml or framework.toml: every file is checked against them
        unit = unit_of(rel)
        if unit is None and rel.startswith("engagements/"):
            unit = "/".join(rel.split("/")[:2])  # a folder that went or came
        if unit is not None:
            units.add(unit)
    return units


def _row(finding: Finding) -> Row:
    return (finding.path, finding.line, finding.column, finding.severity, finding.message)


def validate_units(
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    only: Collection[str] | None = None,
    cache: bool = True,
    fresh: list[str] | None = None,
) -> list[Finding]:
    """Findings of the repository at `root` (of the units in `only`, with the top files'),
    sorted by file and line; `progress` hears (units done, units) every 25 units; `fresh`
    hears the units that were read (not taken from the cache)."""
    validator = Validator(root)
    layout: Layout = validator.layout
    if not os.path.lexists(layout.settings):
        return validator.run()  # "not a pcsm repository"
    settings = validator.prepare()
    validator.cross_checks(settings)  # the top files' own advice (row numbers)
    found: list[Finding] = list(validator.findings)
    top_texts = "\0".join(file.text for file in validator.files.values())

    units: dict[str, list[str]] = {}
    linked: set[str] = set()
    if only is not None:  # a person's evaluations name engagements, which may have changed
        only = {*only, *("/".join((PEOPLE_DIR, person)) for person in layout.people())}
    owned, links = layout.owned_and_links(None if only is None else sorted(only))
    for rel, link in owned:
        unit = unit_of(rel)
        if unit is None:
            continue
        units.setdefault(unit, []).append(rel)
        if link:
            linked.add(unit)
    for rel in links:
        linked.add("/".join(rel.split("/")[:2]))

    kept = ValidationCache(root, top_texts) if cache else None
    if kept is not None and not kept.usable:
        kept = None
    engagements = ",".join(sorted({*layout.engagements(), *absent_engagements(root)}))
    chosen = sorted(units if only is None else [u for u in units if u in only])
    for done, unit in enumerate(chosen, start=1):
        rels = units[unit]
        extra = engagements if unit.startswith("people/") else ""
        key = kept.key(rels, extra) if kept is not None and unit not in linked else None
        rows = kept.get(unit, key) if kept is not None and key is not None else None
        if rows is None:
            if fresh is not None:
                fresh.append(unit)
            validator.files = {}
            validator.findings = []
            for rel in rels:
                kind = classify(rel)
                assert kind is not None
                validator.read(rel, FILE_MODELS[kind.kind])
            validator.cross_checks(settings)
            rows = [_row(f) for f in set(validator.findings)]
            if kept is not None and key is not None:
                kept.put(unit, key, rows)
        found.extend(Finding(*row) for row in rows)  # type: ignore[arg-type]
        if progress is not None and (done % 25 == 0 or done == len(chosen)):
            progress(done, len(chosen))
    validator.files = {}
    validator.findings = []
    link_findings(validator, links)
    name_findings(validator)
    found.extend(validator.findings)
    found.extend(rules_errors(root))
    if kept is not None:
        kept.save(units if only is None else None)  # a part seen: nothing else is dropped
    return sorted(set(found), key=lambda f: (f.path, f.line, f.column, f.message))
