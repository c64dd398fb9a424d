"""A one-screen text summary of a repository (what `pcsm demo --no-open` prints, and
`pcsm PATH` when its output is not a terminal): one line per engagement with its health,
and for each engagement that is not green, why."""

from __future__ import annotations

import datetime as dt

from .analysis.portfolio import GuideContext, engagement_row, with_last_change
from .framework.facts import portfolio_facts
from .service import Workspace
from .store.repository import Repository

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: tuple[float, ...]) -> str:
    """Support (0..10) per month as block characters, oldest first."""
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / 10 * len(SPARKS)))] for v in values)


def portfolio_summary(repo: Repository, today: dt.date | None = None) -> str:

    today = today or dt.date.today()
    scales = repo.scales()
    facts = portfolio_facts(repo.root)
    context = GuideContext(repo.framework, scales)
    workspace = Workspace(repo.root, today)
    last = workspace.last_changes()
    names = workspace.member_names()  # the CSM by name, as the app shows it
    rows = [
        with_last_change(
            engagement_row(repo.layout.engagement_dir(slug), facts, today, context),
            dt.date.fromisoformat(last[slug].when) if slug in last else None,
            today,
            repo.framework.health,
        )
        for slug in repo.engagements()
    ]
    commits = repo.git.log(max_count=1)
    lines = [
        f"{repo.settings.name} — {len(rows)} engagement(s), {len(repo.layout.people())} "
        f"people, support scale {scales['support']}"
    ]
    if commits:
        last_commit = commits[0]
        lines.append(
            f"last change {last_commit.date[:10]} by {last_commit.author}: {last_commit.subject}"
        )
    header = (
        f"{'engagement':<18} {'customer':<24} {'CSM':<12} {'phase':<24} "
        f"{'onboarding':<15} {'risks':>5} {'ready':>5} {'overdue':>7} {'health':<6} support"
    )
    lines += ["", header, "-" * len(header)]
    for row in rows:
        ready = f"{row.readiness:.0%}" if row.readiness is not None else "—"
        customer = f"! {row.customer[:22]}" if row.problem else row.customer[:24]
        csm = names.get(row.csm, row.csm)
        lines.append(
            f"{row.slug:<18} {customer:<24} {csm[:12]:<12} "
            f"{f'{row.phase} {row.phase_name}'[:24]:<24} {row.band or '—':<15} "
            f"{row.high_risks:>5} {ready:>5} {row.overdue:>7} {row.health or '—':<6} "
            f"{sparkline(row.support_trend)}"
        )
    absent = workspace.absent_engagements()
    if absent:  # a --mine clone: the others exist, their files are not here
        lines.append(
            f"not in this clone ({len(absent)}, `pcsm sparse add SLUG` adds one): "
            + ", ".join(absent[:10])
            + (" …" if len(absent) > 10 else "")
        )
    if not rows and not absent:
        lines.append("(no engagements yet: pcsm new SLUG --customer NAME)")
    flagged = [row for row in rows if row.health in ("amber", "red")]
    if flagged:
        lines.append("")
        for row in flagged:
            lines.append(f"{row.slug} is {row.health}: " + "; ".join(row.health_reasons))
    unreadable = [f"{row.slug}: {row.problem}" for row in rows if row.problem]
    unreadable += [problem.located() for problem in repo.unreadable_settings()]
    if unreadable:
        lines += ["", "files pcsm cannot read (`pcsm validate` lists every problem):"]
        lines += [f"  {line}" for line in unreadable]
    return "\n".join(lines)
