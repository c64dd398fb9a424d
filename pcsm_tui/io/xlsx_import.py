"""`pcsm import FILE.xlsx --engagement E`: a workbook back into an engagement, as one commit.

Importing is two steps so that a person (or the app) sees everything before anything is
written: `plan_import` reads the workbook and returns an `ImportPlan` — the files it would
write, the field-level changes (the same ones the commit will list) and the report of every
cell it could not use. `apply_import` then saves all files in one `Repository.save`, i.e.
one commit, or nothing at all. With cells it could not use, it refuses unless told to skip
them (`--skip-bad-cells`): the cells listed then keep their stored values.

Which sheet is which tool comes from the sheet names pcsm writes (and their synonyms in the
import rules); with `--tool`, a workbook whose sheets have other names is read by its tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PcsmError, UsageError
from ..framework.catalogue import MONTHLY_FOLDERS
from ..store.changes import Change, diff_models
from ..store.messages import Scope
from ..store.repository import CommitResult, Repository, Write, dump
from .adapter import ReadContext
from .bundle import EngagementData, Progress, load_engagement, no_progress
from .columns import Col, id_col
from .detect import ColsFor, Detected, UserMapping, detect
from .detect.vocab import vocabulary
from .import_mappings import MAPPINGS_DIR, load_remembered, mapping_write
from .layouts import adapters
from .mapping_step import MappingStep, steps_for
from .month_figures import read_figures
from .plan_rows import STRATEGY, read_plans
from .raci_sheet import A_COUNT, ACTIVITY, NO, RaciTool
from .redact import MARK
from .report import Report
from .rules import ImportRules, RulesError, load_rules
from .sheet_reader import SheetReader
from .sources import UnreadableFile, open_sheets
from .tables import Table, TableTool
from .workbook import SheetCells

if TYPE_CHECKING:
    from .adapter import Adapter

PREVIEW_LINES = 12
"""Changes shown per file in the preview (the rest are counted)."""


class WorkbookError(UsageError):
    """The workbook cannot be imported at all (missing, not xlsx, redacted, unrecognized)."""

    def __init__(self, message: str, steps: Sequence[MappingStep] = ()) -> None:
        super().__init__(message)
        self.steps = list(steps)
        """The tables found by content, none imported: the app offers to map them."""


class ImportRefused(PcsmError):
    """Cells could not be used and skipping them was not asked for; nothing was written."""


@dataclass
class ImportPlan:
    source: Path
    engagement: str
    tool: str | None
    writes: list[Write] = field(default_factory=list)
    changes: dict[str, list[Change]] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    rows: int = 0
    sheets: dict[str, str] = field(default_factory=dict)
    """Sheet name -> the tool it was read as."""
    found: list[Detected] = field(default_factory=list)
    """Tables found by their content on sheets no tool claims by name."""
    steps: list[MappingStep] = field(default_factory=list)
    """What the app's mapping step offers for each of them."""
    plan_lines: list[str] = field(default_factory=list)
    """What a plan table does to the strategy (adds and updates; the phase it went to)."""

    @property
    def clean(self) -> bool:
        return not self.report.errors

    def preview_lines(self, per_file: int = PREVIEW_LINES) -> list[str]:
        lines: list[str] = [line for found in self.found for line in found.describe()]
        lines += self.plan_lines
        by_tool: dict[str, list[str]] = {}
        for sheet, tool in self.sheets.items():
            by_tool.setdefault(tool, []).append(f"'{sheet}'")
        for tool, sheets in by_tool.items():
            shown = ", ".join(sheets[:3]) + (
                f", … ({len(sheets)} sheets)" if len(sheets) > 3 else ""
            )
            lines.append(f"{tool} <- {shown}")
        if not self.writes:
            lines.append("no changes: the engagement already holds what the workbook says")
        for write in self.writes:
            if write.rel.startswith(f"{MAPPINGS_DIR}/"):
                continue  # said with its table ("mapping remembered in ...")
            changes = self.changes.get(write.rel, [])
            new = write.expected_digest is None
            lines.append(f"{write.rel}: {'new file' if new else f'{len(changes)} change(s)'}")
            lines += [f"  - {c.describe()}" for c in changes[:per_file]]
            if len(changes) > per_file:
                lines.append(f"  - … and {len(changes) - per_file} more")
        return lines

    def report_lines(self) -> list[str]:
        errors = [f"{p}" for p in self.report.errors]
        notes = [f"{p} (note)" for p in self.report.notes]
        return errors + notes


def plan_import(
    repo: Repository,
    path: Path,
    engagement: str,
    tool: str | None = None,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
    remember: bool = True,
) -> ImportPlan:
    """Read the workbook and work out what an import would write (nothing is written).

    `mapping` (header -> field or `ignore`) and `values` (field -> cell text -> value) say
    how to read tables found by their content where the vocabulary does not; with
    `remember`, the import also writes them to `import-mappings/` for the tables they were
    used on, and a table whose header shape was remembered is read with its mapping."""

    report = progress or no_progress
    try:
        rules = load_rules(repo.root)
    except RulesError as error:
        raise WorkbookError(str(error)) from None
    data = load_engagement(repo, engagement)
    known = list(adapters(data.framework))
    if tool is not None and tool not in {a.tool for a in known}:
        raise WorkbookError(
            f"unknown tool {tool!r}; the tools are: {', '.join(a.tool for a in known)}"
        )
    report(f"reading {path.name}", 0.0)
    plan = ImportPlan(path, engagement, tool)
    try:
        cells, warned = open_sheets(path)
    except UnreadableFile as error:
        raise WorkbookError(str(error)) from None
    for text in warned:
        plan.report.note(path.name, text)
    _refuse_redacted(path, cells.keywords)
    user = UserMapping(dict(mapping or {}), {k: dict(v) for k, v in (values or {}).items()})
    _check_fields(user)
    remembered = load_remembered(repo, plan.report)
    claimed = {
        s.name
        for s in cells.sheets
        if any(a.claims(s.name, data, rules) and _reads_own(a, s, rules) for a in known)
    }
    plan.found = detect(
        [s for s in cells.sheets if s.name not in claimed],
        rules,
        _cols_for(known),
        data.scales,
        plan.report,
        tool,
        user,
        remembered,
    )
    plan.steps = steps_for(plan.found, _cols_for(known), data.scales, rules)
    readers = [SheetReader(s, rules) for s in cells.sheets if not _detected(s.name, plan.found)]
    by_content = [
        (found.chosen.target, found.reader(rules))
        for found in plan.found
        if found.sheet is not None and found.chosen is not None
    ]
    # Plans add to the strategy's roadmap (io/plan_rows.py), not through its sheets' reader.
    plans = [r for target, r in by_content if target == STRATEGY.id]
    by_content = [(target, r) for target, r in by_content if target != STRATEGY.id]
    assigned = _assign(readers, known, tool, data, rules, plan, by_content)
    if plans and tool in (None, STRATEGY.id):
        plan.sheets.update({r.name: STRATEGY.id for r in plans})
    elif plans:
        plans = []
    if not assigned and not plans:
        names = ", ".join(f"'{s.name}'" for s in cells.sheets)
        seen = [line for found in plan.found for line in found.describe()]
        raise WorkbookError(
            f"no sheet of {path.name} is recognized as a pcsm tool (sheets: {names})"
            + ("".join(f"\n  {line}" for line in seen))
            + "\nname the tool with --tool, map the columns with --map 'Header=field' (or "
            "map them in the app), or rename the table's headers to pcsm's "
            "(`pcsm export` writes a workbook with them)",
            plan.steps,
        )
    assigned.sort(key=lambda pair: pair[0].read_late)
    working = data.with_models({})
    ctx = ReadContext(
        working, rules, plan.report, loose=tool is not None, original=dict(data.models)
    )
    for index, (adapter, sheets) in enumerate(assigned):
        report(adapter.title, (index + 1) / (len(assigned) + 1))
        adapter.read(sheets, ctx)
    if plans:
        plan.plan_lines = read_plans(plans, ctx)
    # A stakeholder analysis: its register went to the register, its figures go to a month.
    read = [f for f in plan.found if f.sheet is not None and f.sheet.name in plan.sheets]
    plan.plan_lines += read_figures(read, ctx)
    plan.rows = ctx.rows_read
    labels = repo.names(engagement)
    for rel, model in ctx.outputs.items():
        old = data.models.get(rel)
        if old is not None and dump(old) == dump(model):
            continue
        loaded = data.loaded.get(rel)
        plan.writes.append(
            Write(
                rel,
                model,
                loaded.digest if loaded else None,
                header=None if loaded else _header(rel),
            )
        )
        plan.changes[rel] = diff_models(old, model, labels)
    if remember:
        for found in plan.found:
            write = mapping_write(found, remembered)
            if write is not None:
                plan.writes.append(write)
                found.remember_as = write.rel
    report("done", 1.0)
    return plan


def apply_import(
    repo: Repository,
    plan: ImportPlan,
    skip_bad_cells: bool = False,
    env: Mapping[str, str] | None = None,
    confirm_overwrite_unreadable: bool = False,
) -> CommitResult:
    """Save the plan as one commit (or raise ImportRefused and write nothing)."""
    if plan.report.errors and not skip_bad_cells:
        raise ImportRefused(
            f"{len(plan.report.errors)} cell(s) could not be used; nothing was written. Fix them "
            "in the workbook and import again, or add --skip-bad-cells to import the rest (the "
            "cells listed keep their stored values)"
        )
    return repo.save(
        plan.writes,
        Scope(engagement=plan.engagement, tool=plan.tool or ""),
        # Not the workbook's file name: it is often a person's ("Jane's RACI.xlsx").
        headline=f"imported a workbook ({plan.rows} rows)",
        action="import",
        env=env,
        confirm_overwrite_unreadable=confirm_overwrite_unreadable,
    )


def _refuse_redacted(path: Path, keywords: str | None) -> None:
    if keywords == MARK:
        raise WorkbookError(
            f"{path.name} is a redacted export (names replaced by pseudonyms); importing "
            "it would write the pseudonyms into the engagement. Import the unredacted "
            "workbook."
        )


def _check_fields(user: UserMapping) -> None:
    """`--map` and `--values` name fields the vocabulary knows (a typo must not be ignored)."""
    known = {key for tool in vocabulary().tools.values() for key in tool.fields}
    for field_name in [*user.headers.values(), *user.values]:
        if field_name != "ignore" and field_name not in known:
            raise WorkbookError(
                f"--map/--values: unknown field {field_name!r}; the fields are: "
                f"{', '.join(sorted(known))}, or ignore"
            )


def _detected(name: str, found: Sequence[Detected]) -> bool:
    """The sheet's tables were recognised by content (its readers come from them)."""
    return any(f.table.sheet == name and f.sheet is not None for f in found)


def _reads_own(adapter: Adapter, sheet: SheetCells, rules: ImportRules) -> bool:
    """A sheet named like a table tool's holds that tool's table in pcsm's words.

    A team's own `Register` or `Risks` sheet has the tool's name but its own headers: it is
    then found by its content instead of failing on the names pcsm expects."""
    copy = SheetCells(
        sheet.name,
        {r: dict(line) for r, line in sheet.rows.items()},
        dict(sheet.formats),
        list(sheet.merged),
    )
    if isinstance(adapter, RaciTool):
        # Two of pcsm's own headers: a team's `RACI` sheet with only a `Task` column is
        # found by its content (its two-row headers and keys), not read as one column.
        known = [NO, ACTIVITY, A_COUNT, id_col()]
        return SheetReader(copy, rules).find_table(known, ("name",), min_score=2) is not None
    if not isinstance(adapter, TableTool):
        return True
    tables = [b for s in adapter.sheets for b in s.blocks if isinstance(b, Table)]
    if len(tables) != 1 or len(adapter.sheets) != 1:
        return True
    block = tables[0]
    importable = [c for c in block.cols if c.imported and c.kind != "id"]
    hit = SheetReader(copy, rules).find_table(
        block.cols,
        required=(block.label,) if block.label else (),
        min_score=min(2, len(importable)),
        label_fallback=block.label,
    )
    return hit is not None


def _cols_for(known: Sequence[Adapter]) -> ColsFor:
    def cols(tool: str) -> dict[str, Col] | None:
        adapter = next((a for a in known if a.tool == tool), None)
        if not isinstance(adapter, TableTool):
            return None
        tables = [b for s in adapter.sheets for b in s.blocks if isinstance(b, Table)]
        if len(tables) != 1:
            return None
        return {c.key: c for c in tables[0].cols if c.imported}

    return cols


def _assign(
    readers: Sequence[SheetReader],
    known: Sequence[Adapter],
    tool: str | None,
    data: EngagementData,
    rules: object,
    plan: ImportPlan,
    by_content: Sequence[tuple[str, SheetReader]] = (),
) -> list[tuple[Adapter, list[SheetReader]]]:
    """Which sheets each tool reads: by name, then the tables recognised by their content;
    with --tool, by table when neither finds one."""

    assert isinstance(rules, ImportRules)
    owners: dict[str, Adapter] = {}
    for reader in readers:
        owner = next((a for a in known if a.claims(reader.name, data, rules)), None)
        if owner is not None:
            owners[reader.name] = owner
    wanted = [a for a in known if tool is None or a.tool == tool]
    out: list[tuple[Adapter, list[SheetReader]]] = []
    for adapter in wanted:
        sheets = [r for r in readers if owners.get(r.name) is adapter]
        sheets += [r for target, r in by_content if target == adapter.tool]
        if not sheets and tool is not None:
            sheets = [r for r in readers if r.name not in owners]
            if not sheets:
                sheets = list(readers)
        if sheets:
            out.append((adapter, sheets))
            for sheet in sheets:
                plan.sheets[sheet.name] = adapter.tool
    for reader in readers:
        if reader.name in plan.sheets:
            continue
        owner = owners.get(reader.name)
        message = (
            f"sheet of {owner.tool}; not imported with --tool {tool}"
            if owner is not None
            else "not recognized as a pcsm tool sheet; skipped (use --tool to read it as one)"
        )
        plan.report.note(reader.name, message)
    return out


def _header(rel: str) -> str:
    parts = rel.split("/")
    if parts[0] == "people":
        return "Personal evaluations: self-ratings 0-10 on areas A-H (spider chart)"
    if len(parts) == 4 and parts[2] in MONTHLY_FOLDERS:
        return f"Stakeholder management plan, {parts[3].removesuffix('.toml')}"
    return "imported from a workbook"


__all__ = [
    "ImportPlan",
    "ImportRefused",
    "WorkbookError",
    "apply_import",
    "plan_import",
]
