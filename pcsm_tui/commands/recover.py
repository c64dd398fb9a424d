"""`pcsm recover`: show a save that stopped half way, and finish, clean or forget it.

A save that was killed (or whose commit git refused) leaves its journal in `.git/pcsm/`;
pcsm then refuses to save anything else until a person decides (store/recovery.py).
Exit 0 nothing to do or done, 1 a decision is needed or refused, 2 usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import FAILED
from .base import Command, fail, refuse, say


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", type=Path, default=Path("."), help="the repository (default: .)")
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
    from ..store.journal import Decision
    from ..store.layout import SETTINGS_FILE
    from ..store.recovery import stale_index_lock
    from ..store.repository import NotARepository, Repository

    if not (args.repo / SETTINGS_FILE).is_file():
        return fail(str(NotARepository(args.repo)))
    from ..service import Workspace

    workspace = Workspace(args.repo)
    decision: Decision | None = (
        "finish" if args.finish else "clean" if args.clean else "forget" if args.forget else None
    )
    try:
        if decision is None:
            found = workspace.interrupted_save()
            note = stale_index_lock(Repository(args.repo).root)[0]
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
