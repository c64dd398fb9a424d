"""Validation errors in words a person can act on (used by the app and the CLI)."""

from __future__ import annotations

from pydantic import ValidationError


def explain_validation(error: ValidationError) -> str:
    """The first problem, with where it is: `risks[2].likelihood: … (got 9)`."""
    first = error.errors()[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    message = str(first["msg"]).removeprefix("Value error, ")
    if first.get("type") in ("less_than_equal", "greater_than_equal", "int_parsing"):
        message += f" (got {first.get('input')!r})"
    return f"{where}: {message}" if where else message
