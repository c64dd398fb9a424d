"""`pcsm recover`: show a save that stopped half way, and finish, clean or forget it.

A save that was killed (or whose commit git refused) leaves its journal in `.git/pcsm/`;
pcsm then refuses to save anything else until a person decides (store/recovery.py).
Exit 0 nothing to do or done, 1 a decision is needed or refused, 2 usage.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import FAILED
from .base import Command, add_repo_option, fail, refuse, say

if TYPE_CHECKING:
    from ..gateway import Decision


def _configure(parser: argparse.ArgumentParser) -> None:
    add_repo_option(parser)
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--finish", action="store_true", help="write what is missing and make the planned commit"
    )
    group.add_argument("--clean", action="store_true", help="put every file back as it was")
    group.add_argument(
        "--forget",
        action="store_true",
        help="leave the files as they are (uncommitted) and drop the record; also removes a "
        "git index.lock shown to be left by a pcsm that is no longer running",
    )


def _run(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import NotARepository
    from ..service_setup import workspace_at

    try:
        workspace = workspace_at(args.repo)
    except NotARepository as error:
        return fail(str(error))
    decision: Decision | None = (
        "finish" if args.finish else "clean" if args.clean else "forget" if args.forget else None
    )
    try:
        if decision is None:
            found = workspace.interrupted_save()
            note = workspace.stale_git_locks_note()
            if found is None:
                say("no interrupted save" + (f"\n{note}" if note else ""))
                return 0
            say(found)
            return 1
        say(workspace.recover(decision))
    except Exception as error:  # git's or the file system's own words; nothing is hidden
        return refuse(error, FAILED)
    return 0


RECOVER = Command(
    "recover",
    "pcsm recover [--finish|--clean|--forget]",
    "show a save that stopped half way (a crash), and finish, clean or forget it",
    _configure,
    _run,
)
