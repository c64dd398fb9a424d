"""The reference model of tests/test_stateful_clones.py: what two clones and a remote hold.

The model knows nothing of TOML text, git or pcsm's code. A repository's content is a flat
map from a *key* to a value: `(SCORE, "notes")` for a field of the onboarding score,
`(RISKS, "r-1")` for the existence of a risk row and `(RISKS, "r-1", "severity")` for a
field of it. Each clone has what HEAD holds (`committed`), what its files hold (`disk`:
HEAD plus outside edits not committed yet), what the remote held when it last synced
(`base`, the merge base of its next sync) and the app session's undo stack. A merge of two
versions is decided key by key, the rule pcsm's structured merge promises for fields and
rows by id: a change made on one side wins; the same key changed differently on both sides
is a conflict, which the tests resolve for the local side ("ours").

Each clone owns some fields and rows (only it edits them) and shares two fields, so syncs
merge disjoint edits cleanly and the shared fields give real conflicts with a defined end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pcsm_tui.store.toml_codec import loads

SCORE = "engagements/acme/onboarding-score.toml"
RISKS = "engagements/acme/risks.toml"
FILES = (SCORE, RISKS)
SCORE_FIELDS = ("products_services", "customization", "adoption_needs", "customer_maturity")
ROW_FIELDS = ("name", "likelihood", "severity", "description")
EDITABLE_ROW_FIELDS = ("likelihood", "severity", "description")
OWNED = {
    "alice": {"fields": ("products_services", "customization"), "rows": ("r-1", "r-2")},
    "bob": {"fields": ("adoption_needs", "customer_maturity"), "rows": ("r-3", "r-4")},
}
SHARED: tuple[tuple[str, ...], ...] = ((SCORE, "notes"), (RISKS, "r-5", "likelihood"))
"""Keys both clones edit: conflicts happen here and are resolved for the syncing side."""
FIRST_ROWS = ("r-1", "r-2", "r-3", "r-4", "r-5")
NUMBERS = (0, 1, 2, 3, 4, 5)
WORDS = ("alpha", "beta", "gamma")
"""Few values, so that edits often repeat a value (no change, merges of equal values)."""

NOTE = re.compile(r"# note [ab]-[0-9]+")
COMMENTED = {"alice": SCORE, "bob": RISKS}
"""Where each clone writes its notes, at the top: never next to the other's lines."""
Key = tuple[str, ...]
State = dict[Key, Any]
MISSING = object()


def first_row(row_id: str) -> dict[str, Any]:
    return {"id": row_id, "name": f"Risk {row_id}", "likelihood": 1, "severity": 2}


def flatten(rel: str, data: Mapping[str, Any]) -> State:
    """The model's keys of one file's data."""
    out: State = {}
    if rel == SCORE:
        for name in (*SCORE_FIELDS, "notes"):
            out[(SCORE, name)] = data.get(name, 0 if name != "notes" else "")
        return out
    for row in data.get("risks", []):
        out[(RISKS, row["id"])] = True
        for name in ROW_FIELDS:
            out[(RISKS, row["id"], name)] = row.get(name, "" if name == "description" else None)
    return out


def comments(rel: str, text: str) -> State:
    """The hand-written notes in a file's text (`# note a-3`), as keys: what a person wrote
    in a comment must survive saves and merges like a field."""
    return {(rel, "#", line): True for line in text.splitlines() if NOTE.fullmatch(line)}


def read_text(rel: str, text: str) -> State:
    return {**flatten(rel, loads(text)), **comments(rel, text)}


def of_file(state: Mapping[Key, Any], rel: str) -> State:
    return {key: value for key, value in state.items() if key[0] == rel}


def with_file(state: Mapping[Key, Any], rel: str, part: Mapping[Key, Any]) -> State:
    return {**{k: v for k, v in state.items() if k[0] != rel}, **part}


def files_of(keys: Iterable[Key]) -> set[str]:
    return {key[0] for key in keys}


def merge3(
    base: Mapping[Key, Any], ours: Mapping[Key, Any], theirs: Mapping[Key, Any]
) -> tuple[State, set[Key]]:
    """Key by key: one side's change wins; both changed differently is a conflict, which
    keeps ours. A row deleted on one side and changed on the other is a conflict too, and
    keeps ours' whole row (or its deletion). Returns the merged state and the conflicts."""
    merged: State = {}
    conflicts: set[Key] = set()
    rows = {key[1] for side in (base, ours, theirs) for key in side if _in_row(key)}
    for rid in rows:
        b, o, t = (_row(side, rid) for side in (base, ours, theirs))
        one_side_deleted = bool(b) and (not o) != (not t)
        if not one_side_deleted or b in (o, t):
            continue  # merged field by field below
        conflicts.add((RISKS, rid))  # deleted on one side, changed on the other
        merged.update(o)
    done = {key[1] for key in conflicts}
    for key in {*base, *ours, *theirs}:
        if _in_row(key) and key[1] in done:
            continue
        b, o, t = (side.get(key, MISSING) for side in (base, ours, theirs))
        if o == t or t == b:
            value = o
        elif o == b:
            value = t
        else:
            value = o
            conflicts.add(key)
        if value is not MISSING:
            merged[key] = value
    return merged, conflicts


def _in_row(key: Key) -> bool:
    return key[0] == RISKS and key[1] != "#"


def _row(state: Mapping[Key, Any], rid: str) -> State:
    return {key: value for key, value in state.items() if _in_row(key) and key[1] == rid}


def row_keys(row: Mapping[str, Any]) -> State:
    rid = row["id"]
    out: State = {(RISKS, rid): True}
    for name in ROW_FIELDS:
        out[(RISKS, rid, name)] = row.get(name, "" if name == "description" else None)
    return out


@dataclass
class Step:
    """A commit of the app session (what `u` takes back): the files before and after."""

    sha: str
    before: State
    after: State
    kind: str = "change"

    @property
    def files(self) -> set[str]:
        return files_of([*self.before, *self.after])


@dataclass
class Side:
    """One clone as the model sees it."""

    name: str
    committed: State
    disk: State
    base: State
    base_version: int = 0
    ahead: bool = False
    """Local commits the remote does not have (even ones that changed nothing in sum)."""
    views: dict[str, State] = field(default_factory=dict)
    """What the app shows of each file (the version its next edit applies to)."""
    done: list[Step] = field(default_factory=list)
    undone: list[tuple[Step, str]] = field(default_factory=list)
    notes: int = 0
    journal_left: bool = False
    """A crashed save left a journal that needs no decision, for the next save to settle."""
    added: int = 0

    def pending(self) -> set[str]:
        """Files with an outside edit not committed."""
        return {rel for rel in FILES if of_file(self.disk, rel) != of_file(self.committed, rel)}

    def own_keys(self, disk: Mapping[Key, Any] | None = None) -> list[Key]:
        """The keys this clone may edit, in a stable order."""
        state = self.disk if disk is None else disk
        keys: list[Key] = [(SCORE, name) for name in OWNED[self.name]["fields"]]
        keys += list(SHARED)
        for rid in self.own_rows(state):
            keys += [(RISKS, rid, name) for name in EDITABLE_ROW_FIELDS]
        return keys

    def own_rows(self, state: Mapping[Key, Any] | None = None) -> list[str]:
        state = self.disk if state is None else state
        prefix = self.name[0] + "-"
        mine = set(OWNED[self.name]["rows"])
        return sorted(
            key[1]
            for key in state
            if len(key) == 2 and key[0] == RISKS and (key[1] in mine or key[1].startswith(prefix))
        )

    def commit_edit(self, before_disk: State, after_disk: State) -> tuple[State, State]:
        """A save of `after_disk` over `before_disk`: the commit holds HEAD plus only this
        change (saving.py). Returns (committed before, committed after)."""
        old = dict(self.committed)
        self.committed, _ = merge3(before_disk, after_disk, self.committed)
        self.disk = after_disk
        self.ahead = self.ahead or self.committed != old  # a commit was made
        return old, dict(self.committed)

    def record(self, step: Step) -> None:
        """A new step of the session: older undos of its files can no longer be redone
        (all files here are one engagement's, the area pcsm_tui/undo.py clears)."""
        if step.files:
            self.undone.clear()
        self.done.append(step)

    def can_put_back(self, files: Iterable[str], expected: Mapping[Key, Any]) -> bool:
        """Undo and redo only write over files exactly as the step left them."""
        return all(
            of_file(self.disk, rel) == of_file(self.committed, rel) == of_file(expected, rel)
            for rel in files
        )

    def put_back(self, files: Iterable[str], version: Mapping[Key, Any]) -> tuple[State, State]:
        """Undo or redo: `files` become what `version` holds of them, as one commit."""
        old = dict(self.committed)
        for rel in files:  # outside edits of other files stay as they are
            self.committed = with_file(self.committed, rel, of_file(version, rel))
            self.disk = with_file(self.disk, rel, of_file(version, rel))
        self.ahead = True
        return old, dict(self.committed)


def values_for(key: Key) -> tuple[Any, ...]:
    if key[-1] in ("notes", "description"):
        return WORDS
    return NUMBERS


def cli_assignment(key: Key, value: Any) -> tuple[str, str]:
    """(tool, PATH=VALUE) for `pcsm set acme TOOL PATH=VALUE`."""
    if key[0] == SCORE:
        return "onboarding-score", f"{key[1]}={value}"
    return "risks", f"risks[{key[1]}].{key[2]}={value}"


def data_path(key: Key) -> tuple[str, ...]:
    """The path for models.edit.set_value."""
    return key[1:] if key[0] == SCORE else ("risks", *key[1:])
