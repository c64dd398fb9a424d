"""What the app's mapping step offers for one table found by content, and its live preview.

The step shows each source column with a choice of the chosen tool's fields or `ignore`,
and each distinct text of a column mapped to a scaled field (likelihood 0..5, interest
0..10) with a choice of that scale's values. Everything it needs is worked out here, in the
core, when the workbook is read: the tools a table can go to and their fields in pcsm's
words, each tool's own guess of the columns, the first rows and the distinct texts. The
screen only presents the choices and asks `preview` for the rows they give.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..models.scales import Scale
from .cells import scaled_level
from .detect import ColsFor, Detected
from .detect.vocab import Vocabulary, vocabulary
from .rules import ImportRules, normalize

IGNORE = "ignore"


@dataclass(frozen=True)
class FieldChoice:
    key: str
    """The vocabulary's field (what `--map` names)."""
    label: str
    """pcsm's header for it (`Likelihood`), or where it goes (`department -> Notes`)."""
    scale: tuple[int, int] | None = None
    """The whole numbers it takes, when it is a scaled field."""


@dataclass(frozen=True)
class ToolChoice:
    target: str
    title: str
    """What the vocabulary calls such a table (`risk register`)."""
    fields: tuple[FieldChoice, ...]

    def field(self, key: str) -> FieldChoice | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class Chosen:
    """What the person chose: the tool, each column's field and the value of each text."""

    tool: str
    columns: Mapping[int, str]
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Field -> cell text -> the value to store (absent: the importer reads the text)."""


@dataclass
class MappingStep:
    """One table found by content, with everything the mapping step offers for it."""

    where: str
    why: str
    """Why it needs a mapping (a weak guess) or how it was read."""
    headers: dict[int, str]
    samples: list[dict[int, str]]
    distinct: dict[int, list[str]]
    tools: list[ToolChoice]
    guessed: dict[str, dict[int, str]]
    """Tool -> each tool's own guess of the columns' fields."""
    tool: str
    """The tool offered first: the best guess pcsm can import."""
    vocab: Vocabulary
    scales: Mapping[str, Scale] = field(default_factory=dict)
    imported: bool = False
    """pcsm was sure enough to read the table itself (the step is then only on asking)."""

    def choice(self, target: str) -> ToolChoice:
        return next(t for t in self.tools if t.target == target)

    def start(self, target: str | None = None) -> Chosen:
        """The choices the step opens with (for `target`, or the best guess)."""
        tool = target or self.tool
        fields = {f.key for f in self.choice(tool).fields}
        guess = self.guessed.get(tool, {})
        return Chosen(
            tool,
            {c: guess[c] if guess.get(c) in fields else IGNORE for c in self.headers},
        )

    def scaled(self, chosen: Chosen) -> list[tuple[int, FieldChoice, list[str]]]:
        """Columns mapped to a scaled field, with their distinct texts to map."""
        tool = self.choice(chosen.tool)
        out = []
        for col, key in chosen.columns.items():
            spec = tool.field(key)
            texts = self.distinct.get(col, [])
            if spec is not None and spec.scale is not None and texts:
                out.append((col, spec, texts))
        return out

    def preview(self, chosen: Chosen) -> tuple[list[str], list[list[str]]]:
        """The first rows as they would be imported: pcsm's headers and each row's values
        (a level word the vocabulary knows put on the scale; a mapped text as chosen)."""
        tool = self.choice(chosen.tool)
        mapped = [
            (c, spec) for c, k in chosen.columns.items() if (spec := tool.field(k)) is not None
        ]
        labels = [spec.label for _, spec in mapped]
        rows = []
        for sample in self.samples:
            row = [self._value(spec, sample.get(col, ""), chosen) for col, spec in mapped]
            if any(row):
                rows.append(row)
        return labels, rows

    def _value(self, spec: FieldChoice, text: str, chosen: Chosen) -> str:
        if not text or spec.scale is None:
            return text
        said = chosen.values.get(spec.key, {}).get(text)
        if said is not None:
            return said
        position = self.vocab.level(text)
        if position is None:
            return text
        return str(scaled_level(position, Scale(*spec.scale)))

    def mapping(self, chosen: Chosen) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        """The choices as `--map` and `--values` say them (header -> field; field -> text ->
        value), for `plan_import`."""
        headers = {self.headers[c]: k for c, k in chosen.columns.items() if self.headers[c]}
        values = {k: dict(v) for k, v in chosen.values.items() if v}
        return headers, values


def steps_for(
    found: Sequence[Detected], cols_for: ColsFor, scales: Mapping[str, Scale], rules: ImportRules
) -> list[MappingStep]:
    """A mapping step for every table found by content (a RACI grid is read by its codes,
    not mapped column by column: none for it)."""
    vocab = vocabulary(rules)
    tools = _tools(vocab, cols_for, scales)
    if not tools:
        return []
    targets = {t.target for t in tools}
    steps = []
    for item in found:
        if item.chosen is not None and item.chosen.target not in targets:
            continue  # a RACI grid (or a table pcsm reads otherwise)
        guesses = [g for g in item.guesses if g.target in targets]
        guessed: dict[str, dict[int, str]] = {}
        for guess in guesses:
            guessed.setdefault(guess.target, dict(guess.columns))
        best = item.chosen.target if item.chosen is not None else None
        first = best or (guesses[0].target if guesses else tools[0].target)
        why = _why(item)
        steps.append(
            MappingStep(
                item.table.where(),
                why,
                dict(item.table.headers),
                item.samples,
                item.distinct,
                tools,
                guessed,
                first,
                vocab,
                scales,
                imported=item.sheet is not None,
            )
        )
    return steps


def _why(item: Detected) -> str:
    """Why the step is shown, in a person's words."""
    if item.chosen is not None:
        return f"pcsm reads this table as a {item.chosen.title}; change what you need."
    best = item.guesses[0] if item.guesses else None
    if best is None or best.confidence == 0:
        return "pcsm does not recognise these headers, so it asks you what they are."
    return (
        f"pcsm is not sure what this table is (it looks most like a {best.title}, "
        f"{best.confidence:.0%} sure), so it asks you."
    )


def _tools(vocab: Vocabulary, cols_for: ColsFor, scales: Mapping[str, Scale]) -> list[ToolChoice]:
    out: list[ToolChoice] = []
    seen: set[str] = set()
    for words in vocab.tools.values():
        cols = cols_for(words.target) if words.target else None
        if cols is None or words.target in seen:
            continue
        seen.add(words.target)
        fields = []
        for key in words.fields:
            target = words.into.get(key, key)
            col = cols.get(target)
            if col is None:
                continue
            if target != key:
                fields.append(FieldChoice(key, f"{_word(key)} (into {col.header})"))
                continue
            scale = None
            if col.kind == "int" and col.scale in scales:
                bounds = scales[str(col.scale)]
                scale = (bounds.low, bounds.high)
            elif col.kind == "int" and col.low is not None and col.high is not None:
                scale = (int(col.low), int(col.high))
            fields.append(FieldChoice(key, col.header, scale))
        out.append(ToolChoice(words.target, words.title, tuple(fields)))
    return out


def _word(key: str) -> str:
    return normalize(key.replace("_", " ")) or key


__all__ = ["IGNORE", "Chosen", "FieldChoice", "MappingStep", "ToolChoice", "steps_for"]
