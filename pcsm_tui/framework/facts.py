"""The few framework facts the first screen needs, read without pydantic.

The portfolio must paint fast (design: under half a second), so it reads phase names and
onboarding bands straight from the TOML with tomllib; the full validated framework is
loaded when an engagement is opened.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..safeio import Unreadable, read_regular, read_toml_quietly

SHIPPED = Path(__file__).parent / "data" / "framework.toml"
"""The shipped framework, read as the file it is: `importlib.resources.files` loads its
readers (and `zipfile`) on first use, ~3-5 ms before the portfolio's first frame, for a
package that is always installed as files (issue 16)."""


@dataclass(frozen=True)
class Band:
    name: str
    low: int
    high: int


@dataclass(frozen=True)
class PortfolioFacts:
    phase_names: dict[int, str]
    bands: tuple[Band, ...]
    risk_high: int
    """The top of the repository's risk scale (likelihood and severity)."""

    def band_for(self, total: int) -> Band | None:
        return next((b for b in self.bands if b.low <= total <= b.high), None)


def _read(path: Path) -> dict[str, Any]:

    return read_toml_quietly(path)


def _table(data: Any, key: str) -> dict[str, Any]:
    """`data[key]` if both are tables; {} for anything a hand edit may have put there."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _scale_top(text: Any) -> int | None:
    """The top of a scale text like `0..5`, within the bounds models/scales.py enforces."""
    parts = str(text).replace(" ", "").split("..")
    try:
        low, high = int(parts[0]), int(parts[1].lstrip("+"))
    except (IndexError, ValueError):
        return None
    return high if len(parts) == 2 and low < high and high - low <= 100 else None


def facts_fingerprint(root: Path) -> bytes:
    """Everything `portfolio_facts` is made from, as bytes: equal bytes, equal facts.
    Cheaper than the facts (no parsing), so the row cache can be checked without them."""

    parts = [SHIPPED.read_bytes()]
    for name in ("framework.toml", "pcsm.toml"):
        try:
            parts.append(read_regular(root / name))
        except (OSError, Unreadable):
            parts.append(b"")
    return b"\0".join(parts)


@functools.cache
def _shipped() -> dict[str, Any]:
    """The shipped framework's TOML, parsed once per process: it is part of the installed
    package and cannot change while pcsm runs, and the first screen needs it twice (plan
    months for the row cache, bands and phases for the rows). Callers only read it."""
    return tomllib.loads(SHIPPED.read_text(encoding="utf-8"))


def support_months(root: Path) -> int:
    """`[health] support_months` of the framework (the team's value first), with tomllib."""
    shipped = _shipped()
    value = _table(_read(root / "framework.toml"), "health").get("support_months")
    if not isinstance(value, int) or isinstance(value, bool):
        value = shipped.get("health", {}).get("support_months", 6)
    return max(0, int(value))


def _bands(shipped: list[dict[str, Any]], changes: dict[str, Any]) -> tuple[Band, ...]:
    """The onboarding bands with the team's renames, removals, changes and additions
    (framework.toml [items.onboarding_bands]); anything malformed is left out here, and
    `pcsm validate` names it."""
    rows = {str(b["id"]): dict(b) for b in shipped}
    for band_id, name in _table(changes, "rename").items():
        if band_id in rows:
            rows[band_id]["name"] = name
    for band_id, fields in _table(changes, "change").items():
        if band_id in rows and isinstance(fields, dict):
            rows[band_id].update(fields)
    removed = changes.get("remove")
    for band_id in removed if isinstance(removed, list) else []:
        rows.pop(str(band_id), None)
    added = changes.get("add")
    for row in added if isinstance(added, list) else []:
        if isinstance(row, dict):
            rows[str(row.get("id"))] = row
    bands = []
    for row in rows.values():
        try:
            bands.append(Band(str(row["name"]), int(row["min"]), int(row["max"])))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(bands)


def portfolio_facts(root: Path) -> PortfolioFacts:
    """The little of the framework the portfolio shows (read by `facts_fingerprint` too)."""
    shipped = _shipped()
    names = {int(p["number"]): str(p["name"]) for p in shipped.get("phases", [])}
    custom = _read(root / "framework.toml")
    for number, name in _table(_table(custom, "phases"), "rename").items():
        if str(number).isdigit():
            names[int(number)] = str(name)
    removed = _table(custom, "phases").get("remove")
    for number in removed if isinstance(removed, list) else []:
        if isinstance(number, int) and number in names:
            names[number] = "(removed from the framework)"
    added = _table(custom, "phases").get("add")
    for row in added if isinstance(added, list) else []:  # a team's own phase
        if isinstance(row, dict) and isinstance(row.get("number"), int) and row.get("name"):
            names[row["number"]] = str(row["name"])
    bands = _bands(
        shipped.get("onboarding_bands", []), _table(_table(custom, "items"), "onboarding_bands")
    )
    risk = (
        _table(_read(root / "pcsm.toml"), "scales").get("risk")
        or _table(custom, "scales").get("risk")
        or shipped.get("scales", {}).get("risk", "0..5")
    )
    return PortfolioFacts(names, bands, _scale_top(risk) or 5)


def facts_code() -> bytes:
    """The source of this module: a kept copy of the facts (`facts_to_json`) is used only
    with the code that made it."""
    return Path(__file__).read_bytes()


def facts_to_json(facts: PortfolioFacts, months: int) -> dict[str, Any]:
    """The facts and the plan months as JSON data, to be kept under their fingerprint."""
    return {
        "phases": {str(number): name for number, name in facts.phase_names.items()},
        "bands": [[band.name, band.low, band.high] for band in facts.bands],
        "risk_high": facts.risk_high,
        "months": months,
    }


def facts_from_json(data: Any) -> tuple[PortfolioFacts, int]:
    """`facts_to_json` read back; KeyError, TypeError or ValueError for anything else."""
    phases = {int(number): str(name) for number, name in data["phases"].items()}
    bands = tuple(Band(str(name), int(low), int(high)) for name, low, high in data["bands"])
    return PortfolioFacts(phases, bands, int(data["risk_high"])), int(data["months"])
