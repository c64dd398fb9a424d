"""`pcsm clone URL [DIR] [--mine ID]` and `pcsm sparse list|add`: a clone with only one
CSM's engagements of a large repository (service_clone, store/cloning, docs/scale.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import PcsmError
from .base import Command, add_repo_option, completes, fail, refuse, say


def _configure_clone(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", help="the central repository's remote (any URL git accepts)")
    completes(
        parser.add_argument(
            "dir",
            nargs="?",
            type=Path,
            help="a new or empty folder (default: the URL's last part, without .git)",
        ),
        "dir",
    )
    parser.add_argument(
        "--mine",
        metavar="ID",
        help="check out only this team member's engagements (their CSM field) and the "
        "shared files; the portfolio still lists every engagement",
    )


def _default_dir(url: str) -> Path:
    name = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")
    return Path(name or "central")


def _clone(args: argparse.Namespace) -> int:
    # start-up: service_clone loads only when this runs
    from ..service_clone import clone

    target: Path = args.dir or _default_dir(args.url)
    try:
        done = clone(args.url, target, args.mine)
    except PcsmError as error:  # the folder not empty, git failed (1), no such member (2)
        return refuse(error)
    if not done.sparse:
        say(f"cloned into {target}: {done.engagements} engagement(s)")
        return 0
    say(
        f"cloned into {target} with {len(done.mine)} of {done.engagements} engagement(s), "
        f"those of {args.mine}: {', '.join(done.mine) or 'none yet'}"
    )
    if done.unsummarized:
        say(
            f"{len(done.unsummarized)} engagement(s) have no portfolio summary yet, so whose "
            f"they are is unknown: {', '.join(done.unsummarized[:5])}"
            + (" …" if len(done.unsummarized) > 5 else "")
        )
    say(
        "The portfolio lists every engagement; the others are marked 'not in this clone'. "
        "`pcsm sparse add SLUG` adds one (git fetches its files); `pcsm sync` works as usual."
    )
    return 0


def _configure_sparse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "what",
        choices=("list", "add", "init"),
        help="list: the engagements this clone holds and those it does not; add: check "
        "out more engagements; init (in a full clone): start keeping the portfolio "
        "summaries --mine needs, as one commit (sync keeps them current)",
    )
    completes(
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="engagements to add"),
        "engagement",
    )
    add_repo_option(parser)


def _sparse(args: argparse.Namespace) -> int:
    # start-up: service_setup loads only when this runs
    from ..service_setup import open_workspace

    try:
        workspace = open_workspace(args.repo)
        if args.what == "add":
            if not args.slugs:
                return fail("name the engagements to add: pcsm sparse add SLUG [SLUG ...]")
            workspace.add_to_clone(list(args.slugs))
            say(f"added to this clone: {', '.join(args.slugs)}")
            return 0
        if args.slugs:
            return fail(f"pcsm sparse {args.what} takes no engagement")
        if args.what == "init":
            commit = workspace.start_summaries()
            if commit is None:
                say("every engagement's summary is current; nothing to commit")
            else:
                say(
                    f"portfolio summaries written as one commit ({commit[:12]}); push them "
                    "with `pcsm sync`, then teammates can `pcsm clone URL --mine ID`"
                )
            return 0
        absent = workspace.absent_engagements()
        here = workspace.engagement_slugs()
        if not workspace.is_sparse_clone():
            say(f"a full clone: all {len(here)} engagement(s) are here")
            return 0
        say(f"in this clone ({len(here)}): {', '.join(here) or 'none'}")
        say(f"not in this clone ({len(absent)}): {', '.join(absent) or 'none'}")
        return 0
    except PcsmError as error:  # not a repository (2), not sparse or git failed (1)
        return refuse(error)


CLONE = Command(
    "clone",
    "pcsm clone URL [DIR] [--mine ID]",
    "clone the central repository; --mine: only your engagements plus the shared files",
    _configure_clone,
    _clone,
)
SPARSE = Command(
    "sparse",
    "pcsm sparse list|add SLUG...|init",
    "the engagements a --mine clone holds; add more; init: keep the summaries --mine needs",
    _configure_sparse,
    _sparse,
)
