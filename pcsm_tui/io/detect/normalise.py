"""A recognised table rewritten in pcsm's own shape, for the tool's reader.

The tool readers already know pcsm's headers, codes and scales. So a table found by content
is handed to them as a sheet in that shape: one header row in pcsm's words, the data rows
at their own row numbers and columns (so a message still names the workbook's cell), the
skipped rows and everything around the table left out, and the values the vocabulary knows
put in pcsm's terms — a level word or code (`Alta`, `高`, `H`) on the field's scale, a 1-10
or 0-1 column scaled onto it, `Closed` as done, several columns of one text field joined.
Each mapping is said in the notes, so the preview shows what was done.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from ...models.scales import Scale
from ..cells import as_text, is_empty, scaled_level
from ..columns import Col
from ..raci_sheet import ACTIVITY
from ..report import Report
from ..rules import ImportRules, normalize
from ..workbook import SheetCells
from .grid import Grid
from .raci import legend, read_codes, split_names
from .recognise import Guess, ignored
from .tables import Found
from .vocab import Vocabulary

_RANGE = re.compile(r"^\s*(\S+)\s+(?:-|–|—|to|bis|au|a|до)\s+(\S+)\s*$")


@dataclass
class Normalised:
    sheet: SheetCells
    rows: int
    mapped: list[str] = field(default_factory=list)
    """Value mappings applied (`likelihood: 'Alta' -> 4`), for the preview."""
    origin: dict[int, int] = field(default_factory=dict)
    """Column in `sheet` -> the workbook's column it came from (when they differ)."""


def table_sheet(
    grid: Grid,
    table: Found,
    guess: Guess,
    cols: Mapping[str, Col],
    scales: Mapping[str, Scale],
    vocab: Vocabulary,
    report: Report,
    name: str,
    rules: ImportRules,
    taken: Collection[int] = (),
) -> Normalised:
    """A table tool's sheet: pcsm's headers over the mapped columns, values in its terms
    (`taken`: columns read elsewhere, e.g. a stakeholder's figures into a month)."""
    words = vocab.tools[guess.tool]
    into = words.into
    by_field: dict[str, list[int]] = {}
    for col, key in sorted(guess.columns.items()):
        if col in taken:
            continue
        target = into.get(key, key)
        if target in cols:
            by_field.setdefault(target, []).append(col)
        else:
            report.note(
                f"{grid.name}!{table.header_row}",
                f"column {table.headers[col]!r} ({key}) has no place in pcsm; not imported",
            )
    for col, header in table.headers.items():
        if col not in guess.columns and not ignored(header):
            again = [k for k in words.fields if vocab.field_score(guess.tool, k, header)]
            first = [c for c, k in sorted(guess.columns.items()) if again and k == again[0]]
            both = [k for k in again if k in guess.columns.values()]
            if len(both) > 1:  # `Probability x Impact`: a figure made of two imported ones
                message = (
                    f"column {header!r} combines {' and '.join(both)} (a figure the sheet "
                    "works out; pcsm works out its own from them); not imported"
                )
            elif first:
                message = (
                    f"column {header!r} repeats {again[0]} (column {_letter(first[0])} is "
                    "imported); not imported"
                )
            else:
                message = f"column {header!r} not recognised; not imported"
            report.note(f"{grid.name}!{table.header_row}", message)
    # The mapped columns side by side (a column left out must not split the header row
    # in two for the reader); `origin` keeps each one's place in the workbook for messages.
    out = SheetCells(name)
    header_row = table.header_row
    place = {key: table.first_col + i for i, key in enumerate(by_field)}
    origin = {place[key]: columns[0] for key, columns in by_field.items()}
    extra = words.category
    category_col = table.first_col + len(by_field)
    out.rows[header_row] = {place[key]: cols[key].header for key in by_field}
    if extra:
        out.rows[header_row][category_col] = (
            cols["category"].header if "category" in cols else "Category"
        )
        origin[category_col] = table.last_col + 1
    mapped: dict[str, None] = {}
    count = 0
    for row in table.rows:
        values: dict[int, Any] = {}
        for key, columns in by_field.items():
            spec = cols[key]
            if len(columns) > 1:
                parts = [
                    f"{table.headers[c]}: {as_text(grid.value(row, c)).strip()}"
                    for c in columns
                    if not is_empty(grid.value(row, c))
                ]
                values[place[key]] = "\n".join(parts) if parts else None
                continue
            value = grid.value(row, columns[0])
            values[place[key]] = _value(
                spec, value, key, grid, table, columns[0], scales, vocab, rules, mapped
            )
        if extra:
            values[category_col] = extra
        kept = {c: v for c, v in values.items() if v is not None}
        if kept:
            out.rows[row] = kept
            count += 1
    return Normalised(out, count, list(mapped), origin)


def _value(
    col: Col,
    value: Any,
    key: str,
    grid: Grid,
    table: Found,
    column: int,
    scales: Mapping[str, Scale],
    vocab: Vocabulary,
    rules: ImportRules,
    mapped: dict[str, None],
) -> Any:
    if is_empty(value):
        return None
    said = vocab.user.value_of(key, as_text(value)) if isinstance(value, str) else None
    if said is not None:
        mapped[f"{key}: {value.strip()!r} -> {said} (--values)"] = None
        return int(said) if said.lstrip("+-").isdigit() else said
    if col.kind == "int" and col.scale and col.scale in scales:
        scale = scales[col.scale]
        if isinstance(value, str):
            position = vocab.level(value)
            if position is None:
                return value
            level = scaled_level(position, scale)
            mapped[f"{key}: {value.strip()!r} -> {level}"] = None
            return level
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            low, high, fractions = _figures(grid, table, column)
            if high <= 1 and fractions:
                level = scaled_level(value * 10, scale)
                mapped[f"{key}: 0-1 figures scaled onto {scale.low}..{scale.high}"] = None
                return level
            if scale.high < high <= 10 and low >= 0:
                level = scaled_level(value, scale)
                mapped[f"{key}: 0-10 figures scaled onto {scale.low}..{scale.high}"] = None
                return level
        return value
    if col.kind == "bool" and isinstance(value, str):
        if normalize(value) in vocab.done:
            mapped[f"{key}: {value.strip()!r} -> done"] = None
            return "Y"
        if rules.yes_no(value) is None:
            # A status that is not a done word (`Open`, `In progress`, `対応中`) is not done.
            mapped[f"{key}: {value.strip()!r} -> not done"] = None
            return "N"
        return value
    if col.kind == "date" and isinstance(value, str):
        matched = _RANGE.match(value)
        if matched:
            mapped[f"{key}: a range of dates, its first day taken"] = None
            return matched.group(1)
    return value


def _figures(grid: Grid, table: Found, column: int) -> tuple[float, float, bool]:
    """Lowest and highest figure of a column, and whether any has a fraction (once per
    column: a 20,000-row sheet must not be scanned again for every cell)."""
    key = ("figures", table.header_row, column)
    found = grid.memo.get(key)
    if found is None:
        numbers = [
            float(v)
            for v in (grid.value(r, column) for r in table.rows)
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        ]
        found = (
            (min(numbers), max(numbers), any(not n.is_integer() for n in numbers))
            if numbers
            else (0.0, 0.0, False)
        )
        grid.memo[key] = found
    return found


def raci_sheet(
    grid: Grid, table: Found, guess: Guess, vocab: Vocabulary, report: Report, name: str
) -> Normalised:
    """The RACI grid in pcsm's shape: `Activity / task` then one column per person or role."""
    out = SheetCells(name)
    header = table.header_row
    meanings = legend(grid, table)
    mapped: dict[str, None] = {}
    if guess.transposed:
        return _transposed(grid, table, guess, out, name)
    shape = guess.shape
    assert shape is not None
    # The code columns right of the activity (columns between them, a description or a
    # phase, would split the header row for the reader); `origin` keeps their places.
    place = {col: shape.activity + 1 + i for i, col in enumerate(shape.columns)}
    origin = {new: old for old, new in place.items()}
    out.rows[header] = {shape.activity: ACTIVITY.header}
    for col in shape.columns:
        out.rows[header][place[col]] = table.headers.get(col) or f"Column {col}"
    count = 0
    for row in table.rows:
        activity = grid.value(row, shape.activity)
        if is_empty(activity):
            continue
        line: dict[int, Any] = {shape.activity: activity}
        for col in shape.columns:
            value = grid.value(row, col)
            codes = read_codes(value, vocab)
            if not codes.ok:
                line[place[col]] = value
                continue
            for letter in codes.others:
                meaning = meanings.get(letter)
                report.note(
                    f"{grid.name}!{_letter(col)}{row}",
                    f"{letter!r} is not a RACI letter"
                    + (f" (the legend says: {meaning})" if meaning else " (no legend defines it)")
                    + "; left out",
                )
            if codes.roles:
                shown = "/".join(r for r in "RACI" if r in codes.roles)
                line[place[col]] = shown
                if shown != as_text(value).strip():
                    mapped[f"RACI code {as_text(value).strip()!r} -> {shown}"] = None
        out.rows[row] = line
        count += 1
    return Normalised(out, count, list(mapped), origin)


def _transposed(grid: Grid, table: Found, guess: Guess, out: SheetCells, name: str) -> Normalised:
    """Columns R, A, C, I holding names: one column per name, the role letters inside."""
    activity = next(c for c, k in guess.columns.items() if k == "activity")
    letters = {"responsible": "R", "accountable": "A", "consulted": "C", "informed": "I"}
    people: dict[str, int] = {}
    rows: dict[int, dict[str, set[str]]] = {}
    for row in table.rows:
        if is_empty(grid.value(row, activity)):
            continue
        cells: dict[str, set[str]] = {}
        for col, key in guess.columns.items():
            if key not in letters:
                continue
            for person in split_names(as_text(grid.value(row, col))):
                people.setdefault(person, len(people))
                cells.setdefault(person, set()).add(letters[key])
        rows[row] = cells
    out.rows[table.header_row] = {1: ACTIVITY.header}
    for person, index in people.items():
        out.rows[table.header_row][2 + index] = person
    for row, cells in rows.items():
        line: dict[int, Any] = {1: grid.value(row, activity)}
        for person, roles in cells.items():
            line[2 + people[person]] = "/".join(r for r in "RACI" if r in roles)
        out.rows[row] = line
    return Normalised(out, len(rows), [f"transposed grid: {len(people)} people as columns"])


def _letter(col: int) -> str:
    return get_column_letter(col)
