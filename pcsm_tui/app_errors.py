"""Kept as a name only: errors are put into words by `pcsm_tui.errors.explain` (one function
for the CLI and the app); the tool editor still imports this name until its split lands."""

from __future__ import annotations

from .errors import explain_validation

__all__ = ["explain_validation"]
