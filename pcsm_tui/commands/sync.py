"""`pcsm sync`: pull with the structured merge, validate, push (store/sync.py does the work)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ..errors import PcsmError
from .base import Command, add_repo_option, fail, refuse, say

if TYPE_CHECKING:
    from ..gateway import Action, FileConflicts, SyncResult

HOW_TO_RESOLVE = """\
To resolve, edit each file above: where git left markers (<<<<<<< ours, ||||||| base,
=======, >>>>>>> theirs) keep the value you choose and delete the markers; where the merged
file is not valid, fix what is reported (`pcsm validate` shows file:line). Then
`pcsm sync --continue` checks every file, commits the merge and pushes; `pcsm sync --abort`
gives the merge up. Your local commits are kept either way.
Or in the app (`pcsm`): S opens the conflict view, ours, theirs or an edit, field by field."""


def _configure(parser: argparse.ArgumentParser) -> None:
    add_repo_option(parser)
    parser.add_argument("--remote", help="the remote to sync with (default: the branch's, origin)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--continue",
        dest="continue_",
        action="store_true",
        help="finish an unfinished merge once its conflicts are resolved",
    )
    group.add_argument("--abort", action="store_true", help="give up an unfinished merge")
    parser.add_argument(
        "--status", action="store_true", help="only show branch, remote, ahead/behind, unpushed"
    )


def _short(value: Any, absent: bool) -> str:
    if absent:
        return "(absent)"
    if isinstance(value, str):
        first = value.splitlines()[0] if value.strip() else ""
        more = "…" if "\n" in value.strip() or len(first) > 60 else ""
        return repr(first[:60]) + more
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    if isinstance(value, list):
        return f"[{len(value)} items]"
    return "(empty)" if value is None else str(value)


def conflict_lines(files: list[FileConflicts]) -> list[str]:
    lines: list[str] = []
    for file in files:
        lines.append(f"  {file.rel}")
        if not file.conflicts:
            lines.append("    conflicting lines (git's markers; no field-level detail recorded)")
        for record in file.conflicts:
            what = {
                "both-changed": "changed differently on both sides",
                "delete-modify": "deleted on one side, changed on the other",
                "text": "text changed on both sides in the same lines",
                "order": "rows reordered differently on both sides",
                "invalid": "merged cleanly but the result is not valid",
                "unparseable": "a version is not valid TOML; merged by lines",
            }.get(str(record.get("kind")), str(record.get("kind")))
            label = record.get("label") or "(whole file)"
            note = f" ({record['note']})" if record.get("note") else ""
            lines.append(f"    {label}: {what}{note}")
            if record.get("kind") not in ("invalid", "unparseable"):
                absent = set(record.get("absent", []))
                values = "   ".join(
                    f"{side}: {_short(record.get(side), side in absent)}"
                    for side in ("base", "ours", "theirs")
                )
                lines.append(f"        {values}")
    return lines


def report(result: SyncResult) -> None:
    status = result.status
    say(f"pcsm sync: {status.summary()}")
    stream = sys.stdout if result.exit_code == 0 else sys.stderr
    say(result.message, file=stream)
    if result.findings:
        for finding in result.findings:
            say(f"  {finding}", file=stream)
    if result.conflicts:
        say(f"{len(result.conflicts)} file(s) with conflicts:", file=stream)
        say("\n".join(conflict_lines(result.conflicts)), file=stream)
        say(HOW_TO_RESOLVE, file=stream)
    if result.outcome == "remote-error" and status.unpushed:
        say(f"{status.ahead} local commit(s) not pushed yet; run `pcsm sync` to retry.")


def _run(args: argparse.Namespace) -> int:
    # start-up: the gateway loads each name's module when it is first asked for
    from ..gateway import GitError

    # start-up: the sync alone, not the Workspace (service_sync.Syncing says why)
    from ..service_sync import Syncing, syncing_at

    if not args.repo.is_dir():
        return fail(f"{args.repo} is not a folder")
    try:
        if args.status:
            now = Syncing(args.repo).remote_status(args.remote)
            say(now.summary())
            for commit in now.unpushed:
                say(f"  {commit.sha[:12]} {commit.date[:10]} {commit.subject}")
            return 0
        action: Action = "continue" if args.continue_ else "abort" if args.abort else "sync"
        result = syncing_at(args.repo).sync_with(args.remote, action)
    except GitError as error:
        return fail(f"git failed: {error.stderr or error}")
    except PcsmError as error:  # no repository here (2), the lock not free (1)
        return refuse(error)
    report(result)
    return result.exit_code


SYNC = Command(
    "sync",
    "pcsm sync [--continue|--abort]",
    "pull (structured merge), validate, push; exit 1 conflicts/invalid, 2 remote",
    _configure,
    _run,
)
