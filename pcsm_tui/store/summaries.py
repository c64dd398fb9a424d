"""Portfolio summaries: one small file per engagement, `.pcsm/summaries/<slug>.toml`, with
what the portfolio shows of an engagement (customer, CSM, phase, onboarding band, open high
risks, readiness).

Why: a sparse clone (`pcsm clone --mine`, store/sparse.py) holds only one CSM's engagement
folders, yet its portfolio must still list every engagement, and `--mine` must know whose
an engagement is without fetching its files. The summaries are in every sparse set
(`.pcsm/` is shared), a few hundred bytes each.

Why one file per engagement and not one index: two CSMs syncing different engagements
change different files, so git merges them without a conflict.

A repository starts keeping them with `pcsm sparse init` (in a full clone: every summary,
one commit); a repository without the folder gets none, so nothing changes for a team that
never clones with `--mine`. From then on `pcsm sync`, after its merge and validation and
before its push, rewrites the summaries of the engagements this clone checks out whose row
changed (and drops those of engagements HEAD no longer holds), as one commit. Only fields
that follow from the files alone are kept (nothing that depends on today's date, such as
overdue items or health), so two clones write the same bytes for the same files and a
summary changes only when its engagement does. Written only after merging, a summary never
conflicts with a teammate's unless both pushed a summary of the same engagement at once;
then sync takes theirs and writes it again from the merged files.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analysis.portfolio import engagement_row
from ..errors import PcsmError
from ..framework.facts import PortfolioFacts, portfolio_facts
from ..safeio import read_toml_quietly
from .git import GitService
from .layout import ENGAGEMENTS_DIR, Layout, check_slug
from .lock import locked
from .sparse import committed_engagements
from .toml_codec import dumps_new

SUMMARY_DIR = ".pcsm/summaries"
HEADER = (
    "Written by pcsm sync: what the portfolio shows of this engagement in a clone that does\n"
    "not hold its files (pcsm clone --mine). Do not edit: the next sync writes it again."
)
ACTION = "Pcsm-Action: summaries"


def summary_rel(slug: str) -> str:
    """`.pcsm/summaries/SLUG.toml` (the slug is checked: it becomes a file name)."""
    return f"{SUMMARY_DIR}/{check_slug(slug)}.toml"


@dataclass(frozen=True)
class Summary:
    customer: str
    csm: str
    phase: int
    band: str = ""
    high_risks: int = 0
    readiness: float | None = None

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "customer": self.customer,
            "csm": self.csm,
            "phase": self.phase,
            "band": self.band,
            "high_risks": self.high_risks,
        }
        if self.readiness is not None:
            data["readiness"] = round(self.readiness, 4)
        return data


def summarize(root: Path, slug: str, facts: PortfolioFacts | None = None) -> Summary:
    """The summary of the engagement folder on disk (read as the portfolio reads it)."""
    folder = root / ENGAGEMENTS_DIR / slug
    row = engagement_row(folder, facts or portfolio_facts(root), dt.date.today())
    return Summary(row.customer, row.csm, row.phase, row.band, row.high_risks, row.readiness)


def render(summary: Summary) -> str:
    return dumps_new(summary.data(), header=HEADER)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def read_summary(root: Path, slug: str) -> Summary | None:
    """The summary of `slug` as committed, or None when there is none or it does not read
    (a link, too big, bad TOML: safeio refuses it quietly); wrong types become empty."""
    data = read_toml_quietly(root / summary_rel(slug))
    if not data:
        return None
    readiness = data.get("readiness")
    return Summary(
        customer=_text(data.get("customer")),
        csm=_text(data.get("csm")),
        phase=_int(data.get("phase"), 1),
        band=_text(data.get("band")),
        high_risks=_int(data.get("high_risks")),
        readiness=float(readiness)
        if isinstance(readiness, int | float) and not isinstance(readiness, bool)
        else None,
    )


def summaries_by_csm(root: Path) -> dict[str, str]:
    """slug -> CSM id of every engagement with a summary in the work tree."""
    folder = root / SUMMARY_DIR
    found: dict[str, str] = {}
    if not Layout(root).is_real_folder(SUMMARY_DIR):
        return found
    for path in sorted(folder.glob("*.toml")):
        summary = read_summary(root, path.stem) if _is_slug(path.stem) else None
        if summary is not None:
            found[path.stem] = summary.csm
    return found


def _is_slug(name: str) -> bool:
    try:
        check_slug(name)
    except ValueError:
        return False
    return True


def refresh(root: Path, only: set[str] | None = None) -> list[str]:
    """Write the summaries that differ from this clone's engagement folders (of the slugs
    in `only` and of any without a summary; None: every one), remove those of engagements
    HEAD does not hold; returns the repository paths changed. Nothing when the repository
    does not keep summaries (no `.pcsm/summaries/` folder)."""
    changed: list[str] = []
    if not Layout(root).is_real_folder(SUMMARY_DIR):
        return changed  # none kept, or a link (a committed link must not lead writes away)
    on_disk = Layout(root).engagements()
    facts = functools.cache(lambda: portfolio_facts(root))  # read once, only if needed
    for slug in on_disk:
        rel = summary_rel(slug)
        if only is not None and slug not in only and (root / rel).is_file():
            continue  # unchanged since the summary was written: a sync reads no more
        text = render(summarize(root, slug, facts()))
        path = root / rel
        try:
            current = path.read_text(encoding="utf-8") if not path.is_symlink() else None
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            if path.is_symlink() or path.is_dir():
                continue  # not pcsm's to replace; validate names links elsewhere
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(rel)
    kept = set(committed_engagements(root)) | set(on_disk)
    folder = root / SUMMARY_DIR
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            if _is_slug(path.stem) and path.stem not in kept and path.is_file():
                path.unlink()
                changed.append(f"{SUMMARY_DIR}/{path.name}")
    return changed


def changed_engagements(git: GitService, *since: str | None) -> set[str] | None:
    """The engagements whose files differ between HEAD and any of the commits `since`
    (None among them: every engagement)."""
    if any(rev is None for rev in since):
        return None
    slugs: set[str] = set()
    for rev in since:
        assert rev is not None
        names = git.out("diff", "--name-only", "--no-renames", "-z", rev, "HEAD", "--")
        for rel in names.split("\0"):
            parts = rel.split("/")
            if len(parts) > 2 and parts[0] == ENGAGEMENTS_DIR:
                slugs.add(parts[1])
    return slugs


def commit_refresh(
    git: GitService, only: set[str] | None = None, start: bool = False, by: str = "pcsm sync"
) -> str | None:
    """`refresh` and, when anything changed, one commit of exactly those files; `start`
    makes the folder first (`pcsm sparse init`)."""
    folder = git.root / SUMMARY_DIR
    if start and not Layout(git.root).is_real_folder(SUMMARY_DIR):
        if any(p.is_symlink() for p in (folder, folder.parent)) or folder.exists():
            raise SummaryError(f"{SUMMARY_DIR} is not a folder (a link or a file): remove it")
        folder.mkdir(parents=True)
    changed = refresh(git.root, only)
    if not changed:
        return None
    slugs = [rel.rsplit("/", 1)[1].removesuffix(".toml") for rel in changed]
    shown = ", ".join(slugs[:3]) + (f" and {len(slugs) - 3} more" if len(slugs) > 3 else "")
    message = f"portfolio summaries: {shown} ({by})\n\n{ACTION}\n"
    return git.commit(changed, message, stage=changed)


class SummaryError(PcsmError):
    """The summaries cannot be written here; the message says why."""


def take_theirs(git: GitService) -> list[str]:
    """Settle merge conflicts in summary files with the incoming side (sync writes them
    again from the merged engagement files); returns the paths settled."""
    settled = [rel for rel in git.unmerged_paths() if rel.startswith(f"{SUMMARY_DIR}/")]
    for rel in settled:
        status, _, _ = git.run("checkout", "--theirs", "--", rel, check=False)
        if status != 0:  # deleted on their side
            git.run("rm", "--quiet", "--cached", "--ignore-unmatch", "--", rel)
            (git.root / rel).unlink(missing_ok=True)
        else:
            git.run("add", "--", rel)
    return settled


@locked("writing portfolio summaries")
def start_summaries(root: Path) -> str | None:
    """`pcsm sparse init`: every engagement's summary as one commit (None: all current)."""
    return commit_refresh(GitService(root), start=True, by="pcsm sparse init")
