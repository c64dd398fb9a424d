"""Tables found by their content: where each is, which tool it is, and pcsm's shape of it.

`detect` looks at the sheets no tool claims by name. For each table it finds (io/detect/
tables.py) it asks every tool how sure it is that the table is its own (recognise.py) and
takes the best guess only when it is sure; the table is then rewritten in pcsm's shape
(normalise.py) for the tool's usual reader. What it found, what it skipped and why, and the
mappings it applied are kept for the preview; tables it was not sure about are kept with
what it saw, so the import can refuse and say how to map them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ...models.scales import Scale
from ..cells import as_text, is_empty
from ..columns import Col
from ..report import Report
from ..rules import ImportRules
from ..sheet_reader import SheetReader
from ..workbook import SheetCells
from .figures import FIGURE_TOOL, Figures, take_figures
from .grid import Grid
from .normalise import raci_sheet, table_sheet
from .plan import PLAN_TOOL, plan_sheet
from .recognise import Guess, decide, recognise
from .remember import Remembered, merged, remembered_for, shape_of
from .tables import Found, find_tables
from .vocab import UserMapping, vocabulary


@dataclass
class Detected:
    """One table found on a sheet, and what became of it."""

    table: Found
    guesses: list[Guess]
    chosen: Guess | None
    sheet: SheetCells | None = None
    """The table in pcsm's shape, for the target tool's reader (None: not imported)."""
    rows: int = 0
    mapped: list[str] = field(default_factory=list)
    why_not: str = ""
    origin: dict[int, int] = field(default_factory=dict)
    """Column of `sheet` -> the workbook's column (messages name the workbook's cell)."""
    user: UserMapping = field(default_factory=UserMapping)
    """The mapping the table was read with (said now, remembered, or both)."""
    remembered: str = ""
    """The `import-mappings/` file the table's mapping came from ("" when none)."""
    remember_as: str = ""
    """The `import-mappings/` file this import writes the table's mapping to."""
    samples: list[dict[int, str]] = field(default_factory=list)
    """The first rows' cell texts by column, for the mapping step's preview."""
    distinct: dict[int, list[str]] = field(default_factory=dict)
    """Each column's distinct cell texts (up to DISTINCT), for the value mapping."""
    figures: Figures | None = None
    """A stakeholder analysis's influence, interest and support, for a month of the plan."""

    @property
    def shape(self) -> tuple[str, ...]:
        return shape_of(self.table.headers.values())

    def reader(self, rules: ImportRules) -> SheetReader:
        assert self.sheet is not None
        return PlacedReader(self.sheet, rules, self.origin)

    def describe(self) -> list[str]:
        """Lines for the preview: where, which tool, how sure, mapping, rows and skips."""
        where = self.table.where()
        lines: list[str] = []
        if self.chosen is not None and self.sheet is not None:
            lines.append(
                f"{where}: {self.chosen.title} -> {self.chosen.target} "
                f"(confidence {self.chosen.confidence:.2f}; {self.chosen.why})"
            )
            lines.append(f"  rows: {self.rows} read, {len(self.table.skipped)} skipped")
        else:
            best = self.guesses[0] if self.guesses else None
            guess = (
                f"best guess {best.title} (confidence {best.confidence:.2f}; {best.why})"
                if best
                else "no guess"
            )
            lines.append(f"{where}: not imported — {self.why_not or guess}")
            headers = ", ".join(repr(h) for h in self.table.headers.values())
            lines.append(f"  headers seen: {headers}")
        lines += [f"  value: {m}" for m in self.mapped]
        if self.remembered:
            lines.append(f"  mapping remembered from {self.remembered}")
        if self.remember_as:
            lines.append(f"  mapping remembered in {self.remember_as} for the next workbook")
        return lines


class PlacedReader(SheetReader):
    """A rewritten table's reader whose messages name the workbook's own cells."""

    def __init__(self, sheet: SheetCells, rules: ImportRules, origin: dict[int, int]) -> None:
        super().__init__(sheet, rules)
        self.origin = origin

    def ref(self, row: int, col: int | None = None) -> str:
        return super().ref(row, None if col is None else self.origin.get(col, col))


ColsFor = Callable[[str], Mapping[str, Col] | None]
"""The columns of a target tool's table by field (None: the tool is not a table)."""


def detect(
    sheets: Sequence[SheetCells],
    rules: ImportRules,
    cols_for: ColsFor,
    scales: Mapping[str, Scale],
    report: Report,
    wanted: str | None = None,
    user: UserMapping | None = None,
    remembered: Sequence[Remembered] = (),
) -> list[Detected]:
    """Every table on `sheets`, recognised and (when sure) rewritten for its tool; a
    table whose header shape was remembered is read with that mapping (and as its tool),
    what the person says now winning over it."""
    said = user or UserMapping()
    base = replace(vocabulary(rules), user=said)
    out: list[Detected] = []
    targets: set[str] = set()
    for sheet in sheets:
        grid = Grid.of(sheet)
        tables = find_tables(grid, base, rules)
        for index, table in enumerate(tables):
            memo = remembered_for(shape_of(table.headers.values()), remembered, wanted)
            vocab = base if memo is None else replace(base, user=merged(memo.user, said))
            asked = wanted if memo is None else memo.tool
            guesses = recognise(grid, table, vocab)
            chosen = decide(guesses, asked)
            found = Detected(table, guesses, chosen, user=vocab.user)
            found.remembered = memo.rel if memo is not None else ""
            found.samples, found.distinct = _texts(grid, table)
            out.append(found)
            if chosen is None:
                found.why_not = _why_not(guesses, asked)
                continue
            if not chosen.target:
                found.why_not = f"looks like a {chosen.title}; pcsm does not import those yet"
                continue
            several = chosen.tool == PLAN_TOOL  # a plan of several tables adds them all
            if chosen.target in targets and not several:
                found.why_not = f"a second {chosen.title} in this workbook; import it on its own"
                continue
            name = sheet.name if index == 0 else f"{sheet.name} ({index + 1})"
            for row, why in table.skipped:
                report.note(f"{sheet.name}!{row}", f"skipped: {why}")
            for col, why in table.dropped:
                report.note(f"{sheet.name}!{table.header_row}", f"column {col} left out: {why}")
            if chosen.target == "raci":
                made = raci_sheet(grid, table, chosen, vocab, report, name)
            elif several:
                made = plan_sheet(grid, table, chosen, vocab, report, name)
            else:
                cols = cols_for(chosen.target)
                if cols is None:
                    found.why_not = f"pcsm cannot read a {chosen.title} as a table"
                    continue
                figures = (
                    take_figures(grid, table, chosen, vocab) if chosen.tool == FIGURE_TOOL else None
                )
                taken = figures.columns.values() if figures else ()
                made = table_sheet(
                    grid, table, chosen, cols, scales, vocab, report, name, rules, taken
                )
                found.figures = figures
                for row in figures.repeats if figures else ():
                    # A stakeholder's `Soll` row: its attitude was read; it is no one new.
                    made.sheet.rows.pop(row, None)
                    made.rows -= 1
                    table.skipped.append((row, "the row above's desired attitude"))
                    report.note(f"{sheet.name}!{row}", "skipped: the row above's desired attitude")
            found.sheet, found.rows, found.mapped = made.sheet, made.rows, made.mapped
            found.origin = made.origin
            targets.add(chosen.target)
    return out


SAMPLES = 10
"""Rows the mapping step previews."""
DISTINCT = 40
"""Distinct texts per column offered for value mapping (a level column has a handful; a
name column has hundreds, and is not one to map values of)."""


def _texts(grid: Grid, table: Found) -> tuple[list[dict[int, str]], dict[int, list[str]]]:
    """The first rows' texts and each column's distinct texts, for the mapping step."""
    samples = [
        {c: as_text(grid.value(r, c)).strip() for c in table.headers} for r in table.rows[:SAMPLES]
    ]
    distinct: dict[int, dict[str, None]] = {c: {} for c in table.headers}
    for row in table.rows:
        for col, seen in distinct.items():
            if len(seen) > DISTINCT:
                continue
            value = grid.value(row, col)
            if isinstance(value, str) and not is_empty(value):
                seen[value.strip()] = None
    return samples, {c: list(seen)[:DISTINCT] for c, seen in distinct.items() if seen}


def _why_not(guesses: list[Guess], wanted: str | None) -> str:
    if not guesses:
        return "no tool matches it"
    best = guesses[0]
    if wanted is not None:
        return f"does not look like {wanted} (best guess {best.title}, {best.confidence:.2f})"
    second = guesses[1] if len(guesses) > 1 else None
    close = (
        f", too close to {second.title} ({second.confidence:.2f})"
        if second and best.confidence - second.confidence < 0.1
        else ""
    )
    matched = best.why if best.why == "no header matched" else f"matched {best.why}"
    return (
        f"not sure enough: best guess {best.title} (confidence {best.confidence:.2f}"
        f"{close}; {matched})"
    )


__all__ = ["Detected", "Remembered", "UserMapping", "detect", "shape_of"]
