"""The recognition vocabulary (`vocabulary.toml` beside this module), loaded once.

Header words, level words and row markers in many languages are data: a team that meets a
workbook in a language pcsm does not know yet adds words there, not code. A repository's
`import-rules.toml` `[headers]` words are added for the fields of the same name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files

from ..rules import ImportRules, normalize

FULL = 1.0
"""Weight of a header that is exactly a synonym."""
PART = 0.6
"""Weight of a header that contains a synonym as whole words (`Risk owner name`)."""
HEAD = 0.7
"""Weight of a Japanese or Chinese header that ends with a synonym: a compound's last noun
is its head (`対応状況`, "response status", is a status; `対応内容` is the response)."""

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass(frozen=True)
class ToolWords:
    tool: str
    title: str
    fields: dict[str, frozenset[str]]
    required: tuple[str, ...]
    one_of: tuple[str, ...]
    join: frozenset[str]
    target: str
    """The pcsm tool its rows go to ("" when pcsm has nowhere to put them yet)."""
    category: str = ""
    stand_in: dict[str, str] = field(default_factory=dict)
    """A required field a table lacks -> the field whose column names the rows instead."""
    into: dict[str, str] = field(default_factory=dict)
    """Fields pcsm has no place for, put into another (a department into the notes)."""


@dataclass(frozen=True)
class UserMapping:
    """What a person said on the command line: `--map 'Header=field'` (or `=ignore`) and
    `--values 'field:H=8,L=3'`. Headers and cell texts are compared as `normalize` makes
    them."""

    headers: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "headers", {normalize(k) or k: v.strip() for k, v in self.headers.items()}
        )
        object.__setattr__(
            self,
            "values",
            {
                f.strip(): {normalize(k) or k.strip(): v.strip() for k, v in m.items()}
                for f, m in self.values.items()
            },
        )

    def field_of(self, header: str) -> str | None:
        return self.headers.get(normalize(header) or header)

    def value_of(self, key: str, text: str) -> str | None:
        return self.values.get(key, {}).get(normalize(text) or text.strip())


@dataclass(frozen=True)
class Vocabulary:
    tools: dict[str, ToolWords]
    levels: dict[str, float]
    done: frozenset[str]
    example_markers: tuple[str, ...]
    placeholder_markers: tuple[str, ...]
    end_markers: frozenset[str]
    band_words: frozenset[str]
    raci_joiners: frozenset[str]
    user: UserMapping = field(default_factory=UserMapping)
    extra: dict[str, frozenset[str]] = field(default_factory=dict)
    support_words: dict[str, float] = field(default_factory=dict)
    """Support or attitude words (`champion`, `neutral`, `blocker`) on a 0..10 scale."""
    current_words: frozenset[str] = frozenset()
    desired_words: frozenset[str] = frozenset()
    """Marks and labels of the current and the desired attitude (`C`, `Soll`)."""

    def field_score(self, tool: str, key: str, header: str) -> float:
        """How well `header` names field `key` of `tool`: FULL, PART or 0."""
        wanted = normalize(header)
        if not wanted:
            return 0.0
        words = self.tools[tool].fields.get(key, frozenset()) | self.extra.get(key, frozenset())
        if wanted in words:
            return FULL
        padded = f" {wanted} "
        for word in words:
            if _CJK.search(word):
                if word in wanted:
                    return FULL if word == wanted else HEAD if wanted.endswith(word) else PART
            elif len(word) > 1 and f" {word} " in padded:
                return PART
        return 0.0

    def level(self, text: str) -> float | None:
        """A level word's place on 0..10; a word with its figure beside it (`Almost
        Certain 0.85`, `3 - High`, `High (3)`) is read by its word."""
        key = _normalized(text)
        if not key:
            return self.levels.get(text)
        found = self.levels.get(key)
        if found is None:
            words = key.split()
            while words and words[-1].isdigit():
                words.pop()
            while words and words[0].isdigit():
                words.pop(0)
            if words and len(words) < len(key.split()):
                found = self.levels.get(" ".join(words))
        return found

    def support(self, text: str) -> float | None:
        """A support word's position on 0..10, else a level word's (`High` support)."""
        key = _normalized(text)
        found = self.support_words.get(key) if key else None
        return found if found is not None else self.level(text)

    def is_example(self, text: str) -> bool:
        lowered = text.strip().lower()
        return any(lowered.startswith(m) for m in self.example_markers)

    def is_placeholder(self, text: str, rules: ImportRules) -> bool:
        lowered = text.strip().lower()
        if rules.is_placeholder(text.strip()):
            return True
        if lowered.startswith("[") and lowered.endswith("]"):
            return True
        if lowered.startswith("<") and lowered.endswith(">"):
            return True
        return any(lowered.startswith(m) for m in self.placeholder_markers if m not in "[<")

    def is_end(self, text: str) -> bool:
        lowered = normalize(text.split(":")[0]) if ":" in text else normalize(text)
        return lowered in self.end_markers

    def is_band(self, text: str) -> bool:
        words = normalize(text).split()
        return bool(words) and words[0] in self.band_words and len(words) <= 6

    def is_band_anywhere(self, text: str) -> bool:
        """A band word among a short text's first words (`Project Phase 1`)."""
        words = normalize(text).split()
        return 0 < len(words) <= 6 and any(w in self.band_words for w in words[:3])


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    """`normalize`, remembered: a level column repeats a few words over thousands of rows."""
    return normalize(text)


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(normalize(w) or w for w in items)


@cache
def _data() -> dict[str, object]:
    text = files(__package__).joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def vocabulary(rules: ImportRules | None = None) -> Vocabulary:
    """The shipped vocabulary, with a repository's level words added when `rules` is given."""
    data = _data()
    tools: dict[str, ToolWords] = {}
    raw_tools = data["tools"]
    assert isinstance(raw_tools, dict)
    for tool, spec in raw_tools.items():
        tools[tool] = ToolWords(
            tool=tool,
            title=str(spec["title"]),
            fields={k: _words(list(v)) for k, v in spec["fields"].items()},
            required=tuple(spec.get("required", ())),
            one_of=tuple(spec.get("one_of", ())),
            join=frozenset(spec.get("join", ())),
            target=str(spec.get("target", tool)),
            category=str(spec.get("category", "")),
            into={str(k): str(v) for k, v in spec.get("into", {}).items()},
            stand_in={str(k): str(v) for k, v in spec.get("stand_in", {}).items()},
        )
    levels = data["levels"]
    marks = data["markers"]
    assert isinstance(levels, dict) and isinstance(marks, dict)
    # A repository's own level words win; its header words are the shipped readers' (by
    # the field names of pcsm's templates), which detection does not use: they would mix
    # one tool's words into another's ("title" is a name in one, a job role in another).
    user_levels = {normalize(k): v for k, v in rules.levels.items()} if rules else {}
    return Vocabulary(
        tools=tools,
        levels={**{normalize(k) or k: float(v) for k, v in levels.items()}, **user_levels},
        done=_words(marks["done"]),
        example_markers=tuple(str(m).lower() for m in marks["example_markers"]),
        placeholder_markers=tuple(str(m).lower() for m in marks["placeholder_markers"]),
        end_markers=_words(marks["end_markers"]),
        band_words=_words(marks["band_words"]),
        raci_joiners=frozenset(marks["raci_joiners"]),
        support_words={normalize(k) or k: v for k, v in _support(data).items()},
        current_words=_words(_attitude(data, "current")),
        desired_words=_words(_attitude(data, "desired")),
    )


def _attitude(data: dict[str, object], key: str) -> list[str]:
    found = data.get("attitude", {})
    assert isinstance(found, dict)
    return [str(w) for w in found.get(key, [])]


def _support(data: dict[str, object]) -> dict[str, float]:
    found = data.get("support", {})
    assert isinstance(found, dict)
    return {str(k): float(v) for k, v in found.items()}
