"""A stakeholder analysis's figures into a month of the stakeholder plan.

The analysis's register columns went to the register (read first); its influence, interest
and support cells (io/detect/figures.py) become each stakeholder's assessment in the plan's
latest month (this month when the plan has none), which the preview names. Level words go
through the vocabulary (High/Medium/Low, hoch/mittel/gering, A/M/B, 高/中/低), support words
too (champion ... blocker, in the languages the vocabulary knows); figures on 1-5, 0-1 or
-2..+2 are put on pcsm's scales (authority and interest 0..10, support on the repository's
scale) and each rescaling is said. A cell nothing reads is reported at its cell; a stakeholder
with no influence or interest (and none stored) gets no assessment, and the preview says
which cells were left for that reason, so nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from ..models.commitment import Assessment, StakeholderPlanMonth
from ..models.scales import Scale
from .adapter import ReadContext, finish_file, validate_row
from .cells import Unusable, as_text, scaled_level
from .detect import Detected
from .detect.figures import FIGURES, NEEDED, Figures
from .detect.vocab import Vocabulary, vocabulary
from .rules import normalize
from .sheet_reader import ParsedRow
from .stakeholder_sheets import previous_month

TEN = Scale(0, 10)
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def read_figures(found: Sequence[Detected], ctx: ReadContext) -> list[str]:
    """Each stakeholder's figures into the month (`ctx.produce`); lines for the preview."""
    tables = [f.figures for f in found if f.figures is not None]
    if not tables:
        return []
    months = ctx.data.months()
    month = months[-1] if months else dt.date.today().strftime("%Y-%m")
    rel = ctx.data.month_rel(month)
    stored = ctx.data.models.get(rel)
    base = stored if isinstance(stored, StakeholderPlanMonth) else previous_month(ctx, month)
    vocab = vocabulary(ctx.rules)
    support = ctx.data.scales.get("support", Scale(0, 10))
    by_name = {normalize(s.name): s.id for s in ctx.data.register.stakeholders}
    assessments = {a.stakeholder: a for a in (base.assessments if base else [])}
    mapped: dict[str, None] = {}
    for figures in tables:
        for row in figures.rows:
            who = by_name.get(normalize(row.name))
            where = f"{figures.sheet}!{row.row}"
            if who is None:
                continue  # the register reported why this row was not imported
            item = ParsedRow(row.row, {}, dict(row.refs), where=where)
            if row.desired:
                ctx.report.note(
                    where,
                    f"{row.name}: desired attitude {row.desired!r} noted, not stored (a plan "
                    "row's desired situation holds it)",
                )
            for key in FIGURES:
                if key not in row.cells:
                    continue
                scale = support if key == "support" else TEN
                try:
                    item.values[key] = _figure(key, row.cells[key], figures, vocab, scale, mapped)
                except Unusable as error:
                    ctx.report.error(row.refs[key], str(error))
                    item.unusable.add(key)
            old = assessments.get(who)
            data = old.model_dump() if old else {"id": who, "stakeholder": who}
            lacking = [k for k in NEEDED if k not in item.values and k not in data]
            if lacking and item.unusable & set(NEEDED):
                continue  # the cell was reported; the stakeholder is not assessed
            if lacking:
                given = ", ".join(f"{k} {as_text(row.cells[k])!r}" for k in row.cells)
                ctx.report.note(
                    where,
                    f"{row.name}: no {' or '.join(lacking)} given; not assessed this month"
                    + (f" ({given} not imported)" if given else ""),
                )
                continue
            if "support" not in item.values and "support" not in data:
                item.values["support"] = scaled_level(5, support)
                mapped[f"support: not given; the scale's middle ({item.values['support']})"] = None
            built = validate_row(Assessment, str(data["id"]), data, item.values, item, ctx)
            if built is not None:
                assessments[who] = built
    kept = [assessments.pop(a.stakeholder) for a in (base.assessments if base else [])]
    values = {"assessments": kept + list(assessments.values())}
    model = (
        finish_file(StakeholderPlanMonth, base, values, tables[0].sheet, ctx)
        if base is not None or values["assessments"]
        else None  # no month yet and no one assessed: no empty month file
    )
    if model is not None:
        ctx.produce(rel, model)
    headers = ", ".join(repr(h) for t in tables for h in t.headers.values())
    which = "the plan's latest month" if months else "this month; the plan had none"
    lines = [
        f"stakeholder figures: {headers} -> the stakeholder plan's month {month} ({which}): "
        f"authority and interest on 0..10, support on {support.low}..{support.high}"
    ]
    return lines + [f"  value: {m}" for m in mapped]


def _figure(
    key: str, value: Any, figures: Figures, vocab: Vocabulary, scale: Scale, mapped: dict[str, None]
) -> int:
    """A figure cell on `scale`: a word through the vocabulary, a number by its column's
    range (a 1-5 column doubled onto 0..10, a 0-1 one times ten, -2..+2 centred)."""
    if isinstance(value, str) and not _NUMBER.match(value.strip()):
        text = value.strip()
        said = vocab.user.value_of(key, text)
        if said is not None and said.lstrip("+-").isdigit():
            mapped[f"{key}: {text!r} -> {said} (--values)"] = None
            return int(said)
        position = vocab.support(text) if key == "support" else vocab.level(text)
        if position is None:
            raise Unusable(
                f"{text!r} is not a level word (High, Medium, Low ...) nor a number; map it "
                f"with --values '{key}:{text}=N'"
            )
        level = scaled_level(position, scale)
        mapped[f"{key}: {text!r} -> {level}"] = None
        return level
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Unusable(f"{as_text(value)!r} is not a level or a number")
    number = float(str(value).replace(",", "."))
    low, high, fractions = _range(figures, key)
    top = _top(figures.headers[key])
    if low < 0:
        width = next(w for w in (2, 3, 5, 10, max(-low, high)) if max(-low, high) <= w)
        position = (number + width) / (2 * width) * 10
        said = f"-{width}..+{width}"
    elif fractions and high <= 1:
        position, said = number * 10, "0-1"
    elif (top or (5 if high <= 5 else 10)) == 5:
        position, said = number * 2, "1-5"
    elif high <= 10:
        position, said = number, "0-10"
    else:
        raise Unusable(f"{as_text(value)} is outside 0..10")
    level = scaled_level(max(0.0, min(10.0, position)), scale)
    if said != "0-10" or (scale.low, scale.high) != (0, 10):
        mapped[f"{key}: {said} figures put on {scale.low}..{scale.high}"] = None
    return level


def _range(figures: Figures, key: str) -> tuple[float, float, bool]:
    numbers = []
    for row in figures.rows:
        value = row.cells.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.append(float(value))
        elif isinstance(value, str) and _NUMBER.match(value.strip()):
            numbers.append(float(value.strip().replace(",", ".")))
    if not numbers:
        return 0.0, 0.0, False
    return min(numbers), max(numbers), any(not n.is_integer() for n in numbers)


def _top(header: str) -> int | None:
    """The top of the scale a header names (`Influence (1-5)`, `Interest 1-10`)."""
    found = [int(n) for n in re.findall(r"\d+", header)]
    return 10 if 10 in found else 5 if 5 in found else None


__all__ = ["read_figures"]
