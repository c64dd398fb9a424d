"""What a generated team repository holds: the demo's engagements, varied.

Every engagement is one of the sample repository's three engagements (its template) with
other names (customer, CSM, stakeholders, e-mail addresses), other figures (each integer
field takes a value the same field has somewhere in the sample, so it stays in range) and
other rows (some rows of lists that nothing refers to are left out). A file is kept as its
template's lines plus a small state (figures changed, rows left out), so a repository of
26,000 files and 20,000 versions costs little memory and every version is rendered on
demand. `teamrepo.py` writes the history.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

VARIED_FIELDS = frozenset(
    {
        "support",
        "interest",
        "authority",
        "percent_complete",
        "time_spent",
        "success_rating",
        "severity",
        "likelihood",
        "customization",
        "customer_maturity",
        "products_services",
        "adoption_needs",
        "fees",
    }
)
"""Integer fields whose value can be any the sample uses for them (no other rule binds
them). Row numbers, phases and versions are left alone."""

DROPPABLE_ROWS = frozenset(
    {"risks", "challenges", "barriers", "considerations", "reports", "tasks", "gaps"}
)
"""Lists whose rows nothing else refers to: an engagement may have fewer of them."""

_INT_LINE = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_-]*) = (-?\d+)\s*$")
_ARRAY_HEADER = re.compile(r"^\s*\[\[([A-Za-z0-9_.-]+)\]\]\s*$")
_TABLE_HEADER = re.compile(r"^\s*\[([A-Za-z0-9_.-]+)\]\s*$")
_PERSON_NAME = re.compile(r'^name = "([A-Z][a-z]+) ([A-Z][A-Za-z\'-]+)"$', re.M)


def _words(text: str) -> tuple[str, ...]:
    """A tuple of the words of `text` (lists of names stay readable)."""
    return tuple(text.split())


FIRST = _words(
    "Ada Alan Alice Amir Ana Ben Bea Carl Chen Chloe Dan Dara Eli Emma Eva Femi Finn Gita "
    "Hana Hugo Ian Ines Ivan Jade Jon Kai Kim Lars Lea Leo Lina Luca Mai Mara Max Mei Nia "
    "Noor Olga Omar Pia Raj Rosa Ruth Sami Sara Tariq Tess Uma Vera Wes Yara Yusuf Zoe"
)
LAST = _words(
    "Abbott Baker Bauer Chandra Costa Dahl Ekström Evans Fischer Garcia Haddad Hale Ito "
    "Jensen Kaur Keller Khan Larsen Lindqvist Mendes Moreau Nakamura Novak Okoro Olsen Park "
    "Quinn Reyes Rossi Sato Schmidt Silva Singh Sokolov Tanaka Varga Wagner Walsh Weber "
    "Yilmaz Zhou"
)
COMPANY = _words(
    "Alder Amber Apex Arbor Aurora Beacon Birch Blue Boreal Cedar Cobalt Coral Crest Delta "
    "Ember Falcon Fern Granite Harbor Helix Indigo Iris Juniper Kestrel Lumen Maple "
    "Meridian Nimbus Oak Onyx Orion Pine Quartz Raven Sable Sierra Solstice Spruce Summit "
    "Tidal Vertex Willow"
)
INDUSTRY = _words(
    "Logistics Foods Health Insurance Energy Pharma Retail Telecom Motors Bank Airlines "
    "Chemicals Media Water Rail Steel Textiles Hotels Software Shipping"
)
REGIONS = ("emea", "uk", "dach", "nordics", "iberia", "apac", "na", "latam", "benelux", "fr")
TIMEZONES = ("+0000", "+0100", "+0200", "-0500", "+0530", "-0800", "+0900", "+0100")


@dataclass
class Template:
    """One file of the sample: its lines, the figures that may vary, the rows that may go."""

    rel: str
    """Path within its engagement (or person) folder."""
    lines: list[str]
    figures: list[tuple[int, str]]
    """(line index, field) of every varied integer field."""
    blocks: list[tuple[int, int]]
    """[start, end) line ranges of rows that may be left out (never all of one list)."""
    named: dict[frozenset[str], frozenset[int]] = field(default_factory=dict)
    """Lines holding one of a set of old names (see Names.lines_of)."""


@dataclass
class FileState:
    """One file of the generated repository as its template plus what differs."""

    template: Template
    values: dict[int, int] = field(default_factory=dict)
    dropped: set[int] = field(default_factory=set)
    """Indexes into template.blocks."""


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Rows of DROPPABLE_ROWS lists as line ranges; the first row of each list always stays."""
    headers: list[tuple[int, str, bool]] = []  # (line, name, is array row)
    in_string = False
    for index, line in enumerate(lines):
        if line.count('"""') % 2 == 1:
            in_string = not in_string
            continue
        if in_string:
            continue
        array = _ARRAY_HEADER.match(line)
        table = _TABLE_HEADER.match(line)
        if array or table:
            name = (array or table).group(1)  # type: ignore[union-attr]
            headers.append((index, name, array is not None))
    found: list[tuple[int, int]] = []
    seen: set[str] = set()
    for position, (start, name, is_row) in enumerate(headers):
        if not is_row or name not in DROPPABLE_ROWS:
            continue
        end = len(lines)
        for later, later_name, _ in headers[position + 1 :]:
            if not later_name.startswith(name + "."):
                end = later
                break
        if name in seen:
            found.append((start, end))
        seen.add(name)
    return found


def load_template(rel: str, text: str) -> Template:
    lines = text.split("\n")
    figures = []
    for index, line in enumerate(lines):
        match = _INT_LINE.match(line)
        if match and match.group(2) in VARIED_FIELDS:
            figures.append((index, match.group(2)))
    return Template(rel, lines, figures, _blocks(lines))


def observed_values(templates: list[Template]) -> dict[str, list[int]]:
    """Every value each varied field takes in the sample: the values it may take here."""
    seen: dict[str, set[int]] = {}
    for template in templates:
        for index, name in template.figures:
            match = _INT_LINE.match(template.lines[index])
            assert match is not None
            seen.setdefault(name, set()).add(int(match.group(3)))
    return {name: sorted(values) for name, values in sorted(seen.items())}


def render(state: FileState, names: Names) -> str:
    template = state.template
    named = names.lines_of(template)
    skip: set[int] = set()
    for block in state.dropped:
        skip.update(range(*template.blocks[block]))
    out = []
    for index, line in enumerate(template.lines):
        if index in skip:
            continue
        value = state.values.get(index)
        if value is not None:
            match = _INT_LINE.match(line)
            assert match is not None
            line = f"{match.group(1)}{match.group(2)} = {value}"
        elif index in named:
            line = names.apply(line)
        out.append(line)
    return "\n".join(out)


def figure(state: FileState, index: int) -> int:
    """The current value of the figure at line `index`."""
    if index in state.values:
        return state.values[index]
    match = _INT_LINE.match(state.template.lines[index])
    assert match is not None
    return int(match.group(3))


_PATTERNS: dict[frozenset[str], re.Pattern[str]] = {}


class Names:
    """Old name -> new name, applied as whole words. Engagements made from one template
    share the old names, so the pattern and the lines it touches are found once."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping
        self.keys = frozenset(mapping)
        pattern = _PATTERNS.get(self.keys)
        if pattern is None:
            ordered = sorted(self.keys, key=len, reverse=True)
            alternatives = "|".join(map(re.escape, ordered)) or "(?!)"
            pattern = _PATTERNS[self.keys] = re.compile(rf"\b(?:{alternatives})\b")
        self.pattern = pattern

    def apply(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.mapping[m.group(0)], text)

    def lines_of(self, template: Template) -> frozenset[int]:
        """The lines of `template` that hold a name to replace."""
        found = template.named.get(self.keys)
        if found is None:
            found = frozenset(
                i for i, line in enumerate(template.lines) if self.pattern.search(line)
            )
            template.named[self.keys] = found
        return found


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    email: str
    timezone: str


def person_name(rng: random.Random, taken: set[str]) -> tuple[str, str]:
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if f"{first} {last}" not in taken:
            taken.add(f"{first} {last}")
            return first, last


def ascii_word(text: str) -> str:
    return text.lower().replace("ö", "o").replace("ä", "a").replace("'", "")


def members(rng: random.Random, count: int) -> list[Member]:
    taken: set[str] = set()
    out = []
    for number in range(count):
        first, last = person_name(rng, taken)
        local = f"{ascii_word(first)}.{ascii_word(last)}"
        out.append(
            Member(
                f"{ascii_word(first)}-{ascii_word(last)}",
                f"{first} {last}",
                f"{local}@larkspur.example",
                TIMEZONES[number % len(TIMEZONES)],
            )
        )
    return out


def settings_text(name: str, team: list[Member]) -> str:
    lines = [
        "# pcsm central repository settings: name, team members and scales",
        "format_version = 1",
        f'name = "{name}"',
        "",
    ]
    for member in team:
        lines += [
            "[[members]]",
            f'id = "{member.id}"',
            f'name = "{member.name}"',
            'role = "Customer Success Manager"',
            f'email = "{member.email}"',
            "",
        ]
    lines += ["[scales]", 'support = "0..10"', 'risk = "0..5"', ""]
    return "\n".join(lines)


def read_sample(root: Path) -> tuple[dict[str, list[Template]], dict[str, list[Template]]]:
    """Templates by engagement slug and by person id, from the sample repository."""
    engagements: dict[str, list[Template]] = {}
    people: dict[str, list[Template]] = {}
    for kind, into in (("engagements", engagements), ("people", people)):
        for folder in sorted((root / kind).iterdir()):
            into[folder.name] = [
                load_template(p.relative_to(folder).as_posix(), p.read_text(encoding="utf-8"))
                for p in sorted(folder.rglob("*.toml"))
            ]
    return engagements, people


def stakeholder_names(templates: list[Template]) -> list[tuple[str, str]]:
    register = next(t for t in templates if t.rel == "stakeholders.toml")
    return _PERSON_NAME.findall("\n".join(register.lines))
