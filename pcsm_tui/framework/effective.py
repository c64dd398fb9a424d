"""The effective framework beside the default: what a team's framework.toml changed.

`pcsm framework show` and the Framework screen show the framework a repository works with,
every entry marked: as shipped, changed (which fields, from what), added by the team, or
removed by the team (still listed, so a reviewer sees what is gone). Built generically
from the two `Framework` models, so a list or a rule added to the framework later shows
up here without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .definition import Framework

Status = Literal["default", "changed", "added", "removed"]

MARKS: dict[Status, str] = {"default": " ", "changed": "*", "added": "+", "removed": "-"}
"""One character per status, for text output (a diff's marks)."""

_TITLES: dict[str, str] = {
    "stages": "Stages",
    "phases": "Phases",
    "activities": "Activities (by phase)",
    "scales": "Scales",
    "strategy_rules": "Strategy thresholds",
    "health": "Health rules",
    "guide": "Guide rules",
    "proposal_preamble": "Proposal preamble",
    "rapae": "RAPAE categories",
    "raci_roles": "RACI roles",
    "raci_activities": "RACI standard activities",
}


@dataclass(frozen=True)
class Entry:
    key: str
    """The entry's id (a phase's number, a rule's name)."""
    text: str
    """What it says in the effective framework (the default's, if removed)."""
    status: Status
    changes: tuple[tuple[str, str, str], ...] = ()
    """(field, default, now) for a changed entry."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    entries: tuple[Entry, ...]

    @property
    def changed(self) -> int:
        return sum(1 for e in self.entries if e.status != "default")


def _short(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_short(v) for v in value)
    return str(value)


def _label(row: dict[str, Any]) -> str:
    for field in ("name", "text", "factor"):
        if isinstance(row.get(field), str):
            label = row[field]
            if "min" in row and "max" in row:
                label += f" ({row['min']}..{row['max']})"
            return str(label)
    return _short(row)


def _row_key(row: dict[str, Any]) -> str:
    return str(row.get("number", row.get("id", "")))


def _rows(
    default: list[dict[str, Any]], now: list[dict[str, Any]], skip: frozenset[str] = frozenset()
) -> tuple[Entry, ...]:
    """Rows by id: the effective ones in their order (each default, changed or added), then
    the removed ones."""
    before = {_row_key(r): r for r in default}
    entries: list[Entry] = []
    for row in now:
        key = _row_key(row)
        old = before.get(key)
        if old is None:
            entries.append(Entry(key, _label(row), "added"))
            continue
        changes = tuple(
            (field, _short(old.get(field, "")), _short(value))
            for field, value in row.items()
            if field not in skip and old.get(field) != value
        )
        entries.append(Entry(key, _label(row), "changed" if changes else "default", changes))
    kept = {_row_key(r) for r in now}
    entries += [Entry(k, _label(r), "removed") for k, r in before.items() if k not in kept]
    return tuple(entries)


def _values(default: dict[str, Any], now: dict[str, Any]) -> tuple[Entry, ...]:
    entries = []
    for key in dict.fromkeys([*now, *default]):
        if key not in now:
            entries.append(Entry(key, _short(default[key]), "removed"))
        elif key not in default:
            entries.append(Entry(key, _short(now[key]), "added"))
        elif now[key] != default[key]:
            old, new = _short(default[key]), _short(now[key])
            entries.append(Entry(key, new, "changed", ((key, old, new),)))
        else:
            entries.append(Entry(key, _short(now[key]), "default"))
    return tuple(entries)


def _activities(default: list[dict[str, Any]], now: list[dict[str, Any]]) -> tuple[Entry, ...]:
    def flat(phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**a, "phase": p["number"]} for p in phases for a in p["activities"]]

    return _rows(flat(default), flat(now))


def compare(default: Framework, effective: Framework) -> tuple[Section, ...]:
    """Every part of the framework, each entry marked against the default."""
    before = default.model_dump(mode="json")
    now = effective.model_dump(mode="json")
    sections: list[Section] = []
    for key in now:
        if key == "format_version":
            continue
        title = _TITLES.get(key, key.replace("_", " ").capitalize())
        old, new = before.get(key), now[key]
        if key == "phases":
            sections.append(Section(key, title, _rows(old or [], new, frozenset({"activities"}))))
            sections.append(
                Section("activities", _TITLES["activities"], _activities(old or [], new))
            )
        elif isinstance(new, list):
            sections.append(Section(key, title, _rows(old or [], new)))
        elif isinstance(new, dict):
            sections.append(Section(key, title, _values(old or {}, new)))
        else:
            status: Status = "default" if old == new else "changed"
            changes = () if old == new else ((key, _short(old), _short(new)),)
            sections.append(Section(key, title, (Entry(key, _short(new), status, changes),)))
    return tuple(sections)


def section_json(section: Section) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": section.title,
        "entries": [
            {
                "id": e.key,
                "text": e.text,
                "status": e.status,
                "changes": [{"field": f, "default": d, "now": n} for f, d, n in e.changes],
            }
            for e in section.entries
        ],
    }


def section_lines(section: Section, changed_only: bool = False) -> list[str]:
    """A section as text: its title, then one line per entry with its mark (` * + -`)."""
    lines = [f"{section.title}" + (f" ({section.changed} changed)" if section.changed else "")]
    for entry in section.entries:
        if changed_only and entry.status == "default":
            continue
        text = entry.text.replace("\n", " ")
        if len(text) > 90:
            text = text[:89] + "…"
        lines.append(f" {MARKS[entry.status]} {entry.key}: {text}")
        for field, old, new in entry.changes:
            if field != entry.key:
                lines.append(f"     {field}: {_clip(old)} → {_clip(new)}")
            else:
                lines.append(f"     default: {_clip(old)}")
    return lines


def _clip(text: str, width: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["MARKS", "Entry", "Section", "compare", "section_json", "section_lines"]
