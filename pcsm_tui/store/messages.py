"""Commit messages (design A2): subject, field-level body, trailers.

    acme: raci: Funding approval × CFO: R → R/A

    - matrices[RACI matrix].activities[Funding approval].cells[CFO]: R → R/A

    Pcsm-Engagement: acme
    Pcsm-Tool: raci

The trailers make `git log --grep='Pcsm-Engagement: acme'` list an engagement's history.
Subjects and bodies are built from `Change`s, which never carry personal text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models.fields import label_for
from ..textsafe import display
from .changes import Change, show

SUBJECT_LIMIT = 72
EMPTY = show(None)
"""How the body shows a value that is not there."""
BODY_LIMIT = 60
"""At most this many change lines in a body; the rest are counted."""

ENGAGEMENT_TRAILER = "Pcsm-Engagement"
TOOL_TRAILER = "Pcsm-Tool"
ACTION_TRAILER = "Pcsm-Action"
PERSON_TRAILER = "Pcsm-Person"
UNDOES_TRAILER = "Pcsm-Undoes"


def parse_trailers(message: str) -> dict[str, str]:
    """The Pcsm-* trailers of a commit message (last paragraph, `Key: value` lines)."""
    last = message.strip().rsplit("\n\n", 1)[-1]
    found: dict[str, str] = {}
    for line in last.splitlines():
        key, sep, value = line.partition(": ")
        if sep and key.startswith("Pcsm-"):
            found[key] = value.strip()
    return found


@dataclass(frozen=True)
class Scope:
    """What a commit is about: `engagement` or `person` (either may be empty) and a tool."""

    engagement: str = ""
    tool: str = ""
    person: str = ""

    @property
    def prefix(self) -> str:
        owner = self.engagement or (f"people/{self.person}" if self.person else "")
        return ": ".join(p for p in (owner, self.tool) if p)


def _fit(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut at a word with "…", never mid-word (a
    word longer than the room is the only thing cut inside)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back
        cut = cut[:space]
    return cut.rstrip(" ,;:·×-") + "…"


def _values(old: str, new: str, room: int) -> str:
    """The values of a set field for a subject in about `room` characters. A subject reads
    like a diary: a value set where there was none is that value, a value taken away says
    so ("(empty) → R" is for the body). Each value is cut at a word with "…" (the body
    has them whole); the new value keeps the larger share."""
    if old == EMPTY:
        return f": {_fit(new, max(6, room - 2))}"
    if new == EMPTY:
        return f": {_fit(old, max(6, room - 10))} cleared"
    room = max(12, room - 5)
    if len(old) + len(new) > room:
        old, new = _differing(old, new)
    if len(old) + len(new) > room:
        short = len(old) <= room // 2  # a short old value stays whole ("Green → Amb…")
        old = _fit(old, len(old) if short else max(room - len(new), room // 3))
        new = _fit(new, room - len(old))
    return f": {old} → {new}"


def _differing(old: str, new: str) -> tuple[str, str]:
    """Two values that do not fit whole, each without the words they share at the start and
    at the end, one shared word kept either side to say where the change is: a few words
    added to a long text read `…stores → …stores (pilot)`, a figure changed inside a
    sentence `…by 10% in… → …by 15% in…`. Cut from their end only, both values began alike
    (`Click-an… → Click-and-collect…`) and the subject did not say what changed."""
    before, after = old.split(" "), new.split(" ")
    most = min(len(before), len(after))
    head = 0
    while head < most and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < most - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    dropped_head, dropped_tail = max(head - 1, 0), max(tail - 1, 0)
    if not dropped_head and not dropped_tail:
        return old, new

    def middle(words: list[str]) -> str:
        kept = " ".join(words[dropped_head : len(words) - dropped_tail])
        return f"{'…' if dropped_head else ''}{kept}{'…' if dropped_tail else ''}"

    return middle(before), middle(after)


_SEGMENT = re.compile(r"(?:^|\.)([A-Za-z_][A-Za-z0-9_-]*)(?:\[([^\[\]]*)\])?")


def _segments(label: str) -> list[tuple[str, str]]:
    """`a[X].b[Y].c` -> [("a", "X"), ("b", "Y"), ("c", "")]; names may hold dots."""
    return [(m.group(1), m.group(2) or "") for m in _SEGMENT.finditer(label)]


def _short_label(
    change: Change, room: int = SUBJECT_LIMIT, words: Mapping[str, str] | None = None
) -> str:
    """The innermost parts of a label (`Funding approval × CFO` for a RACI cell), fitted
    into `room` characters by shortening the row's name, never the field. A framework id
    (a score's aspect or area, `products_services`) reads as its words from `words`."""
    if len(change.path) == 1 and change.op in ("add", "remove") and "/" in change.label:
        return change.label.rsplit("/", 1)[-1]  # a whole file
    words = words or {}
    segments = _segments(change.label)
    rows = [name for _, name in segments if name]
    field, key = segments[-1] if segments else (change.label, "")
    if key and key == change.path[-1] and key in words:  # a framework id as a map key
        key = words[key]
    if not key and not rows and len(change.path) == 1:  # a top-level field: its label
        return _fit(words.get(field) or label_for(field), max(8, room))
    if key and field == "cells" and len(rows) >= 2:
        return f"{_fit(rows[-2], max(8, room - len(key) - 3))} × {key}"
    if key:  # the change is a whole row (or map entry): its name says it
        return _fit(key, max(8, room))
    if not rows:  # a field of a nested record says whose it is: `csm_signature.signed`
        return ".".join(name for name, _ in segments[-2:]) or field
    return f"{_fit(rows[-1], max(8, room - len(field) - 2))}: {field}"


def _renamed(change: Change) -> bool:
    """A row's name changed (the row is labelled by the new name): said as a rename, the
    old and the new name, not `New name: name: Old name → New name`."""
    rows = [name for _, name in _segments(change.label) if name]
    if change.op != "set" or not change.shown or not rows or not isinstance(change.new, str):
        return False
    if not isinstance(change.old, str) or not change.old.strip():
        return False
    named = rows[-1].removesuffix("…")
    return bool(named) and " ".join(change.new.split()).startswith(named)


def _ticked(changes: Sequence[Change], words: Mapping[str, str], room: int) -> str:
    """Framework activities ticked or unticked, by their words: `ticked “Map the
    stakeholders”`, `ticked 3 activities (“Map the stakeholders”, …)`."""
    ticked = [c for c in changes if c.old is None]
    unticked = [c for c in changes if c.new is None]
    name = words.get(changes[0].path[-1], changes[0].path[-1])
    if len(changes) == 1:
        verb = "ticked" if ticked else "unticked" if unticked else "changed the date of"
        # the name takes the whole room left (the quotes close even when cut)
        return f"{verb} “{_fit(name, max(12, room - len(verb) - 3))}”"
    parts = ([f"ticked {len(ticked)} activities"] if ticked else []) + (
        [f"unticked {len(unticked)}"] if unticked else []
    )
    said = ", ".join(parts) or "activity dates changed"
    return f"{said} (“{_fit(name, max(12, room - len(said) - 8))}”, …)"


def summary(
    changes: Sequence[Change],
    room: int = SUBJECT_LIMIT,
    words: Mapping[str, str] | None = None,
) -> str:
    """What changed, in a few words, for a subject line of at most `room` characters;
    framework ids (activities, score aspects and areas) said by their `words`."""
    words = words or {}
    if not changes:
        return "layout and comments only (no data changed)"
    if all(c.path[:1] == ("activities_done",) and len(c.path) == 2 for c in changes):
        return _ticked(changes, words, room)
    if len(changes) == 1 and _renamed(changes[0]):
        return f"renamed “{show(changes[0].old)}” to “{show(changes[0].new)}”"
    if len(changes) == 1:
        change = changes[0]
        verb = {"add": "added ", "remove": "removed ", "move": "moved "}.get(change.op, "")
        if change.op == "set" and not change.shown:
            verb = "changed "
        if change.op == "set" and change.shown:
            old, new = (" ".join(show(v).split()) for v in (change.old, change.new))
            wanted = len(_values(old, new, 10_000))
            # the label gets what the values leave, but at least half the room: a long
            # value is cut, not the name of what changed
            where = _short_label(change, room - min(wanted, room // 2), words)
            return f"{where}{_values(old, new, room - len(where))}"
        where = _short_label(change, room - len(verb), words)
        if change.op == "add":
            return f"added {where}"
        if change.op == "remove":
            return f"removed {where}"
        if change.op == "move":
            return f"moved {where}"
        return f"changed {where}"
    ops = {c.op for c in changes}
    if ops <= {"add", "remove"} and len(changes) <= 3:
        # A row and the register entry it names, made together, read the same
        # (`stakeholder 2`): said once, not "added stakeholder 2, stakeholder 2".
        added = list(dict.fromkeys(_short_label(c) for c in changes if c.op == "add"))
        removed = list(dict.fromkeys(_short_label(c) for c in changes if c.op == "remove"))
        said = ([f"added {', '.join(added)}"] if added else []) + (
            [f"removed {', '.join(removed)}"] if removed else []
        )
        return "; ".join(said)
    if ops == {"add"}:
        return f"added {len(changes)} rows"
    return f"{len(changes)} changes ({_short_label(changes[0], words=words)}, …)"


def compose(
    scope: Scope,
    changes: Sequence[Change],
    headline: str | None = None,
    action: str = "edit",
    trailers: Sequence[tuple[str, str]] = (),
    words: Mapping[str, str] | None = None,
) -> str:
    """The full commit message for one confirmed change.

    Names and titles in it are shown as one line each with control and bidi characters
    escaped (textsafe): git refuses a message with a NUL, a newline in a row's name must
    not start a line that reads as a trailer, and every teammate's `git log` prints it.
    A subject cut to fit ends in "…" at a word; the body then starts with it in full."""
    lead = f"{scope.prefix}: " if scope.prefix else ""  # a commit of no one engagement
    room = SUBJECT_LIMIT - len(lead)
    whole = display(f"{lead}{headline or summary(changes, room, words)}", lines=False)
    subject = _fit(whole, SUBJECT_LIMIT)
    full = display(f"{lead}{headline or summary(changes, 10_000, words)}", lines=False)
    if subject != full:  # a name was cut (by the summary or here): the whole of it
        whole = full
    lines = [display(f"- {c.describe()}", lines=False) for c in changes[:BODY_LIMIT]]
    if len(changes) > BODY_LIMIT:
        lines.append(f"- … and {len(changes) - BODY_LIMIT} more changes")
    lines_out = []
    if scope.engagement:
        lines_out.append(f"{ENGAGEMENT_TRAILER}: {scope.engagement}")
    if scope.person:
        lines_out.append(f"{PERSON_TRAILER}: {scope.person}")
    if scope.tool:
        lines_out.append(f"{TOOL_TRAILER}: {scope.tool}")
    lines_out.append(f"{ACTION_TRAILER}: {action}")
    lines_out += [f"{key}: {value}" for key, value in trailers]
    parts = [subject]
    if subject != whole:
        parts.append(whole)
    if lines:
        parts.append("\n".join(lines))
    parts.append("\n".join(lines_out))
    return "\n\n".join(parts) + "\n"
