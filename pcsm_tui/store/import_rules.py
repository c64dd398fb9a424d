"""The import rules: level words, yes/no words, placeholders and header/sheet synonyms.

They are data (`import-rules.toml` beside this module) rather than code because every team
fills its templates in its own words and languages; a repository adds its own words in an
`import-rules.toml` at its root without touching pcsm.

They live in store/ although io/ reads workbooks with them: a repository's import-rules.toml
is one of its files, which `pcsm validate` (store/validate.py) checks like any other, and
the store sits below io/ (io/rules.py lends these names to io's modules).
"""

from __future__ import annotations

import functools
import re
import tomllib
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from ..errors import PcsmError
from .locate import locate
from .placeholders import compile_placeholders, is_placeholder
from .toml_codec import TomlSyntaxError, loads

RULES_FILE = "import-rules.toml"
RULES_MAX_BYTES = 256 * 1024
"""A repository's rules file is a list of words: anything bigger is refused."""


class RulesError(PcsmError, ValueError):
    """A repository's import-rules.toml that cannot be used (the message says where)."""


@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """A header or word as it is compared: lower case, no brackets, punctuation or Y/N tail.

    `Completed Y/N` -> `completed`, `Score (0 to 5)` -> `score`, `Department/Function` ->
    `department function`, `% Complete` -> `% complete`.
    """
    lowered = text.lower().replace("\n", " ")
    lowered = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", lowered)
    lowered = re.sub(r"(?<=\w)\s+(y\s*/\s*n|yes\s*/\s*no)\s*$", " ", lowered.strip())
    lowered = re.sub(r"[^\w%#°]+", " ", lowered)
    return " ".join(lowered.split())


class ImportRules(BaseModel):
    """The merged rules: the shipped defaults plus a repository's additions."""

    model_config = ConfigDict(extra="forbid")

    format_version: int = 1
    date_order: Literal["dmy", "mdy"] = "dmy"
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    no_role: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    levels: dict[str, float] = Field(default_factory=dict)
    """Level word -> position on a 0..10 reference scale."""
    headers: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    sheets: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    _levels_n: dict[str, float] = PrivateAttr(default_factory=dict)
    _placeholder: re.Pattern[str] = PrivateAttr(default=re.compile(r"(?!x)x"))
    _headers_n: dict[str, frozenset[str]] = PrivateAttr(default_factory=dict)
    _yes: frozenset[str] = PrivateAttr(default=frozenset())
    _no: frozenset[str] = PrivateAttr(default=frozenset())
    _no_role: frozenset[str] = PrivateAttr(default=frozenset())

    @field_validator("placeholders")
    @classmethod
    def _patterns(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        compile_placeholders(patterns)  # raises PatternError (a ValueError) saying which
        return patterns

    @field_validator("levels")
    @classmethod
    def _levels(cls, levels: dict[str, float]) -> dict[str, float]:
        for word, value in levels.items():
            if not 0 <= value <= 10:
                raise ValueError(f"level {word!r} = {value}: levels are given on 0..10")
        return levels

    def model_post_init(self, context: Any, /) -> None:
        self._levels_n = {normalize(k): v for k, v in self.levels.items()}
        self._placeholder = compile_placeholders(self.placeholders)
        self._headers_n = {k: frozenset(normalize(w) for w in v) for k, v in self.headers.items()}
        self._yes = frozenset(normalize(w) or w for w in self.yes)
        self._no = frozenset(normalize(w) or w for w in self.no)
        self._no_role = frozenset(w.strip().lower() for w in self.no_role)

    def level(self, word: str) -> float | None:
        """The 0..10 position of a level word, or None if it is not one."""
        private: Any = self.__pydantic_private__  # per cell: see is_placeholder
        levels: dict[str, float] = private["_levels_n"]
        return levels.get(normalize(word))

    def is_placeholder(self, text: str) -> bool:
        # Read from `__pydantic_private__` directly: `self._placeholder` goes through
        # pydantic's __getattr__, which raises and catches an AttributeError on every read
        # (~13 us; this runs for every text cell of an import, 140,000 times for 20,000 rows).
        private: Any = self.__pydantic_private__
        return is_placeholder(private["_placeholder"], text)

    def header_words(self, key: str) -> frozenset[str]:
        return self._headers_n.get(key, frozenset())

    def sheet_words(self, name: str) -> frozenset[str]:
        return frozenset({normalize(name), *(normalize(w) for w in self.sheets.get(name, ()))})

    def yes_no(self, text: str) -> bool | None:
        """True or False for a yes/no word, None if the text is neither."""
        key = normalize(text) or text.strip()
        private: Any = self.__pydantic_private__  # per cell: see is_placeholder
        if key in private["_yes"]:
            return True
        if key in private["_no"]:
            return False
        return None

    def is_no_role(self, text: str) -> bool:
        return text.strip().lower() in self._no_role


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key in ("yes", "no", "no_role", "placeholders") and isinstance(value, list):
            merged[key] = [*base.get(key, []), *value]
        elif key in ("headers", "sheets") and isinstance(value, dict):
            table = dict(base.get(key, {}))
            for name, words in value.items():
                table[name] = [*table.get(name, []), *(words if isinstance(words, list) else [])]
            merged[key] = table
        elif key == "levels" and isinstance(value, dict):
            merged[key] = {**base.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


@cache
def _default_data() -> dict[str, Any]:
    text = files(__package__).joinpath(RULES_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def default_rules() -> ImportRules:
    return load_rules(None)


def load_rules(root: Path | None) -> ImportRules:
    """The shipped rules, with `root/import-rules.toml` merged in when a repository has one."""
    data = _default_data()
    source = "the shipped import rules"
    if root is not None and (root / RULES_FILE).is_file():
        source = str(root / RULES_FILE)
        try:
            if (root / RULES_FILE).stat().st_size > RULES_MAX_BYTES:
                raise RulesError(f"{source}: larger than {RULES_MAX_BYTES // 1024} KB")
            extra = tomllib.loads((root / RULES_FILE).read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError, OSError) as error:
            raise RulesError(f"{source}: {error}") from None
        data = _merge(data, extra)
    try:
        return ImportRules.model_validate(data)
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise RulesError(f"{source}: {details}") from None


def rules_findings(root: Path) -> list[tuple[str, int, int, str]]:
    """What is wrong with a repository's import-rules.toml, as (file, line, column, message)
    for `pcsm validate`: a broken rules file would otherwise only show at the next import."""
    path = root / RULES_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return [(RULES_FILE, 1, 1, f"not UTF-8 text: {error.reason}")]
    try:
        extra = loads(text)
    except TomlSyntaxError as error:
        return [(RULES_FILE, error.line, error.column, f"invalid TOML: {error.message}")]
    found = []
    for data in (extra, _merge(_default_data(), extra)):
        try:
            ImportRules.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])
                line, column = locate(text, loc)
                where = ".".join(str(p) for p in loc)
                found.append((RULES_FILE, line, column, f"{where}: {detail['msg']}"))
            break
    return found
