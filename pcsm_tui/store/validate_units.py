"""Validation one engagement at a time, from the cache where nothing changed.

The checks between files never cross an engagement's folder (a RACI names the register of
its own engagement) except through pcsm.toml and framework.toml (members, scales, rules)
and the list of engagements (a person's evaluations name them). So a repository is checked
as units — the two top files once, then each engagement's folder and each person's folder
— and only one unit's files are held at a time: memory stays that of the largest
engagement, not of the repository. A unit whose files have the same blob ids as when it
was last checked (store/validate_cache) takes its findings from the cache without reading
a file.

Nothing is imported for checking until a unit must be read (`_Checker`): a warm run of an
unchanged repository is one walk of its folders, git's index and the cache file, without
pydantic, the models or GitPython (issue 16: a warm `pcsm validate` in under a second at
1,000 engagements, most of which used to be imports). The top files' own findings and
import-rules.toml's are kept in the cache too, under their own keys.

`only` narrows the run to some units (a sync checks what its merge brought in): a change
to a top file reaches every unit, so callers pass None then.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Sequence
from contextlib import closing
from pathlib import Path

from ..safeio import Unreadable
from .findings import Entry, Finding, link_findings_of, name_findings_of
from .layout import (
    _MONTH,
    _SLUG,
    ENGAGEMENTS_DIR,
    FRAMEWORK_FILE,
    MAPPINGS_DIR,
    PEOPLE_DIR,
    PLAN_DIR,
    SETTINGS_FILE,
    Layout,
)
from .sparse import absent_engagements
from .validate_cache import Row, ValidationCache
from .validate_parallel import check_units, workers_for

ENGAGEMENT_NAMES = frozenset(
    {
        "engagement.toml",
        "stakeholders.toml",
        "research.toml",
        "strategy.toml",
        "proposal.toml",
        "raci.toml",
        "onboarding-score.toml",
        "onboarding-requirements.toml",
        "onboarding-plan.toml",
        "activity-log.toml",
        "adoption-requirements.toml",
        "capabilities.toml",
        "impacted-groups.toml",
        "adoption-activities.toml",
        "practical-considerations.toml",
        "barriers.toml",
        "risks.toml",
        "readiness.toml",
        "challenges.toml",
        "value-checklist.toml",
        "value-kpis.toml",
        "reporting.toml",
        "evaluation.toml",
    }
)
"""The files of an engagement's folder (framework/catalogue's ENGAGEMENT_FILES: a test
keeps the two equal). Written out here because the catalogue imports every model."""
PERSON_NAMES = frozenset({"profile.toml", "personal-evaluations.toml", "development.toml"})
"""The files of a person's folder (framework/catalogue's PERSON_FILES)."""
TOP_FILES = (SETTINGS_FILE, FRAMEWORK_FILE)
RULES_FILE = "import-rules.toml"
"""The team's import rules (store/import_rules.RULES_FILE), checked on their own."""
TOP_UNIT = "."
"""The cache's unit for the top files' own findings."""
EDITOR_UNIT = "editor set-up"
"""The cache's unit for whether the editor set-up fits (service_checks.stale_editor_schema)."""


def unit_of(rel: str) -> str | None:
    """The unit a repository path belongs to (`engagements/<slug>`, `people/<slug>`,
    `import-mappings`), None for the top files and for paths pcsm does not own: the same
    files as layout.classify owns, decided from the path's text alone."""
    parts = rel.split("/")
    if parts[0] == ENGAGEMENTS_DIR and len(parts) in (3, 4):
        if len(parts) == 3 and parts[2] in ENGAGEMENT_NAMES:
            return f"{ENGAGEMENTS_DIR}/{parts[1]}"
        month = parts[-1].removesuffix(".toml")
        if len(parts) == 4 and parts[2] == PLAN_DIR and parts[3].endswith(".toml"):
            return f"{ENGAGEMENTS_DIR}/{parts[1]}" if _MONTH.fullmatch(month) else None
        return None
    if parts[0] == PEOPLE_DIR and len(parts) == 3 and parts[2] in PERSON_NAMES:
        return f"{PEOPLE_DIR}/{parts[1]}"
    if parts[0] == MAPPINGS_DIR and len(parts) == 2 and parts[1].endswith(".toml"):
        return MAPPINGS_DIR if _SLUG.fullmatch(parts[1].removesuffix(".toml")) else None
    return None


def units_of(rels: Collection[str]) -> set[str] | None:
    """The units changed paths reach; None (every unit) when a top file is among them."""
    units: set[str] = set()
    for rel in rels:
        if rel in TOP_FILES:
            return None  # pcsm.toml or framework.toml: every file is checked against them
        unit = unit_of(rel)
        if unit is None and rel.startswith("engagements/"):
            unit = "/".join(rel.split("/")[:2])  # a folder that went or came
        if unit is not None:
            units.add(unit)
    return units


def _row(finding: Finding) -> Row:
    return (finding.path, finding.line, finding.column, finding.severity, finding.message)


def _findings(rows: Sequence[Row]) -> list[Finding]:
    return [Finding(*row) for row in rows]  # type: ignore[arg-type]


class _Checker:
    """What reading a unit needs: the models, the framework and pcsm.toml's settings,
    loaded the first time a unit is not in the cache (a warm run never builds one)."""

    def __init__(self, root: Path) -> None:
        # start-up: the models, pydantic and the framework load only when a unit is read
        from .validate import Validator

        self.validator = Validator(root)
        self.settings = self.validator.prepare()
        self.validator.cross_checks(self.settings)  # the top files' own advice (row numbers)
        self.top = [_row(f) for f in set(self.validator.findings)]

    def check(self, rels: Sequence[str]) -> list[Row]:
        """The findings of one unit's files, read and checked together."""
        # start-up: the catalogue (every model) loads only when a unit is read
        from ..framework.catalogue import FILE_MODELS
        from .layout import classify

        validator = self.validator
        validator.files = {}
        validator.findings = []
        for rel in rels:
            kind = classify(rel)
            assert kind is not None
            validator.read(rel, FILE_MODELS[kind.kind])
        validator.cross_checks(self.settings)
        return [_row(f) for f in set(validator.findings)]


def _top_stamp(layout: Layout) -> str | None:
    """The top files' bytes, as a digest (they reach every unit); None when one cannot be
    read plainly (a link, a folder, a pipe: then nothing is taken from the cache)."""
    digest = hashlib.sha256()
    for name in TOP_FILES:
        if not os.path.lexists(layout.root / name):
            digest.update(f"{name}: none\n".encode())
            continue
        try:
            digest.update(f"{name}: ".encode() + layout.read_bytes(name) + b"\n")
        except (OSError, Unreadable):
            return None
    return digest.hexdigest()


def _tops(root: Path) -> list[Entry]:
    """engagements/ and people/ and the folders right inside them: what the names of the
    folders a partial run did not walk need (store/findings.name_findings_of)."""
    found: list[Entry] = []
    for top in (ENGAGEMENTS_DIR, PEOPLE_DIR):
        full = root / top
        if os.path.islink(full) or not full.is_dir():
            continue
        found.append((top, False, True))
        with os.scandir(full) as entries:
            for entry in entries:
                folder = entry.is_dir(follow_symlinks=False)
                found.append((f"{top}/{entry.name}", entry.is_symlink(), folder))
    return found


def _rules_rows(root: Path) -> list[Row]:
    # start-up: the import rules' model (pydantic) loads only when the rules file is read
    from .validate import rules_errors

    return [_row(f) for f in rules_errors(root)]


def validate_units(
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    only: Collection[str] | None = None,
    cache: bool = True,
    fresh: list[str] | None = None,
    jobs: int | None = None,
) -> list[Finding]:
    """Findings of the repository at `root` (of the units in `only`, with the top files'),
    sorted by file and line; `progress` hears (units done, units) every 25 units; `fresh`
    hears the units that were read (not taken from the cache); `jobs` processes read them
    (None: PCSM_JOBS, else every core for a large run: store/validate_parallel)."""
    layout = Layout(root)
    if not os.path.lexists(layout.settings):
        # start-up: the models load only when this runs ("not a pcsm repository")
        from .validate import Validator

        return Validator(root).run()
    checker: _Checker | None = None

    def checking() -> _Checker:
        nonlocal checker
        if checker is None:
            checker = _Checker(root)
        return checker

    units: dict[str, list[str]] = {}
    linked: set[str] = set()
    if only is not None:  # a person's evaluations name engagements, which may have changed
        only = {*only, *("/".join((PEOPLE_DIR, person)) for person in layout.people())}
    entries = layout.walk(None if only is None else sorted(only))
    links: list[str] = []
    for rel, link, _folder in entries:
        unit = unit_of(rel)
        if unit is None:
            if link and rel not in TOP_FILES:
                links.append(rel)
                linked.add("/".join(rel.split("/")[:2]))
            continue
        units.setdefault(unit, []).append(rel)
        if link:
            linked.add(unit)

    stamp = _top_stamp(layout) if cache else None
    scope = None if only is None else sorted(only)
    kept = ValidationCache(root, stamp, scope) if stamp is not None else None
    if kept is not None and not kept.usable:
        kept = None
    engagements = ",".join(sorted({*layout.engagements(), *absent_engagements(root)}))

    def cached(
        unit: str, rels: Sequence[str], extra: str, make: Callable[[], list[Row]]
    ) -> list[Row]:
        """The findings of `unit` from the cache, else made now (and kept)."""
        key = kept.key(rels, extra) if kept is not None else None
        rows = kept.get(unit, key) if kept is not None and key is not None else None
        if rows is None:
            rows = make()
            if kept is not None and key is not None:
                kept.put(unit, key, rows)
        return rows

    found: list[Finding] = []
    top = cached(TOP_UNIT, [], engagements, lambda: checking().top)
    found.extend(_findings(top))
    chosen = sorted(units if only is None else [u for u in units if u in only])
    keys: dict[str, str | None] = {}
    reading: list[tuple[str, Sequence[str]]] = []
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % 25 == 0 or done == len(chosen)):
            progress(done, len(chosen))

    for unit in chosen:
        rels = units[unit]
        extra = engagements if unit.startswith(f"{PEOPLE_DIR}/") else ""
        # what a link says depends on what it points to: never kept
        key = kept.key(rels, extra) if kept is not None and unit not in linked else None
        rows = kept.get(unit, key) if kept is not None and key is not None else None
        if rows is None:
            keys[unit] = key
            reading.append((unit, rels))
        else:
            found.extend(_findings(rows))
            tick()
    if fresh is not None:
        fresh.extend(unit for unit, _rels in reading)
    if reading:
        jobs = workers_for(len(reading), jobs)
        with closing(check_units(checking(), reading, jobs)) as checked:
            for unit, rows in checked:
                key = keys[unit]
                if kept is not None and key is not None:
                    kept.put(unit, key, rows)
                found.extend(_findings(rows))
                tick()
    found.extend(link_findings_of(links))
    found.extend(name_findings_of(entries if only is None else [*_tops(root), *entries]))
    if os.path.lexists(root / RULES_FILE):
        found.extend(_findings(cached(RULES_FILE, [RULES_FILE], "", lambda: _rules_rows(root))))
    if kept is not None:  # a part seen: nothing else is dropped
        kept.save([*units, TOP_UNIT, RULES_FILE, EDITOR_UNIT] if only is None else None)
    return sorted(set(found), key=lambda f: (f.path, f.line, f.column, f.message))


def remembered(
    root: Path, unit: str, rels: Sequence[str], make: Callable[[], list[Row]]
) -> list[Row]:
    """What `make` says of the files `rels` (and the top files, and this pcsm), from the
    validation cache while none of them changed: for the checks beside the folders' (the
    editor set-up), so that a warm validate stays as light as its folders."""
    stamp = _top_stamp(Layout(root))
    kept = ValidationCache(root, stamp) if stamp is not None else None
    key = kept.key(rels) if kept is not None and kept.usable else None
    rows = kept.get(unit, key) if kept is not None and key is not None else None
    if rows is None:
        rows = make()
        if kept is not None and key is not None:
            kept.put(unit, key, rows)
            kept.save(None)
    return rows
