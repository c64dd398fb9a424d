"""Which tool a found table is, how sure, and which column is which field.

Like an importer that answers "is this mine, how sure" before "what does it hold": every
tool of the vocabulary scores the whole table — its header words (exact or as whole words,
in any language the vocabulary knows), the fields it must have, and the shape of the values
(a block of RACI codes, level words under likelihood, dates under start). The best guess is
taken only when it is confident and clearly ahead of the next; otherwise the import refuses
and says what it saw and how to map it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..cells import is_empty
from ..rules import normalize
from .grid import Grid
from .raci import SAMPLE_ROWS, GridShape, code_columns
from .tables import Found
from .vocab import Vocabulary

ACCEPT = 0.5
"""Confidence from which a table is imported as the tool it looks like."""
MARGIN = 0.1
"""How far ahead of the second guess the best one must be."""
IGNORED_HEADERS = frozenset(
    {
        "no",
        "nr",
        "#",
        "n°",
        "№",
        "num",
        "number",
        "id",
        "s no",
        "sl no",
        "sr no",
        "sno",
        "item no",
        "lfd nr",
        "nº",
        "番号",
        "no 1",
        "n º",
        "р бр",
        "r br",
        "rb",
        "рб",
        "redni broj",
        "редни број",
        "п п",
        "pos",
        "lfd",
    }
)


ID_WORDS = frozenset({"id", "no", "nr", "#", "ref", "n°", "nº", "num", "número", "nummer", "номер"})
"""A header ending in one of these (`Risk ID`, `Issue No`) names a numbering column."""


def ignored(header: str) -> bool:
    """A numbering or id column: counted neither for nor against any tool."""
    words = normalize(header).split()
    return not words or " ".join(words) in IGNORED_HEADERS or words[-1] in ID_WORDS


@dataclass
class Guess:
    tool: str
    """The vocabulary's tool (register, risks, raci ...)."""
    title: str
    target: str
    """The pcsm tool its rows go to ("" when none yet)."""
    confidence: float
    columns: dict[int, str] = field(default_factory=dict)
    """Sheet column -> field."""
    shape: GridShape | None = None
    transposed: bool = False
    why: str = ""


def recognise(grid: Grid, table: Found, vocab: Vocabulary) -> list[Guess]:
    """Every tool's guess for the table, best first."""
    guesses = [_score(grid, table, vocab, tool) for tool in vocab.tools]
    shape = code_columns(grid, table, vocab)
    raci = next(g for g in guesses if g.tool == "raci")
    if shape is not None:
        raci.shape = shape
        raci.transposed = False
        raci.columns = {shape.activity: "activity"}
        named = (
            0.1
            if vocab.field_score("raci", "activity", table.headers.get(shape.activity, ""))
            else 0.0
        )
        raci.confidence = min(0.95, 0.6 + 0.1 * min(3, len(shape.columns) - 1) + named)
        raci.why = f"a block of RACI codes in {len(shape.columns)} columns"
        if _attitudes(guesses, shape.columns):
            # `C`urrent and `D`esired under Unaware … Leading: an attitude matrix, not roles.
            raci.confidence = min(raci.confidence, 0.3)
            raci.why += " under attitude headers"
    else:
        roles = [f for f in raci.columns.values() if f != "activity"]
        if len(set(roles)) >= 3 and "activity" in raci.columns.values():
            raci.transposed = True
            raci.why = "columns R, A, C, I holding names"
        else:
            raci.confidence = min(raci.confidence, 0.3)
    return sorted(guesses, key=lambda g: -g.confidence)


def _attitudes(guesses: list[Guess], columns: list[int]) -> bool:
    """Most of the code columns are headed by attitudes (`Resistant`, `Supportive`)."""
    named = {c for g in guesses for c, k in g.columns.items() if k == "attitude_column"}
    return len(named & set(columns)) * 2 > len(columns)


def _score(grid: Grid, table: Found, vocab: Vocabulary, tool: str) -> Guess:
    words = vocab.tools[tool]
    scored: list[tuple[float, int, str]] = []
    counted = 0
    chosen: dict[int, str] = {}
    for col, header in table.headers.items():
        said = vocab.user.field_of(header)
        if said == "ignore" or (said is None and ignored(header)):
            continue
        counted += 1
        if said is not None:
            # The person named this column's field: it is that, for the tools that have it.
            if said in words.fields:
                chosen[col] = said
            continue
        for key in words.fields:
            weight = vocab.field_score(tool, key, header)
            if weight:
                scored.append((weight, col, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    columns: dict[int, str] = dict(chosen)
    taken: set[str] = set(chosen.values())
    total = float(len(chosen))
    for weight, col, key in scored:
        if col in columns or (key in taken and key not in words.join):
            continue
        columns[col] = key
        taken.add(key)
        total += weight
    confidence = total / max(2, counted)
    for need, stand_in in words.stand_in.items():
        if need not in taken and stand_in in taken:
            # `Risk description` and no `Risk`: the description names the risk.
            col = next(c for c, k in columns.items() if k == stand_in)
            columns[col] = need
            taken = set(columns.values())
    missing = [k for k in words.required if k not in taken]
    if missing:
        confidence *= 0.3
    if words.one_of and not taken & set(words.one_of):
        confidence *= 0.5
    bonus, why = _shape_bonus(grid, table, columns, vocab)
    confidence = min(0.99, confidence + bonus)
    mapped = ", ".join(f"{table.headers[c]!r}={k}" for c, k in sorted(columns.items()))
    return Guess(
        tool,
        words.title,
        words.target,
        round(confidence, 2),
        columns,
        why=(mapped + (f"; {why}" if why else "")) or "no header matched",
    )


def _shape_bonus(
    grid: Grid, table: Found, columns: dict[int, str], vocab: Vocabulary
) -> tuple[float, str]:
    """A little more confidence when the values look like what the fields hold."""
    bonus = 0.0
    notes = []
    for col, key in columns.items():
        values = [grid.value(r, col) for r in table.rows[:SAMPLE_ROWS]]
        filled = [v for v in values if not is_empty(v)]
        if not filled:
            continue
        if key in ("likelihood", "severity"):
            levels = sum(
                1
                for v in filled
                if isinstance(v, (int, float))
                or (isinstance(v, str) and vocab.level(v) is not None)
            )
            if levels >= 0.8 * len(filled):
                bonus += 0.05
                notes.append(f"levels under {key}")
        if key in ("start", "end", "deadline", "date"):
            dates = sum(1 for v in filled if isinstance(v, dt.date))
            if dates >= 0.8 * len(filled):
                bonus += 0.05
                notes.append(f"dates under {key}")
    return min(bonus, 0.1), ", ".join(notes)


def decide(guesses: list[Guess], wanted: str | None = None) -> Guess | None:
    """The guess to import, or None when no guess is sure enough (`wanted`: --tool given)."""
    if wanted is not None:
        pick = next((g for g in guesses if g.target == wanted), None)
        return pick if pick is not None and pick.confidence >= ACCEPT / 2 else None
    if not guesses:
        return None
    best = guesses[0]
    second = guesses[1].confidence if len(guesses) > 1 else 0.0
    if best.confidence >= ACCEPT and best.confidence - second >= MARGIN:
        return best
    return None
