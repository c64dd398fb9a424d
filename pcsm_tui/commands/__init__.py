"""Every `pcsm` subcommand, in the order the help lists them.

A new command is a module here with a `Command` and one line in COMMANDS.
"""

from __future__ import annotations

from .base import Command, fail
from .checks import SCHEMAS, VALIDATE
from .demo import DEMO
from .repository import INIT, NEW

COMMANDS: tuple[Command, ...] = (INIT, NEW, VALIDATE, SCHEMAS, DEMO)

__all__ = ["COMMANDS", "Command", "fail"]
