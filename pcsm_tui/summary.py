"""A one-screen text summary of a repository (what `pcsm demo --no-open` prints)."""

from __future__ import annotations

import datetime as dt

from .analysis.portfolio import engagement_row
from .framework.facts import portfolio_facts
from .store.repository import Repository


def portfolio_summary(repo: Repository, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    scales = repo.scales()
    facts = portfolio_facts(repo.root)
    rows = [
        engagement_row(repo.layout.engagement_dir(slug), facts, today)
        for slug in repo.engagements()
    ]
    commits = repo.git.log(max_count=1)
    lines = [
        f"{repo.settings.name} — {len(rows)} engagement(s), {len(repo.layout.people())} "
        f"people, support scale {scales['support']}"
    ]
    if commits:
        last = commits[0]
        lines.append(f"last change {last.date[:10]} by {last.author}: {last.subject}")
    header = (
        f"{'engagement':<18} {'customer':<28} {'CSM':<12} {'phase':<26} "
        f"{'onboarding':<16} {'high risks':>10} {'ready':>6} {'overdue':>7}"
    )
    lines += ["", header, "-" * len(header)]
    for row in rows:
        ready = f"{row.readiness:.0%}" if row.readiness is not None else "—"
        customer = f"! {row.customer[:26]}" if row.problem else row.customer[:28]
        lines.append(
            f"{row.slug:<18} {customer:<28} {row.csm[:12]:<12} "
            f"{f'{row.phase} {row.phase_name}'[:26]:<26} {row.band or '—':<16} "
            f"{row.high_risks:>10} {ready:>6} {row.overdue:>7}"
        )
    if not rows:
        lines.append("(no engagements yet: pcsm new SLUG --customer NAME)")
    unreadable = [f"{row.slug}: {row.problem}" for row in rows if row.problem]
    unreadable += [problem.located() for problem in repo.unreadable_settings()]
    if unreadable:
        lines += ["", "files pcsm cannot read (`pcsm validate` lists every problem):"]
        lines += [f"  {line}" for line in unreadable]
    return "\n".join(lines)
