"""Every `pcsm` subcommand, in the order the help lists them.

A new command is a module here with a `Command` and one line in COMMANDS.
"""

from __future__ import annotations

from .base import Command, fail
from .blame import BLAME
from .checks import SCHEMAS, VALIDATE
from .clone import CLONE, SPARSE
from .decide import DECIDE
from .demo import DEMO
from .diff import DIFF
from .exchange import EXPORT, IMPORT
from .fields import GET, SET
from .framework import FRAMEWORK
from .guide import GUIDE, REPORT
from .history import LOG, MERGE_DRIVER
from .knowledge import KNOWLEDGE
from .people import PEOPLE
from .privacy import FORGET, PRIVACY
from .recover import RECOVER
from .repository import INIT, NEW
from .shell import COMPLETION, MAN
from .sync import SYNC
from .template import TEMPLATE

COMMANDS: tuple[Command, ...] = (INIT, NEW, VALIDATE, SCHEMAS, DEMO)
COMMANDS += (LOG, DIFF, SYNC, MERGE_DRIVER)
COMMANDS += (BLAME,)
COMMANDS += (EXPORT, IMPORT)
COMMANDS += (GUIDE, REPORT, DECIDE)
COMMANDS += (KNOWLEDGE,)
COMMANDS += (TEMPLATE,)
COMMANDS += (PEOPLE, FRAMEWORK)
COMMANDS += (COMPLETION, MAN)
COMMANDS += (FORGET, PRIVACY)
COMMANDS += (SET, GET, RECOVER)
COMMANDS += (CLONE, SPARSE)

__all__ = ["COMMANDS", "Command", "fail"]
