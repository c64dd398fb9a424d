"""A team's project or rollout plan into the engagement strategy's activities (the roadmap).

The plan's tables were found by their content and laid out in fixed columns by
io/detect/plan.py; here each row becomes a `StrategyActivity` of a phase. The phase is the
band above the row or the row's phase cell, read as a phase number (`FASE 1`, `Phase 2:
Pilot`) or a phase's name; a plan that names no phases goes to the engagement's current
phase, and the preview says so. A phase the framework does not have (`Phase 9` when it has
seven) is reported at its cell, never guessed. A row whose activity the phase already has
(same name) updates it; the others are added with the phase's next numbers; the stored
activities the plan does not name stay, because a plan sheet adds to and updates the roadmap
rather than replacing it. Durations typed where a date belongs (`2-3 days`) are kept in the
description and noted, not failed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from ..framework import Framework
from ..framework.catalogue import TOOL_FOR_KIND
from ..models.base import Row
from ..models.preparation import EngagementStrategy, StrategyActivity
from .adapter import ReadContext, build_rows, finish_file
from .cells import Unusable, as_text, is_empty, to_date
from .detect.plan import ACTIVITY, COMPLETED, DESCRIPTION, DURATION, END, PHASE, START
from .detect.vocab import vocabulary
from .rules import normalize
from .sheet_reader import ParsedRow, SheetReader

STRATEGY = TOOL_FOR_KIND[EngagementStrategy.kind]

_DURATION = re.compile(r"^\s*\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*[^\W\d_]+\.?\s*$")
"""`2-3 days`, `5 d`, `1,5 Wochen`, `3日`: a length of time, not a date."""


def read_plans(readers: Sequence[SheetReader], ctx: ReadContext) -> list[str]:
    """Add the plans' rows to the strategy (`ctx.produce`); lines for the preview."""
    rel = ctx.data.rel(STRATEGY.file)
    stored = ctx.data.models.get(rel)
    current = stored if isinstance(stored, EngagementStrategy) else None
    framework = ctx.data.framework
    now = ctx.data.engagement.current_phase
    by_phase: dict[int, list[ParsedRow]] = {}
    defaulted = 0
    bands = vocabulary(ctx.rules).band_words
    for reader in readers:
        header = reader.rows_in(0, reader.max_row)[0]
        for row in reader.rows_in(header + 1, reader.max_row):
            item = _parse(reader, row, ctx)
            if item is None:
                continue
            text = reader.value(row, PHASE)
            phase = now
            if is_empty(text):
                defaulted += 1
            else:
                named = phase_of(text, framework, bands)
                if named is None:
                    ctx.report.error(
                        reader.ref(row, PHASE),
                        f"{as_text(text).strip()!r} is not a phase of this repository's "
                        f"framework ({_phases(framework)}); the row was not imported — "
                        "name the phase by its number or its name",
                    )
                    continue
                phase = named
            by_phase.setdefault(phase, []).append(item)
    activities: list[Row] = list(current.activities) if current else []
    for phase, parsed in by_phase.items():
        existing = [a for a in activities if getattr(a, "phase", None) == phase]
        taken = {a.id for a in activities if getattr(a, "phase", None) != phase}
        built = build_rows(StrategyActivity, parsed, existing, ctx, "name", {"phase": phase}, taken)
        replaced = {a.id: a for a in built}
        activities = [replaced.pop(a.id, a) for a in activities] + list(replaced.values())
    if by_phase:
        where = readers[0].name
        model = finish_file(EngagementStrategy, current, {"activities": activities}, where, ctx)
        if model is not None:
            ctx.produce(rel, model)
    lines = [
        "plan: adds to and updates the strategy's activities (by name within a phase); "
        "the stored activities it does not name stay"
    ]
    if defaulted:
        phase_name = next((p.name for p in framework.phases if p.number == now), "")
        lines.append(
            f"plan: {defaulted} row(s) name no phase; they go to the engagement's current "
            f"phase, {now} {phase_name}".rstrip()
        )
    return lines


def phase_of(value: Any, framework: Framework, bands: Collection[str] = ()) -> int | None:
    """The framework's phase a band or cell names: its number alone (`3`) or beside a band
    word (`FASE 1`, `Phase 2: Pilot`, `2. Phase`, `フェーズ2`), or its name (`Commitment`);
    None when it names none of them. A number with no band word (`Q1 2026`) names no
    phase: it would be a guess."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value) if float(value).is_integer() else None
        return number if number is not None and framework.has_phase(number) else None
    text = normalize(as_text(value))
    number = _numbered(text, bands)
    if number is not None:
        return number if framework.has_phase(number) else None
    for phase in framework.phases:
        if normalize(phase.name) and f" {normalize(phase.name)} " in f" {text} ":
            return phase.number
    return None


def _numbered(text: str, bands: Collection[str]) -> int | None:
    if text.isdigit():
        return int(text)
    for word in sorted(bands, key=len, reverse=True):
        found = re.search(rf"(?:^|\s){re.escape(word)}\s*(\d+)|(\d+)\s*{re.escape(word)}", text)
        if found:
            return int(found.group(1) or found.group(2))
    return None


def _phases(framework: Framework) -> str:
    return ", ".join(f"{p.number} {p.name}" for p in framework.phases)


def _parse(reader: SheetReader, row: int, ctx: ReadContext) -> ParsedRow | None:
    name = reader.value(row, ACTIVITY)
    if is_empty(name):
        return None
    item = ParsedRow(row, {"name": as_text(name).strip()}, where=reader.ref(row))
    item.refs = {
        "name": reader.ref(row, ACTIVITY),
        "planned_start": reader.ref(row, START),
        "planned_end": reader.ref(row, END),
        "completed": reader.ref(row, COMPLETED),
        "description": reader.ref(row, DESCRIPTION),
    }
    notes: list[str] = []
    duration = reader.value(row, DURATION)
    if not is_empty(duration):
        notes.append(f"Duration: {as_text(duration).strip()}")
    for key, col in (("planned_start", START), ("planned_end", END)):
        value = reader.value(row, col)
        if is_empty(value):
            continue
        try:
            item.values[key] = to_date(value, ctx.rules)
        except Unusable as error:
            text = as_text(value).strip()
            if isinstance(value, str) and _DURATION.match(text):
                if f"Duration: {text}" not in notes:
                    notes.append(f"Duration: {text}")
                ctx.report.note(
                    reader.ref(row, col),
                    f"{text!r} is a duration, not a date; kept in the description",
                )
                continue
            ctx.report.error(reader.ref(row, col), str(error))
            item.unusable.add(key)
    done = _completed(reader.value(row, COMPLETED), ctx)
    if done is not None:
        item.values["completed"] = done
    description = reader.value(row, DESCRIPTION)
    text = "\n".join(([as_text(description).strip()] if not is_empty(description) else []) + notes)
    if text:
        item.values["description"] = text
    return item


def _completed(value: Any, ctx: ReadContext) -> bool | None:
    """Done from a status word (`Closed`, `完了`), a yes/no or a percentage (100 % is done);
    any other status (`In progress`) is not done."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value) >= (1 if value <= 1 else 100)
    text = as_text(value).strip()
    if text.endswith("%"):
        try:
            return float(text[:-1].replace(",", ".")) >= 100
        except ValueError:
            return False
    if normalize(text) in vocabulary(ctx.rules).done:
        return True
    answer = ctx.rules.yes_no(text)
    return bool(answer)


__all__ = ["STRATEGY", "phase_of", "read_plans"]
