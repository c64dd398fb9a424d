"""A person's overview on the People screen, as one `Content`: every piece is data (names,
plans, notes) and goes in through `content()` as plain text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ..plain import Part, content

if TYPE_CHECKING:
    from ...analysis.people import PersonView


def _bar(hours: float, most: float, width: int = 20) -> str:
    """A bar for an hours total, scaled to the largest one (empty when nothing logged)."""
    if most <= 0 or hours <= 0:
        return ""
    return "█" * max(1, round(width * hours / most))


def overview_content(view: PersonView) -> Content:
    parts: list[Part] = [(view.name, "bold")]
    profile = view.profile
    facts = [v for v in (profile.role, profile.team) if v]
    if facts:
        parts.append(" · " + " · ".join(facts))
    if profile.manager:
        parts.append(f"\nManager: {profile.manager}")
    for problem in view.problems:
        parts.append((f"\n⚠ left out: {problem}", "bold red"))

    parts.append(("\n\nPersonal evaluation", "bold"))
    latest, earlier = view.latest, view.earlier
    if latest is None:
        parts.append("\n  none yet (Personal evaluations: a adds one)")
    else:
        against = f" against {earlier.date}" if earlier else ""
        parts.append(f" · {latest.date}{against} · {len(view.evaluations.evaluations)} in all")
        width = max((len(a.name) for a in view.areas), default=0)
        lowest = view.focus.areas if view.focus else ()
        focus = set(lowest)
        for area in view.areas:
            now = latest.scores.get(area.id)
            before = earlier.scores.get(area.id) if earlier else None
            shown = "—" if now is None else f"{now:>2}"
            change = ""
            if now is not None and before is not None and now != before:
                change = f"  ({'+' if now > before else ''}{now - before})"
            parts.append(f"\n  {area.id} {area.name:<{width}}  {shown}{change}")
            if area.id in focus:
                parts.append(("  ← focus", "bold"))
        named = ", ".join(f"{a} {view.area_name(a)}" for a in lowest)
        parts.append(("\n  CPD focus (the lowest areas): ", "bold"))
        parts.append(named or "none stands out")

    plan = view.development
    parts.append(("\n\nDevelopment plan", "bold"))
    parts.append(f"\n  Vision: {plan.vision or '—'}")
    done = sum(1 for a in plan.activities if a.done)
    parts.append(
        f"\n  {len(plan.csfs)} critical success factors · "
        f"{done} of {len(plan.activities)} activities done"
    )
    for activity in plan.activities:
        if not activity.done:
            when = f" (by {activity.target_date})" if activity.target_date else ""
            parts.append(f"\n  [ ] {activity.activity}{when}")
    if plan.reviews:
        review = max(plan.reviews, key=lambda r: r.quarter)
        who = f" with {review.reviewer}" if review.reviewer else ""
        parts.append(f"\n  Last review {review.quarter}{who}: {review.notes or review.progress}")

    parts.append(("\n\nEngagements", "bold"))
    for engagement in view.engagements:
        parts.append(
            f"\n  {engagement.customer} ({engagement.slug}) · phase {engagement.phase} · "
            f"{engagement.status} · {engagement.hours:g} h"
        )
    if not view.engagements:
        parts.append("\n  none as CSM")

    parts.append(("\n\nHours by RAPAE category", "bold"))
    most = max((hours for _, _, hours in view.hours), default=0.0)
    width = max((len(name) for _, name, _ in view.hours), default=0)
    for _, name, hours in view.hours:
        parts.append(f"\n  {name:<{width}} {hours:>6g}  {_bar(hours, most)}")
    return content(*parts)


__all__ = ["overview_content"]
