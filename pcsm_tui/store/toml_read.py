"""Reading TOML text into data: tomllib (through safeio) with line and column on bad input.

Apart from toml_codec (which writes through tomlkit) because reading is what the first
screen does: the portfolio reads pcsm.toml's members and must not pay for loading tomlkit.
toml_codec re-exports `loads`, so callers that also write keep one import.
"""

from __future__ import annotations

from typing import Any

from ..safeio import TooDeep, parse
from .locate import index_positions


def loads(text: str) -> dict[str, Any]:
    """Parse TOML text; raise TomlSyntaxError with line and column on bad input.

    Nesting deeper than safeio.MAX_DEPTH is refused too (TooDeep, a TomlSyntaxError), so
    that no recursive reader downstream (models, merge, diff) can overflow the stack.
    """
    try:
        return parse(text)
    except TooDeep as error:
        if error.path and (error.line, error.column) == (1, 1):  # deep by keys, not brackets
            depth = len(error.path)
            places = [p for k, p in index_positions(text).items() if k[:depth] == error.path]
            error.line, error.column = min(places, default=(1, 1))
        raise


__all__ = ["loads"]
